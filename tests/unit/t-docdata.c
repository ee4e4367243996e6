/* Dateline tests: stored entry data (src/docdata.c) and the hash.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Round trips through the exact encoded form, a table of damaged records
 * that must be DTL_ECORRUPT, the time fields, FNV-1a 128 test vectors and
 * out-of-memory loops over encode and decode.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "dateline/stamp.h"
#include "docdata.h"
#include "hash.h"
#include "tap.h"

#define NONE DTL_TS_NONE

/* ---- round trips -------------------------------------------------------- */

static const struct round_row {
    const char *source, *title, *headline;
    int64_t ts;
    int lead;
    const char *body;
    const char *want;       /* the exact record */
} round_rows[] = {
    {"/news/a.txt", "Live: talks", "Envoy lands", 1764668760, 0,
     "First para.\nSecond para.",
     "v=1\nsource=/news/a.txt\ntitle=Live: talks\nheadline=Envoy lands\n"
     "ts=2025-12-02T09:46:00Z\nlead=0\nbody=First para.\\nSecond para.\n"},
    {"", "", "", NONE, 1, "",
     "v=1\nsource=\ntitle=\nheadline=\nts=\nlead=1\nbody=\n"},
    {"C:\\x\\y", "a\\nb", "\\", 0, 0, "\n\n\\\\\n",
     "v=1\nsource=C:\\\\x\\\\y\ntitle=a\\\\nb\nheadline=\\\\\n"
     "ts=1970-01-01T00:00:00Z\nlead=0\nbody=\\n\\n\\\\\\\\\\n\n"},
    {"https://example.com/p?q=1&r=2", "x=y=z", "Zelensky’s visit", -1, 1,
     "Caf\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x80\xa6",
     "v=1\nsource=https://example.com/p?q=1&r=2\ntitle=x=y=z\n"
     "headline=Zelensky’s visit\nts=1969-12-31T23:59:59Z\nlead=1\n"
     "body=Caf\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x80\xa6\n"},
    {"s", "t", "h", 951782400, 0, "leap day",
     "v=1\nsource=s\ntitle=t\nheadline=h\nts=2000-02-29T00:00:00Z\nlead=0\n"
     "body=leap day\n"},
    {"s", "t", "h", INT64_C(-62167219200), 0, "b",
     "v=1\nsource=s\ntitle=t\nheadline=h\nts=0000-01-01T00:00:00Z\nlead=0\n"
     "body=b\n"},
    {"s", "t", "h", INT64_C(253402300799), 0, "b",
     "v=1\nsource=s\ntitle=t\nheadline=h\nts=9999-12-31T23:59:59Z\nlead=0\n"
     "body=b\n"},
    /* Bytes that are not UTF-8 are stored as U+FFFD. */
    {"bad\xff", "t", "h", NONE, 0, "x\xc3(\xed\xa0\x80y",
     "v=1\nsource=bad\xef\xbf\xbd\ntitle=t\nheadline=h\nts=\nlead=0\n"
     "body=x\xef\xbf\xbd(\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdy\n"},
    {NULL, NULL, NULL, 0, 0, NULL, NULL}
};

static void
fill(struct dtl_docdata *d, const struct round_row *r)
{
    memset(d, 0, sizeof(*d));
    d->source = r->source;
    d->source_len = strlen(r->source);
    d->title = r->title;
    d->title_len = strlen(r->title);
    d->headline = r->headline;
    d->headline_len = strlen(r->headline);
    d->ts = r->ts;
    d->is_lead = r->lead;
    d->body = r->body;
    d->body_len = strlen(r->body);
}

static int
same_text(const char *got, size_t got_len, const char *want, size_t len)
{
    return got_len == len && memcmp(got, want, len) == 0
           && got[got_len] == '\0';
}

/* Whether a decoded record equals the row (for rows without bad bytes). */
static int
same_fields(const struct dtl_docdata *d, const struct dtl_docdata *w)
{
    return same_text(d->source, d->source_len, w->source, w->source_len)
           && same_text(d->title, d->title_len, w->title, w->title_len)
           && same_text(d->headline, d->headline_len, w->headline,
                        w->headline_len)
           && same_text(d->body, d->body_len, w->body, w->body_len)
           && d->ts == w->ts && d->is_lead == w->is_lead;
}

static void
test_round_trips(void)
{
    const struct round_row *r;
    int i = 0;

    for (r = round_rows; r->want; r++, i++) {
        struct dtl_buf b = DTL_BUF_INIT;
        struct dtl_docdata in, out;
        struct dtl_error err = DTL_ERROR_INIT;
        dtl_status st;

        fill(&in, r);
        st = dtl_docdata_encode(&in, &b);
        tap_is_int(st, DTL_OK, "round trip row encodes");
        tap_is_mem(b.p, b.len, r->want, "encoded form");
        st = dtl_docdata_decode(b.p, b.len, &out, &err);
        tap_is_int(st, DTL_OK, "decodes");
        if (st != DTL_OK)
            tap_diag("row %d: %s", i, err.msg);
        else if (!strchr(r->want, '\xef'))
            tap_ok(same_fields(&out, &in), "row %d decodes to its fields",
                   i);
        else
            tap_ok(out.body_len > 0, "row %d with replaced bytes decodes",
                   i);
        dtl_docdata_release(&out);
        dtl_buf_release(&b);
    }
}

/* Megabyte fields made of escapes, newlines and multi-byte characters. */
static void
test_huge(void)
{
    struct dtl_buf body = DTL_BUF_INIT, rec = DTL_BUF_INIT;
    struct dtl_docdata in, out;
    size_t i;
    dtl_status st;

    for (i = 0; i < 200000; i++)
        dtl_buf_adds(&body, i % 3 ? "ab\\\n\xc3\xa9" : "\n");
    memset(&in, 0, sizeof(in));
    in.source = in.title = in.headline = "";
    in.body = body.p;
    in.body_len = body.len;
    in.headline = body.p;
    in.headline_len = body.len / 2;
    in.ts = NONE;
    st = dtl_docdata_encode(&in, &rec);
    tap_is_int(st, DTL_OK, "huge record encodes");
    st = dtl_docdata_decode(rec.p, rec.len, &out, NULL);
    tap_is_int(st, DTL_OK, "huge record decodes");
    tap_ok(st == DTL_OK && same_fields(&out, &in),
           "huge record round-trips (%zu bytes)", rec.len);
    dtl_docdata_release(&out);
    dtl_buf_release(&rec);
    dtl_buf_release(&body);
}

/* Forward compatibility: fields this version does not know are skipped. */
static void
test_unknown_fields(void)
{
    static const char rec[] =
        "v=1\nsource=s\nx_new=anything \\\\ here\ntitle=t\nheadline=h\n"
        "ts=\nlead=1\nbody=b\nlater=\n";
    struct dtl_docdata d;
    dtl_status st;

    st = dtl_docdata_decode(rec, sizeof(rec) - 1, &d, NULL);
    tap_is_int(st, DTL_OK, "unknown fields are skipped");
    tap_ok(st == DTL_OK && d.is_lead == 1 && strcmp(d.body, "b") == 0
           && strcmp(d.title, "t") == 0, "known fields still read");
    dtl_docdata_release(&d);
}

/* The entry's language: written only when given, read anywhere after v,
 * "" when absent (records written before it existed). */
static void
test_lang(void)
{
    static const char rec[] =
        "v=1\nlang=fr\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\n"
        "body=b\n";
    struct dtl_buf b = DTL_BUF_INIT;
    struct dtl_docdata in, out;
    dtl_status st;

    memset(&in, 0, sizeof(in));
    in.source = in.title = in.headline = in.body = "x";
    in.source_len = in.title_len = in.headline_len = in.body_len = 1;
    in.ts = DTL_TS_NONE;
    in.lang = "de";
    in.lang_len = 2;
    st = dtl_docdata_encode(&in, &b);
    tap_ok(st == DTL_OK && strstr(b.p, "\nlang=de\n") != NULL,
           "lang is written when given");
    st = dtl_docdata_decode(b.p, b.len, &out, NULL);
    tap_ok(st == DTL_OK && out.lang_len == 2 && strcmp(out.lang, "de") == 0,
           "and read back");
    dtl_docdata_release(&out);
    dtl_buf_reset(&b);
    in.lang = NULL;
    in.lang_len = 0;
    st = dtl_docdata_encode(&in, &b);
    tap_ok(st == DTL_OK && strstr(b.p, "lang=") == NULL,
           "no lang line for the index's own language");
    st = dtl_docdata_decode(b.p, b.len, &out, NULL);
    tap_ok(st == DTL_OK && out.lang_len == 0 && strcmp(out.lang, "") == 0,
           "absent lang reads as \"\"");
    dtl_docdata_release(&out);
    st = dtl_docdata_decode(rec, sizeof(rec) - 1, &out, NULL);
    tap_ok(st == DTL_OK && strcmp(out.lang, "fr") == 0 &&
               strcmp(out.body, "b") == 0,
           "lang anywhere after v");
    dtl_docdata_release(&out);
    dtl_buf_release(&b);
}

/* ---- damaged records ---------------------------------------------------- */

#define ROW(s, name) { s, sizeof(s) - 1, name }

static const struct corrupt_row {
    const char *p;
    size_t n;
    const char *name;
} corrupt_rows[] = {
    ROW("", "empty record"),
    ROW("source=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=b\n", "no v"),
    ROW("v=2\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=b\n",
        "version 2"),
    ROW("v=1\nv=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=b\n",
        "second v"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=b\nv=1\n",
        "v after the last field"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=b",
        "no final newline"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\n", "no body"),
    ROW("v=1\n", "version only"),
    ROW("v=1\ntitle=t\nsource=s\nheadline=h\nts=\nlead=0\nbody=b\n",
        "out of order"),
    ROW("v=1\nsource=s\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\n"
        "body=b\n", "repeated field"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=a\\x\n",
        "unknown escape"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=a\\\n",
        "backslash at end of value"),
    ROW("v=1\nsource=s\nnew=a\\t\ntitle=t\nheadline=h\nts=\nlead=0\n"
        "body=b\n", "bad escape in an unknown field"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=2\nbody=b\n",
        "lead 2"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=\nbody=b\n",
        "empty lead"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=2025-13-01T00:00:00Z\n"
        "lead=0\nbody=b\n", "month 13"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=2025-02-29T00:00:00Z\n"
        "lead=0\nbody=b\n", "29 February of a common year"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=2025-12-02 09:46:00Z\n"
        "lead=0\nbody=b\n", "time without T"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=1764668760\nlead=0\n"
        "body=b\n", "time as a number"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=2025-12-02T24:00:00Z\n"
        "lead=0\nbody=b\n", "hour 24"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=a\0b\n",
        "NUL in a value"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=\xff\n",
        "invalid UTF-8"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=\xc0\xaf\n",
        "overlong UTF-8"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=\xe2\x80\n",
        "truncated UTF-8"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=\xed\xa0\x80"
        "\n", "UTF-8 surrogate"),
    ROW("v=1\nsource s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=b\n",
        "line without ="),
    ROW("v=1\n=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=b\n",
        "empty name"),
    ROW("v=1\nSource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=b\n",
        "upper-case name"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=b\n\n",
        "blank line at the end"),
    ROW("v=1", "truncated version line"),
    ROW("v", "name only"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=b\n"
        "lang=fr\nlang=de\n", "second lang"),
    ROW("v=1\nsource=s\ntitle=t\nheadline=h\nts=\nlead=0\nbody=b\n"
        "lang=f\\r\n", "bad escape in lang"),
    {NULL, 0, NULL}
};

static void
test_corrupt(void)
{
    const struct corrupt_row *r;

    for (r = corrupt_rows; r->p; r++) {
        struct dtl_error err = DTL_ERROR_INIT;
        struct dtl_docdata d;
        dtl_status st;

        st = dtl_docdata_decode(r->p, r->n, &d, &err);
        tap_ok(st == DTL_ECORRUPT && err.code == DTL_ECORRUPT
               && err.msg[0] && d.mem == NULL, "corrupt: %s", r->name);
        if (st != DTL_ECORRUPT)
            tap_diag("got status %d", (int)st);
        dtl_docdata_release(&d);
    }
}

/* ---- times -------------------------------------------------------------- */

static void
test_times(void)
{
    static const struct {
        int64_t ts;
        const char *want;   /* NULL: refused */
    } rows[] = {
        {0, "1970-01-01T00:00:00Z"},
        {1764668760, "2025-12-02T09:46:00Z"},
        {-86401, "1969-12-30T23:59:59Z"},
        {4107542400, "2100-03-01T00:00:00Z"},
        {INT64_C(-62167219201), NULL},
        {INT64_C(253402300800), NULL},
        {INT64_MAX, NULL},
        {NONE, NULL},
        {0, (const char *)1}
    };
    size_t i;

    for (i = 0; rows[i].want != (const char *)1; i++) {
        char buf[DTL_DOCDATA_TIME_LEN + 1];
        dtl_status st = dtl_docdata_format_time(rows[i].ts, buf);
        int64_t back;

        if (!rows[i].want) {
            tap_ok(st == DTL_EINVAL && buf[0] == '\0',
                   "time %lld is refused", (long long)rows[i].ts);
            continue;
        }
        tap_is_str(buf, rows[i].want, "time formats");
        st = dtl_docdata_parse_time(buf, strlen(buf), &back);
        tap_ok(st == DTL_OK && back == rows[i].ts, "time %s parses back",
               buf);
    }
}

/* Encoding a time outside four-digit years is refused, not written. */
static void
test_encode_bad_time(void)
{
    struct dtl_buf b = DTL_BUF_INIT;
    struct dtl_docdata d;

    fill(&d, &round_rows[0]);
    d.ts = INT64_C(999999999999);
    tap_is_int(dtl_docdata_encode(&d, &b), DTL_EINVAL,
               "time in year 33658 is refused");
    tap_is_int((long long)b.len, 0, "nothing written");
    dtl_buf_release(&b);
}

/* ---- hash --------------------------------------------------------------- */

static void
hash_of(const char *s, char out[DTL_HASH_HEX_LEN + 1])
{
    struct dtl_hash h;

    dtl_hash_init(&h);
    dtl_hash_add(&h, s, strlen(s));
    dtl_hash_hex(&h, out);
}

static void
test_hash(void)
{
    static const struct {
        const char *in, *want;
    } rows[] = {
        {"", "6c62272e07bb014262b821756295c58d"},
        {"a", "d228cb696f1a8caf78912b704e4a8964"},
        {"foobar", "343e1662793c64bf6f0d3597ba446f18"},
        {"hello world", "6c155799fdc8eec4b91523808e7726b7"},
        {NULL, NULL}
    };
    char hex[DTL_HASH_HEX_LEN + 1], hex2[DTL_HASH_HEX_LEN + 1];
    char shorthex[DTL_HASH_SHORT_HEX_LEN + 1];
    unsigned char all[1024];
    struct dtl_hash h;
    size_t i;

    for (i = 0; rows[i].in; i++) {
        hash_of(rows[i].in, hex);
        tap_is_str(hex, rows[i].want, "FNV-1a 128 vector");
    }
    for (i = 0; i < sizeof(all); i++)
        all[i] = (unsigned char)i;
    dtl_hash_init(&h);
    dtl_hash_add(&h, all, 100);
    dtl_hash_add(&h, all + 100, sizeof(all) - 100);
    dtl_hash_hex(&h, hex);
    tap_is_str(hex, "a14176b4fa8be677563f36da8584718d",
               "every byte value, hashed in two pieces");
    dtl_hash_hex_short(&h, shorthex);
    tap_is_str(shorthex, "a14176b4fa8be677", "short form is the high half");

    dtl_hash_init(&h);
    dtl_hash_add_field(&h, "ab", 2);
    dtl_hash_add_field(&h, "c", 1);
    dtl_hash_hex(&h, hex);
    tap_is_str(hex, "b6ce7db35a06e7457857fa227a8bde4e", "framed fields");
    dtl_hash_init(&h);
    dtl_hash_add_field(&h, "a", 1);
    dtl_hash_add_field(&h, "bc", 2);
    dtl_hash_hex(&h, hex2);
    tap_is_str(hex2, "efdf187f3b77026ced2f13d8b5bb1a22",
               "field boundaries count");
}

/* ---- out of memory ------------------------------------------------------ */

static void
test_oom(void)
{
    struct dtl_docdata in, out;
    long n;
    int enc_ok = 0, dec_ok = 0, bad = 0;
    char *rec = NULL;
    size_t rec_len = 0;

    fill(&in, &round_rows[2]);
    for (n = 0; n < 100 && !enc_ok; n++) {
        struct dtl_buf b = DTL_BUF_INIT;
        dtl_status st;

        dtl_alloc_fail_after(n);
        st = dtl_docdata_encode(&in, &b);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK) {
            enc_ok = 1;
            rec = dtl_buf_detach(&b, &rec_len);
        } else if (st != DTL_ENOMEM) {
            bad++;
        }
        dtl_buf_release(&b);
    }
    tap_ok(enc_ok && !bad && n > 1, "encode: allocation failures give "
           "DTL_ENOMEM until it succeeds (%ld tries)", n);
    bad = 0;
    for (n = 0; n < 100 && !dec_ok && rec; n++) {
        dtl_status st;

        dtl_alloc_fail_after(n);
        st = dtl_docdata_decode(rec, rec_len, &out, NULL);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK)
            dec_ok = same_fields(&out, &in);
        else if (st != DTL_ENOMEM || out.mem != NULL)
            bad++;
        dtl_docdata_release(&out);
    }
    tap_ok(dec_ok && !bad && n > 1, "decode: allocation failures give "
           "DTL_ENOMEM until it succeeds (%ld tries)", n);
    dtl_free(rec);
}

int
main(void)
{
    test_round_trips();
    test_huge();
    test_unknown_fields();
    test_lang();
    test_corrupt();
    test_times();
    test_encode_bad_time();
    test_hash();
    test_oom();
    return tap_done();
}
