/*
 * Tests for proc/escape.c: control bytes, UTF-8 validation, the characters
 * that can reorder a terminal line, truncation and command-line joining.
 * No terminal and no locale needed.
 */
#include "config.h"

#include <CUnit/Basic.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc/escape.h"
#include "tests/runner.h"

#define OUT_SIZE	256

/* Escape len bytes and compare with want, and the return value too. */
static void
check_n(const char *in, size_t len, bool utf8, const char *want)
{
	char	out[OUT_SIZE];
	size_t	n;

	memset(out, 'Z', sizeof out);
	n = escape_bytes(in, len, utf8, out, sizeof out);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "\n  got '%s', want '%s'\n", out, want);
	CU_ASSERT_STRING_EQUAL(out, want);
	CU_ASSERT_EQUAL(n, strlen(want));
}

/* As check_n() for a NUL-terminated input. */
static void
check(const char *in, bool utf8, const char *want)
{
	check_n(in, strlen(in), utf8, want);
}

/* As check_n() for escape_cmdline(). */
static void
check_cmd(const char *in, size_t len, const char *want)
{
	char	out[OUT_SIZE];
	size_t	n;

	n = escape_cmdline(in, len, true, out, sizeof out);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "\n  got '%s', want '%s'\n", out, want);
	CU_ASSERT_STRING_EQUAL(out, want);
	CU_ASSERT_EQUAL(n, strlen(want));
}

static void
test_plain_ascii(void)
{
	check("", true, "");
	check("bash", true, "bash");
	check("a b ~!@#$%^&*()_+{}|:\"<>?`-=[];',./", false,
	    "a b ~!@#$%^&*()_+{}|:\"<>?`-=[];',./");
}

static void
test_terminal_sequences(void)
{
	check("\x1b]0;title\x07", true, "\\e]0;title\\x07");
	check("\x1b[2J", true, "\\e[2J");
	check("\x1b[31mred\x1b[0m", false, "\\e[31mred\\e[0m");
}

static void
test_c0_controls(void)
{
	check("a\nb", true, "a\\nb");
	check("a\tb", true, "a\\tb");
	check("a\rb", true, "a\\rb");
	check("\x07", true, "\\x07");
	check("\x01\x08\x0b\x0c\x1f", true, "\\x01\\x08\\x0b\\x0c\\x1f");
	check("\x7f", true, "\\x7f");
	check_n("a\0b", 3, true, "a\\x00b");
}

static void
test_backslash(void)
{
	check("a\\b", true, "a\\\\b");
	check("\\e", false, "\\\\e");
}

static void
test_utf8_valid(void)
{
	check("caf\xc3\xa9", true, "caf\xc3\xa9");		/* café */
	check("\xe6\x97\xa5\xe6\x9c\xac", true,
	    "\xe6\x97\xa5\xe6\x9c\xac");			/* 日本 */
	check("\xf0\x9f\x98\x80", true, "\xf0\x9f\x98\x80");	/* U+1F600 */
	check("\xed\x9f\xbf", true, "\xed\x9f\xbf");		/* U+D7FF */
	check("\xf4\x8f\xbf\xbf", true, "\xf4\x8f\xbf\xbf");	/* U+10FFFF */
	check("\xc2\xa0", true, "\xc2\xa0");			/* U+00A0 */
	check("\xe2\x80\xaf", true, "\xe2\x80\xaf");		/* U+202F */
}

static void
test_utf8_off(void)
{
	check("caf\xc3\xa9", false, "caf\\xc3\\xa9");
	check("\xe6\x97\xa5\xe6\x9c\xac", false,
	    "\\xe6\\x97\\xa5\\xe6\\x9c\\xac");
	check("\xc2\x85", false, "\\xc2\\x85");
	check("\xe2\x80\xae", false, "\\xe2\\x80\\xae");
}

static void
test_utf8_invalid(void)
{
	check("\xff", true, "\\xff");
	check("a\xfe" "b", true, "a\\xfeb");
	check("\x80", true, "\\x80");				/* lone tail */
	check("ab\xe6\x97", true, "ab\\xe6\\x97");		/* cut at end */
	check("\xe6\x97x", true, "\\xe6\\x97x");	/* cut by ASCII */
	check("\xc3\xc3\xa9", true, "\\xc3\xc3\xa9");		/* resync */
	check("\xf0\x9f\x98", true, "\\xf0\\x9f\\x98");
}

static void
test_utf8_overlong(void)
{
	check("\xc0\xaf", true, "\\xc0\\xaf");
	check("\xc1\xbf", true, "\\xc1\\xbf");
	check("\xe0\x80\xaf", true, "\\xe0\\x80\\xaf");
	check("\xf0\x80\x80\xaf", true, "\\xf0\\x80\\x80\\xaf");
}

static void
test_utf8_surrogate_and_range(void)
{
	check("\xed\xa0\x80", true, "\\xed\\xa0\\x80");		/* U+D800 */
	check("\xed\xbf\xbf", true, "\\xed\\xbf\\xbf");		/* U+DFFF */
	/* Above U+10FFFF, and a lead byte that can never occur. */
	check("\xf4\x90\x80\x80", true, "\\xf4\\x90\\x80\\x80");
	check("\xf5\x80\x80\x80", true, "\\xf5\\x80\\x80\\x80");
}

static void
test_c1_controls(void)
{
	check("\xc2\x85", true, "\\u0085");
	check("\xc2\x80", true, "\\u0080");
	check("\xc2\x9b" "2J", true, "\\u009b2J");		/* 8-bit CSI */
	check("\xc2\x9f", true, "\\u009f");
}

static void
test_reordering(void)
{
	check("ab\xe2\x80\xae" "cd", true, "ab\\u202ecd");	/* RLO */
	check("\xe2\x80\xaa", true, "\\u202a");
	check("\xe2\x81\xa6\xe2\x81\xa9", true, "\\u2066\\u2069");
	check("\xe2\x80\xa8\xe2\x80\xa9", true, "\\u2028\\u2029");
}

static void
test_invisible(void)
{
	check("a\xe2\x80\x8e" "b", true, "a\\u200eb");		/* LRM */
	check("\xe2\x80\x8f", true, "\\u200f");		/* RLM */
	check("\xd8\x9c", true, "\\u061c");			/* ALM */
	check("\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d", true,
	    "\\u200b\\u200c\\u200d");			/* zero widths */
	check("\xef\xbb\xbf" "sh", true, "\\ufeffsh");		/* BOM */
	check("\xe2\x81\xa0\xe2\x81\xa4", true, "\\u2060\\u2064");
	check("\xe2\x81\xaa\xe2\x81\xaf", true, "\\u206a\\u206f");
	/* Their neighbours are ordinary characters. */
	check("\xd8\x9b", true, "\xd8\x9b");			/* U+061B */
	check("\xe2\x80\x8a", true, "\xe2\x80\x8a");		/* U+200A */
	check("\xe2\x80\x90", true, "\xe2\x80\x90");		/* U+2010 */
	check("\xe2\x81\x9f", true, "\xe2\x81\x9f");		/* U+205F */
	check("\xe2\x81\xb0", true, "\xe2\x81\xb0");		/* U+2070 */
	check("\xef\xbb\xbe", true, "\xef\xbb\xbe");		/* U+FEFE */
	/* Two names that look alike on screen must differ in the output. */
	check("ssh\xe2\x80\x8b" "d", true, "ssh\\u200bd");
}

static void
test_state(void)
{
	const char	*s;

	for (s = "RSDZTtWXxKPI"; *s != '\0'; s++)
		CU_ASSERT_EQUAL(escape_state(*s), *s);
	CU_ASSERT_EQUAL(escape_state('\0'), '?');
	CU_ASSERT_EQUAL(escape_state('\x1b'), '?');
	CU_ASSERT_EQUAL(escape_state('\n'), '?');
	CU_ASSERT_EQUAL(escape_state('\x7f'), '?');
	CU_ASSERT_EQUAL(escape_state((char)0x9b), '?');
	CU_ASSERT_EQUAL(escape_state('['), '?');
	CU_ASSERT_EQUAL(escape_state(' '), '?');
}

static void
test_locale_independent(void)
{
	/* The C locale knows no UTF-8; the result must not change. */
	if (setlocale(LC_ALL, "C") == NULL)
		return;
	check("caf\xc3\xa9\xe2\x80\xae", true, "caf\xc3\xa9\\u202e");
	setlocale(LC_ALL, "");
}

static void
test_truncation(void)
{
	/* Pieces: "a" "\e" "日" "\\" "\xff" "\u202e"; cut only between. */
	static const char	in[] = "a\x1b\xe6\x97\xa5\\\xff\xe2\x80\xae";
	static const char	full[] = "a\\e\xe6\x97\xa5\\\\\\xff\\u202e";
	static const size_t	cuts[] = { 0, 1, 3, 6, 8, 12, 18 };
	char			out[OUT_SIZE];
	size_t			size, n, i, want;

	CU_ASSERT_EQUAL(escape_bytes(in, strlen(in), true, NULL, 0),
	    strlen(full));
	for (size = 1; size <= sizeof full + 2; size++) {
		memset(out, 'Z', sizeof out);
		n = escape_bytes(in, strlen(in), true, out, size);
		CU_ASSERT_EQUAL(n, strlen(full));
		want = 0;
		for (i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
			if (cuts[i] < size)
				want = cuts[i];
		CU_ASSERT_EQUAL(strlen(out), want);
		CU_ASSERT_NSTRING_EQUAL(out, full, want);
		CU_ASSERT_EQUAL(out[size], 'Z');	/* nothing past size */
	}
}

static void
test_truncation_stops(void)
{
	char	out[8];
	size_t	n;

	/* "\u202e" does not fit in 8 after "ab"; "c" would, but must not. */
	n = escape_bytes("ab\xe2\x80\xae" "c", 6, true, out, 8);
	CU_ASSERT_STRING_EQUAL(out, "ab");
	CU_ASSERT_EQUAL(n, 9);
	n = escape_cmdline("ab\0\x1b", 4, true, out, 5);
	CU_ASSERT_STRING_EQUAL(out, "ab ");
	CU_ASSERT_EQUAL(n, 5);
	n = escape_cmdline("ab\0cd", 5, true, NULL, 0);
	CU_ASSERT_EQUAL(n, 5);
}

static void
test_cmdline(void)
{
	check_cmd("ls\0-l\0", 6, "ls -l");
	check_cmd("ls\0-l", 5, "ls -l");
	check_cmd("a\0\0b\0", 5, "a  b");
	check_cmd("a\0\0\0", 4, "a");
	check_cmd("\0a\0", 3, " a");
	check_cmd("", 0, "");
	check_cmd("\0\0", 2, "");
	check_cmd("echo\0\x1b[31m\0a\\b\0", 15, "echo \\e[31m a\\\\b");
	check_cmd("\xc3\0x\0", 4, "\\xc3 x");
	check_cmd("vi\0\xe6\x97\xa5\0", 7, "vi \xe6\x97\xa5");
	check_cmd("a b\0c\nd\0", 8, "a b c\\nd");
}

/* An argument as a shell would quote it, never raw. */
static void
test_shell_word(void)
{
	static const struct {
		const char	*in;
		size_t		 len;
		const char	*want;
	} cases[] = {
		{ "/usr/bin/python3", 16, "/usr/bin/python3" },
		{ "--title=x,y:z@1%", 16, "--title=x,y:z@1%" },
		{ "", 0, "''" },
		{ "two words", 9, "'two words'" },
		{ "it's", 4, "'it'\\''s'" },
		{ "$HOME;rm", 8, "'$HOME;rm'" },
		{ "a\nb", 3, "$'a\\nb'" },
		{ "\033]0;x\007", 6, "$'\\e]0;x\\x07'" },
		{ "it's\n", 5, "$'it\\'s\\n'" },
	};
	char	*got;
	size_t	 i;

	for (i = 0; i < RUNNER_COUNT(cases); i++) {
		got = escape_shell_word(cases[i].in, cases[i].len, true);
		if (strcmp(got, cases[i].want) != 0)
			fprintf(stderr, "case %zu: got %s want %s\n", i, got,
			    cases[i].want);
		CU_ASSERT_STRING_EQUAL(got, cases[i].want);
		free(got);
	}
}

static const struct runner_test tests[] = {
	{ "plain ascii", test_plain_ascii },
	{ "terminal sequences", test_terminal_sequences },
	{ "C0 controls and DEL", test_c0_controls },
	{ "backslash", test_backslash },
	{ "valid UTF-8 passes", test_utf8_valid },
	{ "UTF-8 off escapes bytes", test_utf8_off },
	{ "invalid UTF-8", test_utf8_invalid },
	{ "overlong UTF-8", test_utf8_overlong },
	{ "surrogates and range", test_utf8_surrogate_and_range },
	{ "C1 controls", test_c1_controls },
	{ "bidi and line separators", test_reordering },
	{ "invisible and direction marks", test_invisible },
	{ "state letter", test_state },
	{ "locale independent", test_locale_independent },
	{ "truncation at piece boundaries", test_truncation },
	{ "truncation stops", test_truncation_stops },
	{ "cmdline joining", test_cmdline },
	{ "shell words", test_shell_word },
};

int
main(void)
{
	static const struct runner_suite	suite =
	    RUNNER_SUITE("escape", NULL, NULL, tests);

	setlocale(LC_ALL, "");
	return runner_run(&suite, 1);
}
