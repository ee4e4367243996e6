/* Dateline tests: stream kinds and JSON Lines (src/source.c).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Tables: first bytes to the kind they make; one JSON line to the page
 * it gives (or the error it is); whole streams to the items the callback
 * receives, in order, with what stops them.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "dateline/ingest.h"
#include "dateline/stamp.h"
#include "tap.h"

#define NOW 1764676800 /* 2025-12-02T12:00:00Z */

static const struct detect_row {
    const char *in;
    size_t n;               /* 0: strlen */
    enum dtl_source_kind want;
} detect_rows[] = {
    {"", 0, DTL_SOURCE_EMPTY},
    {"WARC/1.0\r\n", 0, DTL_SOURCE_WARC},
    {"WARC/1.1\r\n", 0, DTL_SOURCE_WARC},
    {"{\"url\": \"x\"}\n", 0, DTL_SOURCE_JSONL},
    {"\xef\xbb\xbf  \n{\"url\": 1}", 0, DTL_SOURCE_JSONL},
    {"<!DOCTYPE html><html>", 0, DTL_SOURCE_HTML},
    {"  <html lang=en>", 0, DTL_SOURCE_HTML},
    {"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC><html>", 0,
     DTL_SOURCE_HTML},
    {"<!-- a comment --><HEAD><title>x</title>", 0, DTL_SOURCE_HTML},
    {"<note>not html</note>", 0, DTL_SOURCE_TEXT},
    {"Title: A page\n\nSome words.\n", 0, DTL_SOURCE_TEXT},
    {"Caf\xe9 au lait, Latin-1 text.\n", 0, DTL_SOURCE_TEXT},
    {"filedesc://example.arc 0.0.0.0 2014", 0, DTL_SOURCE_BINARY},
    {"\x04\x22\x4d\x18\x64\x40", 6, DTL_SOURCE_BINARY},
    {"\x28\xb5\x2f\xfd", 4, DTL_SOURCE_BINARY},
    {"BZh91AY&SY", 0, DTL_SOURCE_BINARY},
    {"%PDF-1.4\n", 0, DTL_SOURCE_BINARY},
    {"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f", 10, DTL_SOURCE_BINARY},
    /* a brace first, then no text */
    {"{\x9c\x01\xfe\x02\x88\x03\xff\x04\x90", 10, DTL_SOURCE_BINARY},
    {" \n{\"url\": 1}\x01\x02\x03\x04\x05", 0, DTL_SOURCE_BINARY},
    {"{\"text\": \"Caf\xc3\xa9, na\xc3\xafve\"}", 0, DTL_SOURCE_JSONL},
    {NULL, 0, DTL_SOURCE_EMPTY}
};

static void
test_detect(void)
{
    const struct detect_row *r;

    for (r = detect_rows; r->in; r++) {
        const char *why = NULL;
        size_t n = r->n ? r->n : strlen(r->in);
        enum dtl_source_kind k = dtl_source_detect(r->in, n, &why);

        tap_ok(k == r->want, "detect row %d: %s (want %s)",
               (int)(r - detect_rows), dtl_source_kind_name(k),
               dtl_source_kind_name(r->want));
        tap_ok(why && (k != DTL_SOURCE_BINARY || why[0]), "a reason");
    }
}

/* A page as text: fields, then one line per entry. */
static void
dump_page(const dtl_page *page, struct dtl_buf *b)
{
    size_t i, n;
    char when[32];
    const char *f;

    f = dtl_page_field(page, DTL_PAGE_TITLE, &n);
    dtl_buf_addf(b, "title=%.*s", (int)n, f);
    f = dtl_page_field(page, DTL_PAGE_URL, &n);
    dtl_buf_addf(b, " url=%.*s", (int)n, f);
    f = dtl_page_field(page, DTL_PAGE_LANGUAGE, &n);
    dtl_buf_addf(b, " lang=%.*s", (int)n, f);
    dtl_time_format_iso(dtl_page_published(page), when, sizeof(when));
    dtl_buf_addf(b, " published=%s\n", when);
    for (i = 0; i < dtl_page_entry_count(page); i++) {
        const struct dtl_entry *e = dtl_page_entry(page, i);
        dtl_time_format_iso(e->ts, when, sizeof(when));
        dtl_buf_addf(b, "  %s%s %.*s | %.*s | %.*s\n",
                     e->is_lead ? "lead " : "", when, (int)e->headline_len,
                     e->headline, (int)e->body_len, e->body,
                     (int)(e->url ? e->url_len : 0), e->url ? e->url : "");
    }
}

static const struct jsonl_row {
    const char *line;
    dtl_status st;
    const char *want;   /* page dump, or part of the error message */
} jsonl_rows[] = {
    {"{\"url\": \"https://x.test/a\", \"title\": \"Storm\", \"language\": "
     "\"en\", \"published\": \"2025-12-02T09:46:00Z\", \"text\": "
     "\"Rain fell all night.\"}",
     DTL_OK,
     "title=Storm url=https://x.test/a lang=en published=2025-12-02T09:46:00Z\n"
     "  lead 2025-12-02T00:00:00Z Rain fell all night. |  | \n"},
    {"{\"title\": \"Live\", \"published\": \"2025-12-02\", \"entries\": ["
     "{\"time\": \"2025-12-02T10:00:00+01:00\", \"headline\": \"First\", "
     "\"text\": \"One.\", \"url\": \"https://x.test/l#p1\"},"
     "{\"time\": null, \"headline\": \"Undated\", \"text\": \"Two.\"},"
     "{\"text\": \"Body only.\"}]}",
     DTL_OK,
     "title=Live url= lang= published=2025-12-02T00:00:00Z\n"
     "  2025-12-02T09:00:00Z First | One. | https://x.test/l#p1\n"
     "  - Undated | Two. | \n"
     "  -  | Body only. | \n"},
    {"{\"text\": \"09:46 GMT\\nEnvoy lands\\nHe landed.\\n\", "
     "\"published\": \"2025-12-02T08:00:00Z\"}",
     DTL_OK,
     "title= url= lang= published=2025-12-02T08:00:00Z\n"
     "  2025-12-02T09:46:00Z Envoy lands | He landed. | \n"},
    {"{\"text\": \"a\\u0000b\"}", DTL_OK,
     "title= url= lang= published=-\n  lead - a b |  | \n"},
    {"{\"url\": \"x\", \"text\": \"t\"", DTL_ESYNTAX, "malformed JSON"},
    {"[1, 2]", DTL_ESYNTAX, "not a JSON object"},
    {"{\"url\": 5, \"text\": \"t\"}", DTL_ESYNTAX, "\"url\" is not a string"},
    {"{\"title\": \"x\"}", DTL_ESYNTAX, "no \"text\", \"html\" or \"entries\""},
    {"{\"published\": \"yesterday-ish\", \"text\": \"t\"}", DTL_ESYNTAX,
     "\"published\" is not an ISO 8601 time"},
    {"{\"entries\": []}", DTL_ESYNTAX, "non-empty array"},
    {"{\"entries\": [5]}", DTL_ESYNTAX, "entry 1 is not an object"},
    {"{\"entries\": [{\"time\": \"2025-12-02\"}]}", DTL_ESYNTAX,
     "neither"},
    {"{\"entries\": [{\"time\": \"noon\", \"text\": \"x\"}]}", DTL_ESYNTAX,
     "\"time\" is not an ISO 8601 time"},
    {"{\"text\": \"\xff\"}", DTL_ESYNTAX, "malformed JSON"},
    {NULL, DTL_OK, NULL}
};

static void
test_jsonl(void)
{
    const struct jsonl_row *r;
    struct dtl_source_opts o;

    memset(&o, 0, sizeof(o));
    o.now = NOW;
    for (r = jsonl_rows; r->line; r++) {
        struct dtl_error err = DTL_ERROR_INIT;
        struct dtl_buf b = DTL_BUF_INIT;
        dtl_page *page = NULL;
        const char *skip = NULL;
        dtl_status st = dtl_jsonl_page(r->line, strlen(r->line), &o, &page,
                                       &skip, &err);

        tap_is_int(st, r->st, r->line);
        if (st == DTL_OK && page) {
            dump_page(page, &b);
            tap_is_str(dtl_buf_cstr(&b), r->want, "page");
        } else {
            tap_ok(!page && strstr(err.msg, r->want) != NULL,
                   "error '%s' has '%s'", err.msg, r->want);
        }
        dtl_page_free(page);
        dtl_buf_release(&b);
    }
}

/* ---- whole streams ------------------------------------------------------ */

static dtl_status
collect(void *ctx, const struct dtl_item *it)
{
    static const char *const kinds[] = { "page", "skipped", "bad" };
    struct dtl_buf *b = ctx;

    dtl_buf_addf(b, "%s@%llu:%zu <%s> %zu %s\n", kinds[it->kind],
                 (unsigned long long)it->offset, it->line, it->url,
                 it->page ? dtl_page_entry_count(it->page) : 0, it->reason);
    return DTL_OK;
}

/* An article the HTML reader makes one entry of (no quotes: it also goes
 * into a JSON string). */
#define FERRY                                                              \
    "<html><body><article><h1>Ferry late</h1><p>The harbour ferry "       \
    "sailed at noon with forty passengers aboard, an hour later than "     \
    "planned because of the fog.</p></article></body></html>"

/* A page with no text at all, whatever the extractor's thresholds. */
#define NO_TEXT "<html><head><title></title></head><body></body></html>"

static const struct stream_row {
    const char *name, *in;
    enum dtl_source_kind kind;
    dtl_status st;
    const char *want;      /* items, then "! message" if it stops */
} stream_rows[] = {
    {"jsonl: bad lines are items, blank lines nothing",
     "{\"url\": \"https://x.test/1\", \"text\": \"One.\"}\n"
     "\n"
     "{broken\n"
     "   \r\n"
     "{\"url\": \"https://x.test/2\", \"html\": \"" FERRY "\"}\n"
     "{\"url\": \"https://x.test/3\", \"html\": \"" NO_TEXT "\"}\n"
     "{\"entries\": [{\"headline\": \"A\"}, {\"headline\": \"B\"}]}",
     DTL_SOURCE_JSONL, DTL_OK,
     "page@0:1 <https://x.test/1> 1 \n"
     "bad@45:3 <> 0 malformed JSON at column 7: string or '}' expected "
     "near 'broken'\n"
     "page@58:5 <https://x.test/2> 1 \n"
     "skipped@278:6 <> 0 HTML page without text\n"
     "page@372:7 <> 2 \n"},
    {"text page",
     "Title: T\nURL: https://x.test/t\n\nWords here.\n",
     DTL_SOURCE_TEXT, DTL_OK, "page@0:0 <https://x.test/t> 1 \n"},
    {"html page", "<!doctype html>" FERRY, DTL_SOURCE_HTML, DTL_OK,
     "page@0:0 <> 1 \n"},
    {"html page without text", "<!doctype html>" NO_TEXT, DTL_SOURCE_HTML,
     DTL_OK, "skipped@0:0 <> 0 HTML page without text\n"},
    {"warc: skipped records and a truncated one",
     "WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 3\r\n\r\nGET\r\n\r\n"
     "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: <http://x.test/"
     "h>\r\nContent-Type: text/html\r\nContent-Length: 6\r\n\r\n<html>\r\n"
     "\r\nWARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 9\r\n\r\nab",
     DTL_SOURCE_WARC, DTL_ECORRUPT,
     "skipped@0:0 <> 0 request\n"
     "skipped@58:0 <http://x.test/h> 0 HTML page without text\n"
     "! record cut short: 2 of its 9 bytes (truncated file)\n"},
    {"binary", "\x01\x02\x03\x04\x05\x06\x07\x08", DTL_SOURCE_BINARY,
     DTL_EINVAL, "! binary data, not a page; skipped\n"},
    {"empty", "", DTL_SOURCE_EMPTY, DTL_OK, ""},
    {NULL, NULL, DTL_SOURCE_EMPTY, DTL_OK, NULL}
};

static void
test_streams(void)
{
    const struct stream_row *r;
    struct dtl_source_opts o;

    memset(&o, 0, sizeof(o));
    o.now = NOW;
    for (r = stream_rows; r->name; r++) {
        struct dtl_error err = DTL_ERROR_INIT;
        struct dtl_buf b = DTL_BUF_INIT;
        enum dtl_source_kind kind;
        dtl_input *in = NULL;
        dtl_status st;

        dtl_input_from_memory(r->in, strlen(r->in), &in);
        st = dtl_source_read(in, &o, collect, &b, &kind, &err);
        if (st != DTL_OK)
            dtl_buf_addf(&b, "! %s\n", err.msg);
        tap_is_int(st, r->st, r->name);
        tap_ok(kind == r->kind, "kind %s", dtl_source_kind_name(kind));
        tap_is_str(dtl_buf_cstr(&b), r->want, r->name);
        dtl_input_free(in);
        dtl_buf_release(&b);
    }
}

/* The callback's status stops the source. */
static dtl_status
stop_at_second(void *ctx, const struct dtl_item *it)
{
    int *n = ctx;

    (void)it;
    return ++*n == 2 ? DTL_EINDEX : DTL_OK;
}

static void
test_stop(void)
{
    const char *in = "{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"text\": \"c\"}\n";
    dtl_input *inp = NULL;
    int n = 0;

    dtl_input_from_memory(in, strlen(in), &inp);
    tap_is_int(dtl_source_read(inp, NULL, stop_at_second, &n, NULL, NULL),
               DTL_EINDEX, "the callback's status is returned");
    tap_is_int(n, 2, "and nothing after it is read");
    dtl_input_free(inp);
}

static void
test_oom(void)
{
    const char *in = stream_rows[0].in;
    struct dtl_source_opts o;
    long n;
    int ok = 1;

    memset(&o, 0, sizeof(o));
    o.now = NOW;
    for (n = 0; n < 400; n++) {
        struct dtl_buf b = DTL_BUF_INIT;
        dtl_input *inp = NULL;
        dtl_status st;

        dtl_alloc_fail_after(n);
        st = dtl_input_from_memory(in, strlen(in), &inp);
        if (st == DTL_OK)
            st = dtl_source_read(inp, &o, collect, &b, NULL, NULL);
        if (st == DTL_OK)
            st = dtl_buf_status(&b);
        dtl_alloc_fail_after(-1);
        dtl_input_free(inp);
        if (st == DTL_OK) {
            tap_is_str(b.p, stream_rows[0].want, "oom: result");
            dtl_buf_release(&b);
            break;
        }
        dtl_buf_release(&b);
        if (st != DTL_ENOMEM)
            ok = 0;
    }
    tap_ok(ok && n < 400, "oom: DTL_ENOMEM until it succeeds (%ld faults)",
           n);
}

int
main(void)
{
    test_detect();
    test_jsonl();
    test_streams();
    test_stop();
    test_oom();
    return tap_done();
}
