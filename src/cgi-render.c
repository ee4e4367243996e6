/* Dateline: the search box's pages: HTML, JSON and OpenSearch.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * See cgi.h.  Called by src/cgi.c with a validated struct dtl_cgi_view.
 * Every byte that comes from the request, the configuration or the index
 * goes through dtl_cgi_html_escape() (HTML text and attributes), a URL
 * encoder (links) or dtl_cgi_json_string(); links to entries are only
 * made for http: and https: URLs.  The page works without JavaScript and
 * without the style sheet (the theme's style.css, served by the CGI so
 * that the Content-Security-Policy can forbid inline styles).
 */
#include <config.h>
#include "cgi.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dateline/stamp.h"
#include "banned.h"

#define ESC(b, s) dtl_cgi_html_escape((b), (s), strlen(s))

void
dtl_cgi_html_escape(struct dtl_buf *b, const char *s, size_t n)
{
    size_t i, from = 0;

    for (i = 0; i < n; i++) {
        const char *rep;

        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        dtl_buf_add(b, s + from, i - from);
        dtl_buf_adds(b, rep);
        from = i + 1;
    }
    dtl_buf_add(b, s + from, n - from);
}

void
dtl_cgi_json_string(struct dtl_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i;

    dtl_buf_addc(b, '"');
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '"' || c == '\\') {
            dtl_buf_addc(b, '\\');
            dtl_buf_addc(b, (char)c);
        } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            /* \u escapes for < > & too: safe inside HTML as well. */
            dtl_buf_adds(b, "\\u00");
            dtl_buf_addc(b, hex[c >> 4]);
            dtl_buf_addc(b, hex[c & 15]);
        } else {
            dtl_buf_addc(b, (char)c);
        }
    }
    dtl_buf_addc(b, '"');
}

static const char *const sort_param[] = {"best", "relevance", "newest"};
static const char *const sort_label[] = {"Best match", "Relevance only",
                                         "Newest"};
static const char *const when_param[] = {"any", "24h", "week", "month",
                                         "custom"};
static const char *const when_label[] = {"Any time", "Past 24 hours",
                                         "Past week", "Past month",
                                         "Custom range"};

static int
is_web_url(const char *u)
{
    return u && (strncmp(u, "https://", 8) == 0 ||
                 strncmp(u, "http://", 7) == 0);
}

/* The entry's link target: its own URL (with the entry's fragment), else
 * the page's; only http(s) URLs, never a path or another scheme. */
static const char *
entry_url(const struct dtl_result *r)
{
    if (is_web_url(r->url))
        return r->url;
    if (is_web_url(r->source))
        return r->source;
    return NULL;
}

/* The host of an http(s) URL, without "www.", into b; "" otherwise. */
static void
site_of(struct dtl_buf *b, const struct dtl_result *r)
{
    const char *u = entry_url(r), *h, *e;

    if (!u)
        return;
    h = strstr(u, "//") + 2;
    e = h + strcspn(h, "/?#:");
    if (e - h > 4 && strncmp(h, "www.", 4) == 0)
        h += 4;
    dtl_buf_add(b, h, (size_t)(e - h));
}

/* "2 Dec 2025, 09:46 UTC" (utc) or in the configured zone. */
static void
format_time(struct dtl_buf *b, int64_t ts, int utc)
{
    char s[64];
    time_t t = (time_t)ts;
    struct tm tm;

    if (!(utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm)))
        return;
    if (strftime(s, sizeof(s), utc ? "%e %b %Y, %H:%M UTC"
                                   : "%e %b %Y, %H:%M %Z", &tm))
        dtl_buf_adds(b, s[0] == ' ' ? s + 1 : s);
}

/* A link to this search with one setting changed ("" keeps it). */
struct link {
    const char *q;
    int sort, when;            /* -1: as the view */
    unsigned page;             /* 0: 1 */
    int all_langs;             /* 1: without the language filter */
};

static void
add_param(struct dtl_buf *b, const char *name, const char *val, size_t n)
{
    dtl_buf_addc(b, b->len ? '&' : '?');
    dtl_buf_adds(b, name);
    dtl_buf_addc(b, '=');
    dtl_cgi_url_encode(b, val, n);
}

static void
href(struct dtl_buf *out, const struct dtl_cgi_view *v, struct link l)
{
    struct dtl_buf u = DTL_BUF_INIT;
    int sort = l.sort >= 0 ? l.sort : (int)v->sort;
    int when = l.when >= 0 ? l.when : (int)v->when;
    char num[16];

    add_param(&u, "q", l.q ? l.q : v->q, l.q ? strlen(l.q) : v->q_len);
    if (sort != (int)v->cfg->sort)
        add_param(&u, "sort", sort_param[sort], strlen(sort_param[sort]));
    if (when == DTL_WHEN_CUSTOM) {
        if (v->since[0])
            add_param(&u, "since", v->since, strlen(v->since));
        if (v->until[0])
            add_param(&u, "until", v->until, strlen(v->until));
    } else if (when != DTL_WHEN_ANY) {
        add_param(&u, "when", when_param[when], strlen(when_param[when]));
    }
    if (v->lang[0] && !l.all_langs)
        add_param(&u, "lang", v->lang, strlen(v->lang));
    if (v->per_page_given) {
        snprintf(num, sizeof(num), "%u", v->per_page);
        add_param(&u, "n", num, strlen(num));
    }
    if (l.page > 1) {
        snprintf(num, sizeof(num), "%u", l.page);
        add_param(&u, "page", num, strlen(num));
    }
    dtl_buf_adds(out, " href=\"");
    dtl_cgi_html_escape(out, u.p ? u.p : "?", u.p ? u.len : 1);
    dtl_buf_adds(out, "\"");
    if (u.err)
        out->err = u.err;
    dtl_buf_release(&u);
}

/* The language selector, when the index holds two languages or more;
 * else a filter given in the request stays in the form, hidden. */
static void
lang_select(struct dtl_buf *b, const struct dtl_cgi_view *v)
{
    size_t i;

    if (v->n_langs < 2) {
        if (v->lang[0]) {
            dtl_buf_adds(b, "<input type=\"hidden\" name=\"lang\" "
                         "value=\"");
            ESC(b, v->lang);
            dtl_buf_adds(b, "\">\n");
        }
        return;
    }
    dtl_buf_addf(b, "<label for=\"lang\">Language</label>\n"
                 "<select id=\"lang\" name=\"lang\">\n"
                 "<option value=\"\"%s>All languages</option>\n",
                 v->lang[0] ? "" : " selected");
    for (i = 0; i < v->n_langs; i++) {
        const struct dtl_cgi_lang *l = &v->langs[i];
        const char *name = l->name;

        dtl_buf_adds(b, "<option value=\"");
        ESC(b, l->code);
        dtl_buf_addf(b, "\"%s>",
                     strcmp(l->code, v->lang) == 0 ? " selected" : "");
        /* libstemmer names are lower-case ASCII: "french" is French. */
        if (name[0] >= 'a' && name[0] <= 'z')
            dtl_buf_addc(b, (char)(*name++ - 'a' + 'A'));
        ESC(b, name);
        dtl_buf_addf(b, " (%llu)</option>\n",
                     (unsigned long long)l->entries);
    }
    dtl_buf_adds(b, "</select>\n");
}

static void
form(struct dtl_buf *b, const struct dtl_cgi_view *v)
{
    int i;

    dtl_buf_adds(b, "<form class=\"search\" method=\"get\" action=\"\" "
                 "role=\"search\">\n<p><label for=\"q\">Search the "
                 "archive</label>\n<input type=\"search\" id=\"q\" "
                 "name=\"q\" value=\"");
    dtl_cgi_html_escape(b, v->q, v->q_len);
    dtl_buf_addf(b, "\" maxlength=\"%u\">\n<button type=\"submit\">Search"
                 "</button></p>\n<fieldset><legend>Options</legend>\n"
                 "<label for=\"sort\">Sort by</label>\n"
                 "<select id=\"sort\" name=\"sort\">\n", v->cfg->max_query);
    for (i = 0; i < 3; i++)
        dtl_buf_addf(b, "<option value=\"%s\"%s>%s</option>\n",
                     sort_param[i], i == (int)v->sort ? " selected" : "",
                     sort_label[i]);
    dtl_buf_adds(b, "</select>\n<label for=\"when\">Date</label>\n"
                 "<select id=\"when\" name=\"when\">\n");
    for (i = 0; i < 5; i++)
        dtl_buf_addf(b, "<option value=\"%s\"%s>%s</option>\n",
                     when_param[i], i == (int)v->when ? " selected" : "",
                     when_label[i]);
    dtl_buf_adds(b, "</select>\n<label for=\"since\">From</label>\n"
                 "<input type=\"date\" id=\"since\" name=\"since\" "
                 "value=\"");
    ESC(b, v->when == DTL_WHEN_CUSTOM ? v->since : "");
    dtl_buf_adds(b, "\">\n<label for=\"until\">To</label>\n"
                 "<input type=\"date\" id=\"until\" name=\"until\" "
                 "value=\"");
    ESC(b, v->when == DTL_WHEN_CUSTOM ? v->until : "");
    dtl_buf_adds(b, "\">\n");
    lang_select(b, v);
    dtl_buf_adds(b, "</fieldset>\n</form>\n");
}

/* The code of the language a result is in ("fr"), or NULL when there is
 * none to give ("none": the index stems nothing). */
static const char *
result_lang(const struct dtl_result *r)
{
    const char *code = r->lang ? dtl_lang_code(r->lang, strlen(r->lang))
                               : NULL;

    /* An index in "porter" stems English entries with it. */
    if (!code && r->lang && strcmp(r->lang, "porter") == 0)
        code = "en";
    return code;
}

/* A lang attribute for text in the result's language when that is not
 * the page's (the lang setting, "en" by default). */
static void
lang_attr(struct dtl_buf *b, const struct dtl_cgi_view *v,
          const struct dtl_result *r)
{
    const char *page = v->cfg->lang ? v->cfg->lang : "en";
    const char *mine = result_lang(r), *theirs;

    theirs = dtl_lang_code(page, strlen(page));
    if (!mine || (theirs && strcmp(mine, theirs) == 0))
        return;
    dtl_buf_adds(b, " lang=\"");
    ESC(b, mine);
    dtl_buf_adds(b, "\"");
}

/* The snippet with its marked words in <mark>. */
static void
snippet(struct dtl_buf *b, const struct dtl_result *r)
{
    const char *s = r->snippet;
    size_t pos = 0, i, n = strlen(s);

    for (i = 0; i < r->n_marks; i++) {
        size_t a = r->marks[2 * i], e = r->marks[2 * i + 1];

        if (a < pos || e > n || a > e)
            continue;
        dtl_cgi_html_escape(b, s + pos, a - pos);
        dtl_buf_adds(b, "<mark>");
        dtl_cgi_html_escape(b, s + a, e - a);
        dtl_buf_adds(b, "</mark>");
        pos = e;
    }
    dtl_cgi_html_escape(b, s + pos, n - pos);
}

static void
result_html(struct dtl_buf *b, const struct dtl_cgi_view *v,
            const struct dtl_result *r)
{
    struct dtl_buf site = DTL_BUF_INIT;
    const char *url = entry_url(r);
    char iso[40];
    int sep, has_title;

    dtl_buf_adds(b, "<li><article>\n<h3");
    lang_attr(b, v, r);
    dtl_buf_addc(b, '>');
    if (url) {
        dtl_buf_adds(b, "<a href=\"");
        ESC(b, url);
        dtl_buf_adds(b, "\">");
    }
    ESC(b, r->headline[0] ? r->headline : "(no headline)");
    dtl_buf_adds(b, url ? "</a></h3>\n" : "</h3>\n");
    dtl_buf_adds(b, "<p class=\"meta\">");
    /* A lead's headline is often the page title: say it once. */
    has_title = r->title[0] && strcmp(r->title, r->headline) != 0;
    if (has_title) {
        dtl_buf_adds(b, "<span class=\"title\"");
        lang_attr(b, v, r);
        dtl_buf_addc(b, '>');
        ESC(b, r->title);
        dtl_buf_adds(b, "</span>");
    }
    site_of(&site, r);
    sep = has_title || site.len;
    if (site.len) {
        dtl_buf_adds(b, has_title ? " &middot; " : "");
        dtl_buf_adds(b, "<span class=\"site\">");
        dtl_cgi_html_escape(b, site.p, site.len);
        dtl_buf_adds(b, "</span>");
    }
    if (site.err)
        b->err = site.err;
    dtl_buf_release(&site);
    if (r->ts != DTL_TS_NONE) {
        dtl_buf_adds(b, sep ? " &middot; " : "");
        dtl_time_format_iso(r->ts, iso, sizeof(iso));
        dtl_buf_addf(b, "<time datetime=\"%s\">", iso);
        format_time(b, r->ts, 1);
        dtl_buf_adds(b, "</time>");
        if (v->cfg->time_zone) {
            dtl_buf_adds(b, " <span class=\"local\">(");
            format_time(b, r->ts, 0);
            dtl_buf_adds(b, ")</span>");
        }
    }
    dtl_buf_adds(b, "</p>\n<p class=\"snippet\"");
    lang_attr(b, v, r);
    dtl_buf_addc(b, '>');
    snippet(b, r);
    dtl_buf_adds(b, "</p>\n");
    if (r->collapsed)
        dtl_buf_addf(b, "<p class=\"more\">%u more from this page</p>\n",
                     r->collapsed);
    dtl_buf_adds(b, "</article></li>\n");
}

/* Last page that can be shown for the estimate. */
static unsigned
last_page(const struct dtl_cgi_view *v, uint64_t estimate)
{
    uint64_t last = (estimate + v->per_page - 1) / v->per_page;
    uint64_t cap = DTL_SEARCH_MAX / v->per_page;

    if (last > v->cfg->max_page)
        last = v->cfg->max_page;
    if (last > cap)
        last = cap;
    return last < v->page ? v->page : (unsigned)last;
}

static void
pages(struct dtl_buf *b, const struct dtl_cgi_view *v, uint64_t estimate,
      size_t shown)
{
    unsigned last = last_page(v, estimate), p, lo, hi;
    struct link l = {NULL, -1, -1, 0, 0};

    if (shown < v->per_page && v->page >= last)
        last = v->page;
    if (last <= 1)
        return;
    lo = v->page > 4 ? v->page - 4 : 1;
    hi = v->page + 4 < last ? v->page + 4 : last;
    dtl_buf_adds(b, "<nav class=\"pages\" aria-label=\"Result pages\">"
                 "<ul>\n");
    if (v->page > 1) {
        l.page = v->page - 1;
        dtl_buf_adds(b, "<li><a rel=\"prev\"");
        href(b, v, l);
        dtl_buf_adds(b, ">&larr; Previous</a></li>\n");
    }
    for (p = lo; p <= hi; p++) {
        if (p == v->page) {
            dtl_buf_addf(b, "<li><strong aria-current=\"page\">%u</strong>"
                         "</li>\n", p);
            continue;
        }
        l.page = p;
        dtl_buf_addf(b, "<li><a aria-label=\"Page %u\"", p);
        href(b, v, l);
        dtl_buf_addf(b, ">%u</a></li>\n", p);
    }
    if (v->page < last) {
        l.page = v->page + 1;
        dtl_buf_adds(b, "<li><a rel=\"next\"");
        href(b, v, l);
        dtl_buf_adds(b, ">Next &rarr;</a></li>\n");
    }
    dtl_buf_adds(b, "</ul></nav>\n");
}

/* The sort and date switches: the current choice in <strong>. */
static void
switches(struct dtl_buf *b, const struct dtl_cgi_view *v)
{
    struct link l = {NULL, -1, -1, 0, 0};
    int i;

    dtl_buf_adds(b, "<nav class=\"switch\" aria-label=\"Sort\"><p>Sort: ");
    for (i = 0; i < 3; i++) {
        int s = i == 1 ? 2 : i == 2 ? 1 : 0;  /* best, newest, relevance */

        dtl_buf_adds(b, i ? " | " : "");
        if (s == (int)v->sort) {
            dtl_buf_addf(b, "<strong aria-current=\"true\">%s</strong>",
                         sort_label[s]);
            continue;
        }
        l.sort = s;
        dtl_buf_adds(b, "<a");
        href(b, v, l);
        dtl_buf_addf(b, ">%s</a>", sort_label[s]);
    }
    l.sort = -1;
    dtl_buf_adds(b, "</p></nav>\n<nav class=\"switch\" aria-label=\"Date\">"
                 "<p>Date: ");
    for (i = 0; i < 4; i++) {
        dtl_buf_adds(b, i ? " | " : "");
        if (i == (int)v->when) {
            dtl_buf_addf(b, "<strong aria-current=\"true\">%s</strong>",
                         when_label[i]);
            continue;
        }
        l.when = i;
        dtl_buf_adds(b, "<a");
        href(b, v, l);
        dtl_buf_addf(b, ">%s</a>", when_label[i]);
    }
    if (v->when == DTL_WHEN_CUSTOM) {
        dtl_buf_adds(b, " | <strong aria-current=\"true\">");
        ESC(b, v->since[0] ? v->since : "...");
        dtl_buf_adds(b, " to ");
        ESC(b, v->until[0] ? v->until : "...");
        dtl_buf_adds(b, "</strong>");
    }
    dtl_buf_adds(b, "</p></nav>\n");
}

static void
no_results(struct dtl_buf *b, const struct dtl_cgi_view *v)
{
    struct link l = {NULL, -1, DTL_WHEN_ANY, 0, 0};
    struct link all = {NULL, -1, -1, 0, 1};

    dtl_buf_adds(b, "<section class=\"none\">\n<h2>No entries match</h2>\n"
                 "<p>Nothing in the archive matches <q>");
    dtl_cgi_html_escape(b, v->q, v->q_len);
    dtl_buf_adds(b, "</q>.</p>\n<ul>\n<li>Check the spelling of the words."
                 "</li>\n<li>Try fewer or more general words, or "
                 "<code>OR</code> between them.</li>\n");
    if (v->when != DTL_WHEN_ANY) {
        dtl_buf_adds(b, "<li>Search <a");
        href(b, v, l);
        dtl_buf_adds(b, ">any time</a> instead of this date range.</li>\n");
    }
    if (v->lang[0]) {
        dtl_buf_adds(b, "<li>Search <a");
        href(b, v, all);
        dtl_buf_adds(b, ">all languages</a>.</li>\n");
    }
    dtl_buf_adds(b, "</ul>\n</section>\n");
}

static void
main_html(struct dtl_buf *b, const struct dtl_cgi_view *v)
{
    size_t i, n = v->res ? dtl_results_count(v->res) : 0;
    uint64_t est = v->res ? dtl_results_estimate(v->res) : 0;
    size_t first = (size_t)(v->page - 1) * v->per_page;

    dtl_buf_adds(b, "<main id=\"main\">\n");
    if (v->message) {
        dtl_buf_addf(b, "<section class=\"error\" role=\"alert\">\n<h2>%s"
                     "</h2>\n<p>", v->status >= 500 ? "Sorry"
                                                    : "Please check your "
                                                      "search");
        ESC(b, v->message);
        dtl_buf_adds(b, "</p>\n<p><a href=\"?\">Start a new search</a>"
                     "</p>\n</section>\n");
    }
    if (v->suggestion) {
        struct link l = {v->suggestion, -1, -1, 0, 0};

        dtl_buf_adds(b, "<p class=\"suggest\">Did you mean <a");
        href(b, v, l);
        dtl_buf_adds(b, "><em>");
        ESC(b, v->suggestion);
        dtl_buf_adds(b, "</em></a>?</p>\n");
    }
    if (!v->res) {
        dtl_buf_adds(b, "</main>\n");
        return;
    }
    if (v->warning[0]) {
        dtl_buf_adds(b, "<p class=\"note\">Note: ");
        ESC(b, v->warning);
        dtl_buf_adds(b, "</p>\n");
    }
    if (dtl_results_relaxed(v->res))
        dtl_buf_adds(b, "<p class=\"note\">No entry has all the words; "
                     "these have most of them.</p>\n");
    if (dtl_results_missing_count(v->res))
        /* Which shards stays in the error log: their names are hosts. */
        dtl_buf_addf(b, "<p class=\"note incomplete\" role=\"status\">"
                     "<strong>Part of the archive was not searched.</strong> "
                     "%zu of its sections did not answer, so these results "
                     "may be incomplete. Please try again later.</p>\n",
                     dtl_results_missing_count(v->res));
    if (dtl_results_capped(v->res))
        dtl_buf_adds(b, "<p class=\"note incomplete\" role=\"status\">"
                     "<strong>Not every candidate was checked.</strong> "
                     "This phrase is too common to check in full, so more "
                     "entries may match than are shown.</p>\n");
    if (dtl_results_field_capped(v->res))
        dtl_buf_adds(b, "<p class=\"note incomplete\" role=\"status\">"
                     "<strong>Not every page was searched.</strong> "
                     "Too many page titles match, so more "
                     "entries may match than are shown.</p>\n");
    switches(b, v);
    if (n == 0) {
        if (v->page == 1)
            no_results(b, v);
        else
            dtl_buf_adds(b, "<h2>No more results</h2>\n");
        pages(b, v, est, n);
        dtl_buf_adds(b, "</main>\n");
        return;
    }
    dtl_buf_addf(b, "<h2>Results</h2>\n<p class=\"count\">About %llu "
                 "result%s; showing %zu&ndash;%zu.</p>\n<ol class=\"results"
                 "\" start=\"%zu\">\n", (unsigned long long)est,
                 est == 1 ? "" : "s", first + 1, first + n, first + 1);
    for (i = 0; i < n; i++)
        result_html(b, v, dtl_results_get(v->res, i));
    dtl_buf_adds(b, "</ol>\n");
    pages(b, v, est, n);
    dtl_buf_adds(b, "</main>\n");
}

/* The theme page with its @NAME@ slots filled. */
static void
page_html(struct dtl_buf *b, const struct dtl_cgi_view *v)
{
    const char *t = v->theme_page, *at;
    const char *site = v->cfg->site_title ? v->cfg->site_title : "Dateline";

    while ((at = strchr(t, '@')) != NULL) {
        const char *end = strchr(at + 1, '@');
        size_t len = end ? (size_t)(end - at - 1) : 0;

        dtl_buf_add(b, t, (size_t)(at - t));
        t = end ? end + 1 : at + 1;
        if (len == 4 && memcmp(at + 1, "LANG", 4) == 0) {
            ESC(b, v->cfg->lang ? v->cfg->lang : "en");
        } else if (len == 4 && memcmp(at + 1, "SITE", 4) == 0) {
            ESC(b, site);
        } else if (len == 5 && memcmp(at + 1, "TITLE", 5) == 0) {
            if (v->message)
                dtl_buf_adds(b, "Error - ");
            else if (v->q_len) {
                dtl_cgi_html_escape(b, v->q, v->q_len);
                dtl_buf_adds(b, " - ");
            }
            ESC(b, site);
        } else if (len == 4 && memcmp(at + 1, "HEAD", 4) == 0) {
            dtl_buf_adds(b, "<link rel=\"stylesheet\" href=\"?format=css\">"
                         "\n<link rel=\"search\" type=\"application/"
                         "opensearchdescription+xml\" href=\"?format="
                         "opensearch\" title=\"");
            ESC(b, site);
            dtl_buf_adds(b, "\">\n");
        } else if (len == 4 && memcmp(at + 1, "BODY", 4) == 0) {
            dtl_buf_adds(b, "<header>\n<h1><a href=\"?\">");
            ESC(b, site);
            dtl_buf_adds(b, "</a></h1>\n");
            form(b, v);
            dtl_buf_adds(b, "</header>\n");
            main_html(b, v);
        } else {
            /* Not a slot: the '@' stays. */
            dtl_buf_addc(b, '@');
            t = at + 1;
        }
    }
    dtl_buf_adds(b, t);
}

static void
json_opt(struct dtl_buf *b, const char *name, const char *s)
{
    dtl_buf_addf(b, ",\"%s\":", name);
    if (s && s[0])
        dtl_cgi_json_string(b, s, strlen(s));
    else
        dtl_buf_adds(b, "null");
}

static void
result_json(struct dtl_buf *b, const struct dtl_cgi_view *v,
            const struct dtl_result *r, size_t rank)
{
    struct dtl_buf tmp = DTL_BUF_INIT;
    char iso[40];
    size_t j;

    dtl_buf_addf(b, "{\"rank\":%zu", rank);
    json_opt(b, "url", entry_url(r));
    json_opt(b, "headline", r->headline);
    json_opt(b, "title", r->title);
    site_of(&tmp, r);
    json_opt(b, "site", dtl_buf_cstr(&tmp));
    json_opt(b, "lang", result_lang(r));
    if (r->ts == DTL_TS_NONE) {
        dtl_buf_adds(b, ",\"time\":null,\"timestamp\":null,"
                     "\"time_local\":null");
    } else {
        dtl_time_format_iso(r->ts, iso, sizeof(iso));
        dtl_buf_addf(b, ",\"time\":\"%s\",\"timestamp\":%lld", iso,
                     (long long)r->ts);
        dtl_buf_truncate(&tmp, 0);
        if (v->cfg->time_zone)
            format_time(&tmp, r->ts, 0);
        json_opt(b, "time_local", dtl_buf_cstr(&tmp));
    }
    if (tmp.err)
        b->err = tmp.err;
    dtl_buf_release(&tmp);
    dtl_buf_adds(b, ",\"snippet\":");
    dtl_cgi_json_string(b, r->snippet, strlen(r->snippet));
    dtl_buf_adds(b, ",\"marks\":[");
    for (j = 0; j < r->n_marks; j++)
        dtl_buf_addf(b, "%s[%zu,%zu]", j ? "," : "", r->marks[2 * j],
                     r->marks[2 * j + 1]);
    dtl_buf_addf(b, "],\"lead\":%s,\"collapsed\":%u}",
                 r->is_lead ? "true" : "false", r->collapsed);
}

static void
page_json(struct dtl_buf *b, const struct dtl_cgi_view *v)
{
    size_t i, n = v->res ? dtl_results_count(v->res) : 0;
    size_t first = (size_t)(v->page - 1) * v->per_page;

    if (v->message) {
        dtl_buf_addf(b, "{\"error\":{\"status\":%d,\"message\":",
                     v->status);
        dtl_cgi_json_string(b, v->message, strlen(v->message));
        dtl_buf_adds(b, "}}\n");
        return;
    }
    dtl_buf_adds(b, "{\"query\":");
    dtl_cgi_json_string(b, v->q, v->q_len);
    dtl_buf_addf(b, ",\"page\":%u,\"per_page\":%u,\"sort\":\"%s\","
                 "\"when\":\"%s\"", v->page, v->per_page,
                 sort_param[v->sort], when_param[v->when]);
    json_opt(b, "since", v->when == DTL_WHEN_CUSTOM ? v->since : NULL);
    json_opt(b, "until", v->when == DTL_WHEN_CUSTOM ? v->until : NULL);
    json_opt(b, "lang", v->lang);
    dtl_buf_addf(b, ",\"estimate\":%llu,\"relaxed\":%s",
                 (unsigned long long)(v->res ? dtl_results_estimate(v->res)
                                             : 0),
                 v->res && dtl_results_relaxed(v->res) ? "true" : "false");
    dtl_buf_addf(b, ",\"incomplete\":%s,\"sections_missing\":%zu",
                 v->res && (dtl_results_missing_count(v->res) ||
                            dtl_results_capped(v->res) ||
                            dtl_results_field_capped(v->res))
                     ? "true"
                     : "false",
                 v->res ? dtl_results_missing_count(v->res) : (size_t)0);
    json_opt(b, "warning", v->warning);
    json_opt(b, "suggestion", v->suggestion);
    dtl_buf_adds(b, ",\"results\":[");
    for (i = 0; i < n; i++) {
        dtl_buf_adds(b, i ? ",\n" : "\n");
        result_json(b, v, dtl_results_get(v->res, i), first + i + 1);
    }
    dtl_buf_adds(b, "]}\n");
}

void
dtl_cgi_render(struct dtl_buf *b, const struct dtl_cgi_view *v)
{
    dtl_buf_truncate(b, 0);
    if (v->format == DTL_FMT_JSON)
        page_json(b, v);
    else
        page_html(b, v);
}

void
dtl_cgi_render_opensearch(struct dtl_buf *b,
                          const struct dtl_cgi_config *cfg, const char *base)
{
    const char *site = cfg->site_title ? cfg->site_title : "Dateline";
    size_t n = strlen(site);

    dtl_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/"
                 "opensearch/1.1/\">\n<ShortName>");
    /* ShortName: at most 16 characters; cut at a UTF-8 boundary. */
    if (n > 16) {
        n = 16;
        while (n > 0 && ((unsigned char)site[n] & 0xc0) == 0x80)
            n--;
    }
    dtl_cgi_html_escape(b, site, n);
    dtl_buf_adds(b, "</ShortName>\n<Description>Search ");
    ESC(b, site);
    dtl_buf_adds(b, "</Description>\n<InputEncoding>UTF-8</InputEncoding>"
                 "\n<Url type=\"text/html\" method=\"get\" template=\"");
    ESC(b, base);
    dtl_buf_adds(b, "?q={searchTerms}\"/>\n<Url type=\"application/json\" "
                 "method=\"get\" template=\"");
    ESC(b, base);
    dtl_buf_adds(b, "?q={searchTerms}&amp;format=json\"/>\n"
                 "</OpenSearchDescription>\n");
}
