/* Dateline: JSON-LD (schema.org) in HTML pages: article metadata and the
 * updates of a LiveBlogPosting.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * src/htmlmeta.c hands every <script type="application/ld+json"> block to
 * dtl_jsonld_add().  Real pages break JSON in a few common ways (trailing
 * commas, raw line breaks inside strings, "\'" escapes, HTML comments
 * around the block, missing closing brackets), so each block is repaired
 * by a tolerant pre-pass before jansson parses it.  Objects are found
 * wherever they sit: top level, arrays, @graph, mainEntity.
 */
#ifndef DTL_SRC_JSONLD_H
#define DTL_SRC_JSONLD_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "dateline/status.h"

/* One liveBlogUpdate. */
struct dtl_jsonld_update {
    char *headline;        /* NUL-terminated, may be "" */
    char *body;            /* articleBody as text (HTML stripped) */
    char *url;             /* the update's url or @id, may be "" */
    int64_t ts;            /* datePublished (or dateModified), UTC */
};

/* What the blocks of one page said.  The first article-like object fills
 * the fields; later ones only fill what is still empty. */
struct dtl_jsonld {
    struct dtl_buf headline, author, language, site, url, body,
        description;
    int64_t published, modified;
    int found;                       /* an article-like object was seen */
    int liveblog;                    /* a LiveBlogPosting was seen */
    struct dtl_jsonld_update *upd;   /* liveBlogUpdate, in input order */
    size_t n_upd, cap_upd;
};

void dtl_jsonld_init(struct dtl_jsonld *j);
void dtl_jsonld_release(struct dtl_jsonld *j);

/*
 * Read one ld+json block p[0..n).  DTL_OK; DTL_ESYNTAX if it is not JSON
 * even after repair (j is unchanged); DTL_ELIMIT past 4096 updates or a
 * block over 8 MiB; DTL_ENOMEM.
 */
dtl_status dtl_jsonld_add(struct dtl_jsonld *j, const char *p, size_t n);

/* Parse a schema.org date or date-time ("2025-12-02", ISO 8601 with
 * fraction and offset, "2025-12-02 10:00:00"): UTC seconds or
 * DTL_TS_NONE.  default_offset applies when no zone is given. */
int64_t dtl_jsonld_time(const char *p, size_t n, int default_offset);

/* Write p[0..n) into out as text: tags removed (block tags and <br>
 * become '\n'), entities decoded, white space collapsed. */
void dtl_jsonld_html_text(const char *p, size_t n, struct dtl_buf *out);

#define DTL_JSONLD_MAX_UPDATES 4096

#endif
