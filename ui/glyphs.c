/*
 * The two tree-drawing glyph sets and the choice between them.  Plain
 * strings shared by the UI and batch output; no curses here.
 */
#include "config.h"
#include "glyphs.h"

#include <langinfo.h>
#include <stddef.h>
#include <strings.h>

static const char *const glyphs_table[][GLYPH_COUNT] = {
	[GLYPHS_ASCII] = {
		[GLYPH_VERT] = "| ",
		[GLYPH_TEE] = "|-",
		[GLYPH_ELBOW] = "`-",
		[GLYPH_BLANK] = "  ",
	},
	[GLYPHS_UTF8] = {
		[GLYPH_VERT] = "\xe2\x94\x82 ",	/* │ */
		[GLYPH_TEE] = "\xe2\x94\x9c\xe2\x94\x80",	/* ├─ */
		[GLYPH_ELBOW] = "\xe2\x94\x94\xe2\x94\x80",	/* └─ */
		[GLYPH_BLANK] = "  ",
	},
};

const char *
glyphs_get(enum glyph_set s, enum glyph g)
{
	if ((unsigned)s > GLYPHS_UTF8 || (unsigned)g >= GLYPH_COUNT)
		return "  ";
	return glyphs_table[s][g];
}

enum glyph_set
glyphs_from_locale(void)
{
	const char	*cs = nl_langinfo(CODESET);

	if (cs != NULL && (strcasecmp(cs, "UTF-8") == 0 ||
	    strcasecmp(cs, "utf8") == 0))
		return GLYPHS_UTF8;
	return GLYPHS_ASCII;
}
