/* Dateline: growable byte buffers with sticky errors.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A struct dtl_buf is always NUL-terminated (p is never NULL after the
 * first successful append; an untouched buffer reads as "").  After the
 * first failed allocation every append is a no-op and dtl_buf_status()
 * returns DTL_ENOMEM, so a run of appends needs a single check at the end.
 */
#ifndef DTL_SRC_BUF_H
#define DTL_SRC_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "dateline/status.h"

struct dtl_buf {
    char *p;          /* bytes, NUL-terminated; NULL until first growth */
    size_t len;       /* bytes used, excluding the NUL */
    size_t cap;       /* bytes allocated */
    dtl_status err;   /* first failure, sticky */
};

#define DTL_BUF_INIT { NULL, 0, 0, DTL_OK }

void dtl_buf_init(struct dtl_buf *b);
/* Free the memory and reset to DTL_BUF_INIT. */
void dtl_buf_release(struct dtl_buf *b);
/* Empty the buffer but keep its memory and clear the error. */
void dtl_buf_reset(struct dtl_buf *b);
/* Make room for n more bytes (the allocating part of dtl_buf_grow). */
void dtl_buf_grow_slow(struct dtl_buf *b, size_t n);

/* Make room for n more bytes.  Inline: most appends fit, and extraction
 * and URL handling append byte by byte. */
static inline void
dtl_buf_grow(struct dtl_buf *b, size_t n)
{
    if (b->err == DTL_OK && n < b->cap - b->len)
        return;
    dtl_buf_grow_slow(b, n);
}
void dtl_buf_add(struct dtl_buf *b, const void *p, size_t n);

static inline void
dtl_buf_addc(struct dtl_buf *b, char c)
{
    if (b->err == DTL_OK && b->cap - b->len > 1) {
        b->p[b->len++] = c;
        b->p[b->len] = '\0';
        return;
    }
    dtl_buf_add(b, &c, 1);
}
void dtl_buf_adds(struct dtl_buf *b, const char *s);
void dtl_buf_addf(struct dtl_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void dtl_buf_vaddf(struct dtl_buf *b, const char *fmt, va_list ap);
/* Shorten to len bytes (no-op if len >= b->len). */
void dtl_buf_truncate(struct dtl_buf *b, size_t len);
/* DTL_OK or the first error. */
dtl_status dtl_buf_status(const struct dtl_buf *b);
/* The contents as a C string; "" for an empty buffer.  Borrowed: valid
 * until the next append, reset or release. */
const char *dtl_buf_cstr(const struct dtl_buf *b);
/* Hand the bytes to the caller (free with dtl_free) and reset b.  Returns
 * NULL (and frees) if the buffer has an error; an empty buffer yields a
 * freshly allocated "".  *len, if given, receives the length. */
char *dtl_buf_detach(struct dtl_buf *b, size_t *len);

struct dtl_error;
/* Append the whole file at path to b, reading no more than cap + 1 bytes
 * (so a caller can tell a file over cap).  DTL_ENOTFOUND (no such file),
 * DTL_EIO or DTL_ENOMEM, with "PATH: why" in err. */
dtl_status dtl_buf_add_file(struct dtl_buf *b, const char *path, size_t cap,
                            struct dtl_error *err);

#endif
