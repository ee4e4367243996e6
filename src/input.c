/* Dateline: byte streams with gzip anywhere (dtl_input).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements the dtl_input calls of include/dateline/ingest.h for the
 * readers in src/warc.c and src/source.c and for the programs.  A stream
 * is a file, standard input or a memory block.  Its first bytes decide:
 * the gzip magic (1f 8b) makes it a sequence of gzip members, each
 * inflated with zlib and followed by the next (Common Crawl writes one
 * member per WARC record; `cat a.gz b.gz` is one stream); anything else
 * is passed through.  NUL padding after the last member is ignored, any
 * other trailing data is damage.
 *
 * Memory: a raw read buffer and an output window of 2 *
 * DTL_INPUT_PEEK_MAX bytes, whatever the size of the file.  Every byte
 * inflated counts against the record limit (dtl_input_set_limit()), so a
 * gzip bomb is stopped after a bounded amount of work.  Inflated bytes
 * are counted when they are inflated, so the limit is exact to within
 * the look-ahead window.
 */
#include <config.h>
#include "input.h"

#include "dateline/ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "status.h"
#include "banned.h"

#define RAW_SIZE ((size_t)128 << 10)
#define OUT_SIZE (2 * DTL_INPUT_PEEK_MAX)

enum mode { MODE_START = 0, MODE_PLAIN, MODE_GZIP };

struct dtl_input {
    int fd;                     /* -1 for memory */
    int own_fd;                 /* close fd on free */
    char *name;                 /* for messages */
    const unsigned char *mem;   /* memory source, or NULL */
    size_t mem_len;
    unsigned char *rawbuf;      /* the read buffer (files) */
    const unsigned char *raw;   /* raw bytes: rawbuf or the memory block */
    size_t raw_pos, raw_len;
    int raw_eof;
    enum mode mode;
    z_stream z;
    int z_ready;                /* inflateInit2 done */
    int in_member;              /* inside a gzip member */
    char *out;                  /* the output window */
    size_t pos, len;            /* unconsumed bytes: out[pos..len) */
    uint64_t off;               /* stream offset of out[pos] */
    int eof;                    /* no more output */
    uint64_t limit, inflated;   /* record limit and bytes inflated */
    struct dtl_error saved;     /* the sticky error */
};

/* zlib's allocations go through dtl_malloc, so that a failure there is an
 * ordinary DTL_ENOMEM too (and tests can inject it). */
static voidpf
z_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    return dtl_calloc(items, size);
}

static void
z_free(voidpf opaque, voidpf p)
{
    (void)opaque;
    dtl_free(p);
}

void
dtl_zstream_prepare(z_stream *z)
{
    memset(z, 0, sizeof(*z));
    z->zalloc = z_alloc;
    z->zfree = z_free;
}

static dtl_status
input_alloc(dtl_input **out)
{
    dtl_input *in = dtl_calloc(1, sizeof(*in));

    *out = NULL;
    if (!in)
        return DTL_ENOMEM;
    in->fd = -1;
    in->out = dtl_malloc(OUT_SIZE);
    in->limit = DTL_INPUT_RECORD_MAX;
    dtl_error_clear(&in->saved);
    if (!in->out) {
        dtl_free(in);
        return DTL_ENOMEM;
    }
    *out = in;
    return DTL_OK;
}

dtl_status
dtl_input_open(const char *path, dtl_input **out, struct dtl_error *err)
{
    dtl_input *in = NULL;
    dtl_status st;
    int is_stdin;

    if (out)
        *out = NULL;
    if (!path || !out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_input_open: no path or result");
    is_stdin = strcmp(path, "-") == 0;
    st = input_alloc(&in);
    if (st == DTL_OK) {
        in->name = dtl_strndup(is_stdin ? "standard input" : path,
                               strlen(is_stdin ? "standard input" : path));
        in->rawbuf = dtl_malloc(RAW_SIZE);
        in->raw = in->rawbuf;
        if (!in->name || !in->rawbuf)
            st = DTL_ENOMEM;
    }
    if (st != DTL_OK) {
        dtl_input_free(in);
        return dtl_error_set(err, st, SIZE_MAX, "out of memory");
    }
    if (is_stdin) {
        in->fd = 0;
    } else {
        in->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (in->fd < 0) {
            st = dtl_error_set(err, DTL_EIO, SIZE_MAX, "cannot open: %s",
                               strerror(errno));
            dtl_input_free(in);
            return st;
        }
        in->own_fd = 1;
#ifdef HAVE_POSIX_FADVISE
        (void)posix_fadvise(in->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    }
    *out = in;
    return DTL_OK;
}

dtl_status
dtl_input_from_memory(const void *p, size_t n, dtl_input **out)
{
    dtl_status st;

    if (!out || (!p && n))
        return DTL_EINVAL;
    st = input_alloc(out);
    if (st != DTL_OK)
        return st;
    (*out)->mem = p ? p : (const void *)"";
    (*out)->mem_len = n;
    return DTL_OK;
}

void
dtl_input_free(dtl_input *in)
{
    if (!in)
        return;
    if (in->z_ready)
        inflateEnd(&in->z);
    if (in->own_fd)
        close(in->fd);
    dtl_free(in->name);
    dtl_free(in->rawbuf);
    dtl_free(in->out);
    dtl_free(in);
}

/* Record the stream's error (the first one sticks) at the end of what
 * was delivered, and return it. */
static dtl_status
fail(dtl_input *in, dtl_status st, const char *what, const char *detail)
{
    uint64_t at = in->off + (in->len - in->pos);

    if (in->saved.code == DTL_OK)
        dtl_error_set(&in->saved, st, (size_t)at, "%s%s", what, detail);
    in->eof = 1;
    return in->saved.code;
}

static dtl_status
sticky(const dtl_input *in, struct dtl_error *err)
{
    if (err && err->code == DTL_OK)
        *err = in->saved;
    return in->saved.code;
}

/* Make raw bytes available: raw[raw_pos..raw_len) non-empty unless at
 * the end of the file. */
static dtl_status
fill_raw(dtl_input *in)
{
    ssize_t got;

    if (in->raw_pos < in->raw_len || in->raw_eof)
        return DTL_OK;
    if (in->mem) {
        /* A memory stream is its own raw buffer, handed over once. */
        in->raw = in->mem;
        in->raw_pos = 0;
        in->raw_len = in->mem_len;
        in->raw_eof = 1;
        in->mem = NULL;
        return DTL_OK;
    }
    if (in->fd < 0) {
        in->raw_eof = 1;
        return DTL_OK;
    }
    do
        got = read(in->fd, in->rawbuf, RAW_SIZE);
    while (got < 0 && errno == EINTR);
    if (got < 0)
        return fail(in, DTL_EIO, "read error: ", strerror(errno));
    in->raw_pos = 0;
    in->raw_len = (size_t)got;
    if (got == 0)
        in->raw_eof = 1;
    return DTL_OK;
}

/* How many more raw bytes there are for sure: 0 only at the end. */
static size_t
raw_avail(const dtl_input *in)
{
    return in->raw_len - in->raw_pos;
}

/* At a member boundary (or the start): decide what follows.  Returns 1
 * if a gzip member starts, 0 at the end of the stream or for plain
 * data (MODE_PLAIN), and an error status via *st. */
static int
next_member(dtl_input *in, dtl_status *st)
{
    unsigned char b0, b1;

    *st = fill_raw(in);
    if (*st != DTL_OK || raw_avail(in) == 0)
        return 0;
    b0 = in->raw[in->raw_pos];
    if (raw_avail(in) < 2 && !in->raw_eof) {
        /* The magic straddles two reads: keep the first byte aside. */
        in->rawbuf[0] = b0;
        in->raw = in->rawbuf;
        in->raw_pos = 0;
        in->raw_len = 1;
        if (!in->mem && in->fd >= 0) {
            ssize_t got;
            do
                got = read(in->fd, in->rawbuf + 1, RAW_SIZE - 1);
            while (got < 0 && errno == EINTR);
            if (got < 0) {
                *st = fail(in, DTL_EIO, "read error: ", strerror(errno));
                return 0;
            }
            in->raw_len += (size_t)got;
            if (got == 0)
                in->raw_eof = 1;
        }
    }
    b1 = raw_avail(in) >= 2 ? in->raw[in->raw_pos + 1] : 0;
    if (b0 == 0x1f && b1 == 0x8b)
        return 1;
    if (in->mode == MODE_START) {
        in->mode = MODE_PLAIN;
        return 0;
    }
    /* After gzip: NUL padding is harmless, anything else is damage. */
    while (raw_avail(in) > 0 && in->raw[in->raw_pos] == 0) {
        in->raw_pos++;
        if (raw_avail(in) == 0 && (*st = fill_raw(in)) != DTL_OK)
            return 0;
    }
    if (raw_avail(in) > 0) {
        if (in->raw[in->raw_pos] == 0x1f)
            return next_member(in, st);
        *st = fail(in, DTL_ECORRUPT,
                   "data after a gzip member is not gzip", "");
    }
    return 0;
}

/* Inflate into out[len..OUT_SIZE), starting the next member if need
 * be; at the start of the stream, decide between gzip and plain. */
static dtl_status copy_some(dtl_input *in);

static dtl_status
produce(dtl_input *in)
{
    size_t room = OUT_SIZE - in->len, made;
    dtl_status st;
    int zr;

    if (in->mode == MODE_PLAIN)
        return copy_some(in);
    if (!in->in_member) {
        if (!next_member(in, &st)) {
            if (st == DTL_OK && in->mode == MODE_PLAIN)
                return copy_some(in);
            if (st == DTL_OK)
                in->eof = 1;
            return st;
        }
        if (!in->z_ready) {
            dtl_zstream_prepare(&in->z);
            if (inflateInit2(&in->z, 16 + MAX_WBITS) != Z_OK)
                return fail(in, DTL_ENOMEM, "out of memory", "");
            in->z_ready = 1;
        } else if (inflateReset(&in->z) != Z_OK) {
            return fail(in, DTL_EINTERNAL, "inflateReset failed", "");
        }
        in->mode = MODE_GZIP;
        in->in_member = 1;
    }
    st = fill_raw(in);
    if (st != DTL_OK)
        return st;
    if (raw_avail(in) == 0)
        return fail(in, DTL_ECORRUPT,
                    "gzip data cut short: the file is truncated", "");
    in->z.next_in = (Bytef *)(uintptr_t)(in->raw + in->raw_pos);
    in->z.avail_in = (uInt)raw_avail(in);
    in->z.next_out = (Bytef *)in->out + in->len;
    in->z.avail_out = (uInt)room;
    zr = inflate(&in->z, Z_NO_FLUSH);
    in->raw_pos = in->raw_len - in->z.avail_in;
    made = room - in->z.avail_out;
    in->len += made;
    in->inflated += made;
    if (zr == Z_STREAM_END) {
        in->in_member = 0;
    } else if (zr == Z_MEM_ERROR) {
        return fail(in, DTL_ENOMEM, "out of memory", "");
    } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
        return fail(in, DTL_ECORRUPT, "corrupt gzip data: ",
                    in->z.msg ? in->z.msg : "inflate failed");
    }
    if (in->limit && in->inflated > in->limit)
        return fail(in, DTL_ELIMIT, "one record inflates past the limit "
                    "(a gzip bomb?)", "");
    return DTL_OK;
}

/* Copy plain bytes into out[len..OUT_SIZE). */
static dtl_status
copy_some(dtl_input *in)
{
    size_t room = OUT_SIZE - in->len, take;
    dtl_status st = fill_raw(in);

    if (st != DTL_OK)
        return st;
    take = raw_avail(in);
    if (take == 0) {
        in->eof = 1;
        return DTL_OK;
    }
    if (take > room)
        take = room;
    memcpy(in->out + in->len, in->raw + in->raw_pos, take);
    in->raw_pos += take;
    in->len += take;
    return DTL_OK;
}

dtl_status
dtl_input_peek(dtl_input *in, size_t want, const char **p, size_t *n,
               struct dtl_error *err)
{
    dtl_status st = DTL_OK;

    *p = "";
    *n = 0;
    if (!in)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX, "no input");
    if (want > DTL_INPUT_PEEK_MAX)
        want = DTL_INPUT_PEEK_MAX;
    while (in->len - in->pos < want && !in->eof) {
        if (in->pos > 0 && OUT_SIZE - in->len < want) {
            memmove(in->out, in->out + in->pos, in->len - in->pos);
            in->len -= in->pos;
            in->pos = 0;
        }
        st = produce(in);
        if (st != DTL_OK)
            break;
    }
    /* What came before the damage is delivered first. */
    if (in->len > in->pos || in->saved.code == DTL_OK) {
        *p = in->out + in->pos;
        *n = in->len - in->pos;
        return DTL_OK;
    }
    return sticky(in, err);
}

void
dtl_input_consume(dtl_input *in, size_t n)
{
    if (n > in->len - in->pos)
        n = in->len - in->pos;
    in->pos += n;
    in->off += n;
}

dtl_status
dtl_input_read(dtl_input *in, void *buf, size_t cap, size_t *got,
               struct dtl_error *err)
{
    const char *p;
    size_t n;
    dtl_status st;

    *got = 0;
    st = dtl_input_peek(in, cap < 65536 ? cap : 65536, &p, &n, err);
    if (st != DTL_OK)
        return st;
    if (n > cap)
        n = cap;
    memcpy(buf, p, n);
    dtl_input_consume(in, n);
    *got = n;
    return DTL_OK;
}

uint64_t
dtl_input_offset(const dtl_input *in)
{
    return in ? in->off : 0;
}

int
dtl_input_compressed(const dtl_input *in)
{
    return in && in->mode == MODE_GZIP;
}

void
dtl_input_set_limit(dtl_input *in, uint64_t max)
{
    if (!in)
        return;
    in->limit = max;
    /* Bytes already in the window belong to this record. */
    in->inflated = in->mode == MODE_GZIP ? in->len - in->pos : 0;
}
