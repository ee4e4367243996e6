/* Dateline: walking and measuring libxml2's HTML tree without recursion.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The extractor (src/extract.c), the metadata reader (src/htmlmeta.c) and
 * the live-blog splitter (src/htmlblog.c) share these helpers.  Every walk
 * is iterative (parent/next pointers), so a page of 100,000 nested elements
 * cannot overflow the stack.  Per-element statistics live in an array that
 * each element's _private field indexes (1-based; 0 = none).
 */
#ifndef DTL_SRC_DOM_H
#define DTL_SRC_DOM_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "dateline/status.h"

/* Element kinds the extractor cares about; everything else is OTHER. */
enum dtl_tag {
    DTL_T_OTHER = 0, DTL_T_A, DTL_T_ARTICLE, DTL_T_ASIDE, DTL_T_BLOCKQUOTE,
    DTL_T_BODY, DTL_T_BR, DTL_T_BUTTON, DTL_T_CANVAS, DTL_T_CAPTION,
    DTL_T_CODE, DTL_T_DD, DTL_T_DIALOG, DTL_T_DIV, DTL_T_DL, DTL_T_DT,
    DTL_T_EMBED, DTL_T_FIGCAPTION, DTL_T_FIGURE, DTL_T_FOOTER, DTL_T_FORM,
    DTL_T_H1, DTL_T_H2, DTL_T_H3, DTL_T_H4, DTL_T_H5, DTL_T_H6,
    DTL_T_HEAD, DTL_T_HEADER, DTL_T_HR, DTL_T_HTML, DTL_T_IFRAME, DTL_T_IMG,
    DTL_T_INPUT, DTL_T_LABEL, DTL_T_LI, DTL_T_LINK, DTL_T_MAIN, DTL_T_MAP,
    DTL_T_MATH, DTL_T_MENU, DTL_T_META, DTL_T_NAV, DTL_T_NOSCRIPT,
    DTL_T_OBJECT, DTL_T_OL, DTL_T_OPTION, DTL_T_P, DTL_T_PICTURE, DTL_T_PRE,
    DTL_T_SCRIPT, DTL_T_SECTION, DTL_T_SELECT, DTL_T_SPAN, DTL_T_STYLE,
    DTL_T_SVG, DTL_T_TABLE, DTL_T_TD, DTL_T_TEMPLATE, DTL_T_TEXTAREA,
    DTL_T_TH, DTL_T_TIME, DTL_T_TITLE, DTL_T_TR, DTL_T_UL, DTL_T_VIDEO,
    DTL_T_AUDIO, DTL_T_SOURCE, DTL_T_TBODY, DTL_T_THEAD, DTL_T_CENTER,
    DTL_T_FONT, DTL_T_B, DTL_T_I, DTL_T_EM, DTL_T_STRONG, DTL_T_SMALL,
    DTL_T_SUP, DTL_T_SUB, DTL_T_U, DTL_T_ADDRESS, DTL_T_DETAILS,
    DTL_T_SUMMARY, DTL_T_N
};

/* The kind of an element node (DTL_T_OTHER for other nodes). */
enum dtl_tag dtl_dom_tag(const xmlNode *n);

/* 1 for block-level kinds: a line break in the extracted text. */
int dtl_dom_is_block(enum dtl_tag t);

/* 1 for h1..h6. */
int dtl_dom_is_heading(enum dtl_tag t);

/* The next node of a pre-order walk of the subtree at root, descending
 * into n's children unless skip is set; NULL when the walk is done. */
xmlNode *dtl_dom_next(xmlNode *n, const xmlNode *root, int skip);

/* Walk the subtree at root in document order without recursion: enter()
 * for every node (elements and text; a nonzero return skips the node's
 * children), leave() for every element after its children. */
void dtl_dom_walk(xmlNode *root, int (*enter)(xmlNode *n, void *ctx),
                  void (*leave)(xmlNode *n, void *ctx), void *ctx);

/* The value of attribute name on element n (NULL if absent).  The string
 * is borrowed from the tree. */
const char *dtl_dom_attr(const xmlNode *n, const char *name);

/* First element child of n with tag t, or in its subtree (pre-order). */
xmlNode *dtl_dom_find(xmlNode *root, enum dtl_tag t);

/*
 * Append the text of the subtree at n to out with white space collapsed
 * (runs become one space; no leading space when out is empty or ends in
 * a space or '\n').  Block elements and <br> become '\n' when blocks is
 * set.  script, style, template and the like are skipped.
 */
void dtl_dom_text(const xmlNode *n, struct dtl_buf *out, int blocks);

/* Append p[0..n) with white space collapsed as dtl_dom_text() does;
 * returns the number of non-space bytes appended (0 after a failure). */
size_t dtl_dom_add_collapsed(struct dtl_buf *out, const char *p, size_t n);

/* Remove trailing spaces and newlines from out. */
void dtl_dom_trim_end(struct dtl_buf *out);

/*
 * Split a class or id attribute into words for matching: each space-
 * separated token loses a CSS-module hash suffix ("articleBody__FR8Mb",
 * "css-1x2ab3c"), then is cut at '-', '_', ':' and camelCase humps, and
 * each word is lower-cased.  Words are written to out separated by one
 * space, tokens by " | "; at most size-1 bytes.
 */
void dtl_dom_class_words(const char *cls, char *out, size_t size);

/* 1 if the space-separated word list has word w. */
int dtl_dom_has_word(const char *words, const char *w);

/* Per-element statistics (dtl_dom_stats()). */
struct dtl_nstat {
    enum dtl_tag tag;
    uint32_t text;        /* non-space bytes of text below */
    uint32_t link;        /* of which inside <a> */
    uint32_t ptext;       /* of which inside <p> (and p-like blocks) */
    uint32_t n_p;         /* <p> elements below */
    uint32_t commas;      /* ',' and ideographic commas below */
    uint32_t n_el;        /* elements below */
    float score;          /* content score (extractor's) */
    unsigned char flags;  /* extractor's marks */
};

/* Statistics for every element of a tree. */
struct dtl_dom_stats {
    struct dtl_nstat *v;  /* v[i - 1] for an element with _private == i */
    size_t n, cap;
};

/* Number every element under root and compute its statistics in one
 * iterative post-order walk.  DTL_OK or DTL_ENOMEM.  Call again after the
 * tree changes. */
dtl_status dtl_dom_stats(struct dtl_dom_stats *s, xmlNode *root);

/* The number of elements dtl_dom_stats() would number under root, without
 * measuring them. */
size_t dtl_dom_count(xmlNode *root);

/* The statistics of element n, or NULL if it has none. */
struct dtl_nstat *dtl_dom_stat(const struct dtl_dom_stats *s,
                               const xmlNode *n);

void dtl_dom_stats_release(struct dtl_dom_stats *s);

#endif
