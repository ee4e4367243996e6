/* Dateline: the updates of a live blog in an HTML page.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * src/html.c calls dtl_htmlblog_split() after the metadata reader and
 * before the extractor prunes the tree.  Three sources, merged:
 *  - JSON-LD LiveBlogPosting/liveBlogUpdate (src/jsonld.c), which may
 *    hold only the latest updates;
 *  - microdata: elements with itemprop="liveBlogUpdate";
 *  - repeated sibling containers that each carry a time: <time datetime>,
 *    a data-*time attribute (ISO 8601 or epoch milliseconds) or a visible
 *    stamp line ("19.30 GMT", "12:09 a.m. ET, October 30, 2023").
 * Time-only stamps are dated from the page's modified or published time,
 * walking back a day whenever the time of day rises reading down (updates
 * run newest first).
 */
#ifndef DTL_SRC_HTMLBLOG_H
#define DTL_SRC_HTMLBLOG_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "dateline/status.h"
#include "htmlmeta.h"

struct dtl_blog_entry {
    int64_t ts;        /* UTC seconds or DTL_TS_NONE */
    char *headline;    /* NUL-terminated, one line, may be "" */
    char *body;        /* blocks separated by '\n' */
    char *url;         /* page URL + "#id", or "" */
    char *id;          /* the DOM id or fragment that names it, or "" */
};

struct dtl_blog {
    struct dtl_blog_entry *v;
    size_t n, cap;
};

/*
 * Split doc into live-blog updates if it is a live blog.  out receives
 * the updates in page order (newest first as most sites print them); it
 * stays empty for an article.  page_url (may be NULL) prefixes
 * fragments.  DTL_OK, DTL_ENOMEM or DTL_ELIMIT (too many updates).
 */
dtl_status dtl_htmlblog_split(xmlDoc *doc, const struct dtl_htmlmeta *m,
                              const char *page_url, struct dtl_blog *out);

void dtl_htmlblog_release(struct dtl_blog *b);

#endif
