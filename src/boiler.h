/* Dateline: find the boilerplate tail of a plain-text page.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Page-to-text converters leave a site's furniture after the story:
 * reprint and licensing links, "Recommended For You" and the list of other
 * headlines it opens, "N min read" suffixes, often glued to the line before
 * ("...when you search.Recommended For You").  src/textpage.c calls
 * dtl_boiler_cut() to find where that tail starts, so it can drop it.  The
 * rules (a table of phrases and list headings, and shape rules) are
 * documented in src/boiler.c.  Pure functions; no allocation.
 */
#ifndef DTL_SRC_BOILER_H
#define DTL_SRC_BOILER_H

#include <stddef.h>

/* What one line is, as far as the tail rules care. */
enum dtl_boiler_kind {
    DTL_BOILER_BLANK = 0, /* no letters or digits at all */
    DTL_BOILER_CONTENT,   /* prose, or anything the rules do not know */
    DTL_BOILER_SHORT,     /* headline-like: few words, no final full stop */
    DTL_BOILER_PHRASE,    /* only boilerplate phrases and list headings */
    DTL_BOILER_LIST_ITEM  /* a linked headline ending in a read time */
};

/* The verdict on one line (offsets are relative to the line). */
struct dtl_boiler_line {
    enum dtl_boiler_kind kind;
    int heading;      /* PHRASE/LIST_ITEM: the line ends with a heading */
    size_t glue;      /* CONTENT/SHORT: where boilerplate glued to the
                          end of the line starts, or SIZE_MAX */
    int glue_heading; /* that glued tail ends with a list heading */
};

/* Classify the line p[0..n) (no '\n' inside; surrounding white space is
 * ignored).  Never reads past n. */
void dtl_boiler_classify(const char *p, size_t n, struct dtl_boiler_line *out);

/*
 * Find where the boilerplate tail of the LF-separated text p[0..n) starts:
 * returns an offset in [floor, n]; n if there is no tail.  Lines that start
 * before `floor` are never examined (the caller protects the last entry's
 * stamp and headline with it).  The cut is at a line start, or inside a
 * line where boilerplate was glued to the end of real text.  Linear in the
 * length of the tail examined.
 */
size_t dtl_boiler_cut(const char *p, size_t n, size_t floor);

/* Tests only: 1 if the rule table is sorted as the lookup needs. */
int dtl_boiler_table_ok(void);

#endif
