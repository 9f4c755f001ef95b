/*
 * Tree-drawing glyphs: one Unicode and one ASCII set, each glyph two
 * columns wide.  Plain strings, no curses; the UI and batch share them.
 */
#ifndef UI_GLYPHS_H
#define UI_GLYPHS_H

enum glyph {
	GLYPH_VERT,	/* "│ " a rail past a node with later siblings */
	GLYPH_TEE,	/* "├─" a child with later siblings */
	GLYPH_ELBOW,	/* "└─" the last child */
	GLYPH_BLANK,	/* "  " no rail */
	GLYPH_COUNT
};

enum glyph_set {
	GLYPHS_ASCII,
	GLYPHS_UTF8,
};

/* The string for glyph g in set s. */
const char	*glyphs_get(enum glyph_set s, enum glyph g);
/* UTF-8 when the locale's codeset is UTF-8, else ASCII; call after setlocale(). */
enum glyph_set	 glyphs_from_locale(void);

#endif
