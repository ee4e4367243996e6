/* Dateline: an HTML page's metadata.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Order of trust, per field:
 *  title      og:title, JSON-LD headline, <h1>, <title> (site suffix off)
 *  canonical  <link rel=canonical>, og:url, JSON-LD url
 *  published  JSON-LD datePublished, article:published_time and its
 *             kin, itemprop datePublished, the first <time datetime>,
 *             then a date in the URL
 *  modified   JSON-LD dateModified, article:modified_time, og:updated_time
 *  author     JSON-LD author, <meta name=author> and kin
 *  site       og:site_name, JSON-LD publisher or WebSite name
 *  language   <html lang>, JSON-LD inLanguage, content-language, og:locale
 */
#include <config.h>
#include "htmlmeta.h"

#include <string.h>
#include <strings.h>

#include "dom.h"
#include "dateline/stamp.h"
#include "banned.h"

/* What the walk saw, before choosing. */
struct seen {
    struct dtl_buf og_title, doc_title, og_url, og_site, og_locale,
        meta_author, meta_lang, meta_desc, html_lang;
    int64_t meta_pub, meta_mod, time_pub;
};

static void
seen_release(struct seen *s)
{
    dtl_buf_release(&s->og_title);
    dtl_buf_release(&s->doc_title);
    dtl_buf_release(&s->og_url);
    dtl_buf_release(&s->og_site);
    dtl_buf_release(&s->og_locale);
    dtl_buf_release(&s->meta_author);
    dtl_buf_release(&s->meta_lang);
    dtl_buf_release(&s->meta_desc);
    dtl_buf_release(&s->html_lang);
}

void
dtl_htmlmeta_init(struct dtl_htmlmeta *m)
{
    memset(m, 0, sizeof(*m));
    dtl_buf_init(&m->title);
    dtl_buf_init(&m->canonical);
    dtl_buf_init(&m->site);
    dtl_buf_init(&m->author);
    dtl_buf_init(&m->language);
    dtl_buf_init(&m->description);
    dtl_buf_init(&m->h1);
    dtl_jsonld_init(&m->ld);
    m->published = m->modified = DTL_TS_NONE;
}

void
dtl_htmlmeta_release(struct dtl_htmlmeta *m)
{
    dtl_buf_release(&m->title);
    dtl_buf_release(&m->canonical);
    dtl_buf_release(&m->site);
    dtl_buf_release(&m->author);
    dtl_buf_release(&m->language);
    dtl_buf_release(&m->description);
    dtl_buf_release(&m->h1);
    dtl_jsonld_release(&m->ld);
}

/* Set b to s (collapsed) unless b already holds something. */
static void
first(struct dtl_buf *b, const char *s)
{
    if (b->len == 0 && s && *s) {
        dtl_dom_add_collapsed(b, s, strlen(s));
        dtl_dom_trim_end(b);
    }
}

static void
copy_buf(struct dtl_buf *to, const struct dtl_buf *from)
{
    if (to->len == 0 && from->len > 0)
        dtl_buf_add(to, from->p, from->len);
}

static int
name_in(const char *name, const char *const *list)
{
    size_t i;

    for (i = 0; list[i]; i++)
        if (strcasecmp(name, list[i]) == 0)
            return 1;
    return 0;
}

static const char *const pub_names[] = {
    "article:published_time", "og:article:published_time",
    "article:published", "datePublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
    "dcterms.created", "dcterms.issued", "sailthru.date",
    "parsely-pub-date", "article.published", "article_date_original",
    "original-publish-date", "og:published_time", "release_date", NULL};
static const char *const mod_names[] = {
    "article:modified_time", "og:updated_time", "dateModified",
    "last-modified", "dcterms.modified", "article.updated",
    "og:article:modified_time", NULL};
static const char *const author_names[] = {
    "author", "article:author", "dc.creator", "parsely-author",
    "sailthru.author", "byl", "dcterms.creator", NULL};

static void
take_time(int64_t *t, const char *v)
{
    if (*t == DTL_TS_NONE && v)
        *t = dtl_jsonld_time(v, strlen(v), 0);
}

static void
on_meta(struct seen *s, const xmlNode *n)
{
    const char *name = dtl_dom_attr(n, "property"), *v;

    if (!name)
        name = dtl_dom_attr(n, "name");
    if (!name)
        name = dtl_dom_attr(n, "itemprop");
    if (!name)
        name = dtl_dom_attr(n, "http-equiv");
    v = dtl_dom_attr(n, "content");
    if (!name || !v)
        return;
    if (strcasecmp(name, "og:title") == 0 ||
        strcasecmp(name, "twitter:title") == 0)
        first(&s->og_title, v);
    else if (strcasecmp(name, "og:url") == 0)
        first(&s->og_url, v);
    else if (strcasecmp(name, "og:site_name") == 0 ||
             strcasecmp(name, "application-name") == 0)
        first(&s->og_site, v);
    else if (strcasecmp(name, "og:locale") == 0)
        first(&s->og_locale, v);
    else if (strcasecmp(name, "content-language") == 0 ||
             strcasecmp(name, "dc.language") == 0 ||
             strcasecmp(name, "language") == 0)
        first(&s->meta_lang, v);
    else if (strcasecmp(name, "description") == 0 ||
             strcasecmp(name, "og:description") == 0)
        first(&s->meta_desc, v);
    else if (name_in(name, pub_names))
        take_time(&s->meta_pub, v);
    else if (name_in(name, mod_names))
        take_time(&s->meta_mod, v);
    else if (name_in(name, author_names) && strncmp(v, "http", 4) != 0)
        first(&s->meta_author, v);
}

/* The text of a <script> or <title>: its child text nodes. */
static void
raw_text(const xmlNode *n, struct dtl_buf *out)
{
    const xmlNode *c;

    for (c = n->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            c->content)
            dtl_buf_adds(out, (const char *)c->content);
}

static dtl_status
walk(struct dtl_htmlmeta *m, struct seen *s, xmlNode *root)
{
    struct dtl_buf tmp = DTL_BUF_INIT;
    xmlNode *n = root;
    const char *v;
    enum dtl_tag t;
    dtl_status rc = DTL_OK;
    int skip;

    while (n) {
        skip = 0;
        if (n->type == XML_ELEMENT_NODE) {
            t = dtl_dom_tag(n);
            switch (t) {
            case DTL_T_META:
                on_meta(s, n);
                break;
            case DTL_T_TITLE:
                if (s->doc_title.len == 0)
                    dtl_dom_text(n, &s->doc_title, 0);
                skip = 1;
                break;
            case DTL_T_LINK:
                v = dtl_dom_attr(n, "rel");
                if (v && strcasecmp(v, "canonical") == 0)
                    first(&m->canonical, dtl_dom_attr(n, "href"));
                break;
            case DTL_T_SCRIPT:
                v = dtl_dom_attr(n, "type");
                if (v && strcasecmp(v, "application/ld+json") == 0) {
                    dtl_buf_truncate(&tmp, 0);
                    raw_text(n, &tmp);
                    if (dtl_buf_status(&tmp) != DTL_OK) {
                        rc = DTL_ENOMEM;
                        goto out;
                    }
                    if (tmp.len > 0 &&
                        dtl_jsonld_add(&m->ld, tmp.p, tmp.len) ==
                            DTL_ENOMEM) {
                        rc = DTL_ENOMEM;
                        goto out;
                    }
                }
                skip = 1;
                break;
            case DTL_T_STYLE:
            case DTL_T_NOSCRIPT:
            case DTL_T_TEMPLATE:
            case DTL_T_SVG:
                skip = 1;
                break;
            case DTL_T_H1:
                if (m->h1.len == 0)
                    dtl_dom_text(n, &m->h1, 0);
                dtl_dom_trim_end(&m->h1);
                skip = 1;
                break;
            case DTL_T_TIME:
                take_time(&s->time_pub, dtl_dom_attr(n, "datetime"));
                break;
            case DTL_T_HTML:
                v = dtl_dom_attr(n, "lang");
                if (!v)
                    v = dtl_dom_attr(n, "xml:lang");
                first(&s->html_lang, v);
                break;
            default:
                v = dtl_dom_attr(n, "itemprop");
                if (v && strcmp(v, "datePublished") == 0) {
                    const char *c = dtl_dom_attr(n, "content");
                    if (!c)
                        c = dtl_dom_attr(n, "datetime");
                    take_time(&s->meta_pub, c);
                } else if (v && strcmp(v, "dateModified") == 0) {
                    const char *c = dtl_dom_attr(n, "content");
                    if (!c)
                        c = dtl_dom_attr(n, "datetime");
                    take_time(&s->meta_mod, c);
                }
                break;
            }
        }
        n = dtl_dom_next(n, root, skip);
    }
out:
    dtl_buf_release(&tmp);
    return rc;
}

static int
is_sep(const char *p, size_t n, size_t i, size_t *len)
{
    static const char *const seps[] = {" | ", " - ", " \xe2\x80\x93 ",
                                       " \xe2\x80\x94 ", " :: ", " \xc2\xb7 ",
                                       " \xe2\x80\xa2 ", " // ", " : ",
                                       " \xc2\xbb ", NULL};
    size_t k, l;

    if (p[i] != ' ')   /* every separator starts with a space */
        return 0;
    for (k = 0; seps[k]; k++) {
        l = strlen(seps[k]);
        if (i + l <= n && memcmp(p + i, seps[k], l) == 0) {
            *len = l;
            return 1;
        }
    }
    return 0;
}

static int
same_ci(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && an > 0 && strncasecmp(a, b, an) == 0;
}

void
dtl_htmlmeta_strip_site(struct dtl_buf *title, const char *site,
                        size_t site_len)
{
    size_t i, len, last = SIZE_MAX, last_len = 0, firsts = SIZE_MAX,
                   first_len = 0;
    const char *p = title->p;
    size_t n = title->len;

    if (!p)
        return;
    for (i = 0; i < n; i++) {
        if (is_sep(p, n, i, &len)) {
            if (firsts == SIZE_MAX) {
                firsts = i;
                first_len = len;
            }
            last = i;
            last_len = len;
        }
    }
    if (last == SIZE_MAX)
        return;
    /* Suffix: the site's name, or a short tail after the last separator. */
    if (same_ci(p + last + last_len, n - last - last_len, site, site_len) ||
        (n - last - last_len) * 10 < n * 4) {
        dtl_buf_truncate(title, last);
        return;
    }
    if (same_ci(p, firsts, site, site_len) ||
        (firsts * 10 < n * 3 && site_len == 0)) {
        memmove(title->p, p + firsts + first_len, n - firsts - first_len);
        dtl_buf_truncate(title, n - firsts - first_len);
    }
}

static int
digits(const char *p, size_t n)
{
    size_t i;
    int v = 0;

    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

int64_t
dtl_htmlmeta_url_date(const char *url, size_t n)
{
    size_t i;
    int y, mo, d;

    for (i = 0; i + 10 <= n; i++) {
        char s1 = url[i + 4], s2 = url[i + 7];
        if (i > 0 && url[i - 1] != '/' && url[i - 1] != '-' &&
            url[i - 1] != '_')
            continue;
        if (!((s1 == '/' && s2 == '/') || (s1 == '-' && s2 == '-')))
            continue;
        y = digits(url + i, 4);
        mo = digits(url + i + 5, 2);
        d = digits(url + i + 8, 2);
        if (y >= 1990 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 &&
            d <= 31 && (i + 10 == n || url[i + 10] == '/' ||
                        url[i + 10] == '-' || url[i + 10] == '_' ||
                        url[i + 10] == '.'))
            return dtl_time_from_civil(y, mo, d, 0, 0, 0);
    }
    return DTL_TS_NONE;
}

dtl_status
dtl_htmlmeta_read(struct dtl_htmlmeta *m, xmlDoc *doc, const char *url)
{
    struct seen s;
    xmlNode *root = xmlDocGetRootElement(doc);
    dtl_status rc = DTL_OK;
    size_t i;

    memset(&s, 0, sizeof(s));
    s.meta_pub = s.meta_mod = s.time_pub = DTL_TS_NONE;
    if (root && (rc = walk(m, &s, root)) != DTL_OK)
        goto out;
    /* Site first: titles lose it as a suffix. */
    copy_buf(&m->site, &s.og_site);
    copy_buf(&m->site, &m->ld.site);
    copy_buf(&m->title, &s.og_title);
    copy_buf(&m->title, &m->ld.headline);
    copy_buf(&m->title, &m->h1);
    copy_buf(&m->title, &s.doc_title);
    dtl_dom_trim_end(&m->title);
    dtl_htmlmeta_strip_site(&m->title, m->site.p ? m->site.p : "",
                            m->site.len);
    copy_buf(&m->canonical, &s.og_url);
    copy_buf(&m->canonical, &m->ld.url);
    copy_buf(&m->author, &m->ld.author);
    copy_buf(&m->author, &s.meta_author);
    copy_buf(&m->language, &s.html_lang);
    copy_buf(&m->language, &m->ld.language);
    copy_buf(&m->language, &s.meta_lang);
    copy_buf(&m->language, &s.og_locale);
    for (i = 0; i < m->language.len; i++)
        if (m->language.p[i] == '_')
            m->language.p[i] = '-';
    copy_buf(&m->description, &m->ld.description);
    copy_buf(&m->description, &s.meta_desc);
    m->published = m->ld.published;
    if (m->published == DTL_TS_NONE)
        m->published = s.meta_pub;
    if (m->published == DTL_TS_NONE)
        m->published = s.time_pub;
    if (m->published == DTL_TS_NONE && url)
        m->published = dtl_htmlmeta_url_date(url, strlen(url));
    if (m->published == DTL_TS_NONE && m->canonical.len)
        m->published = dtl_htmlmeta_url_date(m->canonical.p,
                                             m->canonical.len);
    m->modified = m->ld.modified;
    if (m->modified == DTL_TS_NONE)
        m->modified = s.meta_mod;
    if (dtl_buf_status(&m->title) || dtl_buf_status(&m->canonical) ||
        dtl_buf_status(&m->site) || dtl_buf_status(&m->author) ||
        dtl_buf_status(&m->language) || dtl_buf_status(&m->description) ||
        dtl_buf_status(&m->h1) || dtl_buf_status(&s.og_title) ||
        dtl_buf_status(&s.doc_title) || dtl_buf_status(&s.og_url) ||
        dtl_buf_status(&s.og_site) || dtl_buf_status(&s.meta_author))
        rc = DTL_ENOMEM;
out:
    seen_release(&s);
    return rc;
}
