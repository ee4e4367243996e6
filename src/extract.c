/* Dateline: the main content of an HTML page, as text.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The pipeline follows the best published extractors (trafilatura,
 * readability, boilerpipe, jusText), written afresh for libxml2's tree:
 *
 *  1. prune: scripts, forms, navigation, asides, footers, hidden elements,
 *     elements whose class or id words are boilerplate ("share", "related",
 *     "cookie", ... after CSS-module hash suffixes are stripped), and the
 *     section under a boilerplate heading ("Recommended For You").  An
 *     element holding most of the page's paragraph text is never pruned
 *     for its name alone: layouts name wrappers "sidebar-layout" too.
 *  2. choose the container: the element whose class, id or itemprop says
 *     it is the article body ("articleBody", "story-body", "entry-
 *     content") if it holds enough text, else <article>, else readability's
 *     paragraph scoring (score climbs to parents, times 1 - link density).
 *     The scored candidate climbs through wrappers that add no text and
 *     to an ancestor holding twice its paragraph text (the other sections
 *     of the article), as trafilatura recovers text outside the container.
 *  3. emit its blocks, one a line, after the article's lead when that is
 *     printed outside the container, dropping link lists, boilerplate
 *     lines (src/extline.c) and the heading that repeats the title; then
 *     cut the tail of bylines and dates and the calls to action.
 *  4. if that finds no paragraph, src/html.c parses the page again for the
 *     rescue pass (dtl_extract_rescue()): <noscript> read, little pruned.
 *
 * Every walk is iterative; statistics come from src/dom.c in O(n).
 */
#include <config.h>
#include "extract.h"

#include <string.h>

#include "dom.h"
#include "extline.h"
#include "banned.h"

/* Flags in dtl_nstat.flags. */
#define F_SCORED 1

/* Class and id words that mark boilerplate containers. */
static const char *const kill_words[] = {
    "nav", "navbar", "navigation", "menu", "menus", "footer", "sidebar",
    "share", "sharing", "sharebar", "shares", "social", "socials",
    "related", "comment", "comments", "breadcrumb", "breadcrumbs",
    "newsletter", "newsletters", "subscribe", "subscription", "promo",
    "promos", "promotion", "banner", "cookie", "cookies", "consent",
    "gdpr", "advert", "advertisement", "advertising", "ad", "ads", "adslot",
    "adunit", "dfp", "sponsor", "sponsored", "popup", "modal", "outbrain",
    "taboola", "recommended", "recommendations",
    "recirc", "trending", "popular", "masthead", "toolbar", "pagination",
    "pager", "signup", "paywall", "disqus", "tags",
    "byline", "author", "bio", "meta", "login", "search", "overlay",
    "lightbox", "print", "rating", "reactions", "teaser", "teasers",
    "more", "newsfeed", "ticker", "subnav", "header", "topbar", "copyright",
    "disclaimer", "donate", "donation", "upsell", "offscreen", "jump",
    "tooltip", "dropdown", "crumbs", "feedback", "survey", "caption",
    "credit", "credits", "copyright", NULL};

/* Class and id token strings (words joined) that mark text only screen
 * readers or scripts see. */
static const char *const kill_tokens[] = {
    "sr only", "visually hidden", "screen reader text", "screen reader",
    "read more", "most read", "most popular", "more stories", "you may like",
    "hide", NULL};

/* Words that make an element a likely content container. */
static const char *const good_words[] = {
    "article", "body", "content", "entry", "hentry", "main", "page", "post",
    "text", "blog", "story", "prose", "richtext", NULL};

static int
lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The class, id and itemprop words of n (see dtl_dom_class_words()). */
static void
node_words(const xmlNode *n, char *out, size_t size)
{
    const char *cls = dtl_dom_attr(n, "class"), *id = dtl_dom_attr(n, "id");
    size_t len;

    out[0] = '\0';
    if (cls)
        dtl_dom_class_words(cls, out, size);
    len = strlen(out);
    if (id && len + 4 < size) {
        if (len > 0) {
            memcpy(out + len, " | ", 3);
            len += 3;
        }
        dtl_dom_class_words(id, out + len, size - len);
    }
}

static int
any_word(const char *words, const char *const *list)
{
    size_t i;

    for (i = 0; list[i]; i++)
        if (dtl_dom_has_word(words, list[i]))
            return 1;
    return 0;
}

/* 1 if the word list has the phrase (words in sequence, one token). */
static int
has_phrase(const char *words, const char *phrase)
{
    size_t pl = strlen(phrase);
    const char *p = words;

    while ((p = strstr(p, phrase)) != NULL) {
        if ((p == words || p[-1] == ' ') && (p[pl] == ' ' || p[pl] == '\0'))
            return 1;
        p += pl;
    }
    return 0;
}

static int
any_phrase(const char *words, const char *const *list)
{
    size_t i;

    for (i = 0; list[i]; i++)
        if (has_phrase(words, list[i]))
            return 1;
    return 0;
}

/* Case-insensitive "needle in attribute value, spaces ignored". */
static int
style_has(const char *style, const char *needle)
{
    char buf[256];
    size_t o = 0;

    for (; *style && o + 1 < sizeof(buf); style++)
        if (*style != ' ')
            buf[o++] = (char)lower((unsigned char)*style);
    buf[o] = '\0';
    return strstr(buf, needle) != NULL;
}

static int
is_hidden(const xmlNode *n)
{
    const char *v;

    if (dtl_dom_attr(n, "hidden"))
        return 1;
    v = dtl_dom_attr(n, "aria-hidden");
    if (v && strcmp(v, "true") == 0)
        return 1;
    v = dtl_dom_attr(n, "style");
    if (v && (style_has(v, "display:none") ||
              style_has(v, "visibility:hidden")))
        return 1;
    v = dtl_dom_attr(n, "role");
    if (v && (strcmp(v, "navigation") == 0 ||
              strcmp(v, "complementary") == 0 ||
              strcmp(v, "contentinfo") == 0 || strcmp(v, "banner") == 0 ||
              strcmp(v, "dialog") == 0 || strcmp(v, "alertdialog") == 0 ||
              strcmp(v, "menu") == 0 || strcmp(v, "menubar") == 0 ||
              strcmp(v, "search") == 0 || strcmp(v, "toolbar") == 0))
        return 1;
    return 0;
}

/* Elements dropped for their kind alone, wherever they are. */
static int
kill_tag(enum dtl_tag t)
{
    switch (t) {
    case DTL_T_SCRIPT: case DTL_T_STYLE: case DTL_T_NOSCRIPT:
    case DTL_T_TEMPLATE: case DTL_T_SVG: case DTL_T_IFRAME:
    case DTL_T_OBJECT: case DTL_T_EMBED: case DTL_T_CANVAS:
    case DTL_T_INPUT: case DTL_T_SELECT: case DTL_T_TEXTAREA:
    case DTL_T_OPTION: case DTL_T_MAP: case DTL_T_MATH: case DTL_T_VIDEO:
    case DTL_T_AUDIO: case DTL_T_LINK: case DTL_T_META:
        return 1;
    default:
        return 0;
    }
}

/* Elements dropped for their kind unless they hold much of the page's
 * text: a misnested <button> or a page-wide <form> can wrap it all. */
static int
soft_kill_tag(enum dtl_tag t)
{
    switch (t) {
    case DTL_T_NAV: case DTL_T_ASIDE: case DTL_T_FOOTER: case DTL_T_DIALOG:
    case DTL_T_MENU: case DTL_T_BUTTON: case DTL_T_FORM: case DTL_T_HEADER:
    case DTL_T_FIGCAPTION:
        return 1;
    default:
        return 0;
    }
}

/* Kinds whose class names may condemn them (not paragraphs, headings
 * or inline text, whose classes are styling). */
static int
container_tag(enum dtl_tag t)
{
    switch (t) {
    case DTL_T_DIV: case DTL_T_SECTION: case DTL_T_UL: case DTL_T_OL:
    case DTL_T_HEADER: case DTL_T_TABLE: case DTL_T_FIGURE: case DTL_T_DL:
    case DTL_T_SPAN: case DTL_T_FORM: case DTL_T_OTHER: case DTL_T_LI:
    case DTL_T_ARTICLE: case DTL_T_A: case DTL_T_CENTER:
    case DTL_T_ADDRESS: case DTL_T_DETAILS:
        return 1;
    default:
        return 0;
    }
}

/* The heading level of n's text when it names a boilerplate section, or
 * 0.  Headings are h1..h6, or short bold/label-like elements. */
static int
kill_heading(const xmlNode *n, enum dtl_tag t)
{
    struct dtl_buf b = DTL_BUF_INIT;
    int hit = 0;

    if (!dtl_dom_is_heading(t))
        return 0;
    dtl_dom_text(n, &b, 0);
    if (dtl_buf_status(&b) == DTL_OK && b.len > 0 && b.len < 80)
        hit = dtl_extline_is_heading(b.p, b.len);
    dtl_buf_release(&b);
    return hit ? (int)(t - DTL_T_H1) + 1 : 0;
}

static void
drop(xmlNode *n)
{
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

/* Remove the siblings after heading h up to the next heading of the same
 * or a higher level. */
static void
drop_section(xmlNode *h, int level)
{
    xmlNode *s = h->next, *nx;
    enum dtl_tag t;

    while (s) {
        t = dtl_dom_tag(s);
        if (dtl_dom_is_heading(t) && (int)(t - DTL_T_H1) + 1 <= level)
            break;
        nx = s->next;
        drop(s);
        s = nx;
    }
}

struct prune {
    struct dtl_dom_stats *st;
    uint32_t keep_ptext;   /* elements with this much <p> text stay */
    uint32_t page_ptext;   /* <p> text in the whole body */
};

/* 1 if n is inside an <article> (its own header: title, lead). */
static int
inside_article(const xmlNode *n)
{
    int k;

    for (n = n->parent, k = 0; n && k < 12; n = n->parent, k++)
        if (dtl_dom_tag(n) == DTL_T_ARTICLE)
            return 1;
    return 0;
}

/* Decide whether n goes, by kind, visibility and name. */
static int
doomed(const struct prune *pr, xmlNode *n, enum dtl_tag t)
{
    const struct dtl_nstat *s = dtl_dom_stat(pr->st, n);
    char words[512];
    int big = s && s->ptext >= pr->keep_ptext;

    if (kill_tag(t))
        return 1;
    if (t == DTL_T_HEADER && inside_article(n))
        return 0;
    if (soft_kill_tag(t))
        return !big && !(t == DTL_T_BUTTON && s && s->n_p > 0);
    if (is_hidden(n))
        return !big && !(s && s->ptext >= 200 && s->link * 4 < s->text);
    if (!container_tag(t) || big)
        return 0;
    node_words(n, words, sizeof(words));
    if (!words[0])
        return 0;
    if (dtl_dom_attr(n, "itemprop") &&
        strstr(dtl_dom_attr(n, "itemprop"), "articleBody"))
        return 0;
    if (any_phrase(words, kill_tokens))
        return 1;
    if (!any_word(words, kill_words))
        return 0;
    /* "article-meta" is boilerplate, "article-body" is not: a good word
     * saves an element only if no strong boilerplate word is there. */
    if (any_word(words, good_words) &&
        !dtl_dom_has_word(words, "comment") &&
        !dtl_dom_has_word(words, "comments") &&
        !dtl_dom_has_word(words, "related") &&
        !dtl_dom_has_word(words, "share") &&
        !dtl_dom_has_word(words, "social") &&
        !dtl_dom_has_word(words, "newsletter") &&
        !dtl_dom_has_word(words, "cookie") &&
        !dtl_dom_has_word(words, "sidebar") &&
        !dtl_dom_has_word(words, "footer") &&
        !dtl_dom_has_word(words, "recommended") &&
        !dtl_dom_has_word(words, "ad") && !dtl_dom_has_word(words, "ads") &&
        !dtl_dom_has_word(words, "advertisement") &&
        !dtl_dom_has_word(words, "promo"))
        return 0;
    /* Much paragraph text and few links is content, whatever its name,
     * unless the name says comments. */
    if (s && s->ptext >= 300 && s->ptext * 4 >= pr->page_ptext &&
        s->link * 5 < s->text &&
        !dtl_dom_has_word(words, "comment") &&
        !dtl_dom_has_word(words, "comments"))
        return 0;
    return 1;
}

static void
prune(struct prune *pr, xmlNode *root)
{
    xmlNode *n = root, *next, *par;
    const struct dtl_nstat *ps;
    enum dtl_tag t;
    int level;

    while (n) {
        if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
            next = dtl_dom_next(n, root, 1);
            drop(n);
            n = next;
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || n == root) {
            n = dtl_dom_next(n, root, 0);
            continue;
        }
        t = dtl_dom_tag(n);
        if ((level = kill_heading(n, t)) > 0) {
            /* A boilerplate heading heading a link list: drop the list's
             * container; else the heading's section. */
            par = n->parent;
            ps = dtl_dom_stat(pr->st, par);
            if (par && par != root && ps && ps->ptext < pr->keep_ptext &&
                ps->text > 0 && ps->link * 2 > ps->text) {
                next = dtl_dom_next(par, root, 1);
                drop(par);
                n = next;
                continue;
            }
            drop_section(n, level);
            next = dtl_dom_next(n, root, 1);
            drop(n);
            n = next;
            continue;
        }
        if (doomed(pr, n, t)) {
            next = dtl_dom_next(n, root, 1);
            drop(n);
            n = next;
            continue;
        }
        n = dtl_dom_next(n, root, 0);
    }
}

/* ---- emitting blocks ------------------------------------------------ */

struct emit {
    struct dtl_buf *out;
    struct dtl_buf blk;      /* the block being collected */
    size_t solid;            /* its non-space bytes */
    size_t link;             /* of which inside <a> */
    int a_depth, h_depth, li_depth, pre_depth;
    int heading, li;         /* what the block is */
    int strict;              /* keep only long, link-poor blocks */
    int rescue;              /* the second pass: <noscript> is read */
    int entry;               /* a live-blog update: skip its furniture */
    const xmlNode *skip;     /* a subtree to leave out (its heading) */
    const char *title;
    size_t title_len;
};

/* 1 if p[0..n) equals the title, case and spaces aside. */
static int
same_as_title(const struct emit *e, const char *p, size_t n)
{
    size_t i = 0, k = 0;
    const char *t = e->title;
    size_t tn = e->title_len;

    if (tn == 0)
        return 0;
    while (i < n && k < tn) {
        if (p[i] == ' ') {
            i++;
            continue;
        }
        if (t[k] == ' ') {
            k++;
            continue;
        }
        if (lower((unsigned char)p[i]) != lower((unsigned char)t[k]))
            return 0;
        i++;
        k++;
    }
    while (i < n && p[i] == ' ')
        i++;
    while (k < tn && t[k] == ' ')
        k++;
    return i == n && k == tn;
}

static void
flush(struct emit *e)
{
    struct dtl_buf *b = &e->blk;
    size_t len, start = 0;
    int keep = 1;

    dtl_dom_trim_end(b);
    while (start < b->len && (b->p[start] == ' ' || b->p[start] == '\n'))
        start++;
    if (b->len > start && dtl_buf_status(b) == DTL_OK) {
        const char *p = b->p + start;
        size_t n = b->len - start;
        len = e->solid;   /* the block holds only collapsed text */
        if (e->link * 2 > len && (len < 400 || e->li || e->heading))
            keep = 0;
        else if (e->li && e->link * 10 > len * 4 && len < 200)
            keep = 0;
        else if (dtl_extline_is_boiler(p, n))
            keep = 0;
        else if (n < 80 && dtl_extline_is_heading(p, n))
            keep = 0;
        else if (e->heading && same_as_title(e, p, n))
            keep = 0;
        else if (e->strict && (len < 60 || e->link * 4 > len || e->heading))
            keep = 0;
        if (keep) {
            dtl_buf_add(e->out, p, n);
            dtl_buf_addc(e->out, '\n');
        }
    }
    if (dtl_buf_status(b) != DTL_OK)
        e->out->err = dtl_buf_status(b);
    dtl_buf_truncate(b, 0);
    e->solid = 0;
    e->link = 0;
    e->heading = e->li = -1;
}

/* Inside a live-blog update: its time, byline and share buttons. */
static int
entry_furniture(const xmlNode *n, enum dtl_tag t)
{
    static const char *const words[] = {"time", "date", "timestamp",
                                        "stamp", "byline", "author",
                                        "share", "social", "meta", NULL};
    char w[512];

    if (t == DTL_T_TIME || soft_kill_tag(t) || is_hidden(n))
        return t != DTL_T_HEADER;
    if (!container_tag(t) && t != DTL_T_P)
        return 0;
    node_words(n, w, sizeof(w));
    return w[0] && any_word(w, words);
}

static int
emit_enter(xmlNode *n, void *ctx)
{
    struct emit *e = ctx;
    enum dtl_tag t;
    size_t added;

    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (!n->content)
            return 0;
        if (e->heading < 0) {
            e->heading = e->h_depth > 0;
            e->li = e->li_depth > 0;
        }
        added = dtl_dom_add_collapsed(&e->blk, (const char *)n->content,
                                      strlen((const char *)n->content));
        e->solid += added;
        if (e->a_depth > 0)
            e->link += added;
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE)
        return 1;
    t = dtl_dom_tag(n);
    if ((kill_tag(t) && !(e->rescue && t == DTL_T_NOSCRIPT)) ||
        n == e->skip || (e->entry && entry_furniture(n, t)))
        return 1;
    if (dtl_dom_is_block(t))
        flush(e);
    if (t == DTL_T_A)
        e->a_depth++;
    else if (dtl_dom_is_heading(t))
        e->h_depth++;
    else if (t == DTL_T_LI || t == DTL_T_DT || t == DTL_T_DD)
        e->li_depth++;
    return 0;
}

static void
emit_leave(xmlNode *n, void *ctx)
{
    struct emit *e = ctx;
    enum dtl_tag t = dtl_dom_tag(n);

    if (t == DTL_T_A)
        e->a_depth--;
    else if (dtl_dom_is_heading(t))
        e->h_depth--;
    else if (t == DTL_T_LI || t == DTL_T_DT || t == DTL_T_DD)
        e->li_depth--;
    if (dtl_dom_is_block(t))
        flush(e);
    else if ((t == DTL_T_TD || t == DTL_T_TH) && e->blk.len > 0)
        dtl_buf_addc(&e->blk, ' ');
}

static void
emit_init(struct emit *e, struct dtl_buf *out, const char *title,
          size_t title_len)
{
    memset(e, 0, sizeof(*e));
    e->out = out;
    dtl_buf_init(&e->blk);
    e->heading = e->li = -1;
    e->title = title;
    e->title_len = title_len;
}

void
dtl_extract_entry(const xmlNode *n, const xmlNode *skip, struct dtl_buf *out)
{
    struct emit e;

    emit_init(&e, out, "", 0);
    e.skip = skip;
    e.entry = 1;
    dtl_dom_walk((xmlNode *)n, emit_enter, emit_leave, &e);
    flush(&e);
    dtl_buf_release(&e.blk);
}

/* ---- choosing the container ---------------------------------------- */

/* Class/id phrases of article-body containers, best first. */
static const char *const body_phrases[] = {
    "article body", "articlebody", "article content", "articlecontent",
    "story body", "storybody", "story content", "article text",
    "articletext", "post content", "postcontent", "entry content",
    "entrycontent", "post body", "postbody", "article main", "body text",
    "bodytext", "story text", "content body", "entry body", "article copy",
    "body copy", "rich text", "richtext", "news content", "article detail",
    "detail body", "text content", "main text", "article inner",
    "post text", "single content", "page content", "td post content",
    "content article", "article entry", "article wrapper", "news text",
    "article section", NULL};

static int
useful(const struct dtl_nstat *s)
{
    return s && s->text >= s->link ? (int)(s->text - s->link) : 0;
}

/* How strongly n's names say "article body": 3 itemprop, 2 class or id,
 * 1 <article>, 0 no. */
static int
body_rank(const xmlNode *n, enum dtl_tag t)
{
    const char *ip = dtl_dom_attr(n, "itemprop");
    char words[512];

    if (ip && (strstr(ip, "articleBody") || strstr(ip, "reviewBody")))
        return 3;
    node_words(n, words, sizeof(words));
    if (words[0] && any_phrase(words, body_phrases))
        return 2;
    if (t == DTL_T_ARTICLE)
        return 1;
    return 0;
}

static int
is_ancestor(const xmlNode *a, const xmlNode *n)
{
    for (n = n ? n->parent : NULL; n; n = n->parent)
        if (n == a)
            return 1;
    return 0;
}

#define MAX_PICK 16

struct pick {
    xmlNode *n[MAX_PICK];
    size_t count;
};

/* Containers named as the article body, if they hold enough text. */
static int
pick_named(struct dtl_dom_stats *st, xmlNode *body, struct pick *pk)
{
    xmlNode *n, *best = NULL;
    const struct dtl_nstat *s, *bs = NULL;
    int rank, best_rank = 0, u;
    size_t i;

    for (n = body; n; n = dtl_dom_next(n, body, 0)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        s = dtl_dom_stat(st, n);
        u = useful(s);
        if (u < 200 || s->link * 2 > s->text)
            continue;
        rank = body_rank(n, s->tag);
        if (rank == 0)
            continue;
        if (!best || rank > best_rank ||
            (rank == best_rank && u > useful(bs) &&
             !(is_ancestor(n, best) && useful(bs) * 10 >= u * 7))) {
            /* An outer match replaces an inner one only when the inner
             * holds too little of its text. */
            best = n;
            bs = s;
            best_rank = rank;
        } else if (rank == best_rank && is_ancestor(best, n) &&
                   u * 10 >= useful(bs) * 7) {
            best = n;
            bs = s;
        }
    }
    if (!best)
        return 0;
    /* A body split into several same-named blocks (ads between them). */
    pk->count = 0;
    pk->n[pk->count++] = best;
    if (best_rank >= 2) {
        for (n = body; n && pk->count < MAX_PICK;
             n = dtl_dom_next(n, body, 0)) {
            int nested = 0;
            if (n == best || n->type != XML_ELEMENT_NODE)
                continue;
            s = dtl_dom_stat(st, n);
            if (useful(s) < 100 || s->link * 10 > s->text * 3 ||
                body_rank(n, s->tag) != best_rank)
                continue;
            for (i = 0; i < pk->count; i++)
                if (is_ancestor(pk->n[i], n) || is_ancestor(n, pk->n[i]))
                    nested = 1;
            if (!nested && useful(s) * 5 >= useful(bs))
                pk->n[pk->count++] = n;
        }
    }
    /* Document order: the walk numbered elements in pre-order. */
    for (i = 1; i < pk->count; i++) {
        size_t k = i;
        while (k > 0 && (uintptr_t)pk->n[k - 1]->_private >
                            (uintptr_t)pk->n[k]->_private) {
            xmlNode *tmp = pk->n[k];
            pk->n[k] = pk->n[k - 1];
            pk->n[k - 1] = tmp;
            k--;
        }
    }
    return 1;
}

static float
class_weight(const xmlNode *n)
{
    char words[512];
    float w = 0;

    node_words(n, words, sizeof(words));
    if (!words[0])
        return 0;
    if (any_word(words, good_words))
        w += 25;
    if (any_word(words, kill_words))
        w -= 25;
    return w;
}

static float
base_score(const xmlNode *n, enum dtl_tag t)
{
    float s = 0;

    switch (t) {
    case DTL_T_DIV: case DTL_T_ARTICLE: case DTL_T_SECTION: case DTL_T_MAIN:
        s = 5;
        break;
    case DTL_T_PRE: case DTL_T_TD: case DTL_T_BLOCKQUOTE:
        s = 3;
        break;
    case DTL_T_ADDRESS: case DTL_T_OL: case DTL_T_UL: case DTL_T_DL:
    case DTL_T_DD: case DTL_T_DT: case DTL_T_LI: case DTL_T_FORM:
        s = -3;
        break;
    case DTL_T_H1: case DTL_T_H2: case DTL_T_H3: case DTL_T_H4:
    case DTL_T_H5: case DTL_T_H6: case DTL_T_TH:
        s = -5;
        break;
    default:
        break;
    }
    return s + class_weight(n);
}

/* 1 if element n has a block-level child element. */
static int
has_block_child(const xmlNode *n)
{
    const xmlNode *c;

    for (c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && dtl_dom_is_block(dtl_dom_tag(c)) &&
            dtl_dom_tag(c) != DTL_T_BR)
            return 1;
    return 0;
}

/* Readability's scoring: paragraphs vote for their ancestors. */
static xmlNode *
pick_scored(struct dtl_dom_stats *st, xmlNode *body)
{
    xmlNode *n, *a, *best = NULL;
    struct dtl_nstat *s, *as;
    float score, best_score = 0, fs;
    int level;

    for (n = body; n; n = dtl_dom_next(n, body, 0)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        s = dtl_dom_stat(st, n);
        if (!s || s->text < 25)
            continue;
        if (!(s->tag == DTL_T_P || s->tag == DTL_T_PRE ||
              s->tag == DTL_T_TD ||
              ((s->tag == DTL_T_DIV || s->tag == DTL_T_SECTION) &&
               !has_block_child(n))))
            continue;
        score = 1.0f + (float)s->commas +
                (float)(s->text / 100 < 3 ? s->text / 100 : 3);
        for (a = n->parent, level = 0; a && level < 5 && a != body->parent;
             a = a->parent, level++) {
            as = dtl_dom_stat(st, a);
            if (!as)
                break;
            if (!(as->flags & F_SCORED)) {
                as->flags |= F_SCORED;
                as->score = base_score(a, as->tag);
            }
            as->score += level == 0   ? score
                         : level == 1 ? score / 2
                                      : score / (float)(level * 3);
        }
    }
    for (n = body; n; n = dtl_dom_next(n, body, 0)) {
        s = dtl_dom_stat(st, n);
        if (!s || !(s->flags & F_SCORED))
            continue;
        fs = s->score * (1.0f - (s->text ? (float)s->link / (float)s->text
                                         : 0.0f));
        s->score = fs;
        if (!best || fs > best_score) {
            best = n;
            best_score = fs;
        }
    }
    return best;
}

/* Move the scored top candidate up through wrappers that add no text of
 * their own (a lone child's parent): its siblings are the wrapper's
 * siblings, the other sections of a page built of modules. */
static xmlNode *
climb_wrappers(struct dtl_dom_stats *st, xmlNode *top, const xmlNode *body)
{
    const struct dtl_nstat *ts, *ps;
    xmlNode *par;

    while (top && (par = top->parent) != NULL && par != body &&
           par->type == XML_ELEMENT_NODE) {
        ts = dtl_dom_stat(st, top);
        ps = dtl_dom_stat(st, par);
        if (!ts || !ps || ps->text > ts->text)
            break;
        if (ps->score < ts->score)
            ((struct dtl_nstat *)ps)->score = ts->score;
        ((struct dtl_nstat *)ps)->flags |= F_SCORED;
        top = par;
    }
    return top;
}

/* How far the top candidate may climb towards more prose, and the link
 * density (1 / PROSE_LINK) above which an ancestor is a link list. */
#define PROSE_LEVELS 5
#define PROSE_LINK 4

/* The highest ancestor, at most PROSE_LEVELS up, that holds at least
 * twice the top candidate's paragraph text with few links: the top was
 * one section of the article (a box of two paragraphs beside the rest),
 * as trafilatura recovers text the chosen container missed.  Climbing
 * stops at the body and at the first ancestor dense with links. */
static xmlNode *
climb_prose(struct dtl_dom_stats *st, xmlNode *top, const xmlNode *body)
{
    const struct dtl_nstat *ts = dtl_dom_stat(st, top), *ps;
    xmlNode *par, *best = top;
    int level;

    if (!ts)
        return top;
    for (par = top->parent, level = 0;
         par && par != body && par->type == XML_ELEMENT_NODE &&
         level < PROSE_LEVELS;
         par = par->parent, level++) {
        ps = dtl_dom_stat(st, par);
        if (!ps || ps->link * PROSE_LINK > ps->text)
            break;
        if (ps->ptext > 0 && ps->ptext / 2 >= ts->ptext)
            best = par;
    }
    return best;
}

/* 1 if two class attributes start with the same class name. */
static int
same_first_class(const char *a, const char *b)
{
    size_t i = 0;

    while (*a == ' ')
        a++;
    while (*b == ' ')
        b++;
    while (a[i] && a[i] != ' ' && a[i] == b[i])
        i++;
    return i > 0 && (a[i] == ' ' || a[i] == '\0') &&
           (b[i] == ' ' || b[i] == '\0');
}

/* Emit the scored top candidate and the siblings that belong with it. */
static void
emit_scored(struct dtl_dom_stats *st, xmlNode *top, struct emit *e)
{
    const struct dtl_nstat *ts = dtl_dom_stat(st, top), *s;
    float threshold = ts->score * 0.2f;
    xmlNode *c;

    if (threshold < 10)
        threshold = 10;
    if (!top->parent || top->parent->type != XML_ELEMENT_NODE) {
        dtl_dom_walk(top, emit_enter, emit_leave, e);
        return;
    }
    for (c = top->parent->children; c; c = c->next) {
        int take = c == top;
        if (!take && c->type == XML_ELEMENT_NODE &&
            (s = dtl_dom_stat(st, c)) != NULL) {
            const char *tc = dtl_dom_attr(top, "class");
            const char *cc = dtl_dom_attr(c, "class");
            if ((s->flags & F_SCORED) && s->score >= threshold)
                take = 1;
            else if (tc && cc && same_first_class(tc, cc) &&
                     s->text > s->link * 3 && s->text >= 30)
                take = 1;
            else if (s->tag == DTL_T_P && s->text > 80 &&
                     s->link * 4 < s->text)
                take = 1;
            else if (s->tag == DTL_T_P && s->text > 0 && s->link == 0 &&
                     s->commas > 0)
                take = 1;
        }
        if (take) {
            dtl_dom_walk(c, emit_enter, emit_leave, e);
            flush(e);
        }
    }
}

/* 1 if the named containers hold much less text than readability's top
 * candidate outside them: a summary box or a teaser named "content". */
static int
weaker(struct dtl_dom_stats *st, const struct pick *pk, const xmlNode *top)
{
    size_t i;
    int named = 0;

    if (!top)
        return 0;
    for (i = 0; i < pk->count; i++) {
        if (pk->n[i] == top || is_ancestor(pk->n[i], top))
            return 0;
        named += useful(dtl_dom_stat(st, pk->n[i]));
    }
    return named * 2 < useful(dtl_dom_stat(st, top));
}

/* Class and id words of an article's lead: the intro or summary that
 * pages print between the title and the body, outside the body's
 * container.  Not "standfirst", "deck" or "dek": English news pages use
 * those for a line under the headline, which AEB's ground truth leaves
 * out with the headline; nor "excerpt" or "description", which name
 * teasers and author boxes as often as leads. */
static const char *const lead_words[] = {
    "lead", "lede", "intro", "teaser", "summary", "subtitle",
    "subheadline", "subline", "chapo", "chapeau", "sommario",
    "bajada", "entradilla", "leader", "abstract",
    "vorspann", NULL};

/* How far above the container the lead is looked for, and its size:
 * a lead is a paragraph or two, with few links. */
#define LEAD_LEVELS 5
#define LEAD_MIN 40
#define LEAD_MAX 1500

/* 1 if n is named as a lead and holds a lead's text. */
static int
is_lead(struct dtl_dom_stats *st, const xmlNode *n)
{
    const struct dtl_nstat *s = dtl_dom_stat(st, n);
    char words[512];

    if (!s || s->text < LEAD_MIN || s->text > LEAD_MAX ||
        s->link * 4 > s->text || s->tag == DTL_T_H1)
        return 0;
    node_words(n, words, sizeof(words));
    return words[0] && any_word(words, lead_words);
}

/* The lead of the article whose text starts with the container anchor:
 * the first element named as a lead that comes before anchor inside its
 * ancestor LEAD_LEVELS up (not the body), or NULL. */
static xmlNode *
find_lead(struct dtl_dom_stats *st, xmlNode *anchor, const xmlNode *body)
{
    xmlNode *path[LEAD_LEVELS + 1], *c, *n;
    const struct dtl_nstat *s;
    int k = 0, i, skip;

    path[0] = anchor;
    while (k < LEAD_LEVELS && path[k]->parent && path[k]->parent != body &&
           path[k]->parent->type == XML_ELEMENT_NODE) {
        path[k + 1] = path[k]->parent;
        k++;
    }
    /* The children of each ancestor that come before the path down to
     * anchor, outermost first: document order.  Subtrees with less text
     * than a lead are not entered. */
    for (i = k; i > 0; i--) {
        for (c = path[i]->children; c && c != path[i - 1]; c = c->next) {
            for (n = c; n; n = dtl_dom_next(n, c, skip)) {
                skip = 1;
                if (n->type != XML_ELEMENT_NODE ||
                    !(s = dtl_dom_stat(st, n)) || s->text < LEAD_MIN)
                    continue;
                if (is_lead(st, n))
                    return n;
                skip = 0;
            }
        }
    }
    return NULL;
}

/* Emit the lead of the article that starts at anchor, if there is one,
 * and make the walks that follow skip it. */
static void
emit_lead(struct dtl_dom_stats *st, xmlNode *anchor, const xmlNode *body,
          struct emit *e)
{
    xmlNode *lead = find_lead(st, anchor, body);

    if (!lead)
        return;
    dtl_dom_walk(lead, emit_enter, emit_leave, e);
    flush(e);
    e->skip = lead;
}

dtl_status
dtl_extract_main(xmlDoc *doc, const char *title, size_t title_len,
                 struct dtl_buf *out)
{
    struct dtl_dom_stats st = {NULL, 0, 0};
    xmlNode *root = xmlDocGetRootElement(doc), *body, *top;
    struct prune pr;
    struct pick pk;
    struct emit e;
    const struct dtl_nstat *bs;
    struct dtl_buf named, scored, *best;
    dtl_status rc = DTL_OK;
    size_t i;

    if (!root)
        return DTL_OK;
    body = dtl_dom_find(root, DTL_T_BODY);
    if (!body)
        body = root;
    if ((rc = dtl_dom_stats(&st, root)) != DTL_OK)
        goto out;
    bs = dtl_dom_stat(&st, body);
    pr.st = &st;
    pr.page_ptext = bs ? bs->ptext : 0;
    pr.keep_ptext = bs && bs->ptext > 0 ? (bs->ptext * 2) / 5 + 1
                                        : UINT32_MAX;
    if (pr.keep_ptext < 400)
        pr.keep_ptext = 400;
    prune(&pr, body);
    if ((rc = dtl_dom_stats(&st, root)) != DTL_OK)
        goto out;
    top = pick_scored(&st, body);
    if (top)
        top = climb_prose(&st, climb_wrappers(&st, top, body), body);
    dtl_buf_init(&named);
    dtl_buf_init(&scored);
    if (pick_named(&st, body, &pk) && !weaker(&st, &pk, top)) {
        emit_init(&e, &named, title, title_len);
        emit_lead(&st, pk.n[0], body, &e);
        /* Document order, so split bodies read in sequence. */
        for (i = 0; i < pk.count; i++) {
            dtl_dom_walk(pk.n[i], emit_enter, emit_leave, &e);
            flush(&e);
        }
        dtl_buf_release(&e.blk);
    }
    if (top && (named.len == 0 || named.len < 2000)) {
        emit_init(&e, &scored, title, title_len);
        emit_lead(&st, top, body, &e);
        emit_scored(&st, top, &e);
        flush(&e);
        dtl_buf_release(&e.blk);
    }
    /* As trafilatura compares its result with readability's: the named
     * container wins unless scoring found over twice as much. */
    best = named.len > 0 && scored.len <= named.len * 2 ? &named : &scored;
    if (best->len < 250) {
        /* Nothing stood out: the body's long, link-poor blocks. */
        struct dtl_buf *other = best == &named ? &scored : &named;
        dtl_buf_truncate(other, 0);
        emit_init(&e, other, title, title_len);
        e.strict = 1;
        dtl_dom_walk(body, emit_enter, emit_leave, &e);
        flush(&e);
        dtl_buf_release(&e.blk);
        if (other->len > best->len)
            best = other;
    }
    if (best->len == 0) {
        /* A page too short for any rule: all of its blocks. */
        emit_init(&e, best, title, title_len);
        dtl_dom_walk(body, emit_enter, emit_leave, &e);
        flush(&e);
        dtl_buf_release(&e.blk);
    }
    dtl_extline_trim_tail(best);
    dtl_extline_trim_cta(best);
    if (best->len > 0)
        dtl_buf_add(out, best->p, best->len);
    if (dtl_buf_status(&named) != DTL_OK || dtl_buf_status(&scored) != DTL_OK)
        out->err = DTL_ENOMEM;
    dtl_buf_release(&named);
    dtl_buf_release(&scored);
    rc = dtl_buf_status(out);
out:
    dtl_dom_stats_release(&st);
    return rc;
}

/* The elements the rescue pass drops: what no page shows as its text
 * (scripts, styles, hidden elements, navigation, footers, dialogs);
 * <noscript> stays, as the page without its scripts is what is left. */
static int
rescue_drops(xmlNode *n, enum dtl_tag t)
{
    switch (t) {
    case DTL_T_NOSCRIPT:
        return 0;
    case DTL_T_NAV: case DTL_T_ASIDE: case DTL_T_FOOTER: case DTL_T_DIALOG:
    case DTL_T_MENU: case DTL_T_BUTTON:
        return 1;
    default:
        return kill_tag(t) || is_hidden(n);
    }
}

dtl_status
dtl_extract_rescue(xmlDoc *doc, const char *title, size_t title_len,
                   struct dtl_buf *out)
{
    xmlNode *root = xmlDocGetRootElement(doc), *body, *n, *next;
    struct emit e;

    if (!root)
        return DTL_OK;
    body = dtl_dom_find(root, DTL_T_BODY);
    if (!body)
        body = root;
    for (n = body; n;) {
        if (n != body && (n->type == XML_COMMENT_NODE ||
                          n->type == XML_PI_NODE ||
                          (n->type == XML_ELEMENT_NODE &&
                           rescue_drops(n, dtl_dom_tag(n))))) {
            next = dtl_dom_next(n, body, 1);
            drop(n);
            n = next;
            continue;
        }
        n = dtl_dom_next(n, body, 0);
    }
    emit_init(&e, out, title, title_len);
    e.strict = 1;
    e.rescue = 1;
    dtl_dom_walk(body, emit_enter, emit_leave, &e);
    flush(&e);
    dtl_buf_release(&e.blk);
    return dtl_buf_status(out);
}
