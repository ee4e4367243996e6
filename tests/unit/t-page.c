/* Dateline tests: the page builder and the page accessors.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Table-driven: field rows (input bytes -> stored field), entry rows
 * (input entry -> stored entry), then ownership (the caller's memory is
 * only borrowed), bad arguments and the entry limit.  Links src/page.c
 * and src/sanitise.c.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "page.h"
#include "tap.h"

#define S(lit) lit, sizeof(lit) - 1

struct field_row {
    enum dtl_page_field f;
    const char *in;
    size_t n;
    const char *want;
    size_t bad; /* bytes replaced */
};

static const struct field_row field_rows[] = {
    { DTL_PAGE_TITLE, S("Storm Hesketh: live"), "Storm Hesketh: live", 0 },
    { DTL_PAGE_TITLE, S("  two\r\nlines\t "), "two lines", 0 },
    { DTL_PAGE_TITLE, S("caf\xE9"), "caf\xEF\xBF\xBD", 1 },
    { DTL_PAGE_URL, S("https://a.example/x#y"), "https://a.example/x#y", 0 },
    { DTL_PAGE_LANGUAGE, S("de"), "de", 0 },
    { DTL_PAGE_AUTHOR, S("A\0B"), "A B", 1 },
    { DTL_PAGE_DESCRIPTION, S("keeps\nlines"), "keeps\nlines", 0 },
    { DTL_PAGE_SITE, NULL, 0, "", 0 },
};

static void
test_fields(void)
{
    size_t i;

    for (i = 0; i < sizeof(field_rows) / sizeof(field_rows[0]); i++) {
        const struct field_row *r = &field_rows[i];
        dtl_page *page = NULL;
        const char *got;
        size_t len, first;

        tap_is_int(dtl_page_new(&page), DTL_OK, "page_new");
        tap_is_int(dtl_page_set_field(page, r->f, r->in, r->n), DTL_OK,
                   "set_field");
        got = dtl_page_field(page, r->f, &len);
        tap_is_mem(got, len, r->want, "field value");
        tap_is_int(got[len], 0, "field is NUL-terminated");
        tap_is_int((long long)dtl_page_bad_bytes(page, &first),
                   (long long)r->bad, "bad bytes counted");
        dtl_page_free(page);
    }
}

static void
test_entries(void)
{
    dtl_page *page = NULL;
    char head[] = "Headline\none", body[] = "Para one\r\nPara two";
    char url[] = "https://a.example/live#p1";
    struct dtl_entry in = { 0 };
    const struct dtl_entry *e;

    dtl_page_new(&page);
    tap_is_int(dtl_page_published(page), DTL_TS_NONE, "no published time");
    tap_is_int(dtl_page_set_times(page, 1000, 2000), DTL_OK, "set_times");
    tap_is_int(dtl_page_published(page), 1000, "published");
    tap_is_int(dtl_page_modified(page), 2000, "modified");

    in.ts = 1764668760;
    in.headline = head;
    in.headline_len = strlen(head);
    in.body = body;
    in.body_len = strlen(body);
    in.url = url;
    in.url_len = strlen(url);
    in.offset = 42;
    tap_is_int(dtl_page_add_entry(page, &in), DTL_OK, "add_entry");
    /* The builder copied: the caller may reuse its memory. */
    memset(head, 'x', sizeof(head) - 1);
    memset(body, 'x', sizeof(body) - 1);
    memset(url, 'x', sizeof(url) - 1);
    in = (struct dtl_entry){ DTL_TS_NONE, NULL, 0, NULL, 0, 1, 0, NULL, 0 };
    tap_is_int(dtl_page_add_entry(page, &in), DTL_OK, "add empty entry");

    tap_is_int((long long)dtl_page_entry_count(page), 2, "two entries");
    e = dtl_page_entry(page, 0);
    tap_is_int(e->ts, 1764668760, "entry time");
    tap_is_mem(e->headline, e->headline_len, "Headline one",
               "headline on one line");
    tap_is_mem(e->body, e->body_len, "Para one\nPara two", "body, LF");
    tap_is_mem(e->url, e->url_len, "https://a.example/live#p1", "url");
    tap_is_int((long long)e->offset, 42, "offset");
    e = dtl_page_entry(page, 1);
    tap_is_int(e->is_lead, 1, "is_lead kept");
    tap_ok(e->headline && e->body && e->url, "empty strings are not NULL");
    tap_ok(dtl_page_entry(page, 2) == NULL, "out of range is NULL");
    dtl_page_free(page);
}

static void
test_bad_args(void)
{
    dtl_page *page = NULL;
    struct dtl_entry e = { 0 };

    tap_is_int(dtl_page_new(NULL), DTL_EINVAL, "page_new(NULL)");
    dtl_page_new(&page);
    tap_is_int(dtl_page_set_field(page, DTL_PAGE_N_FIELDS, "x", 1),
               DTL_EINVAL, "bad field");
    tap_is_int(dtl_page_set_field(page, DTL_PAGE_TITLE, NULL, 3), DTL_EINVAL,
               "NULL with a length");
    tap_is_int(dtl_page_add_entry(page, NULL), DTL_EINVAL, "NULL entry");
    tap_is_int(dtl_page_add_entry(NULL, &e), DTL_EINVAL, "NULL page");
    tap_is_str(dtl_page_field(NULL, DTL_PAGE_TITLE, NULL), "",
               "field of NULL page");
    tap_is_str(dtl_page_field(page, (enum dtl_page_field)99, NULL), "",
               "field out of range");
    dtl_page_free(page);
    dtl_page_free(NULL);
}

static void
test_limit(void)
{
    dtl_page *page = NULL;
    struct dtl_entry e = { 0 };
    dtl_status rc = DTL_OK;
    size_t i;

    dtl_page_new(&page);
    for (i = 0; i < DTL_PAGE_MAX_ENTRIES && rc == DTL_OK; i++)
        rc = dtl_page_add_entry(page, &e);
    tap_is_int(rc, DTL_OK, "DTL_PAGE_MAX_ENTRIES entries fit");
    tap_is_int(dtl_page_add_entry(page, &e), DTL_ELIMIT, "one more is refused");
    tap_is_int((long long)dtl_page_entry_count(page),
               (long long)DTL_PAGE_MAX_ENTRIES, "count stays at the limit");
    dtl_page_free(page);
}

int
main(void)
{
    test_fields();
    test_entries();
    test_bad_args();
    test_limit();
    return tap_done();
}
