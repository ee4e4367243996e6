/* Dateline: walking and measuring libxml2's HTML tree without recursion.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * libxml2's HTML parser lower-cases element names, so tags are looked up
 * by exact name.  Text is measured in non-space bytes: cheap, and what
 * link density and text density need.
 */
#include <config.h>
#include "dom.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "swar.h"
#include "banned.h"

/* add_plain_word() reads eight bytes as one little-endian word. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define DTL_DOM_LITTLE_ENDIAN 1
#else
#define DTL_DOM_LITTLE_ENDIAN 0
#endif

static const struct {
    const char *name;
    enum dtl_tag tag;
} tags[] = {
    {"a", DTL_T_A},           {"address", DTL_T_ADDRESS},
    {"article", DTL_T_ARTICLE}, {"aside", DTL_T_ASIDE},
    {"audio", DTL_T_AUDIO},   {"b", DTL_T_B},
    {"blockquote", DTL_T_BLOCKQUOTE}, {"body", DTL_T_BODY},
    {"br", DTL_T_BR},         {"button", DTL_T_BUTTON},
    {"canvas", DTL_T_CANVAS}, {"caption", DTL_T_CAPTION},
    {"center", DTL_T_CENTER}, {"code", DTL_T_CODE},
    {"dd", DTL_T_DD},         {"details", DTL_T_DETAILS},
    {"dialog", DTL_T_DIALOG}, {"div", DTL_T_DIV},
    {"dl", DTL_T_DL},         {"dt", DTL_T_DT},
    {"em", DTL_T_EM},         {"embed", DTL_T_EMBED},
    {"figcaption", DTL_T_FIGCAPTION}, {"figure", DTL_T_FIGURE},
    {"font", DTL_T_FONT},     {"footer", DTL_T_FOOTER},
    {"form", DTL_T_FORM},     {"h1", DTL_T_H1},
    {"h2", DTL_T_H2},         {"h3", DTL_T_H3},
    {"h4", DTL_T_H4},         {"h5", DTL_T_H5},
    {"h6", DTL_T_H6},         {"head", DTL_T_HEAD},
    {"header", DTL_T_HEADER}, {"hr", DTL_T_HR},
    {"html", DTL_T_HTML},     {"i", DTL_T_I},
    {"iframe", DTL_T_IFRAME}, {"img", DTL_T_IMG},
    {"input", DTL_T_INPUT},   {"label", DTL_T_LABEL},
    {"li", DTL_T_LI},         {"link", DTL_T_LINK},
    {"main", DTL_T_MAIN},     {"map", DTL_T_MAP},
    {"math", DTL_T_MATH},     {"menu", DTL_T_MENU},
    {"meta", DTL_T_META},     {"nav", DTL_T_NAV},
    {"noscript", DTL_T_NOSCRIPT}, {"object", DTL_T_OBJECT},
    {"ol", DTL_T_OL},         {"option", DTL_T_OPTION},
    {"p", DTL_T_P},           {"picture", DTL_T_PICTURE},
    {"pre", DTL_T_PRE},       {"script", DTL_T_SCRIPT},
    {"section", DTL_T_SECTION}, {"select", DTL_T_SELECT},
    {"small", DTL_T_SMALL},   {"source", DTL_T_SOURCE},
    {"span", DTL_T_SPAN},     {"strong", DTL_T_STRONG},
    {"style", DTL_T_STYLE},   {"sub", DTL_T_SUB},
    {"summary", DTL_T_SUMMARY}, {"sup", DTL_T_SUP},
    {"svg", DTL_T_SVG},       {"table", DTL_T_TABLE},
    {"tbody", DTL_T_TBODY},   {"td", DTL_T_TD},
    {"template", DTL_T_TEMPLATE}, {"textarea", DTL_T_TEXTAREA},
    {"th", DTL_T_TH},         {"thead", DTL_T_THEAD},
    {"time", DTL_T_TIME},     {"title", DTL_T_TITLE},
    {"tr", DTL_T_TR},         {"u", DTL_T_U},
    {"ul", DTL_T_UL},         {"video", DTL_T_VIDEO},
};

#define N_TAGS (sizeof(tags) / sizeof(tags[0]))

/* tags[] as an open-addressed hash table, built once: a lookup hashes the
 * name and usually makes one strcmp (a binary search made six, and
 * extraction looks tags up several times per element). */
#define TAG_SLOTS 256
_Static_assert(N_TAGS < 255 && 2 * N_TAGS < TAG_SLOTS,
               "TAG_SLOTS too small for tags[]");
static unsigned char tag_slot[TAG_SLOTS];   /* 1 + index into tags[]; 0 */
static pthread_once_t tag_once = PTHREAD_ONCE_INIT;

static unsigned
tag_hash(const char *s)
{
    unsigned h = 2166136261u;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h ^ (h >> 16);
}

static void
tag_table_init(void)
{
    size_t i, j;

    for (i = 0; i < N_TAGS; i++) {
        for (j = tag_hash(tags[i].name); tag_slot[j % TAG_SLOTS]; j++)
            ;
        tag_slot[j % TAG_SLOTS] = (unsigned char)(i + 1);
    }
}

enum dtl_tag
dtl_dom_tag(const xmlNode *n)
{
    const char *name;
    size_t j;

    if (!n || n->type != XML_ELEMENT_NODE || !n->name)
        return DTL_T_OTHER;
    pthread_once(&tag_once, tag_table_init);
    name = (const char *)n->name;
    for (j = tag_hash(name); tag_slot[j % TAG_SLOTS]; j++) {
        size_t i = tag_slot[j % TAG_SLOTS] - 1u;
        if (strcmp(name, tags[i].name) == 0)
            return tags[i].tag;
    }
    return DTL_T_OTHER;
}

int
dtl_dom_is_heading(enum dtl_tag t)
{
    return t >= DTL_T_H1 && t <= DTL_T_H6;
}

int
dtl_dom_is_block(enum dtl_tag t)
{
    switch (t) {
    case DTL_T_ADDRESS: case DTL_T_ARTICLE: case DTL_T_ASIDE:
    case DTL_T_BLOCKQUOTE: case DTL_T_BODY: case DTL_T_BR:
    case DTL_T_CAPTION: case DTL_T_CENTER: case DTL_T_DD:
    case DTL_T_DETAILS: case DTL_T_DIALOG: case DTL_T_DIV: case DTL_T_DL:
    case DTL_T_DT: case DTL_T_FIGCAPTION: case DTL_T_FIGURE:
    case DTL_T_FOOTER: case DTL_T_FORM: case DTL_T_H1: case DTL_T_H2:
    case DTL_T_H3: case DTL_T_H4: case DTL_T_H5: case DTL_T_H6:
    case DTL_T_HEADER: case DTL_T_HR: case DTL_T_LI: case DTL_T_MAIN:
    case DTL_T_MENU: case DTL_T_NAV: case DTL_T_OL: case DTL_T_P:
    case DTL_T_PRE: case DTL_T_SECTION: case DTL_T_SUMMARY:
    case DTL_T_TABLE: case DTL_T_TR: case DTL_T_UL: case DTL_T_TBODY:
    case DTL_T_THEAD: case DTL_T_HTML: case DTL_T_TITLE:
        return 1;
    default:
        return 0;
    }
}

xmlNode *
dtl_dom_next(xmlNode *n, const xmlNode *root, int skip)
{
    if (!skip && n->children && n->type == XML_ELEMENT_NODE)
        return n->children;
    if (!skip && n->children && n->type == XML_DOCUMENT_NODE)
        return n->children;
    if (!skip && n->children && n->type == XML_HTML_DOCUMENT_NODE)
        return n->children;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

void
dtl_dom_walk(xmlNode *root, int (*enter)(xmlNode *n, void *ctx),
             void (*leave)(xmlNode *n, void *ctx), void *ctx)
{
    xmlNode *n = root;
    int skip;

    while (n) {
        skip = enter(n, ctx);
        if (!skip && n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        if (n->type == XML_ELEMENT_NODE)
            leave(n, ctx);
        while (n != root && !n->next) {
            n = n->parent;
            if (!n)
                return;
            if (n->type == XML_ELEMENT_NODE)
                leave(n, ctx);
        }
        if (n == root)
            return;
        n = n->next;
    }
}

const char *
dtl_dom_attr(const xmlNode *n, const char *name)
{
    const xmlAttr *a;

    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (a = n->properties; a; a = a->next) {
        if (a->name && strcmp((const char *)a->name, name) == 0) {
            if (a->children && a->children->type == XML_TEXT_NODE &&
                a->children->content)
                return (const char *)a->children->content;
            return "";
        }
    }
    return NULL;
}

xmlNode *
dtl_dom_find(xmlNode *root, enum dtl_tag t)
{
    xmlNode *n;

    for (n = root; n; n = dtl_dom_next(n, root, 0))
        if (dtl_dom_tag(n) == t)
            return n;
    return NULL;
}

static int
is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* 1 for the bytes is_space() accepts, 2 for 0xC2 (the lead byte of
 * U+00A0, which collapses too). */
static const unsigned char space_class[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
    [0xC2] = 2,
};

/* 0x80 in each byte of w that is_space() accepts. */
static uint64_t
bytes_space(uint64_t w)
{
    return dtl_swar_eq(w, ' ') |
           (dtl_swar_below(w, '\r' + 1) & ~dtl_swar_below(w, '\t'));
}

/* Append the next eight bytes at s unchanged if collapsing would not
 * change them (no control byte, no 0xC2, no space after a space): 1 and
 * *o, *space, *solid advanced, else 0.  Prose is mostly such words. */
static int
add_plain_word(const unsigned char *s, char **o, int *space, size_t *solid)
{
    uint64_t w, sp;

    memcpy(&w, s, 8);
    sp = dtl_swar_eq(w, ' ');
    if (dtl_swar_below(w, ' ') | dtl_swar_eq(w, 0xC2) |
        (sp & (sp << 8)) | (*space ? sp & 0x80 : 0))
        return 0;
    memcpy(*o, s, 8);
    *o += 8;
    *solid += 8 - dtl_swar_count(sp);
    *space = (int)(sp >> 63);
    return 1;
}

size_t
dtl_dom_add_collapsed(struct dtl_buf *out, const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, solid = 0, stop;
    char *o;
    int space = out->len == 0 || out->p[out->len - 1] == ' ' ||
                out->p[out->len - 1] == '\n';

    /* Collapsing never lengthens the text: room for all of it once, then
     * one loop writing in place: eight bytes at a time where they stay
     * as they are, else a byte at a time without a branch per byte (a
     * space byte is written as ' ' and kept only after a non-space). */
    dtl_buf_grow(out, n);
    if (dtl_buf_status(out) != DTL_OK)
        return 0;
    o = out->p + out->len;
    while (i < n) {
        if (DTL_DOM_LITTLE_ENDIAN && n - i >= 8 &&
            add_plain_word(s + i, &o, &space, &solid)) {
            i += 8;
            continue;
        }
        for (stop = i + 8 < n ? i + 8 : n; i < stop; i++) {
            unsigned char c = s[i];
            int sp = space_class[c];

            if (sp == 2) {   /* 0xC2: U+00A0 (two bytes) is a space */
                sp = i + 1 < n && s[i + 1] == 0xA0;
                i += (size_t)sp;
            }
            *o = sp ? ' ' : (char)c;
            o += !(sp & space);
            solid += (size_t)!sp;
            space = sp;
        }
    }
    out->len = (size_t)(o - out->p);
    *o = '\0';
    return solid;
}

void
dtl_dom_trim_end(struct dtl_buf *out)
{
    size_t n = out->len;

    while (n > 0 && (out->p[n - 1] == ' ' || out->p[n - 1] == '\n'))
        n--;
    if (n != out->len)
        dtl_buf_truncate(out, n);
}

/* Start a new line in out unless it is empty or already at one. */
static void
newline(struct dtl_buf *out)
{
    while (out->len > 0 && out->p[out->len - 1] == ' ')
        dtl_buf_truncate(out, out->len - 1);
    if (out->len > 0 && out->p[out->len - 1] != '\n')
        dtl_buf_addc(out, '\n');
}

static int
invisible(enum dtl_tag t)
{
    return t == DTL_T_SCRIPT || t == DTL_T_STYLE || t == DTL_T_TEMPLATE ||
           t == DTL_T_NOSCRIPT || t == DTL_T_SVG || t == DTL_T_HEAD ||
           t == DTL_T_OBJECT || t == DTL_T_IFRAME || t == DTL_T_SELECT ||
           t == DTL_T_TEXTAREA || t == DTL_T_MATH || t == DTL_T_CANVAS;
}

void
dtl_dom_text(const xmlNode *root, struct dtl_buf *out, int blocks)
{
    xmlNode *n = (xmlNode *)root;
    enum dtl_tag t;
    int skip;

    while (n) {
        skip = 0;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                dtl_dom_add_collapsed(out, (const char *)n->content,
                                      strlen((const char *)n->content));
        } else if (n->type == XML_ELEMENT_NODE) {
            t = dtl_dom_tag(n);
            if (invisible(t) && n != root)
                skip = 1;
            else if (blocks && dtl_dom_is_block(t))
                newline(out);
        }
        /* Leaving blocks: a line break after each. */
        if (blocks && (skip || !n->children || n->type != XML_ELEMENT_NODE)) {
            xmlNode *m = n;
            while (m && m != root && !m->next) {
                m = m->parent;
                if (m && dtl_dom_is_block(dtl_dom_tag(m)))
                    newline(out);
            }
        }
        n = dtl_dom_next(n, root, skip);
    }
}

/* End of a CSS-module hash: "__" then 4+ alphanumerics to the end, or a
 * "css-"/"sc-"/"jsx-" generated name. */
static size_t
strip_hash(const char *t, size_t n)
{
    size_t i;

    if (n >= 4 && (memcmp(t, "css-", 4) == 0 || memcmp(t, "jsx-", 4) == 0))
        return 0;
    if (n >= 3 && memcmp(t, "sc-", 3) == 0)
        return 0;
    for (i = n; i >= 2; i--) {
        if (t[i - 1] == '_' && t[i - 2] == '_') {
            size_t k, len = n - i;
            int ok = len >= 4 && len <= 12, odd = 0;
            /* A hash has a digit or a capital; a BEM element
             * ("post__byline") is a lower-case word. */
            for (k = i; ok && k < n; k++) {
                if (!((t[k] >= 'a' && t[k] <= 'z') ||
                      (t[k] >= 'A' && t[k] <= 'Z') ||
                      (t[k] >= '0' && t[k] <= '9') || t[k] == '-'))
                    ok = 0;
                if ((t[k] >= 'A' && t[k] <= 'Z') ||
                    (t[k] >= '0' && t[k] <= '9'))
                    odd = 1;
            }
            if (ok && odd)
                return i - 2;
            break;
        }
    }
    return n;
}

void
dtl_dom_class_words(const char *cls, char *out, size_t size)
{
    size_t o = 0, i = 0, start, end, k;
    int need_sep = 0, token_sep = 0;

    if (size == 0)
        return;
    while (cls && cls[i]) {
        while (cls[i] && is_space((unsigned char)cls[i]))
            i++;
        start = i;
        while (cls[i] && !is_space((unsigned char)cls[i]))
            i++;
        if (i == start)
            break;
        end = start + strip_hash(cls + start, i - start);
        if (token_sep && o + 3 < size) {
            memcpy(out + o, " | ", 3);
            o += 3;
            need_sep = 0;
        }
        token_sep = 1;
        for (k = start; k < end && o + 2 < size; k++) {
            char c = cls[k];
            int upper = c >= 'A' && c <= 'Z';
            if (c == '-' || c == '_' || c == ':' || c == '.' || c == '/') {
                need_sep = o > 0 && out[o - 1] != ' ';
                continue;
            }
            /* camelCase hump: "articleBody" -> "article body", but not
             * inside runs of capitals ("HTMLBody" stays whole). */
            if (upper && k > start && cls[k - 1] >= 'a' && cls[k - 1] <= 'z')
                need_sep = 1;
            if (need_sep && o > 0 && out[o - 1] != ' ') {
                out[o++] = ' ';
            }
            need_sep = 0;
            out[o++] = upper ? (char)(c + 32) : c;
        }
    }
    out[o] = '\0';
}

int
dtl_dom_has_word(const char *words, const char *w)
{
    size_t wl = strlen(w);
    const char *p = words;

    while ((p = strstr(p, w)) != NULL) {
        if ((p == words || p[-1] == ' ') && (p[wl] == ' ' || p[wl] == '\0'))
            return 1;
        p += wl;
    }
    return 0;
}

static dtl_status
stat_push(struct dtl_dom_stats *s, xmlNode *n)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        struct dtl_nstat *v;
        if (cap > SIZE_MAX / sizeof(*v))
            return DTL_ENOMEM;
        v = dtl_realloc(s->v, cap * sizeof(*v));
        if (!v)
            return DTL_ENOMEM;
        s->v = v;
        s->cap = cap;
    }
    memset(&s->v[s->n], 0, sizeof(s->v[0]));
    s->v[s->n].tag = dtl_dom_tag(n);
    s->n++;
    n->_private = (void *)(uintptr_t)s->n;
    return DTL_OK;
}

struct dtl_nstat *
dtl_dom_stat(const struct dtl_dom_stats *s, const xmlNode *n)
{
    uintptr_t i;

    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    i = (uintptr_t)n->_private;
    return i >= 1 && i <= s->n ? &s->v[i - 1] : NULL;
}

static uint32_t
sat_add(uint32_t a, uint32_t b)
{
    return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

/* Fold child statistics into its parent when leaving it. */
static void
fold_up(struct dtl_dom_stats *s, xmlNode *n)
{
    struct dtl_nstat *c = dtl_dom_stat(s, n), *p;

    if (!c || !n->parent || !(p = dtl_dom_stat(s, n->parent)))
        return;
    if (c->tag == DTL_T_A)
        c->link = c->text;
    if (c->tag == DTL_T_P || c->tag == DTL_T_PRE || c->tag == DTL_T_BLOCKQUOTE)
        c->ptext = c->text;
    p->text = sat_add(p->text, c->text);
    p->link = sat_add(p->link, c->link);
    p->ptext = sat_add(p->ptext, c->ptext);
    p->commas = sat_add(p->commas, c->commas);
    p->n_el = sat_add(p->n_el, sat_add(c->n_el, 1));
    p->n_p = sat_add(p->n_p, c->n_p + (c->tag == DTL_T_P));
}

/* The non-space bytes and the commas of p[0..n), eight bytes at a time
 * (counts do not depend on byte order). */
static void
count_text(const unsigned char *p, size_t n, uint32_t *text,
           uint32_t *commas)
{
    uint32_t t = 0, c = 0;
    uint64_t w;
    size_t i;

    for (i = 0; n - i >= 8; i += 8) {
        memcpy(&w, p + i, 8);
        t += (uint32_t)(8 - dtl_swar_count(bytes_space(w)));
        c += (uint32_t)dtl_swar_count(dtl_swar_eq(w, ','));
    }
    for (; i < n; i++) {
        t += !is_space(p[i]);
        c += p[i] == ',';
    }
    *text = t;
    *commas = c;
}

dtl_status
dtl_dom_stats(struct dtl_dom_stats *s, xmlNode *root)
{
    xmlNode *n = root, *m;
    struct dtl_nstat *st;
    uint32_t text, commas;

    s->n = 0;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            if (stat_push(s, n) != DTL_OK)
                return DTL_ENOMEM;
        } else if (n->type == XML_TEXT_NODE && n->content && n->parent &&
                   (st = dtl_dom_stat(s, n->parent)) != NULL) {
            count_text(n->content, strlen((const char *)n->content), &text,
                       &commas);
            st->text = sat_add(st->text, text);
            st->commas = sat_add(st->commas, commas);
        }
        if (n->type == XML_ELEMENT_NODE && n->children &&
            !invisible(dtl_dom_tag(n))) {
            n = n->children;
            continue;
        }
        /* Leave n and every ancestor whose last child it closes. */
        m = n;
        while (m && m != root && !m->next) {
            if (m->type == XML_ELEMENT_NODE)
                fold_up(s, m);
            m = m->parent;
            if (m == root)
                break;
        }
        if (!m || m == root) {
            if (m == root && root->type == XML_ELEMENT_NODE)
                fold_up(s, root);
            break;
        }
        if (m->type == XML_ELEMENT_NODE)
            fold_up(s, m);
        n = m->next;
    }
    return DTL_OK;
}

size_t
dtl_dom_count(xmlNode *root)
{
    xmlNode *n = root;
    size_t k = 0;
    int skip;

    while (n) {
        skip = n->type != XML_ELEMENT_NODE || invisible(dtl_dom_tag(n));
        if (n->type == XML_ELEMENT_NODE)
            k++;
        n = dtl_dom_next(n, root, skip);
    }
    return k;
}

void
dtl_dom_stats_release(struct dtl_dom_stats *s)
{
    dtl_free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}
