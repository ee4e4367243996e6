/* Dateline: growable byte buffers with sticky errors (see buf.h).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <config.h>
#include "buf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "status.h"
#include "banned.h"

void
dtl_buf_init(struct dtl_buf *b)
{
    b->p = NULL;
    b->len = 0;
    b->cap = 0;
    b->err = DTL_OK;
}

void
dtl_buf_release(struct dtl_buf *b)
{
    dtl_free(b->p);
    dtl_buf_init(b);
}

void
dtl_buf_reset(struct dtl_buf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
    b->err = DTL_OK;
}

void
dtl_buf_grow_slow(struct dtl_buf *b, size_t n)
{
    size_t want, cap;
    char *np;

    if (b->err)
        return;
    if (n > SIZE_MAX - b->len - 1) {
        b->err = DTL_ENOMEM;
        return;
    }
    want = b->len + n + 1;
    if (want <= b->cap)
        return;
    cap = b->cap ? b->cap : 64;
    while (cap < want)
        cap = cap > SIZE_MAX / 2 ? want : cap * 2;
    np = dtl_realloc(b->p, cap);
    if (!np) {
        b->err = DTL_ENOMEM;
        return;
    }
    /* A first allocation has no terminator yet: room alone must still
     * read as the text so far. */
    np[b->len] = '\0';
    b->p = np;
    b->cap = cap;
}

void
dtl_buf_add(struct dtl_buf *b, const void *p, size_t n)
{
    dtl_buf_grow(b, n);
    if (b->err)
        return;
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void
dtl_buf_adds(struct dtl_buf *b, const char *s)
{
    dtl_buf_add(b, s, strlen(s));
}

void
dtl_buf_vaddf(struct dtl_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    int n;

    if (b->err)
        return;
    va_copy(cp, ap);
    n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0) {
        b->err = DTL_EINTERNAL;
        return;
    }
    dtl_buf_grow(b, (size_t)n);
    if (b->err)
        return;
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void
dtl_buf_addf(struct dtl_buf *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    dtl_buf_vaddf(b, fmt, ap);
    va_end(ap);
}

void
dtl_buf_truncate(struct dtl_buf *b, size_t len)
{
    if (len >= b->len)
        return;
    b->len = len;
    b->p[len] = '\0';
}

dtl_status
dtl_buf_status(const struct dtl_buf *b)
{
    return b->err;
}

const char *
dtl_buf_cstr(const struct dtl_buf *b)
{
    return b->p ? b->p : "";
}

char *
dtl_buf_detach(struct dtl_buf *b, size_t *len)
{
    char *p;

    if (len)
        *len = 0;
    if (b->err) {
        dtl_buf_release(b);
        return NULL;
    }
    if (!b->p) {
        p = dtl_strndup("", 0);
        if (!p)
            return NULL;
    } else {
        p = b->p;
        if (len)
            *len = b->len;
    }
    dtl_buf_init(b);
    return p;
}

dtl_status
dtl_buf_add_file(struct dtl_buf *b, const char *path, size_t cap,
                 struct dtl_error *err)
{
    size_t start = b->len, got;
    char chunk[8192];
    dtl_status st = DTL_OK;
    FILE *f = fopen(path, "rb");

    if (!f)
        return dtl_error_set(err, errno == ENOENT ? DTL_ENOTFOUND : DTL_EIO,
                             SIZE_MAX, "%s: %s", path, strerror(errno));
    while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        dtl_buf_add(b, chunk, got);
        if (b->len - start > cap)
            break;
    }
    if (ferror(f))
        st = dtl_error_set(err, DTL_EIO, b->len - start, "%s: read error: "
                           "%s", path, strerror(errno));
    else if (dtl_buf_status(b) != DTL_OK)
        st = dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
    fclose(f);
    return st;
}
