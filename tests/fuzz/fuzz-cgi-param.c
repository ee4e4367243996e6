/* Dateline fuzz target: the search box's form parser.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each input is decoded as a form.  When it decodes, every value must be
 * valid UTF-8 within the caps, and encoding the values again and decoding
 * that must give the same values; when it does not, the status must be a
 * parse status with the error filled.  A broken rule aborts.
 */
#include <config.h>
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "cgi-param.h"

#define MAX_INPUT (2 * DTL_CGI_FORM_MAX)

static void
check_roundtrip(const struct dtl_cgi_params *p)
{
    struct dtl_cgi_params again;
    struct dtl_buf form = DTL_BUF_INIT;
    struct dtl_error err = DTL_ERROR_INIT;
    int k;

    for (k = 0; k < DTL_CGI_NKEYS; k++) {
        if (!p->present[k])
            continue;
        if (form.len)
            dtl_buf_addc(&form, '&');
        dtl_buf_adds(&form, dtl_cgi_param_names[k]);
        dtl_buf_addc(&form, '=');
        dtl_cgi_url_encode(&form, dtl_buf_cstr(&p->val[k]), p->val[k].len);
    }
    if (dtl_buf_status(&form) != DTL_OK) {
        dtl_buf_release(&form);
        return;
    }
    dtl_cgi_params_init(&again);
    /* Encoding can triple a value: past the form cap, nothing to check. */
    if (form.len <= DTL_CGI_FORM_MAX) {
        if (dtl_cgi_params_parse(&again, dtl_buf_cstr(&form), form.len,
                                 &err) != DTL_OK)
            abort();
        for (k = 0; k < DTL_CGI_NKEYS; k++)
            if (again.present[k] != p->present[k] ||
                again.val[k].len != p->val[k].len ||
                memcmp(dtl_buf_cstr(&again.val[k]), dtl_buf_cstr(&p->val[k]),
                       p->val[k].len) != 0)
                abort();
    }
    dtl_cgi_params_release(&again);
    dtl_buf_release(&form);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dtl_cgi_params p;
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_status st;
    int k;

    if (size > MAX_INPUT)
        return 0;
    dtl_cgi_params_init(&p);
    st = dtl_cgi_params_parse(&p, (const char *)data, size, &err);
    if (st == DTL_OK) {
        for (k = 0; k < DTL_CGI_NKEYS; k++) {
            const char *v = dtl_buf_cstr(&p.val[k]);
            size_t i, n = p.val[k].len;

            if (n > DTL_CGI_VALUE_MAX || !dtl_cgi_utf8_valid(v, n) ||
                strlen(v) != n)
                abort();
            for (i = 0; i < n; i++)
                if ((unsigned char)v[i] < 0x20 && v[i] != '\t' &&
                    v[i] != '\n' && v[i] != '\r')
                    abort();
        }
        check_roundtrip(&p);
    } else if ((st != DTL_ESYNTAX && st != DTL_ELIMIT && st != DTL_ENOMEM) ||
               err.code != st || !err.msg[0]) {
        abort();
    }
    dtl_cgi_params_release(&p);
    return 0;
}
