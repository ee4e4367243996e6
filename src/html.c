/* Dateline: HTML pages to article text, metadata and live-blog entries.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The public entry points of include/dateline/html.h.  One page goes:
 * bytes -> UTF-8 (src/charset.c) -> libxml2 tree -> metadata and JSON-LD
 * (src/htmlmeta.c, src/jsonld.c) -> live-blog updates (src/htmlblog.c)
 * -> main text (src/extract.c, which prunes the tree) -> dtl_page.
 */
#include <config.h>
#include "dateline/html.h"

#include <limits.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "alloc.h"
#include "buf.h"
#include "charset.h"
#include "extract.h"
#include "htmlblog.h"
#include "htmlmeta.h"
#include "page.h"
#include "status.h"
#include "banned.h"

#define PARSE_OPTIONS                                                       \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |       \
     HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC)

/* Everything one page gave. */
struct run {
    struct dtl_buf utf8;       /* the page decoded, if it needed it */
    const char *page;          /* the page as UTF-8: utf8's bytes or the */
    size_t page_len;           /* caller's, when already clean UTF-8 */
    struct dtl_charset_info cs;
    htmlDocPtr doc;
    struct dtl_htmlmeta meta;
    struct dtl_blog blog;
    struct dtl_buf text;       /* the main text */
};

static void
run_release(struct run *r)
{
    dtl_buf_release(&r->utf8);
    if (r->doc)
        xmlFreeDoc(r->doc);
    r->doc = NULL;
    dtl_htmlmeta_release(&r->meta);
    dtl_htmlblog_release(&r->blog);
    dtl_buf_release(&r->text);
}

static dtl_status
check_args(const char *p, size_t n, const void *out, struct dtl_error *err)
{
    if (!out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX, "no output given");
    if (!p && n > 0)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "NULL page with %zu bytes", n);
    if (n > DTL_HTML_MAX_BYTES)
        return dtl_error_set(err, DTL_ELIMIT, DTL_HTML_MAX_BYTES,
                             "HTML page of %zu bytes is larger than the "
                             "%zu MiB limit",
                             n, DTL_HTML_MAX_BYTES >> 20);
    return DTL_OK;
}

/* A main text without a line this long (bytes) has no paragraph of
 * prose: it gets the rescue pass. */
#define RESCUE_LINE 80

/* 1 if p[0..n) has a line of at least RESCUE_LINE bytes. */
static int
has_prose_line(const char *p, size_t n)
{
    const char *nl;

    while (n >= RESCUE_LINE) {
        nl = memchr(p, '\n', n);
        if (!nl || (size_t)(nl - p) >= RESCUE_LINE)
            return 1;
        n -= (size_t)(nl - p) + 1;
        p = nl + 1;
    }
    return 0;
}

/* Parse the page again and run the rescue pass (src/extract.h); its text
 * replaces the first one if it is clearly longer. */
static dtl_status
rescue(struct run *r, const char *title, size_t title_len)
{
    struct dtl_buf b = DTL_BUF_INIT;
    xmlDoc *doc;
    dtl_status rc;

    doc = htmlReadMemory(r->page, (int)r->page_len, NULL, "UTF-8",
                         PARSE_OPTIONS);
    if (!doc)
        return DTL_OK;
    rc = dtl_extract_rescue(doc, title, title_len, &b);
    xmlFreeDoc(doc);
    if (rc == DTL_OK && b.len > r->text.len + 100) {
        dtl_buf_truncate(&r->text, 0);
        dtl_buf_add(&r->text, b.p, b.len);
        rc = dtl_buf_status(&r->text);
    }
    dtl_buf_release(&b);
    return rc;
}

static dtl_status
run_page(struct run *r, const char *p, size_t n,
         const struct dtl_html_opts *o, int want_blog,
         struct dtl_error *err)
{
    const char *url = o ? o->url : NULL;
    const char *title;
    size_t title_len;
    dtl_status rc;

    memset(r, 0, sizeof(*r));
    dtl_buf_init(&r->utf8);
    dtl_buf_init(&r->text);
    dtl_htmlmeta_init(&r->meta);
    rc = dtl_charset_view(p ? p : "", n, o ? o->charset : NULL, &r->utf8,
                          &r->page, &r->page_len, &r->cs);
    if (rc != DTL_OK)
        return dtl_error_set(err, rc, SIZE_MAX, "out of memory");
    if (r->page_len > 0)
        r->doc = htmlReadMemory(r->page, (int)r->page_len, url, "UTF-8",
                                PARSE_OPTIONS);
    if (!r->doc)
        return DTL_OK;   /* nothing to parse: an empty page */
    rc = dtl_htmlmeta_read(&r->meta, r->doc, url);
    if (rc == DTL_OK && want_blog)
        rc = dtl_htmlblog_split(r->doc, &r->meta,
                                url ? url
                                    : (r->meta.canonical.len
                                           ? r->meta.canonical.p
                                           : NULL),
                                &r->blog);
    /* A live blog's text is its entries (build(), blog_text()): the
     * article extraction would be thrown away, at a fifth of the time
     * of a generated live-blog page. */
    if (rc == DTL_OK && r->blog.n == 0) {
        /* The first <h1> is usually the title as printed; leave it out
         * of the text either way. */
        title = r->meta.h1.len ? r->meta.h1.p : r->meta.title.p;
        title_len = r->meta.h1.len ? r->meta.h1.len : r->meta.title.len;
        rc = dtl_extract_main(r->doc, title ? title : "", title_len,
                              &r->text);
        if (rc == DTL_OK && !has_prose_line(r->text.p, r->text.len))
            rc = rescue(r, title ? title : "", title_len);
    }
    if (rc != DTL_OK)
        return dtl_error_set(err, rc, SIZE_MAX, "%s", dtl_status_str(rc));
    return DTL_OK;
}

static dtl_status
set_buf(dtl_page *pg, enum dtl_page_field f, const struct dtl_buf *b)
{
    return dtl_page_set_field(pg, f, b->p, b->len);
}

static dtl_status
build(struct run *r, const struct dtl_html_opts *o, dtl_page *pg)
{
    const struct dtl_htmlmeta *m = &r->meta;
    struct dtl_entry e;
    int64_t pub = m->published, mod = m->modified, when;
    size_t i;
    dtl_status rc;

    if (o && o->url)
        rc = dtl_page_set_field(pg, DTL_PAGE_URL, o->url, strlen(o->url));
    else
        rc = set_buf(pg, DTL_PAGE_URL, &m->canonical);
    if (!rc) rc = set_buf(pg, DTL_PAGE_TITLE, &m->title);
    if (!rc) rc = set_buf(pg, DTL_PAGE_CANONICAL, &m->canonical);
    if (!rc) rc = set_buf(pg, DTL_PAGE_SITE, &m->site);
    if (!rc) rc = set_buf(pg, DTL_PAGE_AUTHOR, &m->author);
    if (!rc) rc = set_buf(pg, DTL_PAGE_LANGUAGE, &m->language);
    if (!rc) rc = set_buf(pg, DTL_PAGE_DESCRIPTION, &m->description);
    if (!rc) rc = dtl_page_set_times(pg, pub, mod);
    if (rc)
        return rc;
    when = pub != DTL_TS_NONE   ? pub
           : mod != DTL_TS_NONE ? mod
           : o                  ? o->fetched
                                : DTL_TS_NONE;
    memset(&e, 0, sizeof(e));
    if (r->blog.n > 0) {
        for (i = 0; i < r->blog.n && rc == DTL_OK; i++) {
            const struct dtl_blog_entry *b = &r->blog.v[i];
            e.ts = b->ts;
            e.headline = b->headline;
            e.headline_len = strlen(b->headline);
            e.body = b->body;
            e.body_len = strlen(b->body);
            e.url = b->url;
            e.url_len = strlen(b->url);
            e.is_lead = 0;
            rc = dtl_page_add_entry(pg, &e);
        }
        return rc;
    }
    if (r->text.len == 0 && m->title.len == 0)
        return DTL_OK;
    e.ts = when;
    e.headline = m->title.p ? m->title.p : "";
    e.headline_len = m->title.len;
    e.body = r->text.p ? r->text.p : "";
    e.body_len = r->text.len;
    e.url = m->canonical.p;
    e.url_len = m->canonical.len;
    return dtl_page_add_entry(pg, &e);
}

dtl_status
dtl_html_read(const char *p, size_t n, const struct dtl_html_opts *o,
              dtl_page **out, struct dtl_error *err)
{
    struct run r;
    dtl_page *pg = NULL;
    dtl_status rc;

    if (out)
        *out = NULL;
    if ((rc = check_args(p, n, out, err)) != DTL_OK)
        return rc;
    rc = run_page(&r, p, n, o, 1, err);
    if (rc == DTL_OK)
        rc = dtl_page_new(&pg);
    if (rc == DTL_OK)
        rc = build(&r, o, pg);
    if (rc != DTL_OK) {
        dtl_error_set(err, rc, SIZE_MAX, "%s", dtl_status_str(rc));
        dtl_page_free(pg);
        pg = NULL;
    }
    run_release(&r);
    *out = pg;
    return rc;
}

/* A live blog's text is its updates: headline and body of each. */
static void
blog_text(struct run *r)
{
    size_t i;

    dtl_buf_truncate(&r->text, 0);
    for (i = 0; i < r->blog.n; i++) {
        const struct dtl_blog_entry *b = &r->blog.v[i];
        if (*b->headline) {
            dtl_buf_adds(&r->text, b->headline);
            dtl_buf_addc(&r->text, '\n');
        }
        if (*b->body) {
            dtl_buf_adds(&r->text, b->body);
            dtl_buf_addc(&r->text, '\n');
        }
    }
}

dtl_status
dtl_html_text(const char *p, size_t n, const struct dtl_html_opts *o,
              char **text, size_t *len, struct dtl_error *err)
{
    struct run r;
    dtl_status rc;

    if (text)
        *text = NULL;
    if (len)
        *len = 0;
    if ((rc = check_args(p, n, text, err)) != DTL_OK)
        return rc;
    rc = run_page(&r, p, n, o, 1, err);
    if (rc == DTL_OK && r.blog.n > 0)
        blog_text(&r);
    if (rc == DTL_OK) {
        dtl_buf_addc(&r.text, '\0');
        dtl_buf_truncate(&r.text, r.text.len - 1);
        rc = dtl_buf_status(&r.text);
    }
    if (rc == DTL_OK) {
        size_t l = r.text.len;
        *text = dtl_buf_detach(&r.text, &l);
        if (len)
            *len = l;
    }
    run_release(&r);
    return rc;
}

void
dtl_html_text_free(char *text)
{
    dtl_free(text);
}
