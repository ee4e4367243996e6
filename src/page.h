/* Dateline: the page object shared by the page readers (private).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * src/page.c implements the dtl_page accessors and the page builder of
 * include/dateline/page.h.  The readers (src/textpage.c for plain text,
 * the HTML and JSON Lines readers) fill a struct dtl_page either in place
 * (fields pointing into their own sanitised copy of the input, kept in
 * `text`) or through the builder, which copies each string into the
 * page's pool.  Either way every string a page hands out is valid UTF-8
 * without NUL bytes and lives as long as the page.
 */
#ifndef DTL_SRC_PAGE_H
#define DTL_SRC_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "dateline/page.h"

/* A string borrowed from the page (text or pool). */
struct dtl_page_str {
    const char *p; /* never NULL once the page is made */
    size_t n;
};

struct dtl_page_chunk; /* pool memory, private to page.c */

struct dtl_page {
    char *text; /* a reader's sanitised copy of its input, or NULL */
    size_t text_len;
    struct dtl_page_str field[DTL_PAGE_N_FIELDS];
    int64_t published, modified; /* DTL_TS_NONE when unknown */
    struct dtl_entry *entries;
    size_t n_entries, cap_entries;
    size_t bad; /* replaced bytes (see sanitise.h) */
    size_t first_bad;
    struct dtl_page_chunk *pool;
};

/* A page with every field "" and no entries (dtl_page_new()'s body);
 * NULL when out of memory. */
dtl_page *dtl_page_alloc(void);

/* Room for n more entries in page->entries (DTL_OK or DTL_ENOMEM). */
dtl_status dtl_page_reserve(dtl_page *page, size_t n);

#endif
