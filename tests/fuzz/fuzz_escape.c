/*
 * libFuzzer target: the escaping of process names and command lines.
 * Whatever the bytes, the output is NUL-terminated, holds no control
 * byte (C0, DEL) and no C1 control, and the length returned is the one
 * a large enough buffer gets.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proc/escape.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_check(const char *out, size_t len)
{
	size_t	i;

	if (strlen(out) != len)
		abort();
	for (i = 0; i < len; i++) {
		unsigned char	c = (unsigned char)out[i];

		if (c < 0x20 || c == 0x7f)
			abort();
		/* C1 controls are U+0080..U+009F: C2 80..C2 9F in UTF-8. */
		if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)out[i + 1] >= 0x80 &&
		    (unsigned char)out[i + 1] <= 0x9f)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*in = (const char *)data;
	size_t		 need, small;
	char		*out, tiny[7];
	int		 utf8, cmd;

	for (utf8 = 0; utf8 < 2; utf8++)
		for (cmd = 0; cmd < 2; cmd++) {
			need = cmd ? escape_cmdline(in, size, utf8, NULL, 0) :
			    escape_bytes(in, size, utf8, NULL, 0);
			out = malloc(need + 1);
			if (out == NULL)
				return 0;
			small = cmd ? escape_cmdline(in, size, utf8, out,
			    need + 1) : escape_bytes(in, size, utf8, out,
			    need + 1);
			if (small != need)
				abort();
			fuzz_check(out, need);
			free(out);
			/* A small buffer: cut whole, still safe. */
			if (cmd)
				escape_cmdline(in, size, utf8, tiny,
				    sizeof tiny);
			else
				escape_bytes(in, size, utf8, tiny, sizeof tiny);
			fuzz_check(tiny, strlen(tiny));
		}
	return 0;
}
