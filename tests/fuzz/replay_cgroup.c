/*
 * fuzz_cgroup.c's entry point under another name, so that
 * test_fuzz_replay links every target into one program.
 */
#define LLVMFuzzerTestOneInput	fuzz_replay_cgroup
#include "tests/fuzz/fuzz_cgroup.c"
