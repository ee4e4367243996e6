/* Dateline: the stored data of an entry (what a result displays).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The indexer (src/indexer.c) encodes one record per entry and gives it to
 * dtl_doc_set_data(); the searcher (src/search.c) decodes the record of
 * each hit.  The record is part of the on-disk format.
 *
 * Format, version 1.  UTF-8 text, one field per line, "name=value\n",
 * in this order:
 *
 *     v=1
 *     source=<path or URL of the page>
 *     title=<the page's title, or empty>
 *     headline=<the entry's headline>
 *     ts=<entry time as YYYY-MM-DDTHH:MM:SSZ (UTC), or empty>
 *     lead=<1 for the page's lead, else 0>
 *     body=<the entry's text>
 *     url=<the entry's own URL>        (optional, only when known)
 *     lang=<language code>             (optional, only when the entry is
 *                                       not in the index's own language)
 *
 * Values are escaped: a backslash is written "\\" and a newline "\n"
 * (backslash, letter n); no other escape exists.  Every line, the last
 * included, ends with a newline.  Names are [a-z0-9_]+.
 *
 * Decoding is strict: "v=1" must come first; every field above must be
 * present exactly once and in this order ("url" and "lang", added without a
 * version change under the rule below, may each appear at most once
 * anywhere after "v" and are "" when absent); an unknown field (a name not
 * listed) is skipped wherever it appears after "v", so later versions can
 * add fields; a bad escape, a NUL byte, invalid UTF-8, a malformed time or
 * lead flag, a line without '=' or without its newline, or a missing field
 * is DTL_ECORRUPT with the byte offset.  The decoder reads only p[0..n).
 */
#ifndef DTL_SRC_DOCDATA_H
#define DTL_SRC_DOCDATA_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "dateline/status.h"

/* Largest record decoded (an escaped 64 MiB page body fits). */
#define DTL_DOCDATA_MAX ((size_t)256 << 20)

/* Length of a formatted time, "2025-12-02T09:46:00Z". */
#define DTL_DOCDATA_TIME_LEN 20

/* One entry's stored fields.  For encoding, the strings are borrowed
 * views (p, length; need not be NUL-terminated).  After decoding they are
 * NUL-terminated and point into mem, owned by the struct. */
struct dtl_docdata {
    const char *source;
    size_t source_len;
    const char *title;
    size_t title_len;
    const char *headline;
    size_t headline_len;
    int64_t ts;            /* UTC seconds or DTL_TS_NONE */
    int is_lead;           /* 0 or 1 */
    const char *body;
    size_t body_len;
    const char *url;       /* the entry's own URL, "" if none (encoding:
                              NULL allowed with url_len 0) */
    size_t url_len;
    const char *lang;      /* the entry's language code (DTL_PFX_LANG),
                              "" for the index's own (encoding: NULL
                              allowed with lang_len 0) */
    size_t lang_len;
    char *mem;             /* decoded: the storage behind the strings */
};

/*
 * Append the record for d to out (which is not reset first).  Bytes that
 * are not valid UTF-8 and NUL bytes in the strings are written as U+FFFD,
 * so the record always decodes.  Returns DTL_OK, DTL_ENOMEM (out's sticky
 * error), or DTL_EINVAL if d->ts is outside the years 0000-9999.
 */
dtl_status dtl_docdata_encode(const struct dtl_docdata *d,
                              struct dtl_buf *out);

/*
 * Decode the record p[0..n) into *out, which must later be given to
 * dtl_docdata_release() (also after a failure; it is then empty).  One
 * allocation holds every string.  Returns DTL_OK, DTL_ECORRUPT (message
 * and offset in err, which may be NULL), or DTL_ENOMEM.
 */
dtl_status dtl_docdata_decode(const char *p, size_t n,
                              struct dtl_docdata *out,
                              struct dtl_error *err);

/* Free what a decode allocated and empty d.  NULL is a no-op. */
void dtl_docdata_release(struct dtl_docdata *d);

/*
 * Format ts as "YYYY-MM-DDTHH:MM:SSZ" plus a NUL into out.  Returns DTL_OK,
 * or DTL_EINVAL (out is then "") for DTL_TS_NONE or a year outside
 * 0000-9999.
 */
dtl_status dtl_docdata_format_time(int64_t ts,
                                   char out[DTL_DOCDATA_TIME_LEN + 1]);

/* Parse exactly that form (all of p[0..n)).  Returns DTL_OK and *ts, or
 * DTL_ECORRUPT for anything else (including out-of-range fields). */
dtl_status dtl_docdata_parse_time(const char *p, size_t n, int64_t *ts);

#endif
