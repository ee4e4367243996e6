/* Dateline: the updates of a live blog in an HTML page.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Repeated containers are found bottom-up in O(n * k): every time marker
 * (a <time datetime>, a data-*time attribute, a short text node that is a
 * stamp) marks its ancestors up to MARK_LEVELS levels; an element counts
 * how many of its children hold a marker, and the element with the most
 * such children (at least MIN_ENTRIES, with real text in them) is the
 * stream whose children are the updates.
 */
#include <config.h>
#include "htmlblog.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "dom.h"
#include "extract.h"
#include "jsonld.h"
#include "zone.h"
#include "dateline/stamp.h"
#include "banned.h"

#define MARK_LEVELS 12
#define MIN_ENTRIES 3
#define F_MARKED 2      /* nstat.flags: holds a time marker */

/* A time found in an update, before dating. */
struct mark {
    int64_t ts;              /* resolved, or DTL_TS_NONE */
    struct dtl_stamp st;     /* a time-only stamp (kind TIME) */
};

void
dtl_htmlblog_release(struct dtl_blog *b)
{
    size_t i;

    for (i = 0; i < b->n; i++) {
        dtl_free(b->v[i].headline);
        dtl_free(b->v[i].body);
        dtl_free(b->v[i].url);
        dtl_free(b->v[i].id);
    }
    dtl_free(b->v);
    memset(b, 0, sizeof(*b));
}

static dtl_status
blog_push(struct dtl_blog *b, int64_t ts, const char *h, size_t hn,
          const char *body, size_t bn, const char *url, const char *id)
{
    struct dtl_blog_entry *e;

    if (b->n >= DTL_JSONLD_MAX_UPDATES * 4)
        return DTL_ELIMIT;
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        e = dtl_realloc(b->v, cap * sizeof(*e));
        if (!e)
            return DTL_ENOMEM;
        b->v = e;
        b->cap = cap;
    }
    e = &b->v[b->n];
    e->ts = ts;
    e->headline = dtl_strndup(h ? h : "", h ? hn : 0);
    e->body = dtl_strndup(body ? body : "", body ? bn : 0);
    e->url = dtl_strndup(url ? url : "", url ? strlen(url) : 0);
    e->id = dtl_strndup(id ? id : "", id ? strlen(id) : 0);
    if (!e->headline || !e->body || !e->url || !e->id) {
        dtl_free(e->headline);
        dtl_free(e->body);
        dtl_free(e->url);
        dtl_free(e->id);
        return DTL_ENOMEM;
    }
    b->n++;
    return DTL_OK;
}

/* ---- time markers ---------------------------------------------------- */

static int
all_digits(const char *s, size_t *len)
{
    size_t i;

    for (i = 0; s[i]; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    *len = i;
    return i > 0;
}

/* A structured time value: epoch milliseconds or seconds, or ISO 8601. */
static int64_t
value_time(const char *v)
{
    size_t len;
    int64_t t;

    if (!v)
        return DTL_TS_NONE;
    if (all_digits(v, &len)) {
        if (len != 13 && len != 10)
            return DTL_TS_NONE;
        t = strtoll(v, NULL, 10);
        return len == 13 ? t / 1000 : t;
    }
    return dtl_jsonld_time(v, strlen(v), 0);
}

static const char *const time_attrs[] = {
    "data-post-time", "data-timestamp", "data-time", "data-published",
    "data-published-time", "data-last-updated", "data-sort-time",
    "data-datetime", "data-date", "data-created", "data-publish-time",
    NULL};

/* 1 if element n has a data-* attribute, as all of time_attrs are: most
 * elements have none, and need not be searched for each. */
static int
has_data_attr(const xmlNode *n)
{
    const xmlAttr *a;

    for (a = n->properties; a; a = a->next)
        if (a->name && strncmp((const char *)a->name, "data-", 5) == 0)
            return 1;
    return 0;
}

/* The marker element n carries itself (not its subtree): 1 and *m filled,
 * or 0. */
static int
element_mark(const xmlNode *n, struct mark *m)
{
    size_t i;
    const char *v;

    m->ts = DTL_TS_NONE;
    m->st.kind = DTL_STAMP_NONE;
    if (dtl_dom_tag(n) == DTL_T_TIME &&
        (v = dtl_dom_attr(n, "datetime")) != NULL &&
        (m->ts = value_time(v)) != DTL_TS_NONE)
        return 1;
    if (!has_data_attr(n))
        return 0;
    for (i = 0; time_attrs[i]; i++)
        if ((v = dtl_dom_attr(n, time_attrs[i])) != NULL &&
            (m->ts = value_time(v)) != DTL_TS_NONE)
            return 1;
    return 0;
}

/* A text node that is a stamp line: 1 and *m filled (FULL: ts set; TIME:
 * st kept for dating), or 0. */
static int
text_mark(const xmlNode *n, struct mark *m)
{
    const char *s = (const char *)n->content;
    size_t len, i;
    int digit = 0;

    m->ts = DTL_TS_NONE;
    m->st.kind = DTL_STAMP_NONE;
    if (!s)
        return 0;
    len = strlen(s);
    if (len < 4 || len > 80)
        return 0;
    for (i = 0; i < len && !digit; i++)
        digit = s[i] >= '0' && s[i] <= '9';
    if (!digit || dtl_stamp_parse_line(s, len, &m->st) != DTL_OK)
        return 0;
    if (m->st.kind == DTL_STAMP_FULL) {
        m->ts = dtl_stamp_to_utc(&m->st, 0);
        return m->ts != DTL_TS_NONE;
    }
    /* A bare "16:05" is too common to mark an update on its own. */
    return m->st.kind == DTL_STAMP_TIME && m->st.has_zone;
}

/* The first marker inside the subtree at root, in document order. */
static int
find_mark(xmlNode *root, struct mark *m, int bare_times)
{
    xmlNode *n;
    struct mark tm;
    int have_text = 0;

    for (n = root; n; n = dtl_dom_next(n, root, 0)) {
        if (n->type == XML_ELEMENT_NODE) {
            enum dtl_tag t = dtl_dom_tag(n);
            if (t == DTL_T_SCRIPT || t == DTL_T_STYLE)
                continue;
            if (element_mark(n, &tm)) {
                *m = tm;
                return 1;
            }
        } else if (!have_text && n->type == XML_TEXT_NODE) {
            if (text_mark(n, &tm) ||
                (bare_times && tm.st.kind == DTL_STAMP_TIME)) {
                have_text = 1;
                *m = tm;
            }
        }
    }
    return have_text;
}

/* ---- dating time-only stamps --------------------------------------- */

/* Date TIME stamps from base (UTC), page order newest first. */
static void
date_times(struct mark *ms, size_t n, int64_t base)
{
    int y, mo, d, prev = -1, mins, off;
    int64_t day, t, wall;
    size_t i;

    if (base == DTL_TS_NONE)
        return;
    day = DTL_TS_NONE;
    for (i = 0; i < n; i++) {
        struct dtl_stamp *st = &ms[i].st;
        if (ms[i].ts != DTL_TS_NONE) {
            /* A full time resets the running date. */
            day = ms[i].ts - ((ms[i].ts % 86400) + 86400) % 86400;
            prev = -1;
            continue;
        }
        if (st->kind != DTL_STAMP_TIME)
            continue;
        off = st->has_zone ? st->utc_offset : 0;
        if (day == DTL_TS_NONE) {
            dtl_time_to_civil(base + off, &y, &mo, &d, NULL, NULL, NULL);
            day = dtl_time_from_civil(y, mo, d, 0, 0, 0);
        }
        mins = st->hour * 60 + st->minute;
        if (prev >= 0 && mins > prev)
            day -= 86400;
        prev = mins;
        wall = day + (int64_t)mins * 60 + st->second;
        if (st->has_zone && st->zone_dst_rule)
            off = dtl_zone_offset_at(st->zone_dst_rule, st->utc_offset, wall);
        t = wall - off;
        /* The newest update cannot be much later than the page itself. */
        if (i == 0 && t > base + 3600) {
            day -= 86400;
            t -= 86400;
        }
        ms[i].ts = t;
    }
}

/* ---- one update's text --------------------------------------------- */

static xmlNode *
first_heading(xmlNode *root)
{
    xmlNode *n;
    const char *ip;

    for (n = root; n; n = dtl_dom_next(n, root, 0)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        ip = dtl_dom_attr(n, "itemprop");
        if (dtl_dom_is_heading(dtl_dom_tag(n)) ||
            (ip && strcmp(ip, "headline") == 0))
            return n;
    }
    return NULL;
}

static xmlNode *
find_itemprop(xmlNode *root, const char *prop)
{
    xmlNode *n;
    const char *ip;

    for (n = root; n; n = dtl_dom_next(n, root, 0)) {
        if (n == root || n->type != XML_ELEMENT_NODE)
            continue;
        ip = dtl_dom_attr(n, "itemprop");
        if (ip && strstr(ip, prop))
            return n;
    }
    return NULL;
}

/* A <strong> or <b> child of the update standing as its title. */
static xmlNode *
bold_title(xmlNode *e)
{
    xmlNode *c;
    enum dtl_tag t;

    for (c = e->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content &&
            c->content[strspn((const char *)c->content, " \t\r\n")])
            return NULL;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        t = dtl_dom_tag(c);
        if (t == DTL_T_STRONG || t == DTL_T_B)
            return c;
        if (t != DTL_T_TIME && t != DTL_T_SPAN)
            return NULL;
    }
    return NULL;
}

/* The id naming an update: its own, else a descendant's near the top. */
static const char *
entry_id(xmlNode *e)
{
    xmlNode *n;
    const char *id = dtl_dom_attr(e, "id");
    int seen = 0;

    if (id && *id)
        return id;
    for (n = e; n && seen < 8; n = dtl_dom_next(n, e, 0)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        seen++;
        if ((id = dtl_dom_attr(n, "id")) != NULL && *id)
            return id;
    }
    return NULL;
}

/* 1 if line p[0..n) is a stamp or a relative time ("2h ago"). */
static int
stamp_line(const char *p, size_t n)
{
    struct dtl_stamp st;

    if (n < 3 || n > 80)
        return 0;
    if (dtl_stamp_parse_line(p, n, &st) == DTL_OK)
        return 1;
    return n < 24 && n > 4 && strncmp(p + n - 4, " ago", 4) == 0;
}

/* Add update e: headline, body without the headline and stamp lines. */
static dtl_status
add_entry(struct dtl_blog *b, xmlNode *e, int64_t ts, const char *page_url)
{
    struct dtl_buf head = DTL_BUF_INIT, text = DTL_BUF_INIT,
                   body = DTL_BUF_INIT, url = DTL_BUF_INIT;
    xmlNode *h = first_heading(e), *ab = find_itemprop(e, "articleBody");
    const char *id = entry_id(e), *line, *end, *nl;
    dtl_status rc;

    if (!h)
        h = bold_title(e);
    if (h)
        dtl_dom_text(h, &head, 0);
    dtl_dom_trim_end(&head);
    dtl_extract_entry(ab ? ab : e, h, &text);
    for (line = text.p, end = text.p + text.len; line && line < end;
         line = nl + 1) {
        nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl)
            nl = end;
        if ((size_t)(nl - line) == head.len && head.len > 0 &&
            memcmp(line, head.p, head.len) == 0)
            continue;
        if (stamp_line(line, (size_t)(nl - line)))
            continue;
        dtl_buf_add(&body, line, (size_t)(nl - line));
        dtl_buf_addc(&body, '\n');
    }
    dtl_dom_trim_end(&body);
    /* Without a heading element, a short first line that is not a
     * sentence (a <strong> title) is the headline. */
    if (!h && head.len == 0 && body.len > 0 &&
        (nl = memchr(body.p, '\n', body.len)) != NULL &&
        nl - body.p < 160 && nl > body.p &&
        !strchr(".!?:;,\"", nl[-1])) {
        size_t hl = (size_t)(nl - body.p);
        dtl_buf_add(&head, body.p, hl);
        memmove(body.p, nl + 1, body.len - hl - 1);
        dtl_buf_truncate(&body, body.len - hl - 1);
    }
    /* The page's URL, with the update's fragment when it has an id. */
    if (page_url && *page_url) {
        const char *hash = strchr(page_url, '#');
        dtl_buf_add(&url, page_url,
                    hash ? (size_t)(hash - page_url) : strlen(page_url));
        if (id) {
            dtl_buf_addc(&url, '#');
            dtl_buf_adds(&url, id);
        }
    }
    rc = dtl_buf_status(&head) ? dtl_buf_status(&head)
         : dtl_buf_status(&body) ? dtl_buf_status(&body)
                                 : dtl_buf_status(&url);
    if (rc == DTL_OK && (head.len > 0 || body.len > 0))
        rc = blog_push(b, ts, head.p, head.len, body.p, body.len,
                       url.p ? url.p : "", id);
    dtl_buf_release(&head);
    dtl_buf_release(&text);
    dtl_buf_release(&body);
    dtl_buf_release(&url);
    return rc;
}

/* ---- finding the updates ------------------------------------------- */

static int
is_liveblog_url(const char *u)
{
    return u && (strstr(u, "/live/") || strstr(u, "live-news") ||
                 strstr(u, "live-updates") || strstr(u, "liveblog") ||
                 strstr(u, "live-blog") || strstr(u, "/live-"));
}

/* 1 if a title says live blog: the word "live" ("Live:", "live
 * updates", "Election night live"), or "as it happened". */
static int
is_liveblog_title(const struct dtl_buf *t)
{
    size_t i;

    for (i = 0; i + 4 <= t->len; i++) {
        if (strncasecmp(t->p + i, "live", 4) == 0 &&
            (i == 0 || t->p[i - 1] == ' ') &&
            (i + 4 == t->len || t->p[i + 4] == ' ' || t->p[i + 4] == ':' ||
             t->p[i + 4] == ','))
            return 1;
        if (i + 14 <= t->len &&
            strncasecmp(t->p + i, "as it happened", 14) == 0)
            return 1;
    }
    return 0;
}

/* Elements with itemprop="liveBlogUpdate" (not nested in one another). */
static size_t
microdata(xmlNode *root, xmlNode **out, size_t max)
{
    xmlNode *n = root;
    const char *ip;
    size_t k = 0;
    int skip;

    while (n && k < max) {
        skip = 0;
        if (n->type == XML_ELEMENT_NODE &&
            (ip = dtl_dom_attr(n, "itemprop")) != NULL &&
            strstr(ip, "liveBlogUpdate")) {
            out[k++] = n;
            skip = 1;
        }
        n = dtl_dom_next(n, root, skip);
    }
    return k;
}

/* 1 if n or an ancestor is named for comments or replies. */
static int
in_comments(const xmlNode *n)
{
    const char *v;
    int k;

    for (k = 0; n && n->type == XML_ELEMENT_NODE && k < 16;
         n = n->parent, k++) {
        if (((v = dtl_dom_attr(n, "class")) != NULL &&
             (strstr(v, "comment") || strstr(v, "Comment") ||
              strstr(v, "repl"))) ||
            ((v = dtl_dom_attr(n, "id")) != NULL &&
             (strstr(v, "comment") || strstr(v, "Comment") ||
              strstr(v, "repl"))))
            return 1;
    }
    return 0;
}

/* Mark the ancestors of every time marker; return the stream element
 * (whose children are the updates) or NULL. */
static xmlNode *
find_stream(struct dtl_dom_stats *st, xmlNode *body, int bare_times)
{
    xmlNode *n, *a, *best = NULL;
    struct dtl_nstat *s, *ps;
    struct mark m;
    int level, mark;
    float best_hits = 0;

    for (n = body; n; n = dtl_dom_next(n, body, 0)) {
        if (n->type == XML_ELEMENT_NODE) {
            enum dtl_tag t = dtl_dom_tag(n);
            if (t == DTL_T_SCRIPT || t == DTL_T_STYLE || t == DTL_T_HEAD)
                continue;
            mark = element_mark(n, &m);
        } else if (n->type == XML_TEXT_NODE) {
            mark = text_mark(n, &m) ||
                   (bare_times && m.st.kind == DTL_STAMP_TIME);
        } else {
            continue;
        }
        if (!mark)
            continue;
        for (a = n, level = 0; a && a != body && level < MARK_LEVELS;
             a = a->parent, level++) {
            if (a->type != XML_ELEMENT_NODE)
                continue;
            s = dtl_dom_stat(st, a);
            ps = dtl_dom_stat(st, a->parent);
            if (!s || !ps)
                break;
            if (s->flags & F_MARKED)
                continue;
            s->flags |= F_MARKED;
            /* Count children that read as updates: text beyond links. */
            if (s->text > s->link + 60)
                ps->score += 1;
        }
    }
    for (n = body; n; n = dtl_dom_next(n, body, 0)) {
        s = dtl_dom_stat(st, n);
        if (!s || s->score < MIN_ENTRIES || s->link * 2 > s->text)
            continue;
        if (s->score > best_hits) {
            best_hits = s->score;
            best = n;
        }
    }
    return best;
}

/* ---- merging with JSON-LD ------------------------------------------ */

static const char *
fragment(const char *url)
{
    const char *h = url ? strchr(url, '#') : NULL;

    return h ? h + 1 : NULL;
}

static int
cmp_newest(const void *a, const void *b)
{
    const struct dtl_blog_entry *x = a, *y = b;

    if (x->ts == y->ts)
        return 0;
    if (x->ts == DTL_TS_NONE)
        return 1;
    if (y->ts == DTL_TS_NONE)
        return -1;
    return x->ts > y->ts ? -1 : 1;
}

static dtl_status
merge_ld(struct dtl_blog *b, const struct dtl_jsonld *ld,
         const char *page_url)
{
    size_t i, k, n_dom = b->n;
    const struct dtl_jsonld_update *u;
    const char *f;
    dtl_status rc = DTL_OK;

    for (i = 0; i < ld->n_upd && rc == DTL_OK; i++) {
        int matched = 0;
        u = &ld->upd[i];
        f = fragment(u->url);
        for (k = 0; k < n_dom && !matched; k++) {
            struct dtl_blog_entry *e = &b->v[k];
            if ((f && *f && *e->id && strcmp(f, e->id) == 0) ||
                (u->ts != DTL_TS_NONE && u->ts == e->ts &&
                 (!*u->headline || strcmp(u->headline, e->headline) == 0))) {
                matched = 1;
                if (e->ts == DTL_TS_NONE)
                    e->ts = u->ts;
                if (!*e->url && *u->url) {
                    char *c = dtl_strndup(u->url, strlen(u->url));
                    if (!c)
                        return DTL_ENOMEM;
                    dtl_free(e->url);
                    e->url = c;
                }
            }
        }
        if (!matched)
            rc = blog_push(b, u->ts, u->headline, strlen(u->headline),
                           u->body, strlen(u->body),
                           *u->url || !page_url ? u->url : page_url,
                           f ? f : "");
    }
    if (rc == DTL_OK && ld->n_upd > 0 && b->n > n_dom)
        qsort(b->v, b->n, sizeof(b->v[0]), cmp_newest);
    return rc;
}

dtl_status
dtl_htmlblog_split(xmlDoc *doc, const struct dtl_htmlmeta *m,
                   const char *page_url, struct dtl_blog *out)
{
    struct dtl_dom_stats st = {NULL, 0, 0};
    xmlNode *root = xmlDocGetRootElement(doc), *body, *stream, *c;
    xmlNode **items = NULL;
    struct mark *marks = NULL;
    size_t n_items = 0, i, cap = 0;
    int64_t base;
    int live, bare;
    dtl_status rc = DTL_OK;

    memset(out, 0, sizeof(*out));
    if (!root)
        return DTL_OK;
    body = dtl_dom_find(root, DTL_T_BODY);
    if (!body)
        body = root;
    live = m->ld.liveblog || is_liveblog_url(page_url) ||
           is_liveblog_url(m->canonical.p) || is_liveblog_title(&m->title);
    cap = dtl_dom_count(root) + 1;
    items = dtl_calloc(cap, sizeof(*items));
    if (!items) {
        rc = DTL_ENOMEM;
        goto out;
    }
    n_items = microdata(body, items, cap);
    bare = live;
    /* Repeated dated blocks without a live-blog sign are comments,
     * archive lists or teasers far more often than updates.  Only that
     * search needs the tree measured. */
    if (n_items == 0 && live) {
        if ((rc = dtl_dom_stats(&st, root)) != DTL_OK)
            goto out;
        stream = find_stream(&st, body, bare);
        if (stream && in_comments(stream))
            stream = NULL;
        if (stream)
            for (c = stream->children; c && n_items < cap; c = c->next) {
                struct dtl_nstat *s = dtl_dom_stat(&st, c);
                if (s && (s->flags & F_MARKED) && s->text > s->link + 60)
                    items[n_items++] = c;
            }
    }
    if (n_items > 0) {
        marks = dtl_calloc(n_items, sizeof(*marks));
        if (!marks) {
            rc = DTL_ENOMEM;
            goto out;
        }
        for (i = 0; i < n_items; i++) {
            xmlNode *dp = find_itemprop(items[i], "datePublished");
            const char *v = dp ? dtl_dom_attr(dp, "content") : NULL;
            if (!v && dp)
                v = dtl_dom_attr(dp, "datetime");
            marks[i].ts = value_time(v);
            marks[i].st.kind = DTL_STAMP_NONE;
            if (marks[i].ts == DTL_TS_NONE)
                find_mark(items[i], &marks[i], 1);
        }
        base = m->modified != DTL_TS_NONE ? m->modified : m->published;
        date_times(marks, n_items, base);
        for (i = 0; i < n_items && rc == DTL_OK; i++)
            rc = add_entry(out, items[i], marks[i].ts, page_url);
    }
    if (rc == DTL_OK && m->ld.n_upd > 0)
        rc = merge_ld(out, &m->ld, page_url);
out:
    dtl_free(items);
    dtl_free(marks);
    dtl_dom_stats_release(&st);
    if (rc != DTL_OK)
        dtl_htmlblog_release(out);
    return rc;
}
