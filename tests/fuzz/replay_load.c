/*
 * fuzz_load.c's entry point under another name, so that
 * test_fuzz_replay links every target into one program.
 */
#define LLVMFuzzerTestOneInput	fuzz_replay_load
#include "tests/fuzz/fuzz_load.c"
