/* Dateline: the search box's request handling (dateline.cgi).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * See cgi.h.  dtl_cgi_handle() checks the method and parameters against
 * the configured caps (400 with a message naming the cap), keeps the
 * index open read-only between requests (reopened to the latest commit
 * each time; 503 with Retry-After while it is missing or unreadable),
 * searches with the library and hands a struct dtl_cgi_view to
 * src/cgi-render.c.  lang= must name one of the index's languages
 * (listed once per index revision), which also fill the form's language
 * selector.  A sharded index (a stub naming remote shards) is
 * opened with the configured shard timeout and side database; a shard
 * that fails gives a 503, or with partial_results a page from the others
 * that says part of the archive was not searched.  Paths and library
 * messages about the index go to stderr (the server's error log), never
 * into a response.
 */
#include <config.h>
#include "cgi.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "dateline/stamp.h"
#include "status.h"
#include "banned.h"

struct dtl_cgi {
    struct dtl_cgi_config cfg;
    int config_ok;
    dtl_index *ix;          /* open reader or NULL */
    dtl_analyser *an;       /* the index's analyser */
    char *page_tpl;         /* theme page.html */
    char *css;              /* theme style.css */
    size_t css_len;
    struct dtl_cgi_lang langs[DTL_CGI_LANGS_MAX]; /* the index's, most
                                                     entries first */
    size_t n_langs;
    int langs_known;        /* langs is that of the open revision */
};

/* Used when the theme's page.html cannot be read. */
static const char builtin_page[] =
    "<!DOCTYPE html>\n<html lang=\"@LANG@\">\n<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, "
    "initial-scale=1\">\n<title>@TITLE@</title>\n@HEAD@</head>\n"
    "<body>\n@BODY@</body>\n</html>\n";

static const char csp[] =
    "default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/* The whole file at dir/name into *out (NUL-terminated), capped. */
static dtl_status
read_theme(const char *dir, const char *name, char **out, size_t *len)
{
    struct dtl_buf path = DTL_BUF_INIT, text = DTL_BUF_INIT;
    char chunk[4096];
    size_t got;
    FILE *f;
    dtl_status st = DTL_EIO;

    *out = NULL;
    dtl_buf_addf(&path, "%s/%s", dir, name);
    if (dtl_buf_status(&path) != DTL_OK) {
        st = DTL_ENOMEM;
        goto out;
    }
    f = fopen(path.p, "rb");
    if (!f) {
        fprintf(stderr, "dateline.cgi: theme %s: %s (%s)\n", path.p,
                strerror(errno), strcmp(name, "page.html") == 0
                                     ? "using the built-in page"
                                     : "serving an empty style sheet");
        goto out;
    }
    while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
           text.len < 1048576)
        dtl_buf_add(&text, chunk, got);
    fclose(f);
    st = dtl_buf_status(&text);
    if (st == DTL_OK) {
        dtl_buf_addc(&text, '\0');
        *len = text.len - 1;
        *out = dtl_buf_detach(&text, NULL);
        st = *out ? DTL_OK : DTL_ENOMEM;
    }
out:
    dtl_buf_release(&path);
    dtl_buf_release(&text);
    return st;
}

dtl_status
dtl_cgi_new(const char *config_path, struct dtl_cgi **out)
{
    struct dtl_error err = DTL_ERROR_INIT;
    struct dtl_cgi *app = dtl_calloc(1, sizeof(*app));
    size_t len = 0;
    dtl_status st;

    *out = NULL;
    if (!app)
        return DTL_ENOMEM;
    dtl_cgi_config_init(&app->cfg);
    st = dtl_cgi_config_load(&app->cfg, config_path, &err);
    if (st == DTL_ENOMEM)
        goto fail;
    if (st != DTL_OK) {
        fprintf(stderr, "dateline.cgi: %s\n", err.msg);
        *out = app;
        return DTL_OK;
    }
    app->config_ok = 1;
    if (app->cfg.time_zone) {
        /* The readers' zone: localtime_r() below follows TZ. */
        if (setenv("TZ", app->cfg.time_zone, 1) != 0)
            goto fail;
        tzset();
    }
    st = read_theme(app->cfg.theme ? app->cfg.theme : DTL_CGI_THEME_DEFAULT,
                    "page.html", &app->page_tpl, &len);
    if (st == DTL_ENOMEM)
        goto fail;
    st = read_theme(app->cfg.theme ? app->cfg.theme : DTL_CGI_THEME_DEFAULT,
                    "style.css", &app->css, &app->css_len);
    if (st == DTL_ENOMEM)
        goto fail;
    *out = app;
    return DTL_OK;
fail:
    dtl_cgi_free(app);
    return DTL_ENOMEM;
}

void
dtl_cgi_free(struct dtl_cgi *app)
{
    if (!app)
        return;
    dtl_analyser_free(app->an);
    dtl_index_close(app->ix, NULL);
    dtl_cgi_config_release(&app->cfg);
    dtl_free(app->page_tpl);
    dtl_free(app->css);
    dtl_free(app);
}

static const char *
status_text(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
    }
}

/* Headers then body into out.  head_only: HEAD, no body. */
static void
respond(struct dtl_buf *out, int status, const char *type,
        const char *extra, const char *body, size_t len, int head_only)
{
    dtl_buf_truncate(out, 0);
    dtl_buf_addf(out, "Status: %d %s\r\nContent-Type: %s\r\n"
                 "Content-Length: %zu\r\n"
                 "X-Content-Type-Options: nosniff\r\n"
                 "Content-Security-Policy: %s\r\n"
                 "Referrer-Policy: no-referrer\r\n%s\r\n",
                 status, status_text(status), type, len, csp,
                 extra ? extra : "");
    if (!head_only)
        dtl_buf_add(out, body, len);
}

/* The response when even building a response failed. */
static void
respond_oom(struct dtl_buf *out)
{
    static const char body[] = "Internal error. Please try again later.\n";

    dtl_buf_release(out);
    dtl_buf_grow(out, 512);
    respond(out, 500, "text/plain; charset=utf-8", NULL, body,
            sizeof(body) - 1, 0);
}

/* ---- validation ---------------------------------------------------------- */

static int
parse_uint(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
    unsigned long v = 0;
    size_t i;

    if (!s[0] || strlen(s) > 9)
        return -1;
    for (i = 0; s[i]; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (unsigned long)(s[i] - '0');
    }
    if (v < lo || v > hi)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* YYYY-MM-DD (a real day, years 1900-9999) to the UTC start of that day. */
static int
parse_day(const char *s, int64_t *out)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                                31};
    int y, m, d, i;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    y = atoi(s);
    m = atoi(s + 5);
    d = atoi(s + 8);
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
        (m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400))))
        return -1;
    *out = dtl_time_from_civil(y, m, d, 0, 0, 0);
    return 0;
}

/* Words in the query (runs of non-space bytes). */
static unsigned
count_words(const char *q, size_t n)
{
    unsigned words = 0;
    size_t i;
    int in = 0;

    for (i = 0; i < n; i++) {
        int sp = q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r';
        if (!sp && !in)
            words++;
        in = !sp;
    }
    return words;
}

/* Request state that lives for one request only. */
struct req {
    struct dtl_cgi_params params;
    struct dtl_cgi_view view;
    struct dtl_search_opts so;
    struct dtl_buf msg;        /* the error message of view.message */
    struct dtl_buf body;
    dtl_query *q;
    dtl_results *res;
    char *suggestion;
    int head_only;
    int index_ready;           /* the index was opened for this request */
};

/* Fail the request with status and a message shown to the reader. */
static int
fail(struct req *r, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct req *r, int status, const char *fmt, ...)
{
    va_list ap;

    dtl_buf_truncate(&r->msg, 0);
    va_start(ap, fmt);
    dtl_buf_vaddf(&r->msg, fmt, ap);
    va_end(ap);
    r->view.status = status;
    r->view.message = dtl_buf_cstr(&r->msg);
    r->view.res = NULL;
    return -1;
}

/* Check every parameter; fill the view and the search options. */
static int
validate(struct dtl_cgi *app, struct req *r)
{
    const struct dtl_cgi_config *c = &app->cfg;
    struct dtl_cgi_view *v = &r->view;
    const char *val;
    int64_t since = DTL_TS_NONE, until = DTL_TS_NONE;
    unsigned u;

    val = dtl_buf_cstr(&r->params.val[DTL_CGI_FORMAT]);
    if (!val[0] || strcmp(val, "html") == 0)
        v->format = DTL_FMT_HTML;
    else if (strcmp(val, "json") == 0)
        v->format = DTL_FMT_JSON;
    else
        return fail(r, 400, "Unknown format: use html or json.");

    v->q = dtl_buf_cstr(&r->params.val[DTL_CGI_Q]);
    v->q_len = r->params.val[DTL_CGI_Q].len;
    if (v->q_len > c->max_query)
        return fail(r, 400, "Your search is too long: %zu bytes, the limit "
                    "is %u. Please use fewer words.", v->q_len,
                    c->max_query);
    if (count_words(v->q, v->q_len) > c->max_terms)
        return fail(r, 400, "Your search has too many words: the limit is "
                    "%u.", c->max_terms);

    val = dtl_buf_cstr(&r->params.val[DTL_CGI_SORT]);
    if (!val[0])
        v->sort = c->sort;
    else if (strcmp(val, "best") == 0)
        v->sort = DTL_SORT_BLEND;
    else if (strcmp(val, "newest") == 0)
        v->sort = DTL_SORT_DATE;
    else if (strcmp(val, "relevance") == 0)
        v->sort = DTL_SORT_RELEVANCE;
    else
        return fail(r, 400, "Unknown sort: use best, newest or relevance.");

    v->page = 1;
    val = dtl_buf_cstr(&r->params.val[DTL_CGI_PAGE]);
    if (val[0] && parse_uint(val, 1, c->max_page, &v->page))
        return fail(r, 400, "The page number must be from 1 to %u.",
                    c->max_page);
    v->per_page = c->per_page;
    val = dtl_buf_cstr(&r->params.val[DTL_CGI_N]);
    if (val[0]) {
        if (parse_uint(val, 1, c->max_per_page, &u))
            return fail(r, 400, "Results per page must be from 1 to %u.",
                        c->max_per_page);
        v->per_page = u;
        v->per_page_given = 1;
    }

    v->since = dtl_buf_cstr(&r->params.val[DTL_CGI_SINCE]);
    v->until = dtl_buf_cstr(&r->params.val[DTL_CGI_UNTIL]);
    val = dtl_buf_cstr(&r->params.val[DTL_CGI_WHEN]);
    if (v->since[0] || v->until[0] || strcmp(val, "custom") == 0)
        v->when = DTL_WHEN_CUSTOM;
    else if (!val[0] || strcmp(val, "any") == 0)
        v->when = DTL_WHEN_ANY;
    else if (strcmp(val, "24h") == 0)
        v->when = DTL_WHEN_24H;
    else if (strcmp(val, "week") == 0)
        v->when = DTL_WHEN_WEEK;
    else if (strcmp(val, "month") == 0)
        v->when = DTL_WHEN_MONTH;
    else
        return fail(r, 400, "Unknown date filter: use any, 24h, week, "
                    "month or custom.");
    switch (v->when) {
    case DTL_WHEN_24H:
        since = v->now - 86400;
        break;
    case DTL_WHEN_WEEK:
        since = v->now - 7 * 86400;
        break;
    case DTL_WHEN_MONTH:
        since = v->now - 31 * 86400;
        break;
    case DTL_WHEN_CUSTOM:
        if (v->since[0] && parse_day(v->since, &since))
            return fail(r, 400, "The start date must be a date such as "
                        "2025-12-02.");
        if (v->until[0]) {
            if (parse_day(v->until, &until))
                return fail(r, 400, "The end date must be a date such as "
                            "2025-12-02.");
            until += 86399;
        }
        if (since != DTL_TS_NONE && until != DTL_TS_NONE) {
            if (until < since)
                return fail(r, 400, "The end date is before the start "
                            "date.");
            if ((until - since) / 86400 >= (int64_t)c->max_range_days)
                return fail(r, 400, "The date range is too long: at most "
                            "%u days.", c->max_range_days);
        }
        break;
    case DTL_WHEN_ANY:
        break;
    }
    if ((size_t)v->page * v->per_page > DTL_SEARCH_MAX)
        return fail(r, 400, "That page is too far: at most %u results can "
                    "be shown.", DTL_SEARCH_MAX);

    r->so.sort = v->sort;
    r->so.now = v->now;
    r->so.half_life = c->half_life;
    r->so.since = since;
    r->so.until = until;
    r->so.offset = (size_t)(v->page - 1) * v->per_page;
    r->so.limit = v->per_page;
    r->so.per_page = c->collapse;
    r->so.time_limit = c->time_limit;
    r->so.partial = c->partial_results;
    return 0;
}

/* Close the reader (the next request opens it afresh). */
static void
drop_index(struct dtl_cgi *app)
{
    dtl_analyser_free(app->an);
    dtl_index_close(app->ix, NULL);
    app->an = NULL;
    app->ix = NULL;
    app->langs_known = 0;
}

/* Does the open handle lack a shard (one that did not answer)? */
static int
shard_missing(const dtl_index *ix)
{
    size_t i, n = dtl_index_shard_count(ix);
    const char *why;

    for (i = 0; i < n; i++)
        if (dtl_index_shard(ix, i, NULL, &why) == DTL_OK && why && why[0])
            return 1;
    return 0;
}

/* Open the index (or move it to the latest commit); why it failed goes
 * to the error log. */
static dtl_status
open_index(struct dtl_cgi *app)
{
    struct dtl_error err = DTL_ERROR_INIT;
    struct dtl_open_opts oo;
    const char *name = app->cfg.index;
    dtl_status st = DTL_OK;

    /* A FastCGI process opened without a shard that failed: open the
     * set afresh, so a shard that is back is searched again. */
    if (app->ix && shard_missing(app->ix))
        drop_index(app);
    if (app->ix) {
        int changed = 0;
        dtl_analyser *an = NULL;

        st = dtl_index_reopen(app->ix, &changed, &err);
        /* New entries may be in a language the index did not hold:
         * queries must stem in it too.  On failure the old analyser
         * still serves. */
        if (st == DTL_OK && changed &&
            dtl_index_analyser(app->ix, NULL, &an, NULL) == DTL_OK) {
            dtl_analyser_free(app->an);
            app->an = an;
        }
        if (changed)
            app->langs_known = 0;
        if (st == DTL_OK)
            return DTL_OK;
        /* Start afresh below: the index may have been replaced. */
        fprintf(stderr, "dateline.cgi: %s\n", err.msg);
        drop_index(app);
        dtl_error_clear(&err);
    }
    app->langs_known = 0;
    dtl_open_opts_init(&oo);
    oo.timeout_ms = (unsigned)(app->cfg.shard_timeout * 1000 + 0.5);
    oo.side = app->cfg.side;
    st = dtl_index_open_many(&name, 1, &oo, &app->ix, &err);
    if (st == DTL_OK)
        st = dtl_index_analyser(app->ix, NULL, &app->an, &err);
    if (st == DTL_OK)
        return DTL_OK;
    fprintf(stderr, "dateline.cgi: %s\n", err.msg);
    dtl_index_close(app->ix, NULL);
    app->ix = NULL;
    return st;
}

/* The index, open and at its latest commit, once per request.  -1: the
 * request failed (500 or 503 set). */
static int
ensure_index(struct dtl_cgi *app, struct req *r)
{
    dtl_status st;

    if (r->index_ready)
        return 0;
    st = open_index(app);
    if (st == DTL_OK) {
        r->index_ready = 1;
        return 0;
    }
    if (st == DTL_ENOMEM)
        return fail(r, 500, "The search ran out of memory. Please try "
                    "again later.");
    return fail(r, 503, "The search is not available right now. Please "
                "try again in a few minutes.");
}

/* dtl_index_languages() callback: keep the languages a reader can pick
 * (a libstemmer language with entries; not "porter" or "none", which
 * are settings of a whole index). */
static dtl_status
add_lang(void *ctx, const char *code, uint64_t entries)
{
    struct dtl_cgi *app = ctx;
    struct dtl_cgi_lang *l;
    const char *name = dtl_lang_from_tag(code, strlen(code));

    if (!name || entries == 0 || app->n_langs == DTL_CGI_LANGS_MAX ||
        strlen(code) >= sizeof(l->code))
        return DTL_OK;
    l = &app->langs[app->n_langs++];
    memcpy(l->code, code, strlen(code) + 1);
    l->name = name;
    l->entries = entries;
    return DTL_OK;
}

/* Most entries first, then by name. */
static int
cmp_lang(const void *a, const void *b)
{
    const struct dtl_cgi_lang *x = a, *y = b;

    if (x->entries != y->entries)
        return x->entries > y->entries ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* List the open index's languages into app, unless they are known for
 * its revision: over remote shards that costs a round trip to each. */
static dtl_status
read_languages(struct dtl_cgi *app)
{
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_status st;

    if (app->langs_known)
        return DTL_OK;
    app->n_langs = 0;
    st = dtl_index_languages(app->ix, add_lang, app, &err);
    if (st != DTL_OK) {
        fprintf(stderr, "dateline.cgi: %s\n", err.msg);
        app->n_langs = 0;
        return st;
    }
    qsort(app->langs, app->n_langs, sizeof(app->langs[0]), cmp_lang);
    app->langs_known = 1;
    return DTL_OK;
}

/* The index's languages (for the HTML form's selector) and the language
 * filter: lang= must name one of them exactly, by code ("fr") or
 * libstemmer name ("french"), and what it said is never repeated back.
 * -1: the request failed (status set). */
static int
languages(struct dtl_cgi *app, struct req *r)
{
    struct dtl_cgi_view *v = &r->view;
    const char *want = dtl_buf_cstr(&r->params.val[DTL_CGI_LANG]);
    struct dtl_buf list = DTL_BUF_INIT;
    dtl_status st;
    size_t i;

    if (!want[0] && v->format != DTL_FMT_HTML)
        return 0;
    if (want[0] || v->q_len || v->when != DTL_WHEN_ANY) {
        if (ensure_index(app, r))
            return -1;
    } else if (open_index(app) != DTL_OK) {
        /* The front page: the form without a selector. */
        return 0;
    } else {
        r->index_ready = 1;
    }
    /* Without a filter, a page without the selector will do. */
    st = read_languages(app);
    if (st == DTL_ENOMEM && want[0])
        return fail(r, 500, "The search ran out of memory. Please try "
                    "again later.");
    if (st != DTL_OK && want[0])
        return fail(r, 503, "The search is not available right now. "
                    "Please try again in a few minutes.");
    v->langs = app->langs;
    v->n_langs = app->n_langs;
    if (!want[0])
        return 0;
    for (i = 0; i < app->n_langs; i++)
        if (strcmp(want, app->langs[i].code) == 0 ||
            strcmp(want, app->langs[i].name) == 0) {
            v->lang = app->langs[i].code;
            r->so.lang = v->lang;
            return 0;
        }
    if (app->n_langs == 0)
        return fail(r, 400, "Unknown language: this archive does not "
                    "record the languages of its entries.");
    for (i = 0; i < app->n_langs; i++)
        dtl_buf_addf(&list, "%s%s (%s)", i ? ", " : "",
                     app->langs[i].code, app->langs[i].name);
    fail(r, 400, "Unknown language: use one of %s.", dtl_buf_cstr(&list));
    if (list.err)
        r->msg.err = list.err;
    dtl_buf_release(&list);
    return -1;
}

/* Parse and run the query; the view shows the outcome. */
static void
search(struct dtl_cgi *app, struct req *r)
{
    struct dtl_error err = DTL_ERROR_INIT;
    struct dtl_query_opts qo;
    struct dtl_cgi_view *v = &r->view;
    dtl_status st;
    size_t i;

    memset(&qo, 0, sizeof(qo));
    qo.now = v->now;
    if (ensure_index(app, r))
        return;
    st = dtl_query_parse(v->q, v->q_len, app->an, &qo, &r->q, &err);
    if (st == DTL_ESYNTAX || st == DTL_ELIMIT) {
        fail(r, 400, "Your search could not be read: %s", err.msg);
        return;
    }
    if (st == DTL_OK)
        st = dtl_search(app->ix, app->an, r->q, &r->so, &r->res, &err);
    if (st == DTL_OK && (dtl_results_count(r->res) == 0 ||
                         dtl_results_relaxed(r->res)) && v->q_len)
        st = dtl_index_suggest(app->ix, v->q, v->q_len, &r->suggestion,
                               &err);
    if (st != DTL_OK) {
        fprintf(stderr, "dateline.cgi: search: %s\n", err.msg);
        if (st == DTL_ENOMEM)
            fail(r, 500, "The search ran out of memory. Please try again "
                 "later.");
        else if (st == DTL_EINVAL)
            fail(r, 400, "Your search could not be run.");
        else
            fail(r, 503, "The search is not available right now. Please "
                 "try again in a few minutes.");
        return;
    }
    for (i = 0; i < dtl_results_missing_count(r->res); i++)
        fprintf(stderr, "dateline.cgi: not searched: %s\n",
                dtl_results_missing(r->res, i));
    v->res = r->res;
    v->warning = dtl_query_warning(r->q);
    v->suggestion = r->suggestion;
}

/* Absolute URL of the CGI for OpenSearch: base_url, else built from the
 * Host header and SCRIPT_NAME when both look sane.  NULL: unknown. */
static const char *
base_url(struct dtl_cgi *app, const struct dtl_cgi_request *rq,
         struct dtl_buf *b)
{
    const char *h = rq->host, *s = rq->script;
    size_t i;

    if (app->cfg.base_url)
        return app->cfg.base_url;
    if (!h || !s || !h[0] || s[0] != '/' || strlen(h) > 255 ||
        strlen(s) > 1024)
        return NULL;
    for (i = 0; h[i]; i++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    "0123456789.-:[]", h[i]))
            return NULL;
    for (i = 0; s[i]; i++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    "0123456789.-_~/", s[i]))
            return NULL;
    dtl_buf_addf(b, "%s://%s%s", rq->https ? "https" : "http", h, s);
    return dtl_buf_status(b) == DTL_OK ? b->p : NULL;
}

/* format=css and format=opensearch: not search pages. */
static int
serve_static(struct dtl_cgi *app, const struct dtl_cgi_request *rq,
             struct req *r, struct dtl_buf *out)
{
    const char *fmt = dtl_buf_cstr(&r->params.val[DTL_CGI_FORMAT]);
    struct dtl_buf base = DTL_BUF_INIT;
    const char *url;

    if (strcmp(fmt, "css") == 0) {
        respond(out, 200, "text/css; charset=utf-8",
                "Cache-Control: max-age=3600\r\n",
                app->css ? app->css : "", app->css_len, r->head_only);
        return 1;
    }
    if (strcmp(fmt, "opensearch") != 0)
        return 0;
    url = base_url(app, rq, &base);
    if (!url) {
        dtl_buf_release(&base);
        fail(r, 404, "No search description: the site's address is not "
             "configured.");
        return 0;
    }
    dtl_cgi_render_opensearch(&r->body, &app->cfg, url);
    dtl_buf_release(&base);
    if (dtl_buf_status(&r->body) != DTL_OK)
        respond_oom(out);
    else
        respond(out, 200, "application/opensearchdescription+xml; "
                "charset=utf-8", NULL, r->body.p, r->body.len,
                r->head_only);
    return 1;
}

/* 1 if the form has the pair format=json: an unreadable request that
 * asked for JSON still gets its error as JSON. */
static int
wants_json(const char *form, size_t n)
{
    static const char pair[] = "format=json";
    const size_t len = sizeof(pair) - 1;
    size_t i;

    for (i = 0; form && i + len <= n; i++)
        if ((i == 0 || form[i - 1] == '&') &&
            memcmp(form + i, pair, len) == 0 &&
            (i + len == n || form[i + len] == '&'))
            return 1;
    return 0;
}

/* Parse the query string and the form body. */
static int
read_params(const struct dtl_cgi_request *rq, struct req *r)
{
    struct dtl_error err = DTL_ERROR_INIT;
    const char *qs = rq->query ? rq->query : "";
    dtl_status st;

    st = dtl_cgi_params_parse(&r->params, qs, strlen(qs), &err);
    if (st == DTL_OK && rq->body) {
        const char *ct = rq->content_type ? rq->content_type : "";

        if (strncmp(ct, "application/x-www-form-urlencoded", 33) != 0 ||
            (ct[33] && ct[33] != ';' && ct[33] != ' '))
            return fail(r, 415, "Please send the search form as "
                        "application/x-www-form-urlencoded.");
        st = dtl_cgi_params_parse(&r->params, rq->body, rq->body_len,
                                  &err);
    }
    if (st != DTL_OK && (wants_json(qs, strlen(qs)) ||
                         wants_json(rq->body, rq->body_len)))
        r->view.format = DTL_FMT_JSON;
    if (st == DTL_ENOMEM)
        return fail(r, 500, "The search ran out of memory.");
    if (st == DTL_ELIMIT)
        return fail(r, 413, "The request is too long: %s.", err.msg);
    if (st != DTL_OK)
        return fail(r, 400, "The request could not be read: %s.", err.msg);
    return 0;
}

void
dtl_cgi_handle(struct dtl_cgi *app, const struct dtl_cgi_request *rq,
               struct dtl_buf *out)
{
    struct req r;
    const char *m = rq->method ? rq->method : "GET";
    const char *type;

    memset(&r, 0, sizeof(r));
    dtl_cgi_params_init(&r.params);
    dtl_buf_init(&r.msg);
    dtl_buf_init(&r.body);
    dtl_search_opts_init(&r.so);
    r.view.cfg = &app->cfg;
    r.view.theme_page = app->page_tpl ? app->page_tpl : builtin_page;
    r.view.now = rq->now;
    r.view.status = 200;
    r.view.sort = app->cfg.sort;
    r.view.per_page = app->cfg.per_page;
    r.view.page = 1;
    r.view.q = r.view.since = r.view.until = r.view.warning = "";
    r.view.lang = "";
    r.head_only = strcmp(m, "HEAD") == 0;

    if (!app->config_ok)
        fail(&r, 500, "The search is not set up correctly. The site's "
             "operator has been told.");
    else if (strcmp(m, "GET") && strcmp(m, "HEAD") && strcmp(m, "POST"))
        fail(&r, 405, "Only GET, HEAD and POST are supported.");
    else if (rq->body_too_long)
        fail(&r, 413, "The request is too long (over %d bytes).",
             DTL_CGI_FORM_MAX);
    else if (rq->body_bad_length)
        fail(&r, 400, "The request body is incomplete.");
    else if (read_params(rq, &r) == 0 &&
             serve_static(app, rq, &r, out))
        goto out;
    else if (r.view.status == 200 && validate(app, &r) == 0 &&
             languages(app, &r) == 0 &&
             (r.view.q_len || r.view.when != DTL_WHEN_ANY ||
              r.view.lang[0]))
        search(app, &r);

    dtl_cgi_render(&r.body, &r.view);
    if (dtl_buf_status(&r.body) != DTL_OK ||
        dtl_buf_status(&r.msg) != DTL_OK) {
        respond_oom(out);
        goto out;
    }
    type = r.view.format == DTL_FMT_JSON ? "application/json; charset=utf-8"
                                         : "text/html; charset=utf-8";
    {
        char extra[128];

        extra[0] = '\0';
        if (r.view.status == 503)
            snprintf(extra, sizeof(extra), "Retry-After: %u\r\n",
                     app->cfg.retry_after);
        else if (r.view.status == 405)
            snprintf(extra, sizeof(extra), "Allow: GET, HEAD, POST\r\n");
        respond(out, r.view.status, type, extra, r.body.p, r.body.len,
                r.head_only);
    }
    if (dtl_buf_status(out) != DTL_OK)
        respond_oom(out);
out:
    dtl_free_string(r.suggestion);
    dtl_results_free(r.res);
    dtl_query_free(r.q);
    dtl_cgi_params_release(&r.params);
    dtl_buf_release(&r.msg);
    dtl_buf_release(&r.body);
}
