/* Dateline: what a stream holds, and every page in it (dtl_source).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements dtl_source_detect(), dtl_source_read() and dtl_jsonl_page()
 * of include/dateline/ingest.h for `dateline index`.  A stream's kind
 * comes from its first bytes after inflating, never from its name: WARC
 * ("WARC/"), JSON Lines (a '{' first), HTML (markup that names html, head
 * or body), binary data and formats read by no reader here (ARC, LZ4,
 * zstd, ...), else a plain-text page.  WARC records come from src/warc.c
 * and JSON Lines are parsed with jansson, one line at a time, so a
 * stream of any size is read in memory bounded by one record.
 *
 * HTML (files, WARC payloads, the "html" of a JSON line) goes through
 * page_from_html() to the HTML reader (include/dateline/html.h).
 */
#include <config.h>
#include "dateline/ingest.h"

#include "dateline/html.h"

#include <jansson.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "buf.h"
#include "status.h"
#include "banned.h"

/* Longest JSON line read; a longer one is reported and skipped. */
#define JSONL_LINE_MAX (2 * DTL_PAGE_MAX_BYTES)

/* How far the detector looks. */
#define DETECT_BYTES ((size_t)64 << 10)

const char *
dtl_source_kind_name(enum dtl_source_kind k)
{
    switch (k) {
    case DTL_SOURCE_TEXT:
        return "text";
    case DTL_SOURCE_HTML:
        return "html";
    case DTL_SOURCE_WARC:
        return "warc";
    case DTL_SOURCE_JSONL:
        return "jsonl";
    case DTL_SOURCE_BINARY:
        return "binary";
    case DTL_SOURCE_EMPTY:
        return "empty";
    }
    return "unknown";
}

/* ---- detection ---------------------------------------------------------- */

static int
lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Offset of the lower-case word s in p[0..n) ignoring case, or -1. */
static long
find_nocase(const char *p, size_t n, const char *s)
{
    size_t k = strlen(s), i, j;

    for (i = 0; i + k <= n; i++) {
        for (j = 0; j < k; j++)
            if (lower((unsigned char)p[i + j]) != s[j])
                break;
        if (j == k)
            return (long)i;
    }
    return -1;
}

/* Length of the valid UTF-8 sequence at p[0..n), or 0 if it is invalid. */
static size_t
utf8_seq(const unsigned char *p, size_t n)
{
    size_t len, i;

    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        len = 2;
    else if (p[0] >= 0xe0 && p[0] <= 0xef)
        len = 3;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4)
        len = 4;
    else
        return 0;
    if (len > n)
        return 0;
    for (i = 1; i < len; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    return len;
}

/* Data whose first 8 KiB are more than 15% control characters or bytes
 * that are not UTF-8 is binary.  Legacy 8-bit text and a few stray NULs
 * stay well under that and are repaired by the readers.  A sequence cut
 * by the end of the window is not counted. */
static int
looks_binary(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t i = 0, bad = 0, look = n < 8192 ? n : 8192;

    while (i < look) {
        size_t len = utf8_seq(u + i, look - i);
        if (len == 0) {
            if (look - i < 4 && look < n)
                break;
            bad++;
            i++;
            continue;
        }
        if (len == 1 && (u[i] == 0x7f || (u[i] < 0x20 && u[i] != '\n' &&
                                           u[i] != '\r' && u[i] != '\t' &&
                                           u[i] != '\f')))
            bad++;
        i += len;
    }
    return look > 0 && bad * 100 > look * 15;
}

static const struct magic {
    const char *bytes;
    size_t n;
    const char *what;
} magics[] = {
    {"filedesc://", 11, "an ARC file (the format before WARC), which is "
                        "not supported"},
    {"\x04\x22\x4d\x18", 4, "LZ4 data, which is not supported (unpack it "
                            "with lz4 -d)"},
    {"\x28\xb5\x2f\xfd", 4, "zstd data, which is not supported (unpack it "
                            "with zstd -d)"},
    {"BZh", 3, "bzip2 data, which is not supported (unpack it with "
               "bunzip2)"},
    {"\xfd" "7zXZ", 5, "xz data, which is not supported (unpack it with "
                       "unxz)"},
    {"PK\x03\x04", 4, "a zip archive, which is not supported"},
    {"%PDF-", 5, "a PDF document, which is not supported"},
};

enum dtl_source_kind
dtl_source_detect(const char *p, size_t n, const char **why)
{
    size_t i = 0, k, look;

    if (why)
        *why = "";
    if (n == 0)
        return DTL_SOURCE_EMPTY;
    if (n >= 5 && memcmp(p, "WARC/", 5) == 0)
        return DTL_SOURCE_WARC;
    for (k = 0; k < sizeof(magics) / sizeof(magics[0]); k++) {
        if (n >= magics[k].n && memcmp(p, magics[k].bytes, magics[k].n) == 0) {
            if (why)
                *why = magics[k].what;
            return DTL_SOURCE_BINARY;
        }
    }
    if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
                     p[i] == '\n'))
        i++;
    /* JSON is UTF-8 text: binary data that happens to start with a
     * brace is binary data. */
    if (i < n && p[i] == '{' && !looks_binary(p, n))
        return DTL_SOURCE_JSONL;
    if (i < n && p[i] == '<') {
        look = n - i < 4096 ? n - i : 4096;
        if (find_nocase(p + i, look, "<!doctype html") >= 0 ||
            find_nocase(p + i, look, "<html") >= 0 ||
            find_nocase(p + i, look, "<head") >= 0 ||
            find_nocase(p + i, look, "<body") >= 0)
            return DTL_SOURCE_HTML;
    }
    if (looks_binary(p, n)) {
        if (why)
            *why = "binary data, not a page";
        return DTL_SOURCE_BINARY;
    }
    return DTL_SOURCE_TEXT;
}

/* ---- HTML --------------------------------------------------------------- */

/*
 * The page of an HTML document p[0..n) fetched from url (may be "") with
 * the charset its HTTP header gave (may be ""), at fetched (DTL_TS_NONE if
 * unknown), read by the HTML reader.  *out is NULL and *skip says why
 * when no page is made: a page without any text is no page.
 */
static dtl_status
page_from_html(const char *p, size_t n, const char *url,
               const char *charset, int64_t fetched, dtl_page **out,
               const char **skip, struct dtl_error *err)
{
    struct dtl_html_opts ho;
    dtl_status st;

    *out = NULL;
    *skip = "";
    memset(&ho, 0, sizeof(ho));
    ho.url = url && *url ? url : NULL;
    ho.charset = charset && *charset ? charset : NULL;
    ho.fetched = fetched;
    st = dtl_html_read(p, n, &ho, out, err);
    if (st == DTL_OK && dtl_page_entry_count(*out) == 0) {
        dtl_page_free(*out);
        *out = NULL;
        *skip = "HTML page without text";
    }
    return st;
}

/* ---- JSON Lines --------------------------------------------------------- */

/* A string member of o, or NULL; DTL_ESYNTAX if it is there but not a
 * string (null counts as absent). */
static dtl_status
get_str(json_t *o, const char *key, const char **p, size_t *n,
        struct dtl_error *err)
{
    json_t *v = json_object_get(o, key);

    *p = NULL;
    *n = 0;
    if (!v || json_is_null(v))
        return DTL_OK;
    if (!json_is_string(v))
        return dtl_error_set(err, DTL_ESYNTAX, 0,
                             "\"%s\" is not a string", key);
    *p = json_string_value(v);
    *n = json_string_length(v);
    return DTL_OK;
}

static dtl_status
parse_time(const char *key, const char *p, size_t n, int64_t now,
           int64_t *out, struct dtl_error *err)
{
    *out = DTL_TS_NONE;
    if (!p || n == 0)
        return DTL_OK;
    if (dtl_time_parse_user(p, n, now, out, NULL) != DTL_OK)
        return dtl_error_set(err, DTL_ESYNTAX, 0,
                             "\"%s\" is not an ISO 8601 time: %.40s", key,
                             p);
    return DTL_OK;
}

/* The page of an "entries" array. */
static dtl_status
entries_page(json_t *arr, int64_t now, dtl_page **out,
             struct dtl_error *err)
{
    dtl_page *page = NULL;
    dtl_status st;
    size_t i;

    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return dtl_error_set(err, DTL_ESYNTAX, 0,
                             "\"entries\" is not a non-empty array");
    st = dtl_page_new(&page);
    for (i = 0; st == DTL_OK && i < json_array_size(arr); i++) {
        json_t *e = json_array_get(arr, i);
        struct dtl_entry en;
        const char *t;
        size_t tn;

        memset(&en, 0, sizeof(en));
        if (!json_is_object(e)) {
            st = dtl_error_set(err, DTL_ESYNTAX, 0,
                               "entry %zu is not an object", i + 1);
            break;
        }
        st = get_str(e, "time", &t, &tn, err);
        if (st == DTL_OK)
            st = parse_time("time", t, tn, now, &en.ts, err);
        if (st == DTL_OK)
            st = get_str(e, "headline", &en.headline, &en.headline_len,
                         err);
        if (st == DTL_OK)
            st = get_str(e, "text", &en.body, &en.body_len, err);
        if (st == DTL_OK)
            st = get_str(e, "url", &en.url, &en.url_len, err);
        if (st != DTL_OK)
            break;
        if (!en.headline && !en.body) {
            st = dtl_error_set(err, DTL_ESYNTAX, 0, "entry %zu has neither "
                               "\"headline\" nor \"text\"", i + 1);
            break;
        }
        st = dtl_page_add_entry(page, &en);
        if (st == DTL_ELIMIT)
            dtl_error_set(err, st, 0, "more than %zu entries",
                          (size_t)DTL_PAGE_MAX_ENTRIES);
    }
    if (st != DTL_OK) {
        dtl_page_free(page);
        return st;
    }
    *out = page;
    return DTL_OK;
}

/* Set the metadata the line gives on page. */
static dtl_status
set_meta(dtl_page *page, const char *url, size_t url_n, const char *title,
         size_t title_n, const char *lang, size_t lang_n, int64_t published)
{
    dtl_status st = DTL_OK;

    if (url)
        st = dtl_page_set_field(page, DTL_PAGE_URL, url, url_n);
    if (st == DTL_OK && title)
        st = dtl_page_set_field(page, DTL_PAGE_TITLE, title, title_n);
    if (st == DTL_OK && lang)
        st = dtl_page_set_field(page, DTL_PAGE_LANGUAGE, lang, lang_n);
    if (st == DTL_OK && published != DTL_TS_NONE)
        st = dtl_page_set_times(page, published, dtl_page_modified(page));
    return st;
}

dtl_status
dtl_jsonl_page(const char *p, size_t n, const struct dtl_source_opts *opts,
               dtl_page **out, const char **skip_reason,
               struct dtl_error *err)
{
    struct dtl_source_opts none;
    const char *url, *title, *lang, *pub, *text, *html;
    size_t url_n, title_n, lang_n, pub_n, text_n, html_n;
    json_t *root, *entries;
    json_error_t je;
    int64_t published = DTL_TS_NONE, now;
    dtl_page *page = NULL;
    dtl_status st;

    if (out)
        *out = NULL;
    if (skip_reason)
        *skip_reason = "";
    if (!out || (!p && n))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_jsonl_page: no line or result");
    if (!opts) {
        memset(&none, 0, sizeof(none));
        opts = &none;
    }
    now = opts->now ? opts->now : (int64_t)time(NULL);
    root = json_loadb(p ? p : "", n, JSON_ALLOW_NUL, &je);
    if (!root)
        return dtl_error_set(err, DTL_ESYNTAX, (size_t)je.position,
                             "malformed JSON at column %d: %s", je.column,
                             je.text);
    if (!json_is_object(root)) {
        st = dtl_error_set(err, DTL_ESYNTAX, 0, "not a JSON object");
        goto out;
    }
    st = get_str(root, "url", &url, &url_n, err);
    if (st == DTL_OK)
        st = get_str(root, "title", &title, &title_n, err);
    if (st == DTL_OK)
        st = get_str(root, "language", &lang, &lang_n, err);
    if (st == DTL_OK)
        st = get_str(root, "published", &pub, &pub_n, err);
    if (st == DTL_OK)
        st = parse_time("published", pub, pub_n, now, &published, err);
    if (st == DTL_OK)
        st = get_str(root, "text", &text, &text_n, err);
    if (st == DTL_OK)
        st = get_str(root, "html", &html, &html_n, err);
    if (st != DTL_OK)
        goto out;
    entries = json_object_get(root, "entries");
    if (entries && !json_is_null(entries)) {
        st = entries_page(entries, now, &page, err);
    } else if (text) {
        struct dtl_text_opts to = opts->text;
        if (published != DTL_TS_NONE && to.year == 0)
            dtl_time_to_civil(published, &to.year, &to.month, &to.day,
                              NULL, NULL, NULL);
        st = dtl_text_read(text, text_n, &to, &page, err);
    } else if (html) {
        const char *why = "";
        /* The line's publication time is the HTML reader's last resort
         * for the page's date, as a crawl time would be. */
        st = page_from_html(html, html_n, url ? url : "", "", published,
                            &page, &why, err);
        if (st == DTL_OK && !page && skip_reason)
            *skip_reason = why;
    } else {
        st = dtl_error_set(err, DTL_ESYNTAX, 0,
                           "no \"text\", \"html\" or \"entries\"");
    }
    if (st == DTL_OK && page)
        st = set_meta(page, url, url_n, title, title_n, lang, lang_n,
                      published);
    if (st == DTL_ENOMEM)
        dtl_error_set(err, st, SIZE_MAX, "out of memory");
out:
    json_decref(root);
    if (st != DTL_OK) {
        dtl_page_free(page);
        page = NULL;
    }
    *out = page;
    return st;
}

/* ---- reading a stream --------------------------------------------------- */

/* Hand the callback one item. */
static dtl_status
deliver(dtl_source_fn fn, void *ctx, enum dtl_item_kind kind,
        dtl_page *page, const char *url, int64_t crawled, uint64_t off,
        size_t line, const char *reason)
{
    struct dtl_item it;

    memset(&it, 0, sizeof(it));
    it.kind = kind;
    it.page = page;
    it.url = url ? url : "";
    it.crawled = crawled;
    it.offset = off;
    it.line = line;
    it.reason = reason ? reason : "";
    it.first_bad = SIZE_MAX;
    if (page)
        it.bad_bytes = dtl_page_bad_bytes(page, &it.first_bad);
    return fn(ctx, &it);
}

/* The whole stream into b, at most max bytes (DTL_ELIMIT past it). */
static dtl_status
slurp(dtl_input *in, size_t max, struct dtl_buf *b, struct dtl_error *err)
{
    const char *p;
    size_t n;
    dtl_status st;

    for (;;) {
        st = dtl_input_peek(in, DTL_INPUT_PEEK_MAX, &p, &n, err);
        if (st != DTL_OK)
            return st;
        if (n == 0)
            return dtl_buf_status(b);
        if (b->len + n > max)
            return dtl_error_set(err, DTL_ELIMIT, SIZE_MAX,
                                 "larger than %zu MiB; skipped", max >> 20);
        dtl_buf_add(b, p, n);
        dtl_input_consume(in, n);
        if (b->err)
            return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
    }
}

/* One page file: plain text or HTML. */
static dtl_status
read_single(dtl_input *in, enum dtl_source_kind kind,
            const struct dtl_source_opts *o, dtl_source_fn fn, void *ctx,
            struct dtl_error *err)
{
    struct dtl_buf b = DTL_BUF_INIT;
    dtl_page *page = NULL;
    const char *skip = "", *url;
    size_t url_n = 0;
    dtl_status st;

    dtl_input_set_limit(in, (uint64_t)DTL_PAGE_MAX_BYTES + 1);
    st = slurp(in, DTL_PAGE_MAX_BYTES, &b, err);
    if (st != DTL_OK)
        goto out;
    if (kind == DTL_SOURCE_TEXT)
        st = dtl_text_read(dtl_buf_cstr(&b), b.len, &o->text, &page, err);
    else
        st = page_from_html(dtl_buf_cstr(&b), b.len, "", "", DTL_TS_NONE,
                            &page, &skip, err);
    if (st != DTL_OK)
        goto out;
    if (!page) {
        st = deliver(fn, ctx, DTL_ITEM_SKIPPED, NULL, "", DTL_TS_NONE, 0, 0,
                     skip);
        goto out;
    }
    /* The URL a text page names is NUL-terminated for the callback. */
    url = dtl_page_url(page, &url_n);
    dtl_buf_truncate(&b, 0);
    dtl_buf_add(&b, url, url_n);
    if (b.err) {
        st = DTL_ENOMEM;
        goto out;
    }
    st = deliver(fn, ctx, DTL_ITEM_PAGE, page, dtl_buf_cstr(&b),
                 DTL_TS_NONE, 0, 0, "");
out:
    dtl_page_free(page);
    dtl_buf_release(&b);
    return st;
}

static dtl_status
read_warc(dtl_input *in, const struct dtl_source_opts *o, dtl_source_fn fn,
          void *ctx, struct dtl_error *err)
{
    const struct dtl_warc_record *rec;
    dtl_warc *w = NULL;
    dtl_status st;

    st = dtl_warc_new(in, &o->warc, &w);
    while (st == DTL_OK) {
        struct dtl_error perr = DTL_ERROR_INIT;
        dtl_page *page = NULL;
        const char *skip = "";

        st = dtl_warc_next(w, &rec, err);
        if (st != DTL_OK || !rec)
            break;
        if (rec->kind != DTL_WARC_PAGE) {
            st = deliver(fn, ctx,
                         rec->kind == DTL_WARC_DAMAGED ? DTL_ITEM_BAD
                                                       : DTL_ITEM_SKIPPED,
                         NULL, rec->target_uri, rec->date, rec->offset, 0,
                         rec->reason);
            continue;
        }
        st = page_from_html(rec->payload, rec->payload_len,
                            rec->target_uri, rec->charset, rec->date, &page,
                            &skip, &perr);
        if (st == DTL_ENOMEM)
            break;
        if (st != DTL_OK)
            st = deliver(fn, ctx, DTL_ITEM_BAD, NULL, rec->target_uri,
                         rec->date, rec->offset, 0, perr.msg);
        else if (!page)
            st = deliver(fn, ctx, DTL_ITEM_SKIPPED, NULL, rec->target_uri,
                         rec->date, rec->offset, 0, skip);
        else
            st = deliver(fn, ctx, DTL_ITEM_PAGE, page, rec->target_uri,
                         rec->date, rec->offset, 0, "");
        dtl_page_free(page);
    }
    dtl_warc_free(w);
    return st;
}

/* One JSON line (line number lno, starting at off) to the callback. */
static dtl_status
jsonl_line(const struct dtl_buf *line, size_t lno, uint64_t off,
           const struct dtl_source_opts *o, dtl_source_fn fn, void *ctx)
{
    struct dtl_error lerr = DTL_ERROR_INIT;
    const char *p = dtl_buf_cstr(line), *skip = "", *url;
    size_t n = line->len, i, url_n = 0;
    struct dtl_buf u = DTL_BUF_INIT;
    dtl_page *page = NULL;
    dtl_status st;

    for (i = 0; i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r');)
        i++;
    if (i == n)
        return DTL_OK;
    st = dtl_jsonl_page(p, n, o, &page, &skip, &lerr);
    if (st == DTL_ENOMEM)
        return st;
    if (st != DTL_OK)
        return deliver(fn, ctx, DTL_ITEM_BAD, NULL, "", DTL_TS_NONE, off,
                       lno, lerr.msg);
    if (!page)
        return deliver(fn, ctx, DTL_ITEM_SKIPPED, NULL, "", DTL_TS_NONE, off,
                       lno, skip);
    url = dtl_page_url(page, &url_n);
    dtl_buf_add(&u, url, url_n);
    st = dtl_buf_status(&u);
    if (st == DTL_OK)
        st = deliver(fn, ctx, DTL_ITEM_PAGE, page, dtl_buf_cstr(&u),
                     DTL_TS_NONE, off, lno, "");
    dtl_buf_release(&u);
    dtl_page_free(page);
    return st;
}

static dtl_status
read_jsonl(dtl_input *in, const struct dtl_source_opts *o, dtl_source_fn fn,
           void *ctx, struct dtl_error *err)
{
    struct dtl_buf line = DTL_BUF_INIT;
    size_t lno = 1;
    uint64_t start = dtl_input_offset(in);
    int too_long = 0;
    dtl_status st = DTL_OK;

    dtl_input_set_limit(in, DTL_INPUT_RECORD_MAX);
    for (;;) {
        const char *p, *nl;
        size_t n, take;

        st = dtl_input_peek(in, DTL_INPUT_PEEK_MAX, &p, &n, err);
        if (st != DTL_OK)
            break;
        nl = n ? memchr(p, '\n', n) : NULL;
        take = nl ? (size_t)(nl - p) : n;
        if (!too_long && line.len + take > JSONL_LINE_MAX) {
            too_long = 1;
            dtl_buf_reset(&line);
        }
        if (!too_long)
            dtl_buf_add(&line, p, take);
        if (line.err) {
            st = DTL_ENOMEM;
            break;
        }
        dtl_input_consume(in, take + (nl ? 1 : 0));
        if (!nl && n > 0)
            continue;
        if (too_long)
            st = deliver(fn, ctx, DTL_ITEM_BAD, NULL, "", DTL_TS_NONE, start,
                         lno, "line longer than the limit");
        else
            st = jsonl_line(&line, lno, start, o, fn, ctx);
        if (st != DTL_OK || n == 0)
            break;
        dtl_buf_reset(&line);
        too_long = 0;
        lno++;
        start = dtl_input_offset(in);
        dtl_input_set_limit(in, DTL_INPUT_RECORD_MAX);
    }
    if (st == DTL_ENOMEM)
        dtl_error_set(err, st, SIZE_MAX, "out of memory");
    dtl_buf_release(&line);
    return st;
}

dtl_status
dtl_source_read(dtl_input *in, const struct dtl_source_opts *opts,
                dtl_source_fn fn, void *ctx, enum dtl_source_kind *kind,
                struct dtl_error *err)
{
    struct dtl_source_opts none;
    enum dtl_source_kind k;
    const char *p, *why;
    size_t n;
    dtl_status st;

    if (kind)
        *kind = DTL_SOURCE_EMPTY;
    if (!in || !fn)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_source_read: no input or callback");
    if (!opts) {
        memset(&none, 0, sizeof(none));
        opts = &none;
    }
    st = dtl_input_peek(in, DETECT_BYTES, &p, &n, err);
    if (st != DTL_OK)
        return st;
    k = dtl_source_detect(p, n, &why);
    if (kind)
        *kind = k;
    switch (k) {
    case DTL_SOURCE_EMPTY:
        return DTL_OK;
    case DTL_SOURCE_BINARY:
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX, "%s; skipped", why);
    case DTL_SOURCE_WARC:
        return read_warc(in, opts, fn, ctx, err);
    case DTL_SOURCE_JSONL:
        return read_jsonl(in, opts, fn, ctx, err);
    case DTL_SOURCE_TEXT:
    case DTL_SOURCE_HTML:
        break;
    }
    return read_single(in, k, opts, fn, ctx, err);
}
