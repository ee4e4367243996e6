/* Dateline: an HTML page's bytes to UTF-8, whatever charset they are in.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * src/html.c calls dtl_charset_decode() once per page before libxml2 sees
 * the bytes, so that the parser is always told "UTF-8" and never switches
 * charset on a <meta> that lies.  Relies on src/sanitise.c and glibc iconv.
 */
#ifndef DTL_SRC_CHARSET_H
#define DTL_SRC_CHARSET_H

#include <stddef.h>

#include "buf.h"
#include "dateline/status.h"

/* How the bytes were read. */
struct dtl_charset_info {
    char used[32];     /* the charset decoded from ("UTF-8", "windows-1252") */
    int from_bom;      /* 1 if a byte-order mark decided */
    size_t bad;        /* bytes or sequences replaced (invalid, NUL) */
    size_t first_bad;  /* input offset of the first one, or SIZE_MAX */
};

/*
 * Append the page p[0..n) to out as valid UTF-8 without NUL bytes.  The
 * charset is, in order: a byte-order mark; UTF-8 if the bytes are valid
 * UTF-8; http_charset (may be NULL); a <meta charset> or http-equiv
 * Content-Type in the first 64 KiB; else Windows-1252.  ISO-8859-1 and
 * ASCII labels are read as Windows-1252, as browsers do, and an unknown
 * label falls back to it.  Invalid sequences become U+FFFD and NUL bytes
 * spaces (counted in info, which may be NULL).  DTL_OK or DTL_ENOMEM.
 */
dtl_status dtl_charset_decode(const char *p, size_t n,
                              const char *http_charset, struct dtl_buf *out,
                              struct dtl_charset_info *info);

/*
 * The page p[0..n) as dtl_charset_decode() would append it to out, without
 * the copy when it needs none: a page that is valid UTF-8 without NUL or
 * CR bytes (after a UTF-8 byte-order mark, which is skipped) is returned
 * as *text = a pointer into p, and out is left alone; any other page is
 * decoded into out and *text points at out's bytes.  *text stays valid as
 * long as both p and out do, and is never NULL.  info as for
 * dtl_charset_decode() (may be NULL).  DTL_OK or DTL_ENOMEM (then *text
 * is "" and *len 0).
 */
dtl_status dtl_charset_view(const char *p, size_t n, const char *http_charset,
                            struct dtl_buf *out, const char **text,
                            size_t *len, struct dtl_charset_info *info);

/* Find the charset a page declares in its first 64 KiB (<meta charset>,
 * <meta http-equiv content="...; charset=X">, <?xml encoding="X"?>).
 * Copies the label, NUL-terminated, into label[0..size) and returns 1, or
 * returns 0 if there is none. */
int dtl_charset_sniff_meta(const char *p, size_t n, char *label,
                           size_t size);

/* Count invalid UTF-8 sequences in p[0..n) (NUL bytes are valid here). */
size_t dtl_charset_utf8_errors(const char *p, size_t n);

#endif
