/* Dateline: JSON-LD (schema.org) in HTML pages.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * repair() makes the JSON jansson will accept out of what pages publish;
 * visit() then walks the parsed value with an explicit depth cap (jansson
 * itself caps nesting at 2048) looking for typed objects.
 */
#include <config.h>
#include "jsonld.h"

#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>

#include "alloc.h"
#include "dom.h"
#include "dateline/stamp.h"
#include "banned.h"

#define MAX_BLOCK ((size_t)8 << 20)
#define MAX_DEPTH 40

void
dtl_jsonld_init(struct dtl_jsonld *j)
{
    memset(j, 0, sizeof(*j));
    dtl_buf_init(&j->headline);
    dtl_buf_init(&j->author);
    dtl_buf_init(&j->language);
    dtl_buf_init(&j->site);
    dtl_buf_init(&j->url);
    dtl_buf_init(&j->body);
    dtl_buf_init(&j->description);
    j->published = j->modified = DTL_TS_NONE;
}

void
dtl_jsonld_release(struct dtl_jsonld *j)
{
    size_t i;

    dtl_buf_release(&j->headline);
    dtl_buf_release(&j->author);
    dtl_buf_release(&j->language);
    dtl_buf_release(&j->site);
    dtl_buf_release(&j->url);
    dtl_buf_release(&j->body);
    dtl_buf_release(&j->description);
    for (i = 0; i < j->n_upd; i++) {
        dtl_free(j->upd[i].headline);
        dtl_free(j->upd[i].body);
        dtl_free(j->upd[i].url);
    }
    dtl_free(j->upd);
    memset(j, 0, sizeof(*j));
    j->published = j->modified = DTL_TS_NONE;
}

int64_t
dtl_jsonld_time(const char *p, size_t n, int default_offset)
{
    struct dtl_stamp st;

    if (!p || n == 0 || n > 200)
        return DTL_TS_NONE;
    if (dtl_stamp_parse_line(p, n, &st) != DTL_OK)
        return DTL_TS_NONE;
    if (st.kind == DTL_STAMP_FULL)
        return dtl_stamp_to_utc(&st, default_offset);
    if (st.kind == DTL_STAMP_DATE)
        return dtl_time_from_civil(st.year, st.month, st.day, 0, 0, 0);
    return DTL_TS_NONE;
}

void
dtl_jsonld_html_text(const char *p, size_t n, struct dtl_buf *out)
{
    htmlDocPtr doc;
    xmlNode *root;

    if (!memchr(p, '<', n) && !memchr(p, '&', n)) {
        dtl_dom_add_collapsed(out, p, n);
        dtl_dom_trim_end(out);
        return;
    }
    if (n > (size_t)INT32_MAX)
        return;
    doc = htmlReadMemory(p, (int)n, NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                             HTML_PARSE_NOIMPLIED | HTML_PARSE_IGNORE_ENC);
    if (!doc) {
        dtl_dom_add_collapsed(out, p, n);
        return;
    }
    for (root = doc->children; root; root = root->next)
        dtl_dom_text(root, out, 1);
    dtl_dom_trim_end(out);
    xmlFreeDoc(doc);
}

/* ---- repair -------------------------------------------------------- */

/* Copy p[0..n) to out as JSON jansson accepts: drop a wrapping HTML
 * comment or CDATA, escape raw control characters inside strings, turn
 * invalid escapes into the plain character, drop commas before a
 * closing bracket, and close brackets left open at the end. */
static void
repair(const char *p, size_t n, struct dtl_buf *out)
{
    char stack[MAX_DEPTH * 4];
    size_t depth = 0, i = 0, k;
    int in_str = 0;

    while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\t' ||
                     p[i] == '\r'))
        i++;
    if (n - i >= 4 && memcmp(p + i, "<!--", 4) == 0)
        i += 4;
    else if (n - i >= 9 && memcmp(p + i, "<![CDATA[", 9) == 0)
        i += 9;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (in_str) {
            if (c == '"') {
                in_str = 0;
                dtl_buf_addc(out, '"');
            } else if (c == '\\' && i + 1 < n) {
                char e = p[i + 1];
                if (strchr("\"\\/bfnrtu", e)) {
                    dtl_buf_addc(out, '\\');
                    dtl_buf_addc(out, e);
                } else {
                    dtl_buf_addc(out, e);
                }
                i++;
            } else if (c == '\n') {
                dtl_buf_add(out, "\\n", 2);
            } else if (c == '\t') {
                dtl_buf_add(out, "\\t", 2);
            } else if (c < 0x20) {
                dtl_buf_addc(out, ' ');
            } else {
                dtl_buf_addc(out, (char)c);
            }
            continue;
        }
        if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            if (depth < sizeof(stack))
                stack[depth] = c == '{' ? '}' : ']';
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth > 0)
                depth--;
        } else if (c == ',') {
            for (k = i + 1; k < n && (p[k] == ' ' || p[k] == '\n' ||
                                      p[k] == '\t' || p[k] == '\r');
                 k++)
                ;
            if (k < n && (p[k] == '}' || p[k] == ']'))
                continue;
        } else if (c == '-' && i + 2 < n && p[i + 1] == '-' &&
                   p[i + 2] == '>' && depth == 0) {
            break;
        } else if (c == ']' && depth == 0) {
            break;
        }
        dtl_buf_addc(out, (char)c);
    }
    if (in_str)
        dtl_buf_addc(out, '"');
    while (depth > 0) {
        depth--;
        dtl_buf_addc(out, depth < sizeof(stack) ? stack[depth] : '}');
    }
}

/* ---- walking the value --------------------------------------------- */

static int
type_is(json_t *o, const char *name)
{
    json_t *t = json_object_get(o, "@type");
    size_t i;

    if (json_is_string(t))
        return strcasecmp(json_string_value(t), name) == 0;
    if (json_is_array(t))
        for (i = 0; i < json_array_size(t); i++)
            if (json_is_string(json_array_get(t, i)) &&
                strcasecmp(json_string_value(json_array_get(t, i)),
                           name) == 0)
                return 1;
    return 0;
}

static int
article_like(json_t *o)
{
    static const char *const types[] = {
        "NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting",
        "LiveBlogPosting", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "TechArticle",
        "ScholarlyArticle", "Report", "SocialMediaPosting", "Review",
        "AskPublicNewsArticle", "SatiricalArticle", "MedicalWebPage", NULL};
    size_t i;

    for (i = 0; types[i]; i++)
        if (type_is(o, types[i]))
            return 1;
    return 0;
}

static const char *
str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);

    if (json_is_array(v) && json_array_size(v) > 0)
        v = json_array_get(v, 0);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A name from a string, an object with "name", or an array of either. */
static void
add_names(json_t *v, struct dtl_buf *out)
{
    size_t i;

    if (json_is_string(v)) {
        if (out->len)
            dtl_buf_add(out, ", ", 2);
        dtl_dom_add_collapsed(out, json_string_value(v),
                              json_string_length(v));
    } else if (json_is_object(v)) {
        json_t *nm = json_object_get(v, "name");
        if (json_is_string(nm))
            add_names(nm, out);
    } else if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v) && i < 16; i++)
            add_names(json_array_get(v, i), out);
    }
}

static void
set_if_empty(struct dtl_buf *b, const char *s)
{
    if (b->len == 0 && s)
        dtl_dom_add_collapsed(b, s, strlen(s));
    dtl_dom_trim_end(b);
}

static dtl_status
add_update(struct dtl_jsonld *j, json_t *u)
{
    struct dtl_jsonld_update *x;
    struct dtl_buf body = DTL_BUF_INIT;
    const char *s;

    if (!json_is_object(u))
        return DTL_OK;
    if (j->n_upd >= DTL_JSONLD_MAX_UPDATES)
        return DTL_ELIMIT;
    if (j->n_upd == j->cap_upd) {
        size_t cap = j->cap_upd ? j->cap_upd * 2 : 16;
        x = dtl_realloc(j->upd, cap * sizeof(*x));
        if (!x)
            return DTL_ENOMEM;
        j->upd = x;
        j->cap_upd = cap;
    }
    x = &j->upd[j->n_upd];
    memset(x, 0, sizeof(*x));
    s = str(u, "datePublished");
    x->ts = s ? dtl_jsonld_time(s, strlen(s), 0) : DTL_TS_NONE;
    if (x->ts == DTL_TS_NONE && (s = str(u, "dateModified")) != NULL)
        x->ts = dtl_jsonld_time(s, strlen(s), 0);
    s = str(u, "headline");
    if (!s)
        s = str(u, "name");
    x->headline = dtl_strndup(s ? s : "", s ? strlen(s) : 0);
    s = str(u, "articleBody");
    if (!s)
        s = str(u, "text");
    if (s)
        dtl_jsonld_html_text(s, strlen(s), &body);
    x->body = dtl_strndup(body.p ? body.p : "", body.len);
    dtl_buf_release(&body);
    s = str(u, "url");
    if (!s)
        s = str(u, "@id");
    x->url = dtl_strndup(s ? s : "", s ? strlen(s) : 0);
    if (!x->headline || !x->body || !x->url) {
        dtl_free(x->headline);
        dtl_free(x->body);
        dtl_free(x->url);
        return DTL_ENOMEM;
    }
    j->n_upd++;
    return DTL_OK;
}

static dtl_status
take_article(struct dtl_jsonld *j, json_t *o)
{
    json_t *v, *pub;
    const char *s;
    size_t i;
    dtl_status rc = DTL_OK;

    set_if_empty(&j->headline, str(o, "headline"));
    if (j->headline.len == 0)
        set_if_empty(&j->headline, str(o, "name"));
    set_if_empty(&j->description, str(o, "description"));
    set_if_empty(&j->language, str(o, "inLanguage"));
    s = str(o, "url");
    if (!s && json_is_object(json_object_get(o, "mainEntityOfPage")))
        s = str(json_object_get(o, "mainEntityOfPage"), "@id");
    if (!s)
        s = str(o, "mainEntityOfPage");
    set_if_empty(&j->url, s);
    if (j->author.len == 0)
        add_names(json_object_get(o, "author"), &j->author);
    pub = json_object_get(o, "publisher");
    if (json_is_array(pub))
        pub = json_array_get(pub, 0);
    if (json_is_object(pub))
        set_if_empty(&j->site, str(pub, "name"));
    if (j->published == DTL_TS_NONE && (s = str(o, "datePublished")))
        j->published = dtl_jsonld_time(s, strlen(s), 0);
    if (j->modified == DTL_TS_NONE && (s = str(o, "dateModified")))
        j->modified = dtl_jsonld_time(s, strlen(s), 0);
    if (j->body.len == 0 && (s = str(o, "articleBody")) != NULL)
        dtl_jsonld_html_text(s, strlen(s), &j->body);
    j->found = 1;
    if (type_is(o, "LiveBlogPosting")) {
        j->liveblog = 1;
        v = json_object_get(o, "liveBlogUpdate");
        if (json_is_object(v)) {
            rc = add_update(j, v);
        } else if (json_is_array(v)) {
            for (i = 0; i < json_array_size(v) && rc == DTL_OK; i++)
                rc = add_update(j, json_array_get(v, i));
        }
    }
    return rc;
}

static dtl_status
visit(struct dtl_jsonld *j, json_t *v, int depth)
{
    const char *key;
    json_t *x;
    size_t i;
    dtl_status rc = DTL_OK;

    if (depth > MAX_DEPTH)
        return DTL_OK;
    if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v) && rc == DTL_OK; i++)
            rc = visit(j, json_array_get(v, i), depth + 1);
        return rc;
    }
    if (!json_is_object(v))
        return DTL_OK;
    if (article_like(v)) {
        /* A page's own article is the first; a LiveBlogPosting wins over
         * an article seen before it. */
        if (!j->found || (type_is(v, "LiveBlogPosting") && !j->liveblog))
            return take_article(j, v);
        return DTL_OK;
    }
    if (type_is(v, "WebSite") || type_is(v, "Organization") ||
        type_is(v, "NewsMediaOrganization"))
        set_if_empty(&j->site, str(v, "name"));
    json_object_foreach(v, key, x) {
        if (rc != DTL_OK)
            break;
        if (strcmp(key, "@graph") == 0 || strcmp(key, "mainEntity") == 0 ||
            strcmp(key, "hasPart") == 0 || strcmp(key, "itemListElement") == 0)
            rc = visit(j, x, depth + 1);
    }
    return rc;
}

dtl_status
dtl_jsonld_add(struct dtl_jsonld *j, const char *p, size_t n)
{
    struct dtl_buf fixed = DTL_BUF_INIT;
    json_error_t jerr;
    json_t *v = NULL;
    dtl_status rc;

    if (n > MAX_BLOCK)
        return DTL_ELIMIT;
    v = json_loadb(p, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (!v) {
        repair(p, n, &fixed);
        if ((rc = dtl_buf_status(&fixed)) != DTL_OK)
            goto out;
        v = json_loadb(fixed.p ? fixed.p : "", fixed.len,
                       JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &jerr);
    }
    if (!v) {
        rc = DTL_ESYNTAX;
        goto out;
    }
    rc = visit(j, v, 0);
out:
    json_decref(v);
    dtl_buf_release(&fixed);
    return rc;
}
