/* Dateline tests: the WARC record reader (src/warc.c).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A table from WARC text to a dump of its records (one line each: type,
 * page or skip, HTTP status, media type, charset or skip reason, date,
 * target URI, payload) and the error the stream ends with, covering the
 * quirks of real crawls; gzip bodies; per-record gzip files; limits.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "dateline/ingest.h"
#include "dateline/stamp.h"
#include "gzwrite.h"
#include "tap.h"

#define CRLF "\r\n"
#define WHEAD(type, extra, len)                                          \
    "WARC/1.0" CRLF "WARC-Type: " type CRLF extra "Content-Length: " len \
    CRLF CRLF
#define RESP(extra, len)                                                 \
    WHEAD("response", "WARC-Target-URI: http://x.test/a" CRLF            \
          "WARC-Date: 2025-12-02T09:46:00Z" CRLF                         \
          "Content-Type: application/http; msgtype=response" CRLF extra, \
          len)
#define END "\x01" CRLF CRLF

static const struct row {
    const char *name;
    const char *in;
    const char *want;   /* the dump */
    dtl_status st;      /* final status */
    size_t err_off;     /* offset of the error */
} rows[] = {
    {"a response",
     RESP("", "#") "HTTP/1.1 200 OK" CRLF "Content-Type: text/html" CRLF CRLF
     "<p>Hi</p>" END,
     "0 response page 200 text/html [] 2025-12-02T09:46:00Z <http://x.test/a>"
     " <p>Hi</p>\n", DTL_OK, 0},
    {"target URI in <...>, WARC/1.1, fractional date",
     "WARC/1.1" CRLF "WARC-Type: resource" CRLF
     "WARC-Target-URI: <http://x.test/b>" CRLF
     "WARC-Date: 2025-12-02T09:46:00.123456Z" CRLF
     "Content-Type: text/html; charset=\"ISO-8859-1\"" CRLF
     "Content-Length: #" CRLF CRLF "<html>" END,
     "0 resource page 0 text/html [iso-8859-1] 2025-12-02T09:46:00Z "
     "<http://x.test/b> <html>\n", DTL_OK, 0},
    {"chunked body",
     RESP("", "#") "HTTP/1.1 200 OK" CRLF "Content-Type: text/html" CRLF
     "Transfer-Encoding: chunked" CRLF CRLF "4" CRLF "<p>H" CRLF "5;x=y" CRLF
     "i</p>" CRLF "0" CRLF CRLF END,
     "0 response page 200 text/html [] 2025-12-02T09:46:00Z <http://x.test/a>"
     " <p>Hi</p>\n", DTL_OK, 0},
    {"chunked header, body already de-chunked",
     RESP("", "#") "HTTP/1.1 200 OK" CRLF "Content-Type: text/html" CRLF
     "Transfer-Encoding: chunked" CRLF CRLF "<p>Hi</p>" END,
     "0 response page 200 text/html [] 2025-12-02T09:46:00Z <http://x.test/a>"
     " <p>Hi</p>\n", DTL_OK, 0},
    {"gzip header, body already inflated",
     RESP("", "#") "HTTP/1.1 200 OK" CRLF "Content-Type: text/html" CRLF
     "Content-Encoding: gzip" CRLF CRLF "<p>Hi</p>" END,
     "0 response page 200 text/html [] 2025-12-02T09:46:00Z <http://x.test/a>"
     " <p>Hi</p>\n", DTL_OK, 0},
    {"LF-only HTTP headers, charset, extra CRLF before the body",
     RESP("", "#") "HTTP/1.0 200 OK\nContent-Type: text/html; "
     "charset=UTF-8\n\n" CRLF "<p>Hi</p>" END,
     "0 response page 200 text/html [utf-8] 2025-12-02T09:46:00Z "
     "<http://x.test/a> \r\n<p>Hi</p>\n", DTL_OK, 0},
    {"extra CRLF before the HTTP status line",
     RESP("", "#") CRLF "HTTP/1.1 200 OK" CRLF "Content-Type: text/html" CRLF
     CRLF "<p>Hi</p>" END,
     "0 response page 200 text/html [] 2025-12-02T09:46:00Z <http://x.test/a>"
     " <p>Hi</p>\n", DTL_OK, 0},
    {"revisit, request, warcinfo and metadata are skipped",
     WHEAD("warcinfo", "", "#") "a: b\n" END
     WHEAD("request", "", "#") "GET" END
     WHEAD("revisit", "WARC-Target-URI: http://x.test/r" CRLF, "#") END
     WHEAD("metadata", "", "#") END,
     "0 warcinfo skip 0 - [warcinfo] - <> \n"
     "61 request skip 0 - [request] - <> \n"
     "119 revisit skip 0 - [revisit] - <http://x.test/r> \n"
     "208 metadata skip 0 - [metadata] - <> \n", DTL_OK, 0},
    {"not HTML, not 2xx",
     RESP("", "#") "HTTP/1.1 200 OK" CRLF "Content-Type: image/png" CRLF CRLF
     "PNG..." END
     RESP("", "#") "HTTP/1.1 404 Not Found" CRLF "Content-Type: text/html"
     CRLF CRLF END,
     "0 response skip 200 image/png [not HTML (image/png)] "
     "2025-12-02T09:46:00Z <http://x.test/a> \n"
     "224 response skip 404 text/html [HTTP status 404] 2025-12-02T09:46:00Z "
     "<http://x.test/a> \n", DTL_OK, 0},
    {"no media type: sniffed",
     RESP("", "#") "HTTP/1.1 200 OK" CRLF CRLF "<!DOCTYPE html><p>x" END
     RESP("", "#") "HTTP/1.1 200 OK" CRLF CRLF "plain" END,
     "0 response page 200 - [] 2025-12-02T09:46:00Z <http://x.test/a> "
     "<!DOCTYPE html><p>x\n"
     "212 response skip 200 - [not HTML (no media type)] "
     "2025-12-02T09:46:00Z <http://x.test/a> \n", DTL_OK, 0},
    {"missing optional headers, stray line ends between records",
     "\r\n\r\nWARC/1.0" CRLF "WARC-Type: resource" CRLF
     "Content-Length: #" CRLF CRLF "<html>\x01\n\n\n\r\n",
     "4 resource page 0 - [] - <> <html>\n", DTL_OK, 0},
    {"a header without Content-Length is damage; reading goes on",
     WHEAD("request", "", "#") "GET" END
     "WARC/1.0" CRLF "WARC-Type: resource" CRLF CRLF "x\n"
     WHEAD("request", "", "#") "GET" END,
     "0 request skip 0 - [request] - <> \n"
     "58  damaged 0 - [record header without a valid Content-Length; 35 "
     "bytes skipped] - <> \n"
     "93 request skip 0 - [request] - <> \n", DTL_OK, 0},
    {"a record cut short: the whole ones before are returned",
     WHEAD("request", "", "#") "GET" END WHEAD("resource", "", "100") "abc",
     "0 request skip 0 - [request] - <> \n", DTL_ECORRUPT, 58},
    {"a header cut short",
     WHEAD("request", "", "#") "GET" END "WARC/1.0" CRLF "WARC-Ty",
     "0 request skip 0 - [request] - <> \n"
     "58  damaged 0 - [record header cut short (truncated file); 17 bytes "
     "skipped] - <> \n", DTL_OK, 0},
    {"garbage where a record should start: on to the next record",
     WHEAD("request", "", "#") "GET" END "<html>not warc</html>\r\n"
     "still not\r\n" WHEAD("request", "", "#") "GET" END "junk",
     "0 request skip 0 - [request] - <> \n"
     "58  damaged 0 - [not a WARC record header (no 'WARC/' version line); "
     "34 bytes skipped] - <> \n"
     "92 request skip 0 - [request] - <> \n"
     "150  damaged 0 - [not a WARC record header (no 'WARC/' version "
     "line); 4 bytes skipped] - <> \n", DTL_OK, 0},
    {"no HTTP status line",
     RESP("", "#") "<html>" END,
     "0 response skip 0 - [response without an HTTP status line] "
     "2025-12-02T09:46:00Z <http://x.test/a> \n", DTL_OK, 0},
    {NULL, NULL, NULL, DTL_OK, 0}
};

static void
dump(struct dtl_buf *b, const struct dtl_warc_record *r)
{
    char when[32];

    dtl_time_format_iso(r->date, when, sizeof(when));
    dtl_buf_addf(b, "%llu %s %s %d %s [%s] %s <%s> ",
                 (unsigned long long)r->offset, r->type,
                 r->kind == DTL_WARC_PAGE      ? "page"
                 : r->kind == DTL_WARC_DAMAGED ? "damaged"
                                               : "skip",
                 r->http_status,
                 r->mime[0] ? r->mime : "-",
                 r->kind == DTL_WARC_PAGE ? r->charset : r->reason, when,
                 r->target_uri);
    if (r->payload)
        dtl_buf_add(b, r->payload, r->payload_len);
    dtl_buf_addc(b, '\n');
}

/* The test's WARC text: each "Content-Length: #" gets the length of the
 * block after its header, which ends at the next \x01 (dropped). */
static void
fill_lengths(const char *in, struct dtl_buf *out)
{
    const char *p = in, *hash;

    while ((hash = strstr(p, "Content-Length: #")) != NULL) {
        const char *block = strstr(hash, "\r\n\r\n") + 4;
        const char *end = strchr(block, '\x01');

        dtl_buf_add(out, p, (size_t)(hash - p));
        dtl_buf_addf(out, "Content-Length: %zu", (size_t)(end - block));
        dtl_buf_add(out, hash + 17, (size_t)(end - (hash + 17)));
        p = end + 1;
    }
    while (*p) {
        if (*p != '\x01')
            dtl_buf_addc(out, *p);
        p++;
    }
}

/* Read every record of p[0..n); the dump into out. */
static dtl_status
read_all(const char *p, size_t n, const struct dtl_warc_opts *o,
         struct dtl_buf *out, struct dtl_error *err)
{
    const struct dtl_warc_record *rec;
    dtl_input *in = NULL;
    dtl_warc *w = NULL;
    dtl_status st;

    st = dtl_input_from_memory(p, n, &in);
    if (st == DTL_OK)
        st = dtl_warc_new(in, o, &w);
    while (st == DTL_OK) {
        st = dtl_warc_next(w, &rec, err);
        if (st != DTL_OK || !rec)
            break;
        dump(out, rec);
    }
    dtl_warc_free(w);
    dtl_input_free(in);
    return st;
}

static void
test_table(void)
{
    const struct row *r;

    for (r = rows; r->name; r++) {
        struct dtl_buf got = DTL_BUF_INIT, in = DTL_BUF_INIT;
        struct dtl_error err = DTL_ERROR_INIT;
        dtl_status st;

        fill_lengths(r->in, &in);
        st = read_all(in.p, in.len, NULL, &got, &err);

        tap_is_int(st, r->st, r->name);
        tap_is_str(dtl_buf_cstr(&got), r->want, r->name);
        if (r->st != DTL_OK)
            tap_is_int((long long)err.offset, (long long)r->err_off,
                       "error offset");
        dtl_buf_release(&got);
        dtl_buf_release(&in);
    }
}


/* A gzip-encoded HTTP body, in a file of one gzip member per record. */
static void
test_gzip(void)
{
    static const char page[] = "<html><p>Inflated body</p></html>";
    struct dtl_buf body = DTL_BUF_INIT, rec = DTL_BUF_INIT,
                   file = DTL_BUF_INIT, got = DTL_BUF_INIT;
    char head[512];
    int i;

    test_gzip_append(&body, page, strlen(page));
    snprintf(head, sizeof(head),
             "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
             "Content-Encoding: gzip\r\n\r\n");
    for (i = 0; i < 3; i++) {
        dtl_buf_reset(&rec);
        dtl_buf_addf(&rec, "WARC/1.0\r\nWARC-Type: response\r\n"
                     "WARC-Target-URI: http://x.test/%d\r\n"
                     "Content-Length: %zu\r\n\r\n", i,
                     strlen(head) + body.len);
        dtl_buf_adds(&rec, head);
        dtl_buf_add(&rec, body.p, body.len);
        dtl_buf_adds(&rec, "\r\n\r\n");
        test_gzip_append(&file, rec.p, rec.len);
    }
    tap_is_int(read_all(file.p, file.len, NULL, &got, NULL), DTL_OK,
               "per-record gzip file");
    tap_ok(strstr(got.p, "<http://x.test/2> <html><p>Inflated body") != NULL,
           "gzip body inflated in every record");
    tap_ok(strncmp(got.p, "0 response page", 15) == 0 &&
           strstr(got.p, "\n225 response") == NULL,
           "offsets are in the inflated stream");

    /* Truncated in the middle of the third member. */
    dtl_buf_reset(&got);
    {
        struct dtl_error err = DTL_ERROR_INIT;
        dtl_status st = read_all(file.p, file.len - 20, NULL, &got, &err);
        const char *second = strstr(got.p, "<http://x.test/1>");
        tap_is_int(st, DTL_ECORRUPT, "truncated gzip: DTL_ECORRUPT");
        tap_ok(second && !strstr(got.p, "<http://x.test/2>"),
               "truncated gzip: the two whole records were returned");
        tap_ok(strstr(err.msg, "truncated") != NULL, "truncated: '%s'",
               err.msg);
    }
    dtl_buf_release(&body);
    dtl_buf_release(&rec);
    dtl_buf_release(&file);
    dtl_buf_release(&got);
}

static void
test_limits(void)
{
    struct dtl_warc_opts o;
    struct dtl_buf in = DTL_BUF_INIT, got = DTL_BUF_INIT;
    struct dtl_error err = DTL_ERROR_INIT;
    size_t i;

    memset(&o, 0, sizeof(o));
    o.payload_max = 100;
    dtl_buf_adds(&in, "WARC/1.0\r\nWARC-Type: resource\r\n"
                 "Content-Type: text/html\r\nContent-Length: 1000\r\n\r\n");
    for (i = 0; i < 1000; i++)
        dtl_buf_addc(&in, 'x');
    dtl_buf_adds(&in, "\r\n\r\nWARC/1.0\r\nWARC-Type: resource\r\n"
                 "Content-Type: text/html\r\nContent-Length: 6\r\n\r\n"
                 "<html>\r\n\r\n");
    tap_is_int(read_all(in.p, in.len, &o, &got, NULL), DTL_OK,
               "oversized page: read on");
    tap_ok(strstr(got.p, "skip 0 text/html [page larger than the limit]") &&
           strstr(got.p, "page 0 text/html [] - <> <html>"),
           "oversized page skipped, the next one read");

    /* A record over the inflate limit stops the stream (the limit is
     * exact to within the input's look-ahead window). */
    {
        struct dtl_buf gz = DTL_BUF_INIT;
        size_t big = (size_t)4 << 20;
        dtl_buf_reset(&in);
        dtl_buf_addf(&in, "WARC/1.0\r\nWARC-Type: resource\r\n"
                     "Content-Length: %zu\r\n\r\n", big);
        for (i = 0; i < big; i++)
            dtl_buf_addc(&in, '\0');
        test_gzip_append(&gz, in.p, in.len);
        dtl_buf_reset(&got);
        o.record_max = (uint64_t)1 << 20;
        tap_is_int(read_all(gz.p, gz.len, &o, &got, &err), DTL_ELIMIT,
                   "record over the inflate limit: DTL_ELIMIT");
        tap_ok(strstr(err.msg, "gzip bomb") != NULL, "bomb: '%s'", err.msg);
        dtl_buf_release(&gz);
    }
    dtl_buf_release(&in);
    dtl_buf_release(&got);
}

static void
test_oom(void)
{
    struct dtl_buf buf = DTL_BUF_INIT;
    const char *in;
    long n;
    int ok = 1;

    fill_lengths(rows[0].in, &buf);
    in = buf.p;
    for (n = 0; n < 200; n++) {
        struct dtl_buf got = DTL_BUF_INIT;
        dtl_status st;

        dtl_alloc_fail_after(n);
        st = read_all(in, strlen(in), NULL, &got, NULL);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK && got.len > 0) {
            tap_is_str(got.p, rows[0].want, "oom: result");
            dtl_buf_release(&got);
            break;
        }
        if (st != DTL_ENOMEM && st != DTL_OK)
            ok = 0;
        dtl_buf_release(&got);
    }
    tap_ok(ok && n < 200, "oom: DTL_ENOMEM until it succeeds (%ld faults)",
           n);
    dtl_buf_release(&buf);
}

int
main(void)
{
    test_table();
    test_gzip();
    test_limits();
    test_oom();
    return tap_done();
}
