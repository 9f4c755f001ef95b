#!/usr/bin/env bash
# Build the libFuzzer targets with clang, ASan and UBSan, into DIR
# (default ./fuzz-build): libcore's sources (the list is read from
# Makefile.am, so it cannot drift) compiled with fuzzer instrumentation,
# linked with each tests/fuzz/fuzz_*.c.
#   tests/fuzz/build.sh [DIR]
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mkdir -p "${1:-fuzz-build}" && cd "${1:-fuzz-build}" && pwd)
flags="-g -O1 -std=gnu11 -fno-omit-frame-pointer"
# Every report aborts, so that libFuzzer keeps the input as a crash.
san="-fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all"

# config.h as configure makes it, for what libcore needs of it.
printf '#define _GNU_SOURCE 1\n#define PACKAGE_VERSION "fuzz"\n' > "$out/config.h"
core=$(awk '/^libcore_a_SOURCES/{on=1} on{print} on&&!/\\$/{exit}' \
	"$src/Makefile.am" | tr ' \t\\' '\n' | grep '\.c$')
objs=()
for f in $core; do
	o="$out/$(echo "$f" | tr / _).o"
	clang $flags $san -fsanitize=fuzzer-no-link -I"$out" -I"$src" \
		-I"$src/proc" $(pkg-config --cflags jansson) -c "$src/$f" -o "$o"
	objs+=("$o")
done
for t in "$src"/tests/fuzz/fuzz_*.c; do
	name=$(basename "$t" .c)
	clang $flags $san -fsanitize=fuzzer -I"$out" -I"$src" -I"$src/proc" \
		$(pkg-config --cflags jansson) "$t" "${objs[@]}" \
		$(pkg-config --libs jansson) -o "$out/$name"
	echo "built $out/$name"
done
