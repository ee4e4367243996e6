/* Dateline: searching the index and turning hits into results.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements dtl_search() and the dtl_results accessors of
 * include/dateline/search.h for the programs.  Relies on the shim's
 * dtl_index_search() for matching and ranking, dtl_query_relax() for the
 * "most of the words" fallback, src/docdata.c to read each hit's stored
 * data and src/snippet.c for its passage, which marks the words of the
 * tree the index matched with (dtl_hits_tree(): synonyms included).
 *
 * A results object owns two blocks: an arena with every string of every
 * result (NUL-terminated, appended in turn) and one array with every
 * result's marks.  Both grow while the results are built, so the results
 * record offsets first and become pointers once both blocks are final.
 */
#include <config.h>
#include "dateline/search.h"

#include <string.h>

#include "alloc.h"
#include "analyse.h"
#include "buf.h"
#include "docdata.h"
#include "snippet.h"
#include "status.h"
#include "banned.h"

struct dtl_results {
    struct dtl_result *items;
    size_t n;
    uint64_t estimate;
    int relaxed;
    char *arena;       /* every string of every result */
    size_t *marks;     /* every result's mark pairs */
    char **missing;    /* shards left out, "NAME: why" (dtl_malloc'd) */
    size_t n_missing;
    uint64_t capped;   /* dtl_hits_capped() */
    uint64_t field_capped; /* dtl_hits_field_capped() */
};

/* Where a result's strings and marks are while the blocks still grow. */
struct offsets {
    size_t headline, title, source, snippet, marks, url;
};

static size_t
add_string(struct dtl_buf *arena, const char *p, size_t n)
{
    size_t at = arena->len;

    dtl_buf_add(arena, p, n);
    dtl_buf_addc(arena, '\0');
    return at;
}

/* Fill result i from hit h into the growing blocks; with snip_wanted, its
 * snippet marks the words of tree. */
static dtl_status
add_result(dtl_results *r, struct offsets *off, const struct dtl_hit *h,
           dtl_analyser *a, int snip_wanted, const struct dtl_qnode *tree,
           struct dtl_buf *arena, struct dtl_buf *marks,
           struct dtl_error *err)
{
    struct dtl_error derr = DTL_ERROR_INIT;
    struct dtl_result *res = &r->items[r->n];
    struct dtl_docdata dd;
    const char *text;
    size_t text_len, *mk = NULL, n_mk = 0;
    char *snip = NULL;
    dtl_status st;

    st = dtl_docdata_decode(h->data, h->data_len, &dd, &derr);
    if (st == DTL_ECORRUPT)
        return dtl_error_set(err, st, SIZE_MAX,
                             "entry %u of the index is damaged: %s",
                             h->docid, derr.msg);
    if (st != DTL_OK)
        return st;
    text = dd.body_len ? dd.body : dd.headline;
    text_len = dd.body_len ? dd.body_len : dd.headline_len;
    /* The entry's words are found in its own language. */
    if (snip_wanted && dd.lang_len)
        st = dtl_analyser_use(a, dtl_lang_from_tag(dd.lang, dd.lang_len));
    if (snip_wanted && st == DTL_OK)
        st = dtl_snippet_tree(a, tree, text, text_len, DTL_SNIPPET_MAX,
                              &snip, &mk, &n_mk);
    dtl_analyser_use(a, NULL);
    if (st != DTL_OK)
        goto out;

    off->headline = add_string(arena, dd.headline, dd.headline_len);
    off->title = add_string(arena, dd.title, dd.title_len);
    off->source = add_string(arena, dd.source, dd.source_len);
    off->snippet = add_string(arena, snip ? snip : "",
                              snip ? strlen(snip) : 0);
    off->url = add_string(arena, dd.url, dd.url_len);
    off->marks = marks->len / sizeof(size_t);
    dtl_buf_add(marks, mk, n_mk * 2 * sizeof(size_t));
    st = dtl_buf_status(arena);
    if (st == DTL_OK)
        st = dtl_buf_status(marks);
    if (st != DTL_OK)
        goto out;

    res->lang = dd.lang_len ? dtl_lang_from_tag(dd.lang, dd.lang_len) : NULL;
    if (!res->lang)
        res->lang = dtl_analyser_lang(a);
    res->ts = h->ts != DTL_TS_NONE ? h->ts : dd.ts;
    res->is_lead = dd.is_lead;
    res->score = h->score;
    res->relevance = h->relevance;
    res->collapsed = h->collapsed;
    res->docid = h->docid;
    res->n_marks = n_mk;
    r->n++;
out:
    dtl_free_string(snip);
    dtl_free_marks(mk);
    dtl_docdata_release(&dd);
    return st;
}

/* Copy the names of the shards the search left out. */
static dtl_status
copy_missing(dtl_results *r, const dtl_hits *hits)
{
    size_t i, n = dtl_hits_missing_count(hits);

    if (n == 0)
        return DTL_OK;
    r->missing = dtl_calloc(n, sizeof(*r->missing));
    if (!r->missing)
        return DTL_ENOMEM;
    for (i = 0; i < n; i++) {
        const char *m = dtl_hits_missing(hits, i);
        size_t len = strlen(m);

        r->missing[i] = dtl_malloc(len + 1);
        if (!r->missing[i])
            return DTL_ENOMEM;
        memcpy(r->missing[i], m, len + 1);
        r->n_missing++;
    }
    return DTL_OK;
}

/* Turn hits into a results object. */
static dtl_status
build(const dtl_hits *hits, dtl_analyser *a, const dtl_query *q,
      int relaxed, dtl_results **out, struct dtl_error *err)
{
    struct dtl_buf arena = DTL_BUF_INIT, marks = DTL_BUF_INIT;
    struct offsets *off = NULL;
    dtl_results *r;
    size_t i, n = dtl_hits_count(hits);
    dtl_status st = DTL_OK;

    r = dtl_calloc(1, sizeof(*r));
    if (!r)
        return DTL_ENOMEM;
    r->estimate = dtl_hits_estimate(hits);
    r->relaxed = relaxed;
    r->capped = dtl_hits_capped(hits);
    r->field_capped = dtl_hits_field_capped(hits);
    st = copy_missing(r, hits);
    if (st != DTL_OK)
        goto out;
    r->items = dtl_calloc(n, sizeof(*r->items));
    off = dtl_calloc(n, sizeof(*off));
    if (!r->items || !off)
        st = DTL_ENOMEM;
    for (i = 0; i < n && st == DTL_OK; i++)
        st = add_result(r, &off[i], dtl_hits_get(hits, i), a, q != NULL,
                        dtl_hits_tree(hits), &arena, &marks, err);
    if (st != DTL_OK)
        goto out;
    r->arena = dtl_buf_detach(&arena, NULL);
    if (!r->arena) {
        st = DTL_ENOMEM;
        goto out;
    }
    if (marks.len) {
        r->marks = (size_t *)(void *)dtl_buf_detach(&marks, NULL);
        if (!r->marks) {
            st = DTL_ENOMEM;
            goto out;
        }
    }
    for (i = 0; i < r->n; i++) {
        struct dtl_result *res = &r->items[i];

        res->headline = r->arena + off[i].headline;
        res->title = r->arena + off[i].title;
        res->source = r->arena + off[i].source;
        res->snippet = r->arena + off[i].snippet;
        res->url = r->arena + off[i].url;
        res->marks = res->n_marks ? r->marks + off[i].marks : NULL;
    }
out:
    dtl_free(off);
    dtl_buf_release(&arena);
    dtl_buf_release(&marks);
    if (st != DTL_OK) {
        if (st == DTL_ENOMEM)
            dtl_error_set(err, st, SIZE_MAX, "out of memory");
        dtl_results_free(r);
        r = NULL;
    }
    *out = r;
    return st;
}

dtl_status
dtl_search(dtl_index *ix, dtl_analyser *a, const dtl_query *q,
           const struct dtl_search_opts *o, dtl_results **out,
           struct dtl_error *err)
{
    struct dtl_search_opts defaults;
    dtl_hits *hits = NULL, *more = NULL;
    dtl_query *relaxed = NULL;
    const dtl_query *used = q;
    dtl_status st;

    if (out)
        *out = NULL;
    if (!ix || !a || !q || !out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_search: no index, analyser, query or "
                             "result");
    if (!o) {
        dtl_search_opts_init(&defaults);
        o = &defaults;
    }
    st = dtl_index_search(ix, q, o, &hits, err);
    if (st != DTL_OK)
        goto out;
    /* Nothing has all the words: offer the entries with most of them,
     * on the first page of results only. */
    if (dtl_hits_count(hits) == 0 && o->offset == 0) {
        st = dtl_query_relax(q, &relaxed);
        if (st == DTL_ENOTFOUND) {
            st = DTL_OK;
        } else if (st == DTL_OK) {
            st = dtl_index_search(ix, relaxed, o, &more, err);
            if (st == DTL_OK && dtl_hits_count(more) > 0) {
                dtl_hits_free(hits);
                hits = more;
                more = NULL;
                used = relaxed;
            }
        }
        if (st != DTL_OK)
            goto out;
    }
    st = build(hits, a, o->no_snippet ? NULL : used, used == relaxed, out,
               err);
out:
    if (st == DTL_ENOMEM)
        dtl_error_set(err, st, SIZE_MAX, "out of memory");
    dtl_hits_free(more);
    dtl_hits_free(hits);
    dtl_query_free(relaxed);
    return st;
}

size_t
dtl_results_count(const dtl_results *r)
{
    return r ? r->n : 0;
}

const struct dtl_result *
dtl_results_get(const dtl_results *r, size_t i)
{
    return r && i < r->n ? &r->items[i] : NULL;
}

uint64_t
dtl_results_estimate(const dtl_results *r)
{
    return r ? r->estimate : 0;
}

int
dtl_results_relaxed(const dtl_results *r)
{
    return r ? r->relaxed : 0;
}

size_t
dtl_results_missing_count(const dtl_results *r)
{
    return r ? r->n_missing : 0;
}

const char *
dtl_results_missing(const dtl_results *r, size_t i)
{
    return r && i < r->n_missing ? r->missing[i] : NULL;
}

uint64_t
dtl_results_capped(const dtl_results *r)
{
    return r ? r->capped : 0;
}

uint64_t
dtl_results_field_capped(const dtl_results *r)
{
    return r ? r->field_capped : 0;
}

void
dtl_results_free(dtl_results *r)
{
    size_t i;

    if (!r)
        return;
    for (i = 0; i < r->n_missing; i++)
        dtl_free(r->missing[i]);
    dtl_free(r->missing);
    dtl_free(r->items);
    dtl_free(r->arena);
    dtl_free(r->marks);
    dtl_free(r);
}
