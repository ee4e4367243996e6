/* Dateline: dateline.cgi, the search box, as CGI or FastCGI.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One binary for both: started with a FastCGI socket on stdin (by
 * spawn-fcgi, fcgiwrap or the server's own FastCGI support) it answers
 * requests in a loop through libfcgi; otherwise it answers the one CGI
 * request in its environment.  With arguments (`dateline.cgi q=storm
 * page=2`) the arguments, joined with '&', are the query string: the
 * search box works from a shell with no server.  The configuration file
 * is $DATELINE_CGI_CONFIG, else DTL_CGI_CONFIG_DEFAULT.  This file only
 * moves bytes: src/cgi.c decides every response.
 */
#include <config.h>
#include "cgi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fcgiapp.h>

#include "alloc.h"
#include "banned.h"

/* The request body: at most DTL_CGI_FORM_MAX bytes are read. */
struct body {
    char data[DTL_CGI_FORM_MAX];
    size_t len;
};

/* CONTENT_LENGTH into rq's flags; returns the bytes to read. */
static size_t
content_length(const char *cl, struct dtl_cgi_request *rq)
{
    unsigned long long v = 0;
    size_t i;

    if (!cl || !cl[0])
        return 0;
    for (i = 0; cl[i]; i++) {
        if (cl[i] < '0' || cl[i] > '9' || i > 18) {
            rq->body_bad_length = 1;
            return 0;
        }
        v = v * 10 + (unsigned long long)(cl[i] - '0');
    }
    if (v > DTL_CGI_FORM_MAX) {
        rq->body_too_long = 1;
        return 0;
    }
    return (size_t)v;
}

static int
is_on(const char *s)
{
    return s && (strcmp(s, "on") == 0 || strcmp(s, "ON") == 0 ||
                 strcmp(s, "1") == 0);
}

/* Fill rq from a parameter lookup (getenv or FCGX_GetParam). */
#define FILL(rq, get)                                                      \
    do {                                                                   \
        (rq)->method = get("REQUEST_METHOD");                              \
        (rq)->query = get("QUERY_STRING");                                 \
        (rq)->content_type = get("CONTENT_TYPE");                          \
        (rq)->host = get("HTTP_HOST");                                     \
        (rq)->script = get("SCRIPT_NAME");                                 \
        (rq)->https = is_on(get("HTTPS"));                                 \
        (rq)->now = (int64_t)time(NULL);                                   \
    } while (0)

static int
serve_fastcgi(struct dtl_cgi *app, struct body *body)
{
    struct dtl_buf out = DTL_BUF_INIT;
    FCGX_Request fr;

    if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, 0, 0) != 0) {
        fputs("dateline.cgi: cannot start FastCGI\n", stderr);
        return 1;
    }
    while (FCGX_Accept_r(&fr) >= 0) {
        struct dtl_cgi_request rq;
        size_t want;

#define GET(name) FCGX_GetParam(name, fr.envp)
        memset(&rq, 0, sizeof(rq));
        FILL(&rq, GET);
        want = content_length(GET("CONTENT_LENGTH"), &rq);
#undef GET
        body->len = 0;
        if (want > 0) {
            int got = FCGX_GetStr(body->data, (int)want, fr.in);
            if (got < 0 || (size_t)got != want)
                rq.body_bad_length = 1;
            else
                body->len = want;
            rq.body = body->data;
            rq.body_len = body->len;
        }
        dtl_cgi_handle(app, &rq, &out);
        FCGX_PutStr(out.p, (int)out.len, fr.out);
        FCGX_Finish_r(&fr);
        /* Keep a moderate buffer, not the largest page ever built. */
        if (out.cap > 1048576)
            dtl_buf_release(&out);
    }
    dtl_buf_release(&out);
    return 0;
}

static int
serve_cgi(struct dtl_cgi *app, struct body *body, const char *argv_query)
{
    struct dtl_buf out = DTL_BUF_INIT;
    struct dtl_cgi_request rq;
    size_t want;
    int rc = 0;

    memset(&rq, 0, sizeof(rq));
    FILL(&rq, getenv);
    if (argv_query) {
        rq.method = "GET";
        rq.query = argv_query;
    }
    want = argv_query ? 0 : content_length(getenv("CONTENT_LENGTH"), &rq);
    if (want > 0) {
        body->len = fread(body->data, 1, want, stdin);
        if (body->len != want)
            rq.body_bad_length = 1;
        rq.body = body->data;
        rq.body_len = body->len;
    }
    dtl_cgi_handle(app, &rq, &out);
    if (fwrite(out.p, 1, out.len, stdout) != out.len || fflush(stdout))
        rc = 1;
    dtl_buf_release(&out);
    return rc;
}

/* argv[1..] joined with '&'. */
static char *
join_args(int argc, char **argv)
{
    struct dtl_buf b = DTL_BUF_INIT;
    int i;

    for (i = 1; i < argc; i++) {
        if (i > 1)
            dtl_buf_addc(&b, '&');
        dtl_buf_adds(&b, argv[i]);
    }
    dtl_buf_addc(&b, '\0');
    return dtl_buf_detach(&b, NULL);
}

int
main(int argc, char **argv)
{
    const char *conf = getenv("DATELINE_CGI_CONFIG");
    struct dtl_cgi *app = NULL;
    struct body *body = NULL;
    char *args = NULL;
    int rc;

    if (!conf || !conf[0])
        conf = DTL_CGI_CONFIG_DEFAULT;
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 ||
                     strcmp(argv[1], "-h") == 0)) {
        printf("usage: dateline.cgi [NAME=VALUE...]\n"
               "Answers one CGI request (or FastCGI requests when started "
               "by a FastCGI server).\nConfiguration: $DATELINE_CGI_CONFIG, "
               "else %s\n", DTL_CGI_CONFIG_DEFAULT);
        return 0;
    }
    body = dtl_malloc(sizeof(*body));
    if (argc > 1)
        args = join_args(argc, argv);
    if (!body || (argc > 1 && !args) || dtl_cgi_new(conf, &app) != DTL_OK) {
        static const char oom[] =
            "Status: 500 Internal Server Error\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "X-Content-Type-Options: nosniff\r\n\r\n"
            "Internal error. Please try again later.\n";
        fputs("dateline.cgi: out of memory\n", stderr);
        fwrite(oom, 1, sizeof(oom) - 1, stdout);
        rc = 1;
    } else if (!args && !FCGX_IsCGI()) {
        rc = serve_fastcgi(app, body);
    } else {
        rc = serve_cgi(app, body, args);
    }
    dtl_cgi_free(app);
    dtl_free(body);
    dtl_free(args);
    return rc;
}
