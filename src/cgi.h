/* Dateline: the search box (dateline.cgi), one request at a time.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * src/dateline-cgi.c reads each request (plain CGI or FastCGI) into a
 * struct dtl_cgi_request and writes back the complete response that
 * dtl_cgi_handle() builds: CGI headers (Status, Content-Type with charset,
 * nosniff, Content-Security-Policy, Content-Length) and the body.  src/cgi.c
 * validates and searches; src/cgi-render.c writes HTML, JSON and the
 * OpenSearch description.  The handle keeps only the configuration, the
 * theme and the open index between requests; everything a request builds
 * is freed before dtl_cgi_handle() returns.
 */
#ifndef DTL_SRC_CGI_H
#define DTL_SRC_CGI_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "cgi-config.h"
#include "cgi-param.h"
#include "dateline/search.h"

/* Where the configuration is when $DATELINE_CGI_CONFIG is unset. */
#ifndef DTL_CGI_CONFIG_DEFAULT
#define DTL_CGI_CONFIG_DEFAULT "/etc/dateline/cgi.conf"
#endif
/* The theme folder when the configuration names none. */
#ifndef DTL_CGI_THEME_DEFAULT
#define DTL_CGI_THEME_DEFAULT "/usr/share/dateline"
#endif

struct dtl_cgi;

/* One request, as the server gave it.  Strings may be NULL (absent). */
struct dtl_cgi_request {
    const char *method;        /* REQUEST_METHOD */
    const char *query;         /* QUERY_STRING */
    const char *content_type;  /* CONTENT_TYPE */
    const char *body;          /* POST body (body_len bytes) */
    size_t body_len;
    int body_too_long;         /* CONTENT_LENGTH over DTL_CGI_FORM_MAX */
    int body_bad_length;       /* CONTENT_LENGTH malformed or short */
    const char *host;          /* HTTP_HOST, for OpenSearch without
                                  base_url */
    const char *script;        /* SCRIPT_NAME, likewise */
    int https;                 /* HTTPS=on */
    int64_t now;               /* the request's time */
};

/* Load the configuration at config_path and the theme.  Never fails
 * except for DTL_ENOMEM: a bad configuration is reported on stderr once
 * and every request then gets a 500 page that names no path. */
dtl_status dtl_cgi_new(const char *config_path, struct dtl_cgi **out);
void dtl_cgi_free(struct dtl_cgi *app);

/* Build the whole CGI response to rq into out (reset first).  Always
 * produces a complete response, a fixed 500 one when memory runs out. */
void dtl_cgi_handle(struct dtl_cgi *app, const struct dtl_cgi_request *rq,
                    struct dtl_buf *out);

/* ---- for src/cgi-render.c ----------------------------------------------- */

enum dtl_cgi_format { DTL_FMT_HTML, DTL_FMT_JSON };
enum dtl_cgi_when { DTL_WHEN_ANY, DTL_WHEN_24H, DTL_WHEN_WEEK,
                    DTL_WHEN_MONTH, DTL_WHEN_CUSTOM };

/* Most languages listed from an index (libstemmer has about thirty). */
#define DTL_CGI_LANGS_MAX 64

/* One language of the index, as the language selector offers it. */
struct dtl_cgi_lang {
    char code[32];              /* as index terms carry it ("fr") */
    const char *name;           /* libstemmer name ("french"), static */
    uint64_t entries;
};

/* A validated request: what the page shows and links to. */
struct dtl_cgi_view {
    const struct dtl_cgi_config *cfg;
    const char *theme_page;     /* page.html template (NUL-terminated) */
    const char *q;              /* the query as typed */
    size_t q_len;
    enum dtl_cgi_format format;
    enum dtl_sort sort;
    enum dtl_cgi_when when;
    const char *since, *until;  /* custom range as given (YYYY-MM-DD) */
    const char *lang;           /* the language filter: a code of the
                                   index's ("fr"), "" for all */
    const struct dtl_cgi_lang *langs; /* the index's languages, most
                                         entries first; the form offers
                                         them when there are two or more */
    size_t n_langs;
    unsigned page, per_page;
    int per_page_given;         /* n= was in the request */
    int64_t now;
    const dtl_results *res;     /* NULL: no search (front page, error) */
    const char *warning;        /* what the parser repaired ("" if none) */
    const char *suggestion;     /* "Did you mean" query or NULL */
    int status;                 /* HTTP status */
    const char *message;        /* error or limit message, or NULL */
};

/* The body of an HTML or JSON response for v into b. */
void dtl_cgi_render(struct dtl_buf *b, const struct dtl_cgi_view *v);
/* The OpenSearch description for the CGI at base (absolute URL). */
void dtl_cgi_render_opensearch(struct dtl_buf *b,
                               const struct dtl_cgi_config *cfg,
                               const char *base);
/* HTML-escape s[0..n) into b (& < > " ' and nothing else changed). */
void dtl_cgi_html_escape(struct dtl_buf *b, const char *s, size_t n);
/* JSON string literal for s[0..n) into b. */
void dtl_cgi_json_string(struct dtl_buf *b, const char *s, size_t n);

#endif
