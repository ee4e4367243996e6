/* Dateline fuzz target: the query parser, dump and relax.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each input is parsed as a query twice (AND and OR by default), and every
 * query parsed is dumped, relaxed and checked for the tree's invariants:
 * a broken invariant aborts, so the fuzzer reports it.  The English
 * analyser is made once and kept for the whole run.
 */
#include <config.h>
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "dateline/analyser.h"
#include "dateline/query.h"

#define MAX_INPUT (64 * 1024)

static dtl_analyser *an;

/* Walk the tree: every node well formed; returns the TERM count. */
static size_t
check_node(const struct dtl_qnode *k, int depth)
{
    size_t i, terms = 0;

    if (!k || depth > 4 * DTL_QUERY_MAX_DEPTH + 8)
        abort();
    switch (k->op) {
    case DTL_QOP_TERM:
        if (!k->term || !k->stem || k->term_len == 0 || k->n_kids ||
            strlen(k->term) != k->term_len)
            abort();
        return 1;
    case DTL_QOP_PHRASE:
        if (k->n_kids < 2)
            abort();
        for (i = 0; i < k->n_kids; i++)
            if (k->kids[i]->op != DTL_QOP_TERM || !k->kids[i]->exact)
                abort();
        return k->n_kids;
    case DTL_QOP_AND:
    case DTL_QOP_OR:
    case DTL_QOP_NOT:
        if (k->n_kids < 2)
            abort();
        for (i = 0; i < k->n_kids; i++) {
            /* Flattened: no AND in AND, no OR in OR. */
            if (k->op != DTL_QOP_NOT && k->kids[i]->op == k->op)
                abort();
            if (k->kids[i]->op == DTL_QOP_ALL &&
                (k->op != DTL_QOP_NOT || i != 0))
                abort();
            terms += check_node(k->kids[i], depth + 1);
        }
        return terms;
    case DTL_QOP_ALL:
        if (k->n_kids)
            abort();
        return 0;
    }
    abort();
}

static void
check_query(const dtl_query *q)
{
    const struct dtl_qnode *root = dtl_query_root(q);
    char *s = NULL;

    if (root && check_node(root, 0) > DTL_QUERY_MAX_TERMS)
        abort();
    if (dtl_query_warning(q) == NULL)
        abort();
    if (dtl_query_dump(q, &s) != DTL_OK || !s)
        abort();
    dtl_free_string(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dtl_query_opts opts = { 1764676800, 0 };
    int mode;

    if (size > MAX_INPUT)
        return 0;
    if (!an && dtl_analyser_new("english", &an, NULL) != DTL_OK)
        return 0;
    for (mode = 0; mode < 2; mode++) {
        struct dtl_error err = DTL_ERROR_INIT;
        dtl_query *q = NULL, *r = NULL;
        dtl_status st;

        opts.default_or = mode;
        st = dtl_query_parse((const char *)data, size, an, &opts, &q, &err);
        if (st != DTL_OK) {
            if (q || (st != DTL_ELIMIT && st != DTL_ESYNTAX) || err.code != st)
                abort();
            continue;
        }
        check_query(q);
        st = dtl_query_relax(q, &r);
        if (st == DTL_OK)
            check_query(r);
        else if (st != DTL_ENOTFOUND || r)
            abort();
        dtl_query_free(r);
        dtl_query_free(q);
    }
    return 0;
}
