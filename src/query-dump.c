/* Dateline: the query object: storage, accessors, dumps and relaxing.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Everything about a query once it exists; src/query.c builds them.  A
 * query keeps its nodes, kid arrays and strings in an arena of chunks (see
 * query-int.h), so freeing it is a walk over a short list.
 *
 * dtl_query_dump() prints a tree as one S-expression; unit tests,
 * `dtl-test-tool parse-query` and the programs' explain output compare it
 * with expected text, so the format is fixed:
 *
 *   (TERM any "trainers" ~"trainer")     stemmed: folded word, then stem
 *   (TERM source ="newsweek")            exact: the folded word only
 *   (PHRASE headline "us" "ambassador")  the words of the phrase
 *   (AND k...) (OR k...) (NOT positive negative...) (ALL)
 *
 * with fields any|headline|title|source, then " since=<ISO 8601>" and
 * " until=<ISO 8601>" when set; an empty query is "(EMPTY)".  Inside the
 * quotes '"' and '\' are escaped with '\' and control bytes as \xNN.
 *
 * dtl_query_relax() copies a query into a new arena with its top-level AND
 * turned into OR, for the search front ends' fallback when every-word
 * matching finds nothing.  Relies on src/alloc.c, src/buf.c and
 * dtl_time_format_iso().
 */
#include <config.h>
#include "query-int.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "dateline/stamp.h"
#include "banned.h"

/* ---- the arena -------------------------------------------------------- */

#define ARENA_ALIGN alignof(max_align_t)
#define ARENA_CHUNK 4096
/* Chunk header rounded up so that data starts aligned. */
#define ARENA_HEAD \
    ((sizeof(struct dtl_qchunk) + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1))

struct dtl_query *
dtl_query_alloc(void)
{
    struct dtl_query *q = dtl_calloc(1, sizeof(*q));

    if (!q)
        return NULL;
    q->since = DTL_TS_NONE;
    q->until = DTL_TS_NONE;
    q->warning = dtl_query_arena_strndup(q, "", 0);
    if (!q->warning) {
        dtl_query_free(q);
        return NULL;
    }
    return q;
}

void *
dtl_query_arena_alloc(struct dtl_query *q, size_t size)
{
    struct dtl_qchunk *c = q->arena;
    void *mem;

    if (size > SIZE_MAX - ARENA_HEAD - ARENA_ALIGN)
        return NULL;
    size = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (!c || c->cap - c->used < size) {
        size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;

        c = dtl_malloc(ARENA_HEAD + cap);
        if (!c)
            return NULL;
        c->cap = cap;
        c->used = 0;
        c->next = q->arena;
        q->arena = c;
    }
    mem = (char *)c + ARENA_HEAD + c->used;
    c->used += size;
    memset(mem, 0, size);
    return mem;
}

char *
dtl_query_arena_strndup(struct dtl_query *q, const char *p, size_t n)
{
    char *s;

    if (n == SIZE_MAX)
        return NULL;
    s = dtl_query_arena_alloc(q, n + 1);
    if (!s)
        return NULL;
    if (n)
        memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

struct dtl_qnode *
dtl_query_node_new(struct dtl_query *q, enum dtl_qop op, size_t cap)
{
    struct dtl_qnode *k = dtl_query_arena_alloc(q, sizeof(*k));

    if (!k)
        return NULL;
    k->op = op;
    k->field = DTL_FIELD_ANY;
    if (cap) {
        if (cap > SIZE_MAX / sizeof(*k->kids))
            return NULL;
        k->kids = dtl_query_arena_alloc(q, cap * sizeof(*k->kids));
        if (!k->kids)
            return NULL;
    }
    return k;
}

void
dtl_query_free(dtl_query *q)
{
    struct dtl_qchunk *c, *next;

    if (!q)
        return;
    for (c = q->arena; c; c = next) {
        next = c->next;
        dtl_free(c);
    }
    dtl_free(q);
}

const struct dtl_qnode *
dtl_query_root(const dtl_query *q)
{
    return q ? q->root : NULL;
}

int64_t
dtl_query_since(const dtl_query *q)
{
    return q ? q->since : DTL_TS_NONE;
}

int64_t
dtl_query_until(const dtl_query *q)
{
    return q ? q->until : DTL_TS_NONE;
}

const char *
dtl_query_warning(const dtl_query *q)
{
    return q && q->warning ? q->warning : "";
}

/* ---- dumps ----------------------------------------------------------- */

static const char *
field_name(enum dtl_qfield f)
{
    switch (f) {
    case DTL_FIELD_ANY:
        return "any";
    case DTL_FIELD_HEADLINE:
        return "headline";
    case DTL_FIELD_TITLE:
        return "title";
    case DTL_FIELD_SOURCE:
        return "source";
    }
    return "?";
}

/* Append p[0..n) as a quoted string. */
static void
add_quoted(struct dtl_buf *b, const char *p, size_t n)
{
    size_t i, run = 0;

    dtl_buf_addc(b, '"');
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];

        if (c != '"' && c != '\\' && c >= 0x20 && c != 0x7F)
            continue;
        dtl_buf_add(b, p + run, i - run);
        if (c == '"' || c == '\\') {
            dtl_buf_addc(b, '\\');
            dtl_buf_addc(b, (char)c);
        } else {
            dtl_buf_addf(b, "\\x%02X", c);
        }
        run = i + 1;
    }
    dtl_buf_add(b, p + run, n - run);
    dtl_buf_addc(b, '"');
}

static const char *
op_name(enum dtl_qop op)
{
    switch (op) {
    case DTL_QOP_TERM:
        return "TERM";
    case DTL_QOP_PHRASE:
        return "PHRASE";
    case DTL_QOP_AND:
        return "AND";
    case DTL_QOP_OR:
        return "OR";
    case DTL_QOP_NOT:
        return "NOT";
    case DTL_QOP_ALL:
        return "ALL";
    }
    return "?";
}

/* Recursion is bounded by the tree's depth, which the parser caps
 * (DTL_QUERY_MAX_DEPTH groups, a few levels each). */
static void
dump_node(struct dtl_buf *b, const struct dtl_qnode *k)
{
    size_t i;

    dtl_buf_addc(b, '(');
    dtl_buf_adds(b, op_name(k->op));
    switch (k->op) {
    case DTL_QOP_TERM:
        dtl_buf_addc(b, ' ');
        dtl_buf_adds(b, field_name(k->field));
        dtl_buf_addc(b, ' ');
        if (k->exact) {
            dtl_buf_addc(b, '=');
            add_quoted(b, k->term, k->term_len);
        } else {
            add_quoted(b, k->term, k->term_len);
            dtl_buf_add(b, " ~", 2);
            add_quoted(b, k->stem, k->stem_len);
            for (i = 0; i < k->n_alts; i++) {
                dtl_buf_addc(b, ' ');
                dtl_buf_adds(b, k->alts[i].code);
                dtl_buf_addc(b, '~');
                add_quoted(b, k->alts[i].stem ? k->alts[i].stem : "",
                           k->alts[i].stem_len);
            }
        }
        break;
    case DTL_QOP_PHRASE:
        dtl_buf_addc(b, ' ');
        dtl_buf_adds(b, field_name(k->field));
        for (i = 0; i < k->n_kids; i++) {
            dtl_buf_addc(b, ' ');
            if (k->kids[i]->op == DTL_QOP_TERM)
                add_quoted(b, k->kids[i]->term, k->kids[i]->term_len);
            else
                dump_node(b, k->kids[i]);
        }
        break;
    case DTL_QOP_AND:
    case DTL_QOP_OR:
    case DTL_QOP_NOT:
        for (i = 0; i < k->n_kids; i++) {
            dtl_buf_addc(b, ' ');
            dump_node(b, k->kids[i]);
        }
        break;
    case DTL_QOP_ALL:
        break;
    }
    dtl_buf_addc(b, ')');
}

dtl_status
dtl_query_dump(const dtl_query *q, char **out)
{
    struct dtl_buf b = DTL_BUF_INIT;
    char when[40];

    if (!out)
        return DTL_EINVAL;
    *out = NULL;
    if (!q)
        return DTL_EINVAL;
    if (q->root)
        dump_node(&b, q->root);
    else
        dtl_buf_adds(&b, "(EMPTY)");
    if (q->since != DTL_TS_NONE) {
        dtl_buf_adds(&b, " since=");
        dtl_buf_adds(&b, dtl_time_format_iso(q->since, when, sizeof(when)));
    }
    if (q->until != DTL_TS_NONE) {
        dtl_buf_adds(&b, " until=");
        dtl_buf_adds(&b, dtl_time_format_iso(q->until, when, sizeof(when)));
    }
    *out = dtl_buf_detach(&b, NULL);
    return *out ? DTL_OK : DTL_ENOMEM;
}

const char *
dtl_qnode_stem(const struct dtl_qnode *k, const char *code, size_t *len,
               int *moves)
{
    size_t i;

    if (code && *code)
        for (i = 0; i < k->n_alts; i++)
            if (k->alts[i].stem && strcmp(k->alts[i].code, code) == 0) {
                if (len)
                    *len = k->alts[i].stem_len;
                if (moves)
                    *moves = k->alts[i].stem_moves;
                return k->alts[i].stem;
            }
    if (len)
        *len = k->stem_len;
    if (moves)
        *moves = k->stem_moves;
    return k->stem;
}

void
dtl_free_string(char *s)
{
    dtl_free(s);
}

/* Deep-copy k into q's arena. */
static struct dtl_qnode *
copy_node(struct dtl_query *q, const struct dtl_qnode *k)
{
    struct dtl_qnode *c = dtl_query_node_new(q, k->op, k->n_kids);
    size_t i;

    if (!c)
        return NULL;
    c->field = k->field;
    c->exact = k->exact;
    c->stem_moves = k->stem_moves;
    if (k->term) {
        c->term = dtl_query_arena_strndup(q, k->term, k->term_len);
        c->term_len = k->term_len;
        if (!c->term)
            return NULL;
    }
    if (k->stem) {
        c->stem = dtl_query_arena_strndup(q, k->stem, k->stem_len);
        c->stem_len = k->stem_len;
        if (!c->stem)
            return NULL;
    }
    if (k->n_alts) {
        c->alts = dtl_query_arena_alloc(q, k->n_alts * sizeof(*c->alts));
        if (!c->alts)
            return NULL;
        for (i = 0; i < k->n_alts; i++) {
            c->alts[i] = k->alts[i];
            if (k->alts[i].stem) {
                c->alts[i].stem = dtl_query_arena_strndup(
                    q, k->alts[i].stem, k->alts[i].stem_len);
                if (!c->alts[i].stem)
                    return NULL;
            }
        }
        c->n_alts = k->n_alts;
    }
    for (i = 0; i < k->n_kids; i++) {
        c->kids[i] = copy_node(q, k->kids[i]);
        if (!c->kids[i])
            return NULL;
        c->n_kids++;
    }
    return c;
}

/* OR of copies of conj's kids, splicing kids that are ORs themselves. */
static struct dtl_qnode *
relax_and(struct dtl_query *q, const struct dtl_qnode *conj)
{
    struct dtl_qnode *disj;
    size_t i, j, w = 0;

    for (i = 0; i < conj->n_kids; i++)
        w += conj->kids[i]->op == DTL_QOP_OR ? conj->kids[i]->n_kids : 1;
    disj = dtl_query_node_new(q, DTL_QOP_OR, w);
    if (!disj)
        return NULL;
    for (i = 0; i < conj->n_kids; i++) {
        const struct dtl_qnode *k = conj->kids[i];
        size_t n = k->op == DTL_QOP_OR ? k->n_kids : 1;

        for (j = 0; j < n; j++) {
            disj->kids[disj->n_kids] =
                copy_node(q, k->op == DTL_QOP_OR ? k->kids[j] : k);
            if (!disj->kids[disj->n_kids])
                return NULL;
            disj->n_kids++;
        }
    }
    return disj;
}

dtl_status
dtl_query_relax(const dtl_query *q, dtl_query **out)
{
    const struct dtl_qnode *root, *conj = NULL;
    struct dtl_query *r;
    size_t i;

    if (!out)
        return DTL_EINVAL;
    *out = NULL;
    if (!q)
        return DTL_EINVAL;
    root = q->root;
    if (root && root->op == DTL_QOP_AND && root->n_kids >= 2)
        conj = root;
    else if (root && root->op == DTL_QOP_NOT &&
             root->kids[0]->op == DTL_QOP_AND && root->kids[0]->n_kids >= 2)
        conj = root->kids[0];
    if (!conj)
        return DTL_ENOTFOUND;
    r = dtl_query_alloc();
    if (!r)
        return DTL_ENOMEM;
    r->since = q->since;
    r->until = q->until;
    r->warning = dtl_query_arena_strndup(r, q->warning, strlen(q->warning));
    if (!r->warning)
        goto nomem;
    if (conj == root) {
        r->root = relax_and(r, conj);
        if (!r->root)
            goto nomem;
    } else {
        r->root = dtl_query_node_new(r, DTL_QOP_NOT, root->n_kids);
        if (!r->root)
            goto nomem;
        r->root->kids[0] = relax_and(r, conj);
        if (!r->root->kids[0])
            goto nomem;
        for (i = 1; i < root->n_kids; i++) {
            r->root->kids[i] = copy_node(r, root->kids[i]);
            if (!r->root->kids[i])
                goto nomem;
        }
        r->root->n_kids = root->n_kids;
    }
    *out = r;
    return DTL_OK;
nomem:
    dtl_query_free(r);
    return DTL_ENOMEM;
}
