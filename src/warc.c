/* Dateline: the WARC record reader (dtl_warc).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements the dtl_warc calls of include/dateline/ingest.h for
 * src/source.c.  Reads WARC 1.0 and 1.1 (and the 0.18 of ClueWeb) from a
 * dtl_input, which has already inflated gzip, one record at a time: the
 * header block (at most DTL_WARC_HEADER_MAX bytes), then exactly
 * Content-Length bytes of block, which are kept only for response and
 * resource records small enough to be a page and skipped otherwise, so
 * memory is bounded by one page whatever the file's size.
 *
 * The WARC Content-Length is trusted over everything the HTTP headers
 * say.  Inside a response, the HTTP status line and headers are parsed
 * (LF or CRLF line ends, CR or LF before the status line tolerated);
 * chunked Transfer-Encoding and gzip/deflate Content-Encoding are undone
 * when the body really is so encoded, and left alone when a crawler
 * already decoded it but kept the headers.  Between records any run of
 * CR and LF is skipped.  A record header that does not parse (garbage
 * where a record should start, as when a record's Content-Length was too
 * large) is returned as a DAMAGED record and the reader goes on at the
 * next line that starts a WARC header.  A block cut short by the end of
 * the file, or damaged gzip data, stops the reader there with the
 * record's offset, after every whole record before it.
 */
#include <config.h>
#include "dateline/ingest.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "alloc.h"
#include "buf.h"
#include "input.h"
#include "status.h"
#include "banned.h"

struct dtl_warc {
    dtl_input *in;
    struct dtl_warc_opts o;
    struct dtl_warc_record rec;
    struct dtl_buf type, uri, mime, charset, reason; /* rec's strings */
    struct dtl_buf block;       /* the record's block (pages only) */
    struct dtl_buf decoded;     /* the payload after de-chunking etc. */
    struct dtl_buf tmp;
    struct dtl_buf wct;         /* the WARC header's Content-Type */
    struct dtl_error saved;     /* sticky error */
};

dtl_status
dtl_warc_new(dtl_input *in, const struct dtl_warc_opts *opts, dtl_warc **out)
{
    dtl_warc *w;

    if (!out)
        return DTL_EINVAL;
    *out = NULL;
    if (!in)
        return DTL_EINVAL;
    w = dtl_calloc(1, sizeof(*w));
    if (!w)
        return DTL_ENOMEM;
    w->in = in;
    if (opts)
        w->o = *opts;
    if (!w->o.payload_max)
        w->o.payload_max = DTL_WARC_PAYLOAD_MAX;
    if (!w->o.record_max)
        w->o.record_max = DTL_INPUT_RECORD_MAX;
    dtl_buf_init(&w->type);
    dtl_buf_init(&w->uri);
    dtl_buf_init(&w->mime);
    dtl_buf_init(&w->charset);
    dtl_buf_init(&w->reason);
    dtl_buf_init(&w->block);
    dtl_buf_init(&w->decoded);
    dtl_buf_init(&w->tmp);
    dtl_buf_init(&w->wct);
    dtl_error_clear(&w->saved);
    *out = w;
    return DTL_OK;
}

void
dtl_warc_free(dtl_warc *w)
{
    if (!w)
        return;
    dtl_buf_release(&w->type);
    dtl_buf_release(&w->uri);
    dtl_buf_release(&w->mime);
    dtl_buf_release(&w->charset);
    dtl_buf_release(&w->reason);
    dtl_buf_release(&w->block);
    dtl_buf_release(&w->decoded);
    dtl_buf_release(&w->tmp);
    dtl_buf_release(&w->wct);
    dtl_free(w);
}

/* ---- small text helpers ------------------------------------------------ */

static int
lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* 1 if p[0..n) equals the lower-case word s, ignoring case. */
static int
eq_nocase(const char *p, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!s[i] || lower((unsigned char)p[i]) != s[i])
            return 0;
    return s[n] == '\0';
}

static int
starts_nocase(const char *p, size_t n, const char *s)
{
    size_t k = strlen(s), i;

    if (n < k)
        return 0;
    for (i = 0; i < k; i++)
        if (lower((unsigned char)p[i]) != s[i])
            return 0;
    return 1;
}

static void
trim(const char **p, size_t *n)
{
    while (*n && (**p == ' ' || **p == '\t'))
        (*p)++, (*n)--;
    while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t' ||
                  (*p)[*n - 1] == '\r'))
        (*n)--;
}

/* Set b to p[0..n) in lower case or as is. */
static void
set_str(struct dtl_buf *b, const char *p, size_t n, int lc)
{
    size_t i;

    dtl_buf_truncate(b, 0);
    dtl_buf_add(b, p, n);
    if (lc && !b->err)
        for (i = 0; i < b->len; i++)
            b->p[i] = (char)lower((unsigned char)b->p[i]);
}

/* Parse a decimal size; 0 on success. */
static int
parse_size(const char *p, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    size_t i;

    trim(&p, &n);
    if (n == 0 || n > 19)
        return -1;
    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(p[i] - '0');
    }
    *out = v;
    return 0;
}

/* Media type and charset from a Content-Type value. */
static void
content_type(dtl_warc *w, const char *p, size_t n)
{
    const char *semi = memchr(p, ';', n), *cs;
    size_t mlen = semi ? (size_t)(semi - p) : n, rest;
    const char *m = p;

    trim(&m, &mlen);
    set_str(&w->mime, m, mlen, 1);
    dtl_buf_truncate(&w->charset, 0);
    while (semi) {
        cs = semi + 1;
        rest = n - (size_t)(cs - p);
        semi = memchr(cs, ';', rest);
        if (semi)
            rest = (size_t)(semi - cs);
        trim(&cs, &rest);
        if (starts_nocase(cs, rest, "charset=")) {
            cs += 8;
            rest -= 8;
            if (rest >= 2 && (cs[0] == '"' || cs[0] == '\'')) {
                cs++;
                rest -= 2;
            }
            set_str(&w->charset, cs, rest, 1);
        }
    }
}

/* ---- one header block -------------------------------------------------- */

/* The end of a header block in p[0..n): the offset just past its blank
 * line, or 0 when there is none. */
static size_t
header_end(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i + 1 < n; i++) {
        if (p[i] != '\n')
            continue;
        if (p[i + 1] == '\n')
            return i + 2;
        if (p[i + 1] == '\r' && i + 2 < n && p[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

/* Call fn for each "Name: value" line of p[0..n) (continuation lines are
 * folded away by giving only the first line's value: none of the fields
 * read here is folded in practice). */
typedef void (*field_fn)(dtl_warc *w, const char *name, size_t nn,
                         const char *val, size_t vn, void *ctx);

static void
each_field(dtl_warc *w, const char *p, size_t n, field_fn fn, void *ctx)
{
    size_t i = 0;

    while (i < n) {
        const char *line = p + i, *nl = memchr(line, '\n', n - i), *colon;
        size_t len = nl ? (size_t)(nl - line) : n - i;

        i += len + 1;
        if (len && line[len - 1] == '\r')
            len--;
        if (len == 0 || line[0] == ' ' || line[0] == '\t')
            continue;
        colon = memchr(line, ':', len);
        if (!colon)
            continue;
        {
            const char *name = line, *val = colon + 1;
            size_t nn = (size_t)(colon - line), vn = len - nn - 1;
            trim(&name, &nn);
            trim(&val, &vn);
            fn(w, name, nn, val, vn, ctx);
        }
    }
}

/* What the WARC header says. */
struct warc_head {
    int has_len;
    uint64_t len;
    int has_ct;
    const char *ct;
    size_t ct_len;
};

static void
on_warc_field(dtl_warc *w, const char *name, size_t nn, const char *val,
              size_t vn, void *ctx)
{
    struct warc_head *h = ctx;

    if (eq_nocase(name, nn, "warc-type")) {
        set_str(&w->type, val, vn, 1);
    } else if (eq_nocase(name, nn, "warc-target-uri")) {
        if (vn >= 2 && val[0] == '<' && val[vn - 1] == '>') {
            val++;
            vn -= 2;
            trim(&val, &vn);
        }
        set_str(&w->uri, val, vn, 0);
    } else if (eq_nocase(name, nn, "warc-date")) {
        int64_t t;
        if (dtl_time_parse_user(val, vn, 0, &t, NULL) == DTL_OK)
            w->rec.date = t;
    } else if (eq_nocase(name, nn, "content-length")) {
        h->has_len = parse_size(val, vn, &h->len) == 0;
    } else if (eq_nocase(name, nn, "content-type")) {
        h->has_ct = 1;
        h->ct = val;
        h->ct_len = vn;
    }
}

/* ---- payload decoding -------------------------------------------------- */

/* Undo chunked transfer coding of p[0..n) into out; -1 if p is not
 * chunked (a crawler decoded it but kept the header), out is then
 * undefined. */
static int
dechunk(const char *p, size_t n, struct dtl_buf *out)
{
    size_t i = 0;

    dtl_buf_truncate(out, 0);
    for (;;) {
        uint64_t size = 0;
        size_t digits = 0;

        while (i < n && digits < 16) {
            int c = lower((unsigned char)p[i]), d;
            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (c >= 'a' && c <= 'f')
                d = c - 'a' + 10;
            else
                break;
            size = size * 16 + (uint64_t)d;
            digits++;
            i++;
        }
        if (digits == 0)
            return -1;
        /* chunk extensions, then the line end */
        while (i < n && p[i] != '\n')
            i++;
        if (i >= n)
            return size == 0 ? 0 : -1;
        i++;
        if (size == 0)
            return 0;
        if (size > n - i) {
            /* A last chunk cut short: keep what there is. */
            dtl_buf_add(out, p + i, n - i);
            return 0;
        }
        dtl_buf_add(out, p + i, (size_t)size);
        i += (size_t)size;
        if (i < n && p[i] == '\r')
            i++;
        if (i < n && p[i] == '\n')
            i++;
        if (i >= n)
            return 0;
    }
}

/* Inflate gzip, zlib or raw deflate p[0..n) into out, at most max bytes;
 * -1 if p is not compressed (a crawler already inflated it). */
static int
inflate_body(const char *p, size_t n, size_t max, struct dtl_buf *out)
{
    static const int modes[] = { 16 + MAX_WBITS, MAX_WBITS, -MAX_WBITS };
    size_t m;

    for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
        z_stream z;
        int zr = Z_OK;

        dtl_zstream_prepare(&z);
        if (inflateInit2(&z, modes[m]) != Z_OK)
            return -1;
        dtl_buf_truncate(out, 0);
        z.next_in = (Bytef *)(uintptr_t)p;
        z.avail_in = (uInt)n;
        while (zr == Z_OK && out->len < max) {
            dtl_buf_grow(out, 65536);
            if (out->err)
                break;
            z.next_out = (Bytef *)out->p + out->len;
            z.avail_out = (uInt)(out->cap - out->len - 1 < 65536
                                     ? out->cap - out->len - 1
                                     : 65536);
            zr = inflate(&z, Z_NO_FLUSH);
            out->len = (size_t)((char *)z.next_out - out->p);
            out->p[out->len] = '\0';
        }
        inflateEnd(&z);
        /* A body cut short still gives what it had. */
        if ((zr == Z_STREAM_END || (zr == Z_BUF_ERROR && out->len > 0)) &&
            !out->err)
            return 0;
        if (out->err)
            return -1;
    }
    return -1;
}

/* 1 if the payload looks like HTML (for records without a media type). */
static int
sniff_html(const char *p, size_t n)
{
    size_t i = 0;

    if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
                     p[i] == '\n'))
        i++;
    return starts_nocase(p + i, n - i, "<!doctype html") ||
           starts_nocase(p + i, n - i, "<html") ||
           starts_nocase(p + i, n - i, "<head") ||
           starts_nocase(p + i, n - i, "<!--");
}

static int
is_html_mime(const struct dtl_buf *m)
{
    const char *s = dtl_buf_cstr(m);

    return strcmp(s, "text/html") == 0 ||
           strcmp(s, "application/xhtml+xml") == 0;
}

/* HTTP headers of a response. */
struct http_head {
    int chunked, gzip;
};

static void
on_http_field(dtl_warc *w, const char *name, size_t nn, const char *val,
              size_t vn, void *ctx)
{
    struct http_head *h = ctx;

    if (eq_nocase(name, nn, "content-type"))
        content_type(w, val, vn);
    else if (eq_nocase(name, nn, "transfer-encoding"))
        h->chunked = starts_nocase(val, vn, "chunked");
    else if (eq_nocase(name, nn, "content-encoding"))
        h->gzip = starts_nocase(val, vn, "gzip") ||
                  starts_nocase(val, vn, "x-gzip") ||
                  starts_nocase(val, vn, "deflate");
}

static void
skip(dtl_warc *w, const char *reason)
{
    w->rec.kind = DTL_WARC_SKIPPED;
    dtl_buf_truncate(&w->reason, 0);
    dtl_buf_adds(&w->reason, reason);
}

/* Parse the HTTP message in the block; set payload and kind. */
static void
read_http(dtl_warc *w)
{
    const char *p = dtl_buf_cstr(&w->block), *body;
    size_t n = w->block.len, end, i = 0, blen;
    struct http_head h = { 0, 0 };
    int status = 0;

    while (i < n && (p[i] == '\r' || p[i] == '\n'))
        i++;
    if (!starts_nocase(p + i, n - i, "http/")) {
        skip(w, "response without an HTTP status line");
        return;
    }
    for (; i < n && p[i] != ' '; i++)
        ;
    while (i < n && p[i] == ' ')
        i++;
    while (i < n && p[i] >= '0' && p[i] <= '9' && status < 1000)
        status = status * 10 + (p[i++] - '0');
    w->rec.http_status = status;
    end = header_end(p, n);
    if (end == 0)
        end = n;
    each_field(w, p, end, on_http_field, &h);
    body = p + end;
    blen = n - end;
    if (status < 200 || status > 299) {
        dtl_buf_truncate(&w->tmp, 0);
        dtl_buf_addf(&w->tmp, "HTTP status %d", status);
        skip(w, w->tmp.err ? "HTTP status" : dtl_buf_cstr(&w->tmp));
        return;
    }
    if (h.chunked && dechunk(body, blen, &w->decoded) == 0 &&
        !w->decoded.err) {
        /* The decoded body moves to tmp so that decoded can take the
         * inflated one. */
        struct dtl_buf t = w->tmp;
        w->tmp = w->decoded;
        w->decoded = t;
        body = dtl_buf_cstr(&w->tmp);
        blen = w->tmp.len;
    }
    if (h.gzip &&
        inflate_body(body, blen, w->o.payload_max + 1, &w->decoded) == 0) {
        body = dtl_buf_cstr(&w->decoded);
        blen = w->decoded.len;
    }
    w->rec.payload = body;
    w->rec.payload_len = blen;
}

/* Decide what the record is, with its block read into w->block. */
static void
classify(dtl_warc *w, const struct warc_head *wh)
{
    const char *t = dtl_buf_cstr(&w->type), *m;

    if (strcmp(t, "response") == 0) {
        if (wh->has_ct && !starts_nocase(wh->ct, wh->ct_len,
                                         "application/http")) {
            /* A response that is not HTTP (ftp, dns): its block is the
             * payload, typed by the WARC header. */
            content_type(w, wh->ct, wh->ct_len);
            w->rec.payload = dtl_buf_cstr(&w->block);
            w->rec.payload_len = w->block.len;
        } else {
            read_http(w);
        }
    } else {
        if (wh->has_ct)
            content_type(w, wh->ct, wh->ct_len);
        w->rec.payload = dtl_buf_cstr(&w->block);
        w->rec.payload_len = w->block.len;
    }
    if (w->rec.kind == DTL_WARC_SKIPPED)
        return;
    if (w->rec.payload_len > w->o.payload_max) {
        skip(w, "page larger than the limit");
        return;
    }
    m = dtl_buf_cstr(&w->mime);
    if (!*m || strcmp(m, "unknown") == 0 ||
        strcmp(m, "application/octet-stream") == 0) {
        if (!sniff_html(w->rec.payload, w->rec.payload_len))
            skip(w, "not HTML (no media type)");
    } else if (!is_html_mime(&w->mime)) {
        dtl_buf_truncate(&w->tmp, 0);
        dtl_buf_addf(&w->tmp, "not HTML (%.60s)", dtl_buf_cstr(&w->mime));
        skip(w, w->tmp.err ? "not HTML" : dtl_buf_cstr(&w->tmp));
    }
}

/* ---- the record loop --------------------------------------------------- */

static dtl_status
stop(dtl_warc *w, dtl_status st, uint64_t at, const char *msg,
     struct dtl_error *err)
{
    if (w->saved.code == DTL_OK)
        dtl_error_set(&w->saved, st, (size_t)at, "%s", msg);
    if (err && err->code == DTL_OK)
        *err = w->saved;
    return w->saved.code;
}

/* An error of the input: keep its message and offset. */
static dtl_status
input_failed(dtl_warc *w, dtl_status st, const struct dtl_error *ie,
             uint64_t rec_off, struct dtl_error *err)
{
    char msg[DTL_ERROR_MSG_MAX];

    snprintf(msg, sizeof(msg), "record at byte %llu: %.200s",
             (unsigned long long)rec_off, ie->msg);
    return stop(w, st, ie->offset, msg, err);
}

/* Read (keep = 1) or skip len bytes of block. */
static dtl_status
read_block(dtl_warc *w, uint64_t len, int keep, uint64_t rec_off,
           struct dtl_error *err)
{
    struct dtl_error ie = DTL_ERROR_INIT;
    uint64_t left = len;
    dtl_status st;

    dtl_buf_truncate(&w->block, 0);
    if (keep) {
        dtl_buf_grow(&w->block, (size_t)len);
        if (w->block.err)
            return stop(w, DTL_ENOMEM, rec_off, "out of memory", err);
    }
    while (left > 0) {
        const char *p;
        size_t n;

        st = dtl_input_peek(w->in, DTL_INPUT_PEEK_MAX, &p, &n, &ie);
        if (st != DTL_OK)
            return input_failed(w, st, &ie, rec_off, err);
        if (n == 0) {
            char msg[160];
            snprintf(msg, sizeof(msg), "record cut short: %llu of its "
                     "%llu bytes (truncated file)",
                     (unsigned long long)(len - left),
                     (unsigned long long)len);
            return stop(w, DTL_ECORRUPT, rec_off, msg, err);
        }
        if (n > left)
            n = (size_t)left;
        if (keep)
            dtl_buf_add(&w->block, p, n);
        dtl_input_consume(w->in, n);
        left -= n;
    }
    return dtl_buf_status(&w->block) == DTL_OK
               ? DTL_OK
               : stop(w, DTL_ENOMEM, rec_off, "out of memory", err);
}

/* Empty w->rec and its strings for a record at off. */
static void
start_record(dtl_warc *w, uint64_t off)
{
    memset(&w->rec, 0, sizeof(w->rec));
    w->rec.date = DTL_TS_NONE;
    w->rec.offset = off;
    dtl_buf_truncate(&w->type, 0);
    dtl_buf_truncate(&w->uri, 0);
    dtl_buf_truncate(&w->mime, 0);
    dtl_buf_truncate(&w->charset, 0);
    dtl_buf_truncate(&w->reason, 0);
}

/* The stream at off is no record: skip to the next line that starts a
 * WARC header (or to the end) and return a DAMAGED record that says so.
 * Each call consumes at least one byte, so garbage cannot loop. */
static dtl_status
resync(dtl_warc *w, uint64_t off, const char *why,
       const struct dtl_warc_record **rec, struct dtl_error *err)
{
    struct dtl_error ie = DTL_ERROR_INIT;
    const char *p, *hit = NULL;
    size_t n, i;
    dtl_status st;

    dtl_input_consume(w->in, 1);
    while (!hit) {
        st = dtl_input_peek(w->in, DTL_INPUT_PEEK_MAX, &p, &n, &ie);
        if (st != DTL_OK)
            return input_failed(w, st, &ie, off, err);
        if (n == 0)
            break;
        for (i = 0; i + 6 <= n; i++) {
            if (p[i] == '\n' && memcmp(p + i + 1, "WARC/", 5) == 0) {
                hit = p + i + 1;
                break;
            }
        }
        if (hit)
            dtl_input_consume(w->in, (size_t)(hit - p));
        else
            dtl_input_consume(w->in, n > 5 ? n - 5 : n);
        if (!hit && n <= 5)
            break;
    }
    start_record(w, off);
    w->rec.kind = DTL_WARC_DAMAGED;
    dtl_buf_addf(&w->reason, "%s; %llu bytes skipped", why,
                 (unsigned long long)(dtl_input_offset(w->in) - off));
    if (w->reason.err)
        return stop(w, DTL_ENOMEM, off, "out of memory", err);
    w->rec.type = "";
    w->rec.target_uri = w->rec.mime = w->rec.charset = "";
    w->rec.reason = dtl_buf_cstr(&w->reason);
    *rec = &w->rec;
    return DTL_OK;
}

dtl_status
dtl_warc_next(dtl_warc *w, const struct dtl_warc_record **rec,
              struct dtl_error *err)
{
    struct dtl_error ie = DTL_ERROR_INIT;
    struct warc_head wh;
    const char *p;
    size_t n, i, end;
    uint64_t off;
    dtl_status st;
    int keep;

    *rec = NULL;
    if (!w)
        return DTL_EINVAL;
    if (w->saved.code != DTL_OK)
        return stop(w, w->saved.code, 0, "", err);
    /* Skip the record separators (and any stray line ends). */
    for (;;) {
        st = dtl_input_peek(w->in, 4096, &p, &n, &ie);
        if (st != DTL_OK)
            return input_failed(w, st, &ie, dtl_input_offset(w->in), err);
        for (i = 0; i < n && (p[i] == '\r' || p[i] == '\n'); i++)
            ;
        dtl_input_consume(w->in, i);
        if (n == 0)
            return DTL_OK;
        if (i < n)
            break;
    }
    off = dtl_input_offset(w->in);
    dtl_input_set_limit(w->in, w->o.record_max);
    st = dtl_input_peek(w->in, DTL_WARC_HEADER_MAX, &p, &n, &ie);
    if (st != DTL_OK)
        return input_failed(w, st, &ie, off, err);
    if (n < 5 || memcmp(p, "WARC/", 5) != 0)
        return resync(w, off, "not a WARC record header (no 'WARC/' "
                      "version line)", rec, err);
    end = header_end(p, n < DTL_WARC_HEADER_MAX ? n : DTL_WARC_HEADER_MAX);
    if (end == 0)
        return resync(w, off,
                      n < DTL_WARC_HEADER_MAX
                          ? "record header cut short (truncated file)"
                          : "record header longer than 64 KiB",
                      rec, err);

    start_record(w, off);
    memset(&wh, 0, sizeof(wh));
    each_field(w, p, end, on_warc_field, &wh);
    if (!wh.has_len)
        return resync(w, off, "record header without a valid "
                      "Content-Length", rec, err);
    if (wh.has_ct) {
        /* The header's view dies with the consume: copy it. */
        set_str(&w->wct, wh.ct, wh.ct_len, 0);
        wh.ct = dtl_buf_cstr(&w->wct);
    }
    dtl_input_consume(w->in, end);

    keep = (strcmp(dtl_buf_cstr(&w->type), "response") == 0 ||
            strcmp(dtl_buf_cstr(&w->type), "resource") == 0) &&
           wh.len <= (uint64_t)w->o.payload_max + DTL_WARC_HEADER_MAX;
    st = read_block(w, wh.len, keep, off, err);
    if (st != DTL_OK)
        return st;
    /* A record ends with line ends, the next header or the file's end;
     * anything else means its Content-Length was wrong, and so is it. */
    st = dtl_input_peek(w->in, 5, &p, &n, &ie);
    if (st != DTL_OK)
        return input_failed(w, st, &ie, off, err);
    if (n > 0 && p[0] != '\r' && p[0] != '\n' &&
        !(n >= 5 && memcmp(p, "WARC/", 5) == 0))
        return resync(w, off, "record does not end where its "
                      "Content-Length says", rec, err);
    if (!keep) {
        if (strcmp(dtl_buf_cstr(&w->type), "response") == 0 ||
            strcmp(dtl_buf_cstr(&w->type), "resource") == 0)
            skip(w, "page larger than the limit");
        else
            skip(w, w->type.len ? dtl_buf_cstr(&w->type)
                                : "record without a type");
    } else {
        classify(w, &wh);
    }
    if (w->type.err || w->uri.err || w->mime.err || w->charset.err ||
        w->reason.err)
        return stop(w, DTL_ENOMEM, off, "out of memory", err);
    w->rec.type = dtl_buf_cstr(&w->type);
    w->rec.target_uri = dtl_buf_cstr(&w->uri);
    w->rec.mime = dtl_buf_cstr(&w->mime);
    w->rec.charset = dtl_buf_cstr(&w->charset);
    w->rec.reason = dtl_buf_cstr(&w->reason);
    if (w->rec.kind != DTL_WARC_PAGE) {
        w->rec.payload = NULL;
        w->rec.payload_len = 0;
    }
    *rec = &w->rec;
    return DTL_OK;
}
