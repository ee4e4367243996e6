/* Dateline: the query parser, query string to dtl_query tree.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Called by the search front ends (dateline, dateline.cgi) through
 * dtl_query_parse(); the tree goes to index/ (which turns it into Xapian
 * queries) and to src/snippet.c (which highlights its terms).  It relies on
 * the analyser (dtl_analyse) so that a query word yields exactly the terms
 * the same word yields in a document, and on dtl_time_parse_user() for
 * dates.  src/query-dump.c owns the query object (arena, accessors) and
 * prints and relaxes the trees built here.
 *
 * A hand-written recursive-descent parser, one function per rule:
 *
 *   query    := or_expr END
 *   or_expr  := and_expr (OR and_expr)*
 *   and_expr := unary (AND? unary)*      juxtaposition is AND, or OR with
 *                                        opts->default_or (then an
 *                                        explicit AND still binds)
 *   unary    := NOT unary | "-" primary | "+" primary | primary
 *   primary  := group | FIELD ":" primary | phrase | filter | word
 *   group    := "(" or_expr ")"
 *   phrase   := QUOTE any-bytes-but-QUOTE QUOTE
 *   filter   := ("since" | "until") ":" WHEN
 *   word     := bytes up to white space, "(", ")", "|" or QUOTE
 *
 *   OR       := "OR" | "|"           operators are whole words, upper case
 *   AND      := "AND"                only, and only where an operator can
 *   NOT      := "NOT"                stand (after "-" or "field:" they are
 *                                    words)
 *   FIELD    := headline | title | source     (ASCII case-insensitive;
 *                                    "foo:bar" with another name is a word)
 *   QUOTE    := '"' | U+201C | U+201D | U+201E
 *   WHEN     := a word, or a phrase, read by dtl_time_parse_user(opts->now)
 *
 * White space (ASCII, U+00A0, U+2000..U+200B, U+202F, U+205F, U+3000)
 * separates tokens; none may stand between "-", "+" or "name:" and what
 * they apply to.
 *
 * Meaning.  A word goes through the analyser: one token gives a TERM
 * (exact for source: words), several ("Russia-Ukraine") give a PHRASE of
 * exact TERMs, none (punctuation) give nothing.  A phrase gives a PHRASE of
 * exact TERMs (a single exact TERM for one token).  In an AND list the
 * negated items are collected: NOT(AND(positives...), negatives...), or
 * NOT(ALL, negatives...) without positives; a positive that is itself a
 * NOT is hoisted into the list, so NOTs always end up outermost, and a
 * negated NOT(ALL, x...) is the positive OR(x...) ("-(-a -b)").  With
 * default_or, a lone negated item applies to the whole list, as "a b -c"
 * means (a OR b) AND NOT c.  AND in AND and OR in OR are flattened; one
 * kid collapses to the kid.  "+" is accepted and changes nothing.  Filters
 * apply to the whole query wherever they stand; several intersect; a
 * date-only until: (YYYY-MM-DD) means the end of that day.  A query of
 * filters only has the root ALL.
 *
 * Repairs, each noted once in the warning: an unbalanced quote or an
 * unclosed "(" is closed at the end; a stray ")" is ignored; an operator
 * with nothing on one side, a lone "-" or "+", and an empty "field:",
 * "since:" or "until:" are dropped; "-" or NOT before a filter is ignored.
 * Errors are only DTL_ELIMIT (DTL_QUERY_MAX_BYTES, _TERMS and parentheses
 * nested deeper than _DEPTH, which is the only recursion), DTL_ESYNTAX for
 * an unreadable date, and DTL_ENOMEM.  Every loop step consumes at least
 * one byte, so the parse is linear in the length of the query.
 */
#include <config.h>
#include "query-int.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "analyse.h"
#include "buf.h"
#include "dateline/stamp.h"
#include "status.h"
#include "stem.h"
#include "stopword.h"
#include "banned.h"

/* ---- parser state and repairs ----------------------------------------- */

/* Repairs, in the order of note_text; each is reported once. */
enum qnote {
    NOTE_QUOTE,
    NOTE_PAREN,
    NOTE_STRAY,
    NOTE_OR,
    NOTE_AND,
    NOTE_NOT,
    NOTE_MINUS,
    NOTE_PLUS,
    NOTE_EMPTY_HEADLINE, /* indexed by field: keep in enum dtl_qfield */
    NOTE_EMPTY_TITLE,    /* order after ANY */
    NOTE_EMPTY_SOURCE,
    NOTE_EMPTY_SINCE,
    NOTE_EMPTY_UNTIL,
    NOTE_NEG_SINCE,
    NOTE_NEG_UNTIL
};

static const char *const note_text[] = {
    "unbalanced quote closed at end",
    "unclosed parenthesis closed at end",
    "stray ')' ignored",
    "dangling OR dropped",
    "dangling AND dropped",
    "dangling NOT dropped",
    "lone '-' dropped",
    "lone '+' dropped",
    "empty field headline: dropped",
    "empty field title: dropped",
    "empty field source: dropped",
    "empty since: dropped",
    "empty until: dropped",
    "negation of since: ignored",
    "negation of until: ignored",
};

struct qparser {
    const char *q; /* the query, q[0..n) */
    size_t n;
    size_t pos; /* next byte to read */
    dtl_analyser *a;
    int default_or;
    int stop;                /* default_or: drop function words */
    int64_t now;             /* for relative dates */
    struct dtl_query *query; /* being built; owns every node */
    struct dtl_buf warn;     /* notes so far, "; "-separated */
    unsigned notes;          /* bit per enum qnote already reported */
    size_t depth;            /* parentheses open around pos */
    size_t n_terms;          /* TERM nodes made so far */
    struct dtl_error *err;
};

static void
note(struct qparser *p, enum qnote k)
{
    if (p->notes & (1u << k))
        return;
    p->notes |= 1u << k;
    if (p->warn.len)
        dtl_buf_add(&p->warn, "; ", 2);
    dtl_buf_adds(&p->warn, note_text[k]);
}

/* ---- the lexer -------------------------------------------------------- */

enum qtok { T_END, T_LPAREN, T_RPAREN, T_QUOTE, T_OR, T_AND, T_NOT, T_TEXT };

/* Length of the white-space character at q[i] (ASCII, no-break and the
 * Unicode spaces U+2000..U+200B, U+202F, U+205F, U+3000), or 0. */
static size_t
space_len(const char *q, size_t n, size_t i)
{
    unsigned char c = (unsigned char)q[i];

    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    if (c == 0xC2 && n - i >= 2 && (unsigned char)q[i + 1] == 0xA0)
        return 2;
    if (n - i < 3)
        return 0;
    if (c == 0xE2 && (unsigned char)q[i + 1] == 0x80) {
        unsigned char d = (unsigned char)q[i + 2];
        if (d <= 0x8B || d == 0xAF)
            return 3;
    } else if (c == 0xE2 && (unsigned char)q[i + 1] == 0x81 &&
               (unsigned char)q[i + 2] == 0x9F) {
        return 3;
    } else if (c == 0xE3 && (unsigned char)q[i + 1] == 0x80 &&
               (unsigned char)q[i + 2] == 0x80) {
        return 3;
    }
    return 0;
}

/* Length of the quotation mark at q[i] ('"', U+201C, U+201D, U+201E), or
 * 0.  Typographic marks are what people paste from news pages. */
static size_t
quote_len(const char *q, size_t n, size_t i)
{
    if (q[i] == '"')
        return 1;
    if (n - i >= 3 && (unsigned char)q[i] == 0xE2 &&
        (unsigned char)q[i + 1] == 0x80) {
        unsigned char d = (unsigned char)q[i + 2];
        if (d >= 0x9C && d <= 0x9E)
            return 3;
    }
    return 0;
}

/* Does a word end before q[i]? */
static int
is_delim(const char *q, size_t n, size_t i)
{
    return i >= n || q[i] == '(' || q[i] == ')' || q[i] == '|' ||
           space_len(q, n, i) || quote_len(q, n, i);
}

/* Where the word starting at i ends. */
static size_t
text_end(const char *q, size_t n, size_t i)
{
    while (!is_delim(q, n, i))
        i++;
    return i;
}

static int
text_is(const char *q, size_t len, const char *word)
{
    return len == strlen(word) && memcmp(q, word, len) == 0;
}

/* The token at p->pos, after skipping white space and (outside any
 * group) stray ')'; *len gets its length in bytes.  Does not consume it. */
static enum qtok
peek(struct qparser *p, size_t *len)
{
    for (;;) {
        const char *s = p->q + p->pos;
        size_t k;

        *len = 0;
        if (p->pos >= p->n)
            return T_END;
        k = space_len(p->q, p->n, p->pos);
        if (k) {
            p->pos += k;
            continue;
        }
        *len = 1;
        if (*s == ')') {
            if (p->depth > 0)
                return T_RPAREN;
            note(p, NOTE_STRAY);
            p->pos++;
            continue;
        }
        if (*s == '(')
            return T_LPAREN;
        if (*s == '|')
            return T_OR;
        k = quote_len(p->q, p->n, p->pos);
        if (k) {
            *len = k;
            return T_QUOTE;
        }
        *len = text_end(p->q, p->n, p->pos) - p->pos;
        if (text_is(s, *len, "OR"))
            return T_OR;
        if (text_is(s, *len, "AND"))
            return T_AND;
        if (text_is(s, *len, "NOT"))
            return T_NOT;
        return T_TEXT;
    }
}

static int
starts_unary(enum qtok t)
{
    return t == T_TEXT || t == T_LPAREN || t == T_QUOTE || t == T_NOT;
}

/* ---- building nodes --------------------------------------------------- */

/* One operand of an AND list. */
struct qitem {
    struct dtl_qnode *node; /* NULL when the operand gave nothing */
    int neg;                /* under NOT or "-" */
    size_t group;           /* default_or: items joined by AND share it */
};

/* A growable array of items, in dtl_malloc'd memory (temporary). */
struct qitems {
    struct qitem *v;
    size_t n, cap;
};

static dtl_status
items_push(struct qitems *l, const struct qitem *it)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        struct qitem *v;

        if (cap > SIZE_MAX / sizeof(*v))
            return DTL_ENOMEM;
        v = dtl_realloc(l->v, cap * sizeof(*v));
        if (!v)
            return DTL_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *it;
    return DTL_OK;
}

/* Kids a positive contributes to an AND: an AND is spliced, ALL (which
 * matches everything) vanishes. */
static size_t
and_width(const struct dtl_qnode *k)
{
    if (k->op == DTL_QOP_AND)
        return k->n_kids;
    return k->op == DTL_QOP_ALL ? 0 : 1;
}

static void
and_splice(struct dtl_qnode *dst, struct dtl_qnode *k)
{
    size_t i;

    if (k->op == DTL_QOP_AND) {
        for (i = 0; i < k->n_kids; i++)
            dst->kids[dst->n_kids++] = k->kids[i];
    } else if (k->op != DTL_QOP_ALL) {
        dst->kids[dst->n_kids++] = k;
    }
}

/* Combine it[0..n) as an AND list: NOT(AND(positives), negatives), with
 * ALL for no positives.  A positive NOT is hoisted: its first kid joins
 * the positives and its other kids the negatives. */
static dtl_status
build_and(struct qparser *p, const struct qitem *it, size_t n,
          struct dtl_qnode **out)
{
    struct dtl_qnode *pos, *all, *res;
    size_t np = 0, nn = 0, i, j;

    *out = NULL;
    for (i = 0; i < n; i++) {
        const struct dtl_qnode *k = it[i].node;

        if (!k)
            continue;
        if (it[i].neg) {
            nn++;
        } else if (k->op == DTL_QOP_NOT) {
            np += and_width(k->kids[0]);
            nn += k->n_kids - 1;
        } else {
            np += and_width(k);
        }
    }
    if (np == 0 && nn == 0)
        return DTL_OK;
    all = dtl_query_node_new(p->query, DTL_QOP_AND, np);
    res = nn ? dtl_query_node_new(p->query, DTL_QOP_NOT, nn + 1) : NULL;
    if (!all || (nn && !res))
        return DTL_ENOMEM;
    if (res)
        res->n_kids = 1;
    for (i = 0; i < n; i++) {
        struct dtl_qnode *k = it[i].node;

        if (!k)
            continue;
        if (it[i].neg) {
            res->kids[res->n_kids++] = k;
        } else if (k->op == DTL_QOP_NOT) {
            and_splice(all, k->kids[0]);
            for (j = 1; j < k->n_kids; j++)
                res->kids[res->n_kids++] = k->kids[j];
        } else {
            and_splice(all, k);
        }
    }
    if (np == 0) {
        all->op = DTL_QOP_ALL;
        pos = all;
    } else {
        pos = np == 1 ? all->kids[0] : all;
    }
    if (!res) {
        *out = pos;
        return DTL_OK;
    }
    res->kids[0] = pos;
    *out = res;
    return DTL_OK;
}

/* Combine the non-NULL nodes of it[0..n) (negation ignored) with OR,
 * splicing ORs; NULL for none, the node itself for one. */
static dtl_status
build_or(struct qparser *p, const struct qitem *it, size_t n,
         struct dtl_qnode **out)
{
    struct dtl_qnode *res, *only = NULL;
    size_t w = 0, i, j;

    *out = NULL;
    for (i = 0; i < n; i++) {
        if (!it[i].node)
            continue;
        only = it[i].node;
        w += only->op == DTL_QOP_OR ? only->n_kids : 1;
    }
    if (w <= 1) {
        *out = only;
        return DTL_OK;
    }
    res = dtl_query_node_new(p->query, DTL_QOP_OR, w);
    if (!res)
        return DTL_ENOMEM;
    for (i = 0; i < n; i++) {
        struct dtl_qnode *k = it[i].node;

        if (!k)
            continue;
        if (k->op == DTL_QOP_OR) {
            for (j = 0; j < k->n_kids; j++)
                res->kids[res->n_kids++] = k->kids[j];
        } else {
            res->kids[res->n_kids++] = k;
        }
    }
    *out = res;
    return DTL_OK;
}

/* A lone positive free word that is a function word (src/stopword.c). */
static int
is_stop(const struct qparser *p, const struct qitem *it)
{
    const struct dtl_qnode *k = it->node;

    return !it->neg && k && k->op == DTL_QOP_TERM &&
           k->field == DTL_FIELD_ANY && !k->exact &&
           dtl_stopword_is(dtl_analyser_lang(p->a), k->term, k->term_len);
}

/* Does the list hold a positive item other than a lone function word?
 * Only then are function words dropped: "the who" stays as it is. */
static int
has_content(const struct qparser *p, const struct qitems *l)
{
    size_t i, j;

    for (i = 0; i < l->n; i = j) {
        for (j = i; j < l->n && l->v[j].group == l->v[i].group; j++)
            ;
        if (j - i > 1 || (!l->v[i].neg && !is_stop(p, &l->v[i])))
            return 1;
    }
    return 0;
}

/* default_or: each run of items joined by explicit AND is an AND list;
 * the lists are ORed, and a lone negated item excludes from all of them.
 * Items are in group order. */
static dtl_status
build_or_groups(struct qparser *p, const struct qitems *l,
                struct dtl_qnode **out)
{
    struct qitem *ors, *fin;
    size_t i = 0, n_or = 0, n_neg = 0, j;
    dtl_status st = DTL_OK;
    int drop;

    *out = NULL;
    /* ors[0..n) takes the ORed lists; fin[0] their OR, then fin[1..] the
     * negatives. */
    if (l->n > (SIZE_MAX - 1) / 2)
        return DTL_ENOMEM;
    ors = dtl_calloc(2 * l->n + 1, sizeof(*ors));
    if (!ors)
        return DTL_ENOMEM;
    fin = ors + l->n;
    drop = p->stop && has_content(p, l);
    while (i < l->n) {
        for (j = i; j < l->n && l->v[j].group == l->v[i].group; j++)
            ;
        if (j - i == 1 && drop && is_stop(p, &l->v[i])) {
            i = j;
            continue;
        }
        if (j - i == 1 && l->v[i].neg) {
            fin[1 + n_neg++] = l->v[i];
        } else {
            st = build_and(p, l->v + i, j - i, &ors[n_or].node);
            if (st)
                goto out;
            n_or++;
        }
        i = j;
    }
    st = build_or(p, ors, n_or, &fin[0].node);
    if (!st)
        st = build_and(p, fin, 1 + n_neg, out);
out:
    dtl_free(ors);
    return st;
}

/* ---- words ------------------------------------------------------------ */

/* Collects the tokens of one word or phrase as TERM nodes. */
struct qwords {
    struct qparser *p;
    size_t base; /* offset of the analysed text in the query */
    enum dtl_qfield field;
    struct dtl_qnode **v; /* dtl_malloc'd, nodes in the arena */
    size_t n, cap;
};

static dtl_status
on_token(void *ctx, const struct dtl_token *tok)
{
    struct qwords *w = ctx;
    struct qparser *p = w->p;
    struct dtl_qnode *k;

    if (p->n_terms >= DTL_QUERY_MAX_TERMS)
        return dtl_error_set(p->err, DTL_ELIMIT, w->base + tok->start,
                             "query has more than %d terms",
                             DTL_QUERY_MAX_TERMS);
    p->n_terms++;
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 8;
        struct dtl_qnode **v;

        if (cap > SIZE_MAX / sizeof(*v))
            return DTL_ENOMEM;
        v = dtl_realloc(w->v, cap * sizeof(*v));
        if (!v)
            return DTL_ENOMEM;
        w->v = v;
        w->cap = cap;
    }
    k = dtl_query_node_new(p->query, DTL_QOP_TERM, 0);
    if (!k)
        return DTL_ENOMEM;
    k->field = w->field;
    k->term = dtl_query_arena_strndup(p->query, tok->term, tok->term_len);
    k->stem = dtl_query_arena_strndup(p->query, tok->stem, tok->stem_len);
    if (!k->term || !k->stem)
        return DTL_ENOMEM;
    k->term_len = tok->term_len;
    k->stem_len = tok->stem_len;
    w->v[w->n++] = k;
    return DTL_OK;
}

/* The second and later passes over a word: the stems of its tokens in
 * one more language, in the order of the first pass. */
struct qalts {
    struct qwords *w;
    size_t lang;   /* index in the nodes' alts */
    size_t next;   /* next node */
};

static dtl_status
on_alt_token(void *ctx, const struct dtl_token *tok)
{
    struct qalts *x = ctx;
    struct dtl_qnode *k;
    struct dtl_qstem *q;

    if (x->next >= x->w->n)
        return DTL_EINTERNAL;   /* tokenising never depends on language */
    k = x->w->v[x->next++];
    q = &k->alts[x->lang];
    q->stem = dtl_query_arena_strndup(x->w->p->query, tok->stem,
                                      tok->stem_len);
    if (!q->stem)
        return DTL_ENOMEM;
    q->stem_len = tok->stem_len;
    return DTL_OK;
}

/* Stem the words of q[start..end) (already in w) in each of the
 * analyser's other languages too: k->alts.  Nothing to do for an index of
 * one language. */
static dtl_status
add_alts(struct qparser *p, struct qwords *w, size_t start, size_t end)
{
    size_t n_langs = 0, i, l;
    dtl_status st = DTL_OK;

    while (dtl_analyser_lang_at(p->a, n_langs + 1))
        n_langs++;
    if (n_langs == 0 || w->n == 0)
        return DTL_OK;
    for (i = 0; i < w->n; i++) {
        w->v[i]->alts = dtl_query_arena_alloc(
            p->query, n_langs * sizeof(struct dtl_qstem));
        if (!w->v[i]->alts)
            return DTL_ENOMEM;
        w->v[i]->n_alts = n_langs;
    }
    for (l = 0; l < n_langs && st == DTL_OK; l++) {
        const char *lang = dtl_analyser_lang_at(p->a, l + 1);
        struct qalts x = { w, l, 0 };

        st = dtl_analyser_use(p->a, lang);
        if (st == DTL_OK)
            st = dtl_analyse(p->a, p->q + start, end - start, on_alt_token,
                             &x);
        for (i = 0; i < w->n; i++)
            w->v[i]->alts[l].code = dtl_stem_code(lang);
    }
    dtl_analyser_use(p->a, NULL);
    return st;
}

/* Does stemming s[0..n) in the analyser's current language change it? */
static dtl_status
moves(struct qparser *p, const char *stem, size_t n, int *out)
{
    const char *t = NULL, *s = NULL;
    size_t tl = 0, sl = 0;
    dtl_status st;

    st = dtl_analyser_word(p->a, stem, n, &t, &tl, &s, &sl);
    if (st == DTL_OK)
        *out = !s || sl != n || memcmp(s, stem, sl) != 0;
    return st;
}

/* Does stemming k's stem change it?  (The index writes a word that is
 * its own stem once, and a query for the stem then also looks for the
 * word spelt like it; see the layout in index/xapian-shim.cc.) */
static dtl_status
stem_moves(struct qparser *p, struct dtl_qnode *k)
{
    dtl_status st = DTL_OK;
    size_t l;

    if (k->exact)
        return DTL_OK;
    if (k->stem_len != k->term_len ||
        memcmp(k->stem, k->term, k->term_len) != 0)
        st = moves(p, k->stem, k->stem_len, &k->stem_moves);
    for (l = 0; st == DTL_OK && l < k->n_alts; l++) {
        struct dtl_qstem *q = &k->alts[l];

        if (!q->stem || (q->stem_len == k->term_len &&
                         memcmp(q->stem, k->term, k->term_len) == 0))
            continue;
        st = dtl_analyser_use(p->a, dtl_analyser_lang_at(p->a, l + 1));
        if (st == DTL_OK)
            st = moves(p, q->stem, q->stem_len, &q->stem_moves);
    }
    dtl_analyser_use(p->a, NULL);
    return st;
}

/* Analyse q[start..end): nothing, a TERM (exact if `exact` or a source:
 * word), or a PHRASE of exact TERMs; with `split`, an OR of TERMs
 * instead of the PHRASE. */
static dtl_status
analyse_words(struct qparser *p, size_t start, size_t end,
              enum dtl_qfield field, int exact, int split,
              struct dtl_qnode **out)
{
    struct qwords w = { p, start, field, NULL, 0, 0 };
    struct dtl_qnode *ph;
    dtl_status st;
    size_t i;

    *out = NULL;
    st = dtl_analyse(p->a, p->q + start, end - start, on_token, &w);
    /* Exact words (phrases, source:) need no stems. */
    if (st == DTL_OK && !(w.n == 1 ? exact || field == DTL_FIELD_SOURCE
                                   : !split))
        st = add_alts(p, &w, start, end);
    if (st)
        goto out;
    if (w.n == 1) {
        w.v[0]->exact = exact || field == DTL_FIELD_SOURCE;
        st = stem_moves(p, w.v[0]);
        if (st)
            goto out;
        *out = w.v[0];
    } else if (w.n > 1) {
        ph = dtl_query_node_new(p->query, split ? DTL_QOP_OR
                                                : DTL_QOP_PHRASE, w.n);
        if (!ph) {
            st = DTL_ENOMEM;
            goto out;
        }
        ph->field = field;
        for (i = 0; i < w.n; i++) {
            w.v[i]->exact = !split;
            ph->kids[ph->n_kids++] = w.v[i];
        }
        *out = ph;
    }
out:
    dtl_free(w.v);
    return st;
}

/* ---- the grammar ------------------------------------------------------ */

static dtl_status or_expr(struct qparser *p, enum dtl_qfield field,
                          struct dtl_qnode **out);

/* word := bytes up to a delimiter.  p->pos is at a non-delimiter. */
static dtl_status
word(struct qparser *p, enum dtl_qfield field, struct dtl_qnode **out)
{
    size_t start = p->pos;

    p->pos = text_end(p->q, p->n, p->pos);
    /* Any-word queries take "Russia-Ukraine" as its words: a phrase would
     * demand them together, which is all-words' business. */
    return analyse_words(p, start, p->pos, field, 0,
                         p->default_or && field == DTL_FIELD_ANY, out);
}

/* Find the phrase opened at p->pos: *start..*end is its text, and p->pos
 * moves past the closing quote (to the end, noted, if there is none). */
static void
scan_quoted(struct qparser *p, size_t *start, size_t *end)
{
    size_t i, k;

    i = p->pos + quote_len(p->q, p->n, p->pos);
    *start = i;
    for (; i < p->n; i++) {
        k = quote_len(p->q, p->n, i);
        if (k) {
            *end = i;
            p->pos = i + k;
            return;
        }
    }
    note(p, NOTE_QUOTE);
    *end = p->n;
    p->pos = p->n;
}

/* phrase := QUOTE bytes QUOTE */
static dtl_status
phrase(struct qparser *p, enum dtl_qfield field, struct dtl_qnode **out)
{
    size_t start, end;

    scan_quoted(p, &start, &end);
    return analyse_words(p, start, end, field, 1, 0, out);
}

/* Is q[0..n) a bare date, YYYY-MM-DD? */
static int
is_bare_date(const char *q, size_t n)
{
    size_t i;

    if (n != 10 || q[4] != '-' || q[7] != '-')
        return 0;
    for (i = 0; i < n; i++)
        if (i != 4 && i != 7 && (q[i] < '0' || q[i] > '9'))
            return 0;
    return 1;
}

/* filter := ("since" | "until") ":" WHEN.  p->pos is just past the
 * colon.  Narrows the query's since or until. */
static dtl_status
filter(struct qparser *p, int is_until)
{
    const char *name = is_until ? "until" : "since";
    struct dtl_error terr = DTL_ERROR_INIT; /* replaced by our message */
    size_t start, end, shown;
    int64_t t;
    dtl_status st;

    if (p->pos < p->n && quote_len(p->q, p->n, p->pos)) {
        scan_quoted(p, &start, &end);
    } else {
        start = p->pos;
        end = p->pos = text_end(p->q, p->n, p->pos);
    }
    if (start == end) {
        note(p, is_until ? NOTE_EMPTY_UNTIL : NOTE_EMPTY_SINCE);
        return DTL_OK;
    }
    st = dtl_time_parse_user(p->q + start, end - start, p->now, &t, &terr);
    if (st == DTL_ESYNTAX) {
        /* Quote at most 40 bytes, cut at a character boundary. */
        shown = end - start > 40 ? 40 : end - start;
        while (shown < end - start && shown > 0 &&
               ((unsigned char)p->q[start + shown] & 0xC0) == 0x80)
            shown--;
        return dtl_error_set(p->err, DTL_ESYNTAX, start,
                             "%s: cannot read the date \"%.*s%s\" at "
                             "offset %zu (try 2025-12-02, "
                             "2025-12-02T10:00Z, 24h or 7d)",
                             name, (int)shown, p->q + start,
                             shown < end - start ? "..." : "", start);
    }
    if (st)
        return st;
    if (is_until) {
        /* until:2025-12-02 includes the whole of that day. */
        if (is_bare_date(p->q + start, end - start) && t <= INT64_MAX - 86399)
            t += 86399;
        if (p->query->until == DTL_TS_NONE || t < p->query->until)
            p->query->until = t;
    } else if (p->query->since == DTL_TS_NONE || t > p->query->since) {
        p->query->since = t;
    }
    return DTL_OK;
}

/* Length of the "name:" prefix at p->pos when name is a field or filter
 * (*kind: a dtl_qfield, or -1 since, -2 until), else 0. */
static size_t
prefix_name(const struct qparser *p, int *kind)
{
    static const struct {
        const char *name;
        int kind;
    } names[] = {
        { "headline", DTL_FIELD_HEADLINE },
        { "title", DTL_FIELD_TITLE },
        { "source", DTL_FIELD_SOURCE },
        { "since", -1 },
        { "until", -2 },
    };
    size_t i, j, len = 0;

    while (p->pos + len < p->n && len < 9) {
        char c = p->q[p->pos + len];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            break;
        len++;
    }
    if (len == 0 || p->pos + len >= p->n || p->q[p->pos + len] != ':')
        return 0;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strlen(names[i].name) != len)
            continue;
        for (j = 0; j < len; j++)
            if ((p->q[p->pos + j] | 0x20) != names[i].name[j])
                break;
        if (j == len) {
            *kind = names[i].kind;
            return len + 1;
        }
    }
    return 0;
}

/* Nothing usable at p->pos: the end, white space, ")" or "|". */
static int
at_gap(const struct qparser *p)
{
    return p->pos >= p->n || p->q[p->pos] == ')' || p->q[p->pos] == '|' ||
           space_len(p->q, p->n, p->pos);
}

/* group := "(" or_expr ")".  The one recursion, so the depth check. */
static dtl_status
group(struct qparser *p, enum dtl_qfield field, struct dtl_qnode **out)
{
    dtl_status st;
    size_t len;

    *out = NULL;
    if (p->depth >= DTL_QUERY_MAX_DEPTH)
        return dtl_error_set(p->err, DTL_ELIMIT, p->pos,
                             "parentheses nested deeper than %d",
                             DTL_QUERY_MAX_DEPTH);
    p->pos++;
    p->depth++;
    st = or_expr(p, field, out);
    if (st)
        return st;
    if (peek(p, &len) == T_RPAREN)
        p->pos++;
    else
        note(p, NOTE_PAREN);
    p->depth--;
    return DTL_OK;
}

/* primary := group | FIELD ":" primary | phrase | filter | word.
 * p->pos is at a non-delimiter or "(" or a quote.  *present is 0 for an
 * empty field (dropped), *is_filter 1 for since:, 2 for until:. */
static dtl_status
primary(struct qparser *p, enum dtl_qfield field, struct dtl_qnode **out,
        int *present, int *is_filter)
{
    size_t k;
    int kind;

    *out = NULL;
    *present = 1;
    *is_filter = 0;
    for (;;) {
        if (p->q[p->pos] == '(')
            return group(p, field, out);
        if (quote_len(p->q, p->n, p->pos))
            return phrase(p, field, out);
        k = prefix_name(p, &kind);
        if (!k)
            return word(p, field, out);
        p->pos += k;
        if (kind < 0) {
            *is_filter = -kind;
            return filter(p, kind == -2);
        }
        field = (enum dtl_qfield)kind;
        if (at_gap(p)) {
            note(p, NOTE_EMPTY_HEADLINE + (kind - DTL_FIELD_HEADLINE));
            *present = 0;
            return DTL_OK;
        }
    }
}

/* The OR of the negatives of k, a NOT(ALL, negatives...). */
static dtl_status
unnegate(struct qparser *p, const struct dtl_qnode *k, struct dtl_qnode **out)
{
    struct qitem *v;
    size_t i;
    dtl_status st;

    v = dtl_calloc(k->n_kids, sizeof(*v));
    if (!v)
        return DTL_ENOMEM;
    for (i = 1; i < k->n_kids; i++)
        v[i - 1].node = k->kids[i];
    st = build_or(p, v, k->n_kids - 1, out);
    dtl_free(v);
    return st;
}

/* unary := NOT unary | "-" primary | "+" primary | primary.  The chain of
 * NOTs is a loop (an even number cancels), so it needs no depth check.
 * *present is 0 when the operand was dropped. */
static dtl_status
unary(struct qparser *p, enum dtl_qfield field, struct qitem *it, int *present)
{
    enum qtok t;
    size_t len;
    int is_filter, neg = 0;
    char c;
    dtl_status st;

    it->node = NULL;
    it->neg = 0;
    *present = 0;
    t = peek(p, &len);
    while (t == T_NOT) {
        p->pos += len;
        neg = !neg;
        t = peek(p, &len);
        if (!starts_unary(t)) {
            note(p, NOTE_NOT);
            return DTL_OK;
        }
    }
    c = t == T_TEXT ? p->q[p->pos] : '\0';
    if (c == '-' || c == '+') {
        p->pos++;
        if (at_gap(p)) {
            note(p, c == '-' ? NOTE_MINUS : NOTE_PLUS);
            return DTL_OK;
        }
        if (c == '-')
            neg = !neg;
    }
    st = primary(p, field, &it->node, present, &is_filter);
    if (st)
        return st;
    if (neg && it->node && it->node->op == DTL_QOP_NOT &&
        it->node->kids[0]->op == DTL_QOP_ALL) {
        /* -(-a -b) is a OR b: NOT(ALL, ...) negated is the OR of its
         * negatives. */
        st = unnegate(p, it->node, &it->node);
        if (st)
            return st;
        neg = 0;
    }
    if (is_filter && neg)
        note(p, is_filter == 2 ? NOTE_NEG_UNTIL : NOTE_NEG_SINCE);
    it->neg = neg;
    return DTL_OK;
}

/* and_expr := unary (AND? unary)*.  *count is the number of operands
 * present (dropped ones excluded), to find dangling operators. */
static dtl_status
and_expr(struct qparser *p, enum dtl_qfield field, struct dtl_qnode **out,
         size_t *count)
{
    struct qitems l = { NULL, 0, 0 };
    struct qitem it;
    enum qtok t;
    size_t len;
    int joined = 0, present;
    dtl_status st = DTL_OK;

    *out = NULL;
    *count = 0;
    for (;;) {
        t = peek(p, &len);
        if (t == T_END || t == T_RPAREN || t == T_OR)
            break;
        if (t == T_AND) {
            p->pos += len;
            if (*count == 0 || !starts_unary(peek(p, &len)))
                note(p, NOTE_AND);
            else
                joined = 1;
            continue;
        }
        st = unary(p, field, &it, &present);
        if (st)
            goto out;
        *count += (size_t)present;
        if (it.node) {
            it.group = l.n == 0 ? 0 : l.v[l.n - 1].group + !joined;
            st = items_push(&l, &it);
            if (st)
                goto out;
        }
        joined = 0;
    }
    if (p->default_or)
        st = build_or_groups(p, &l, out);
    else
        st = build_and(p, l.v, l.n, out);
out:
    dtl_free(l.v);
    return st;
}

/* or_expr := and_expr (OR and_expr)* */
static dtl_status
or_expr(struct qparser *p, enum dtl_qfield field, struct dtl_qnode **out)
{
    struct qitems l = { NULL, 0, 0 };
    struct qitem it = { NULL, 0, 0 };
    size_t count, next, len;
    dtl_status st;

    *out = NULL;
    st = and_expr(p, field, &it.node, &count);
    if (st)
        goto out;
    st = items_push(&l, &it);
    while (!st && peek(p, &len) == T_OR) {
        p->pos += len;
        st = and_expr(p, field, &it.node, &next);
        if (st)
            goto out;
        if (count == 0 || next == 0)
            note(p, NOTE_OR);
        count = next;
        st = items_push(&l, &it);
    }
    if (!st)
        st = build_or(p, l.v, l.n, out);
out:
    dtl_free(l.v);
    return st;
}

/* query := or_expr END.  At depth 0 or_expr only stops at the end, since
 * peek() skips stray ')'. */
static dtl_status
query(struct qparser *p)
{
    struct dtl_query *q = p->query;
    dtl_status st;

    st = or_expr(p, DTL_FIELD_ANY, &q->root);
    if (st)
        return st;
    if (!q->root && (q->since != DTL_TS_NONE || q->until != DTL_TS_NONE)) {
        q->root = dtl_query_node_new(q, DTL_QOP_ALL, 0);
        if (!q->root)
            return DTL_ENOMEM;
    }
    if (dtl_buf_status(&p->warn))
        return dtl_buf_status(&p->warn);
    if (p->warn.len) {
        q->warning = dtl_query_arena_strndup(q, p->warn.p, p->warn.len);
        if (!q->warning)
            return DTL_ENOMEM;
    }
    return DTL_OK;
}

dtl_status
dtl_query_parse(const char *q, size_t n, dtl_analyser *a,
                const struct dtl_query_opts *opts, dtl_query **out,
                struct dtl_error *err)
{
    struct qparser p;
    dtl_status st;

    if (out)
        *out = NULL;
    if (!out || !a || (!q && n))
        return dtl_error_set(err, DTL_EINVAL, (size_t)-1,
                             "dtl_query_parse: NULL argument");
    if (n > DTL_QUERY_MAX_BYTES)
        return dtl_error_set(err, DTL_ELIMIT, DTL_QUERY_MAX_BYTES,
                             "query longer than %d bytes", DTL_QUERY_MAX_BYTES);
    memset(&p, 0, sizeof(p));
    p.q = q ? q : "";
    p.n = n;
    p.a = a;
    p.err = err;
    p.default_or = opts ? opts->default_or : 0;
    p.stop = p.default_or && a;
    p.now = opts && opts->now ? opts->now : (int64_t)time(NULL);
    dtl_buf_init(&p.warn);
    p.query = dtl_query_alloc();
    if (!p.query) {
        st = DTL_ENOMEM;
        goto out;
    }
    st = query(&p);
out:
    dtl_buf_release(&p.warn);
    if (st) {
        if (st == DTL_ENOMEM)
            dtl_error_set(err, st, p.pos, "out of memory");
        dtl_query_free(p.query);
        return st;
    }
    *out = p.query;
    return DTL_OK;
}
