/* Dateline: HTML pages to article text, metadata and live-blog entries.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * dtl_html_read() turns the bytes of one crawled or saved HTML page into a
 * dtl_page: its metadata (title, canonical URL, site, author, language,
 * published and modified times) and its entries.  An article is one entry
 * holding the main content (navigation, related lists, share bars, cookie
 * notices, comments and footers removed); a live blog is one entry per
 * update, each with its UTC time, headline, body and, where the page names
 * the update, a URL with the update's fragment.
 *
 * The bytes may be in any charset a page declares (BOM, the HTTP charset,
 * <meta charset>) or none: valid UTF-8 is trusted, else Windows-1252.  NUL
 * bytes and broken markup never make a call fail.
 */
#ifndef DTL_DATELINE_HTML_H
#define DTL_DATELINE_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "dateline/page.h"
#include "dateline/stamp.h"
#include "dateline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What the caller knows about a page from outside it.  Every field is
 *  optional: zero the struct (and set fetched to DTL_TS_NONE), then set
 *  what is known.  Strings are NUL-terminated and borrowed for the call. */
struct dtl_html_opts {
    const char *url;      /* where the page was fetched from, or NULL */
    const char *charset;  /* the HTTP Content-Type charset, or NULL */
    int64_t fetched;      /* crawl time (UTC seconds) or DTL_TS_NONE: the
                             last resort for the page's date */
};

/** Largest page dtl_html_read() and dtl_html_text() accept (32 MiB). */
#define DTL_HTML_MAX_BYTES ((size_t)32 << 20)

/**
 * Read an HTML page.
 *
 * @param p, n  the page's bytes, borrowed for the call only.
 * @param o     may be NULL (nothing known).
 * @param out   receives a page to free with dtl_page_free(); NULL on error.
 *              Its DTL_PAGE_URL is o->url when given, else the canonical
 *              URL.  A page without any text gives a page without entries.
 * @param err   may be NULL; filled on error.
 * @return DTL_OK; DTL_ENOMEM; DTL_ELIMIT if n exceeds DTL_HTML_MAX_BYTES;
 *         DTL_EINVAL if out is NULL or p is NULL with n > 0.
 */
DTL_API dtl_status dtl_html_read(const char *p, size_t n,
                                 const struct dtl_html_opts *o,
                                 dtl_page **out, struct dtl_error *err);

/**
 * The page's main text alone, as `dateline extract` prints it: headings,
 * paragraphs, list items, quotes and table rows of the article (or of the
 * live blog's updates), one block a line, blocks separated by '\n'.
 *
 * @param text  receives a NUL-terminated UTF-8 string (valid UTF-8, no NUL
 *              inside) to free with dtl_html_text_free(); NULL on error.
 * @param len   receives its length in bytes (may be NULL).
 * @return as dtl_html_read().
 */
DTL_API dtl_status dtl_html_text(const char *p, size_t n,
                                 const struct dtl_html_opts *o, char **text,
                                 size_t *len, struct dtl_error *err);

/** Free a string from dtl_html_text().  NULL is a no-op. */
DTL_API void dtl_html_text_free(char *text);

#ifdef __cplusplus
}
#endif
#endif
