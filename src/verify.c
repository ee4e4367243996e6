/* Dateline: checking a query against one entry's stored text (verify.h).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Called by the match decider in index/shim-search.cc for every candidate
 * of a query with a phrase.  Relies on src/docdata.c (the stored record)
 * and the analyser, which must be the one that built the index: it then
 * yields exactly the words, stems and positions the indexer saw.  Only
 * the fields the tree names are analysed.
 */
#include <config.h>
#include "verify.h"

#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "docdata.h"
#include "analyse.h"
#include "status.h"
#include "banned.h"

enum { F_HEADLINE, F_BODY, F_TITLE, F_SOURCE, F_COUNT };

/* One analysed word: its position and where its term and stem are kept. */
struct vtok {
    size_t pos;
    size_t term_off, term_len;
    size_t stem_off, stem_len;
};

/* The words of one field. */
struct vfield {
    struct dtl_buf toks;   /* struct vtok[] */
    struct dtl_buf text;   /* terms and stems */
    const char *lang;      /* the entry's language code, "" for the
                              index's own */
};

static dtl_status
on_tok(void *ctx, const struct dtl_token *tok)
{
    struct vfield *f = ctx;
    struct vtok t;

    if (tok->term_len == 0)
        return DTL_OK;
    t.pos = tok->pos;
    t.term_off = f->text.len;
    t.term_len = tok->term_len;
    dtl_buf_add(&f->text, tok->term, tok->term_len);
    t.stem_off = f->text.len;
    t.stem_len = tok->stem_len;
    dtl_buf_add(&f->text, tok->stem, tok->stem_len);
    dtl_buf_add(&f->toks, &t, sizeof(t));
    if (dtl_buf_status(&f->text) != DTL_OK)
        return DTL_ENOMEM;
    return dtl_buf_status(&f->toks);
}

/* Which fields does the tree look at?  Bit i for field i. */
static unsigned
fields_of(const struct dtl_qnode *n, unsigned depth)
{
    unsigned m = 0;
    size_t i;

    if (!n || depth > 64)
        return 0;
    if (n->op == DTL_QOP_TERM || n->op == DTL_QOP_PHRASE) {
        switch (n->field) {
        case DTL_FIELD_ANY:
            return 1u << F_HEADLINE | 1u << F_BODY;
        case DTL_FIELD_HEADLINE:
            return 1u << F_HEADLINE;
        case DTL_FIELD_TITLE:
            return 1u << F_TITLE;
        case DTL_FIELD_SOURCE:
            return 1u << F_SOURCE;
        }
        return 0;
    }
    for (i = 0; i < n->n_kids && n->kids; i++)
        m |= fields_of(n->kids[i], depth + 1);
    return m;
}

static int
same(const struct vfield *f, size_t off, size_t len, const char *p,
     size_t n)
{
    return len == n && memcmp(f->text.p + off, p, n) == 0;
}

/* Does field f hold the word (exact) or a word of the stem? */
static int
field_has(const struct vfield *f, const struct dtl_qnode *k, int exact)
{
    const struct vtok *t = (const struct vtok *)(const void *)f->toks.p;
    size_t i, n = f->toks.len / sizeof(*t), sl = 0;
    int moves = 0;
    const char *stem = exact ? NULL : dtl_qnode_stem(k, f->lang, &sl,
                                                     &moves);

    for (i = 0; i < n; i++) {
        if (exact) {
            if (same(f, t[i].term_off, t[i].term_len, k->term, k->term_len))
                return 1;
        } else if (same(f, t[i].stem_off, t[i].stem_len, stem, sl) ||
                   (!moves && same(f, t[i].term_off, t[i].term_len, stem,
                                   sl))) {
            return 1;
        }
    }
    return 0;
}

/* Do the phrase's words follow each other somewhere in field f? */
static int
field_has_phrase(const struct vfield *f, const struct dtl_qnode *ph)
{
    const struct vtok *t = (const struct vtok *)(const void *)f->toks.p;
    size_t i, j, n = f->toks.len / sizeof(*t), k = ph->n_kids;

    for (i = 0; i + k <= n; i++) {
        for (j = 0; j < k; j++) {
            const struct dtl_qnode *w = ph->kids[j];

            if (t[i + j].pos != t[i].pos + j ||
                !same(f, t[i + j].term_off, t[i + j].term_len, w->term,
                      w->term_len))
                break;
        }
        if (j == k)
            return 1;
    }
    return 0;
}

static int
eval(const struct vfield *fs, const struct dtl_qnode *n, unsigned depth)
{
    unsigned mask;
    size_t i;
    int exact;

    if (!n || depth > 64)
        return 0;
    switch (n->op) {
    case DTL_QOP_ALL:
        return 1;
    case DTL_QOP_AND:
        for (i = 0; i < n->n_kids; i++)
            if (!eval(fs, n->kids[i], depth + 1))
                return 0;
        return n->n_kids > 0;
    case DTL_QOP_OR:
        for (i = 0; i < n->n_kids; i++)
            if (eval(fs, n->kids[i], depth + 1))
                return 1;
        return 0;
    case DTL_QOP_NOT:
        if (n->n_kids == 0 || !eval(fs, n->kids[0], depth + 1))
            return 0;
        for (i = 1; i < n->n_kids; i++)
            if (eval(fs, n->kids[i], depth + 1))
                return 0;
        return 1;
    case DTL_QOP_TERM:
    case DTL_QOP_PHRASE:
        break;
    }
    mask = fields_of(n, 0);
    for (i = 0; i < n->n_kids; i++)
        if (!n->kids[i] || n->kids[i]->op != DTL_QOP_TERM ||
            !n->kids[i]->term_len)
            return 0;
    for (i = 0; i < F_COUNT; i++) {
        if (!(mask & 1u << i))
            continue;
        if (n->op == DTL_QOP_PHRASE) {
            if (n->n_kids == 1 ? field_has(&fs[i], n->kids[0], 1)
                               : n->n_kids > 0 &&
                                     field_has_phrase(&fs[i], n))
                return 1;
            continue;
        }
        exact = n->exact || n->field == DTL_FIELD_SOURCE || !n->stem ||
                n->stem_len == 0;
        if (exact && (!n->term || n->term_len == 0))
            return 0;
        if (field_has(&fs[i], n, exact))
            return 1;
    }
    return 0;
}

int
dtl_verify_entry(dtl_analyser *a, const struct dtl_qnode *root,
                 const char *data, size_t n)
{
    struct vfield fs[F_COUNT];
    struct dtl_docdata dd;
    unsigned mask = fields_of(root, 0);
    dtl_status st;
    int rc = -1;
    size_t i;

    memset(fs, 0, sizeof(fs));
    for (i = 0; i < F_COUNT; i++) {
        fs[i].toks = (struct dtl_buf)DTL_BUF_INIT;
        fs[i].text = (struct dtl_buf)DTL_BUF_INIT;
    }
    st = dtl_docdata_decode(data, n, &dd, NULL);
    /* Analyse the entry as the indexer did: in its own language. */
    if (st == DTL_OK && dd.lang_len)
        st = dtl_analyser_use(a, dtl_lang_from_tag(dd.lang, dd.lang_len));
    for (i = 0; i < F_COUNT; i++)
        fs[i].lang = st == DTL_OK ? dd.lang : "";
    if (st == DTL_OK && (mask & 1u << F_HEADLINE))
        st = dtl_analyse(a, dd.headline, dd.headline_len, on_tok,
                         &fs[F_HEADLINE]);
    if (st == DTL_OK && (mask & 1u << F_BODY))
        st = dtl_analyse(a, dd.body, dd.body_len, on_tok, &fs[F_BODY]);
    if (st == DTL_OK && (mask & 1u << F_TITLE))
        st = dtl_analyse(a, dd.title, dd.title_len, on_tok, &fs[F_TITLE]);
    if (st == DTL_OK && (mask & 1u << F_SOURCE))
        st = dtl_analyse(a, dd.source, dd.source_len, on_tok,
                         &fs[F_SOURCE]);
    if (st == DTL_OK)
        rc = eval(fs, root, 0);
    dtl_analyser_use(a, NULL);
    dtl_docdata_release(&dd);
    for (i = 0; i < F_COUNT; i++) {
        dtl_buf_release(&fs[i].toks);
        dtl_buf_release(&fs[i].text);
    }
    return rc;
}
