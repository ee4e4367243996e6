/* Dateline tests: byte streams with gzip anywhere (src/input.c).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A table of streams built from plain and gzip pieces (one member,
 * several, NUL padding, trailing garbage, cut short, corrupt) with the
 * bytes each must deliver and the error it must end with; the record
 * limit against gzip bombs; files, peeking, and out-of-memory.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "dateline/ingest.h"
#include "gzwrite.h"
#include "tap.h"


/* A stream described by a recipe: pieces separated by '|', each
 * "p:TEXT" (plain), "g:TEXT" (one gzip member), "z:N" (N NUL bytes),
 * "c:N" (the stream so far cut to N bytes less), "x:N" (flip byte N from
 * the end). */
static void
build(const char *recipe, struct dtl_buf *b)
{
    const char *s = recipe;

    while (*s) {
        const char *end = strchr(s, '|');
        size_t n = end ? (size_t)(end - s) : strlen(s), k;
        long v = atol(s + 2);

        if (s[0] == 'p')
            dtl_buf_add(b, s + 2, n - 2);
        else if (s[0] == 'g')
            test_gzip_append(b, s + 2, n - 2);
        else if (s[0] == 'z')
            for (k = 0; k < (size_t)v; k++)
                dtl_buf_addc(b, '\0');
        else if (s[0] == 'c')
            dtl_buf_truncate(b, b->len - (size_t)v);
        else if (s[0] == 'x')
            b->p[b->len - (size_t)v] ^= 0x55;
        s += n;
        if (*s == '|')
            s++;
    }
}

static const struct row {
    const char *recipe;
    const char *want;      /* bytes delivered */
    int gzip;              /* dtl_input_compressed() at the end */
    dtl_status st;         /* how the stream ends */
    const char *msg;       /* part of the error message */
} rows[] = {
    {"", "", 0, DTL_OK, NULL},
    {"p:hello world", "hello world", 0, DTL_OK, NULL},
    {"p:\x1f", "\x1f", 0, DTL_OK, NULL},
    {"p:\x1f\x8a plain", "\x1f\x8a plain", 0, DTL_OK, NULL},
    {"g:hello world", "hello world", 1, DTL_OK, NULL},
    {"g:", "", 1, DTL_OK, NULL},
    {"g:WARC/1.0 one|g:WARC/1.0 two|g:three", "WARC/1.0 oneWARC/1.0 twothree",
     1, DTL_OK, NULL},
    {"g:padded|z:512", "padded", 1, DTL_OK, NULL},
    {"g:a|z:3|g:b", "ab", 1, DTL_OK, NULL},
    /* plain data after gzip is damage, at the end of the good bytes */
    {"g:good bytes|p:junk", "good bytes", 1, DTL_ECORRUPT, "not gzip"},
    /* a member cut short: every byte before is delivered */
    {"g:the quick brown fox jumps over the lazy dog|c:12", NULL, 1,
     DTL_ECORRUPT, "truncated"},
    {"g:first|g:second member cut|c:40", "first", 1, DTL_ECORRUPT,
     "truncated"},
    {"g:first|g:second|c:6", NULL, 1, DTL_ECORRUPT, "truncated"},
    {"p:\x1f\x8b", "", 1, DTL_ECORRUPT, "truncated"},
    {"g:bad crc bytes here|x:6", NULL, 1, DTL_ECORRUPT, "corrupt gzip"},
    {NULL, NULL, 0, DTL_OK, NULL}
};

/* Read the whole of in into got; returns the final status. */
static dtl_status
drain(dtl_input *in, struct dtl_buf *got, struct dtl_error *err)
{
    char chunk[7];
    size_t n;
    dtl_status st;

    /* Odd-sized reads cross every boundary. */
    while ((st = dtl_input_read(in, chunk, sizeof(chunk), &n, err)) ==
               DTL_OK &&
           n > 0)
        dtl_buf_add(got, chunk, n);
    return st;
}

static void
test_table(void)
{
    const struct row *r;

    for (r = rows; r->recipe; r++) {
        struct dtl_buf src = DTL_BUF_INIT, got = DTL_BUF_INIT;
        struct dtl_error err = DTL_ERROR_INIT;
        dtl_input *in = NULL;
        dtl_status st;

        build(r->recipe, &src);
        dtl_input_from_memory(src.p, src.len, &in);
        st = drain(in, &got, &err);
        tap_is_int(st, r->st, r->recipe);
        if (r->want)
            tap_is_mem(dtl_buf_cstr(&got), got.len, r->want, r->recipe);
        tap_is_int(dtl_input_compressed(in), r->gzip, "compressed");
        if (r->msg) {
            tap_ok(strstr(err.msg, r->msg) != NULL, "message '%s' has '%s'",
                   err.msg, r->msg);
            tap_ok(err.offset == got.len, "error offset %zu = bytes "
                   "delivered %zu", err.offset, got.len);
            tap_is_int(drain(in, &got, NULL), r->st, "the error sticks");
        }
        tap_is_int((long long)dtl_input_offset(in), (long long)got.len,
                   "offset = bytes delivered");
        dtl_input_free(in);
        dtl_buf_release(&src);
        dtl_buf_release(&got);
    }
}

/* A member that inflates far past the record limit is stopped. */
static void
test_bomb(void)
{
    struct dtl_buf src = DTL_BUF_INIT, got = DTL_BUF_INIT;
    struct dtl_error err = DTL_ERROR_INIT;
    size_t big = (size_t)8 << 20;
    char *zeros = calloc(1, big);
    dtl_input *in = NULL;
    dtl_status st;

    test_gzip_append(&src, zeros, big);
    tap_ok(src.len < big / 500, "8 MiB of zeros deflate to %zu bytes",
           src.len);
    dtl_input_from_memory(src.p, src.len, &in);
    dtl_input_set_limit(in, 1 << 20);
    st = drain(in, &got, &err);
    tap_is_int(st, DTL_ELIMIT, "bomb: DTL_ELIMIT");
    tap_ok(strstr(err.msg, "gzip bomb") != NULL, "bomb: '%s'", err.msg);
    tap_ok(got.len <= ((size_t)1 << 20) + 2 * DTL_INPUT_PEEK_MAX,
           "bomb: stopped after %zu bytes", got.len);
    dtl_input_free(in);

    /* The same stream with a limit per record of its size reads whole. */
    dtl_buf_reset(&got);
    dtl_input_from_memory(src.p, src.len, &in);
    dtl_input_set_limit(in, big);
    tap_is_int(drain(in, &got, NULL), DTL_OK, "within the limit: read");
    tap_ok(got.len == big, "within the limit: all %zu bytes", got.len);
    dtl_input_free(in);

    /* Plain bytes never count against the limit. */
    dtl_buf_reset(&got);
    dtl_input_from_memory(zeros, big, &in);
    dtl_input_set_limit(in, 1024);
    tap_is_int(drain(in, &got, NULL), DTL_OK, "plain: no limit");
    dtl_input_free(in);
    free(zeros);
    dtl_buf_release(&src);
    dtl_buf_release(&got);
}

static void
test_peek(void)
{
    struct dtl_buf src = DTL_BUF_INIT;
    const char *p;
    size_t n, i;
    dtl_input *in = NULL;
    int ok = 1;

    for (i = 0; i < 100000; i++)
        dtl_buf_addf(&src, "line %zu\n", i);
    dtl_input_from_memory(src.p, src.len, &in);
    tap_is_int(dtl_input_peek(in, 10, &p, &n, NULL), DTL_OK, "peek");
    tap_ok(n >= 10 && memcmp(p, "line 0\n", 7) == 0, "peek shows the start");
    tap_is_int((long long)dtl_input_offset(in), 0, "peek consumes nothing");
    dtl_input_consume(in, 5);
    dtl_input_peek(in, DTL_INPUT_PEEK_MAX + 99, &p, &n, NULL);
    tap_ok(n >= DTL_INPUT_PEEK_MAX && n <= 2 * DTL_INPUT_PEEK_MAX,
           "peek shows at least the window (%zu)", n);
    tap_ok(memcmp(p, "0\nline 1\n", 9) == 0, "peek after consume");
    /* Walk the stream in window-sized steps. */
    while (n > 0) {
        if (memcmp(p, src.p + dtl_input_offset(in), n) != 0)
            ok = 0;
        dtl_input_consume(in, n);
        dtl_input_peek(in, DTL_INPUT_PEEK_MAX, &p, &n, NULL);
    }
    tap_ok(ok && dtl_input_offset(in) == src.len, "window walk is exact");
    dtl_input_free(in);
    dtl_buf_release(&src);
}

static void
test_files(void)
{
    struct dtl_buf src = DTL_BUF_INIT, got = DTL_BUF_INIT;
    struct dtl_error err = DTL_ERROR_INIT;
    char path[] = "/tmp/t-input-XXXXXX";
    dtl_input *in = NULL;
    size_t i;
    int fd = mkstemp(path);
    FILE *f;

    for (i = 0; i < 3000; i++)
        dtl_buf_addf(&got, "record %zu of a multi-member file\n", i);
    /* one member per 3500 bytes, as crawlers write one per record */
    {
        const char *p = got.p;
        size_t left = got.len;
        while (left) {
            size_t k = left < 3500 ? left : 3500;
            test_gzip_append(&src, p, k);
            p += k;
            left -= k;
        }
    }
    f = fdopen(fd, "wb");
    fwrite(src.p, 1, src.len, f);
    fclose(f);
    {
        struct dtl_buf back = DTL_BUF_INIT;
        tap_is_int(dtl_input_open(path, &in, &err), DTL_OK, "open a file");
        tap_is_int(drain(in, &back, &err), DTL_OK, "read it");
        tap_ok(back.len == got.len && memcmp(back.p, got.p, got.len) == 0,
               "multi-member file reads back exactly (%zu bytes)", back.len);
        dtl_input_free(in);
        dtl_buf_release(&back);
    }
    unlink(path);
    dtl_error_clear(&err);
    tap_is_int(dtl_input_open(path, &in, &err), DTL_EIO, "missing file");
    tap_ok(in == NULL && strstr(err.msg, "cannot open") != NULL,
           "missing file: '%s'", err.msg);
    dtl_buf_release(&src);
    dtl_buf_release(&got);
}

static void
test_oom(void)
{
    struct dtl_buf src = DTL_BUF_INIT;
    long n;
    int ok = 1;

    test_gzip_append(&src, "some text", 9);
    for (n = 0; n < 50; n++) {
        struct dtl_buf got = DTL_BUF_INIT;
        dtl_input *in = NULL;
        dtl_status st;

        dtl_alloc_fail_after(n);
        st = dtl_input_from_memory(src.p, src.len, &in);
        if (st == DTL_OK)
            st = drain(in, &got, NULL);
        if (st == DTL_OK)
            st = dtl_buf_status(&got);
        dtl_alloc_fail_after(-1);
        dtl_input_free(in);
        if (st == DTL_OK) {
            tap_is_mem(got.p, got.len, "some text", "oom: result");
            dtl_buf_release(&got);
            break;
        }
        dtl_buf_release(&got);
        if (st != DTL_ENOMEM)
            ok = 0;
    }
    tap_ok(ok && n < 50, "oom: DTL_ENOMEM until it succeeds (%ld faults)",
           n);
    dtl_buf_release(&src);
}

int
main(void)
{
    test_table();
    test_bomb();
    test_peek();
    test_files();
    test_oom();
    return tap_done();
}
