/* Dateline: the search box's request parameters (dateline.cgi).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Decodes an application/x-www-form-urlencoded string (a GET query string
 * or a POST body) into the few parameters the search page knows.  Called
 * by src/cgi.c for every request and by the fuzz target fuzz-cgi-param.
 * Hostile input is expected: sizes are capped, percent-encoding and UTF-8
 * are checked, and every failure names the parameter and byte offset.
 */
#ifndef DTL_SRC_CGI_PARAM_H
#define DTL_SRC_CGI_PARAM_H

#include <stddef.h>

#include "buf.h"
#include "dateline/status.h"

/* Longest form accepted as a whole, and longest single value. */
#define DTL_CGI_FORM_MAX 16384
#define DTL_CGI_VALUE_MAX 8192

/* The parameters, in the order of their names in dtl_cgi_param_names. */
enum dtl_cgi_key {
    DTL_CGI_Q = 0,    /* the query */
    DTL_CGI_PAGE,     /* 1-based page number */
    DTL_CGI_N,        /* results per page */
    DTL_CGI_SORT,     /* best | newest | relevance */
    DTL_CGI_WHEN,     /* any | 24h | week | month | custom */
    DTL_CGI_SINCE,    /* YYYY-MM-DD (custom range) */
    DTL_CGI_UNTIL,    /* YYYY-MM-DD (custom range) */
    DTL_CGI_FORMAT,   /* html | json | opensearch | css */
    DTL_CGI_LANG,     /* a language of the index: code or name */
    DTL_CGI_NKEYS
};

/* The decoded values: present[k] says whether key k was given; val[k] is
 * its decoded value, NUL-terminated (empty when absent). */
struct dtl_cgi_params {
    int present[DTL_CGI_NKEYS];
    struct dtl_buf val[DTL_CGI_NKEYS];
};

/* The parameter names ("q", "page", ...), indexed by enum dtl_cgi_key. */
extern const char *const dtl_cgi_param_names[DTL_CGI_NKEYS];

void dtl_cgi_params_init(struct dtl_cgi_params *p);
void dtl_cgi_params_release(struct dtl_cgi_params *p);

/*
 * Decode form[0..n) into p (which must be initialised; values already
 * there are kept unless the form repeats them).  '+' is a space, %XX a
 * byte; names not known are ignored.  Errors: DTL_ELIMIT for a form over
 * DTL_CGI_FORM_MAX or a value over DTL_CGI_VALUE_MAX, DTL_ESYNTAX for bad
 * percent-encoding, invalid UTF-8 or a control character in a value, a
 * known name given twice, DTL_ENOMEM.  err->offset is the byte in form.
 */
dtl_status dtl_cgi_params_parse(struct dtl_cgi_params *p, const char *form,
                                size_t n, struct dtl_error *err);

/* Percent-encode s[0..n) for a URL query value into b. */
void dtl_cgi_url_encode(struct dtl_buf *b, const char *s, size_t n);

/* 1 if s[0..n) is valid UTF-8 (no overlongs, surrogates or values past
 * U+10FFFF). */
int dtl_cgi_utf8_valid(const char *s, size_t n);

#endif
