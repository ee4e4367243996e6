/* Dateline: an HTML page's metadata: title, canonical URL, times, author,
 * site name, language, and the JSON-LD it carries.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * src/html.c calls dtl_htmlmeta_read() on the parsed tree before the
 * extractor prunes it.  One iterative walk collects <title>, <meta>,
 * <link rel=canonical>, <html lang>, the first <h1> and <time>, and the
 * ld+json blocks (src/jsonld.c); dtl_htmlmeta_read() then chooses each
 * field from its sources in order of trust.
 */
#ifndef DTL_SRC_HTMLMETA_H
#define DTL_SRC_HTMLMETA_H

#include <stdint.h>

#include <libxml/tree.h>

#include "buf.h"
#include "jsonld.h"

struct dtl_htmlmeta {
    /* chosen values (valid UTF-8, one line) */
    struct dtl_buf title, canonical, site, author, language, description;
    int64_t published, modified;   /* UTC seconds or DTL_TS_NONE */
    struct dtl_buf h1;             /* the first <h1>, as printed */
    struct dtl_jsonld ld;          /* everything JSON-LD said */
};

void dtl_htmlmeta_init(struct dtl_htmlmeta *m);
void dtl_htmlmeta_release(struct dtl_htmlmeta *m);

/* Fill m from doc.  url (may be NULL) is where the page came from: the
 * last resort for a date (/2025/12/02/ in its path).  DTL_OK or
 * DTL_ENOMEM; malformed JSON-LD is skipped. */
dtl_status dtl_htmlmeta_read(struct dtl_htmlmeta *m, xmlDoc *doc,
                             const char *url);

/* Remove a site-name suffix or prefix (" | The Ledger", "The Ledger - ")
 * from title in place: the part dropped is the site name, or short. */
void dtl_htmlmeta_strip_site(struct dtl_buf *title, const char *site,
                             size_t site_len);

/* A date in a URL's path (/2025/12/02/, /2025-12-02/): UTC midnight, or
 * DTL_TS_NONE. */
int64_t dtl_htmlmeta_url_date(const char *url, size_t n);

#endif
