/* Dateline tests: the search box's form parser (src/cgi-param.c).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <config.h>

#include <string.h>

#include "alloc.h"
#include "cgi-param.h"
#include "tap.h"

/* A form, the status it gets, and then the q, page and sort it gives
 * ("-" for a parameter that is absent), or the error offset; then the
 * lang it gives (NULL: "-"). */
static const struct row {
    const char *form;
    dtl_status st;
    const char *q, *page, *sort;
    size_t offset;
    const char *lang;
} rows[] = {
    {"q=storm", DTL_OK, "storm", "-", "-", 0, NULL},
    {"q=storm+gales&page=2&sort=newest", DTL_OK, "storm gales", "2",
     "newest", 0, NULL},
    {"q=%22storm%22+%2Bgales", DTL_OK, "\"storm\" +gales", "-", "-", 0, NULL},
    {"q=caf%C3%A9", DTL_OK, "caf\xc3\xa9", "-", "-", 0, NULL},
    {"q", DTL_OK, "", "-", "-", 0, NULL},
    {"q=", DTL_OK, "", "-", "-", 0, NULL},
    {"", DTL_OK, "-", "-", "-", 0, NULL},
    {"x=1&y&&=&q=a", DTL_OK, "a", "-", "-", 0, NULL},
    /* Regression: a form opening with an empty name read a NULL name
     * (found by fuzz-cgi-param). */
    {"=&q=a", DTL_OK, "a", "-", "-", 0, NULL},
    {"%71=encoded+name", DTL_OK, "encoded name", "-", "-", 0, NULL},
    {"q=a;page=2", DTL_OK, "a;page=2", "-", "-", 0, NULL},
    {"q=%zz", DTL_ESYNTAX, NULL, NULL, NULL, 2, NULL},
    {"page=1&q=ab%4", DTL_ESYNTAX, NULL, NULL, NULL, 11, NULL},
    {"q=%", DTL_ESYNTAX, NULL, NULL, NULL, 2, NULL},
    {"q=%ff", DTL_ESYNTAX, NULL, NULL, NULL, 2, NULL},
    {"q=%ed%a0%80", DTL_ESYNTAX, NULL, NULL, NULL, 2, NULL},
    {"q=%f4%90%80%80", DTL_ESYNTAX, NULL, NULL, NULL, 2, NULL},
    {"q=a%01", DTL_ESYNTAX, NULL, NULL, NULL, 3, NULL},
    {"q=a&sort=x&q=b", DTL_ESYNTAX, NULL, NULL, NULL, 11, NULL},
    {"q=vote&lang=fr", DTL_OK, "vote", "-", "-", 0, "fr"},
    {"lang=", DTL_OK, "-", "-", "-", 0, ""},
    {"lang=%3Cscript%3E&q=a", DTL_OK, "a", "-", "-", 0, "<script>"},
    {"lang=fr&lang=de", DTL_ESYNTAX, NULL, NULL, NULL, 8, NULL},
    {"q=a&lang=f%0a", DTL_OK, "a", "-", "-", 0, "f\n"},
    {"q=a&lang=%01", DTL_ESYNTAX, NULL, NULL, NULL, 9, NULL},
    {NULL, DTL_OK, NULL, NULL, NULL, 0, NULL}
};

static const char *
value(const struct dtl_cgi_params *p, enum dtl_cgi_key k)
{
    return p->present[k] ? dtl_buf_cstr(&p->val[k]) : "-";
}

static void
test_table(void)
{
    const struct row *r;

    for (r = rows; r->form; r++) {
        struct dtl_cgi_params p;
        struct dtl_error err = DTL_ERROR_INIT;
        dtl_status st;

        dtl_cgi_params_init(&p);
        st = dtl_cgi_params_parse(&p, r->form, strlen(r->form), &err);
        tap_is_int(st, r->st, r->form);
        if (r->st == DTL_OK) {
            tap_is_str(value(&p, DTL_CGI_Q), r->q, "  q");
            tap_is_str(value(&p, DTL_CGI_PAGE), r->page, "  page");
            tap_is_str(value(&p, DTL_CGI_SORT), r->sort, "  sort");
            tap_is_str(value(&p, DTL_CGI_LANG), r->lang ? r->lang : "-",
                       "  lang");
        } else {
            tap_is_int((long long)err.offset, (long long)r->offset,
                       "  error offset");
            tap_ok(err.msg[0] != '\0', "  error message: %s", err.msg);
        }
        dtl_cgi_params_release(&p);
    }
}

static void
test_caps(void)
{
    static char big[DTL_CGI_FORM_MAX + 10];
    struct dtl_cgi_params p;
    struct dtl_error err = DTL_ERROR_INIT;

    memset(big, 'a', sizeof(big));
    memcpy(big, "q=", 2);
    dtl_cgi_params_init(&p);
    tap_is_int(dtl_cgi_params_parse(&p, big, sizeof(big), &err), DTL_ELIMIT,
               "a form over DTL_CGI_FORM_MAX");
    tap_is_int(dtl_cgi_params_parse(&p, big, DTL_CGI_VALUE_MAX + 3, &err),
               DTL_ELIMIT, "a value over DTL_CGI_VALUE_MAX");
    tap_is_int(dtl_cgi_params_parse(&p, big, DTL_CGI_VALUE_MAX + 2, &err),
               DTL_OK, "a value of exactly DTL_CGI_VALUE_MAX");
    dtl_cgi_params_release(&p);
}

static void
test_encode(void)
{
    struct dtl_buf b = DTL_BUF_INIT;

    dtl_cgi_url_encode(&b, "a b&c=d/\xc3\xa9~", 11);
    tap_is_str(dtl_buf_cstr(&b), "a+b%26c%3Dd%2F%C3%A9~",
               "url_encode: space, reserved bytes, UTF-8");
    dtl_buf_release(&b);
}

/* Allocation N fails for N = 0, 1, ...: DTL_ENOMEM, then success; ASan
 * checks that nothing leaks. */
static void
test_oom(void)
{
    static const char form[] = "q=storm+gales&page=2&sort=newest&when=24h";
    long n;
    int ok = 0, all_enomem = 1;

    for (n = 0; n < 64 && !ok; n++) {
        struct dtl_cgi_params p;
        dtl_status st;

        dtl_cgi_params_init(&p);
        dtl_alloc_fail_after(n);
        st = dtl_cgi_params_parse(&p, form, sizeof(form) - 1, NULL);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK)
            ok = 1;
        else if (st != DTL_ENOMEM)
            all_enomem = 0;
        dtl_cgi_params_release(&p);
    }
    tap_ok(ok && all_enomem, "allocation failures give DTL_ENOMEM until "
           "the parse succeeds (%ld tries)", n);
}

int
main(void)
{
    test_table();
    test_caps();
    test_encode();
    test_oom();
    return tap_done();
}
