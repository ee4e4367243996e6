/* Dateline tests: the index shim (writing pages, matching, ranking).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Builds a tiny fixed index in a temporary directory through the public
 * API, with terms made the way the indexer makes them (see the layout at
 * the top of index/xapian-shim.cc), and searches it with hand-built query
 * trees through dtl_index_search_tree().  Rankings are checked as orders
 * of entries on the fixed corpus, never as raw scores.  The test's own
 * "stemmer" only strips a plural s: the shim does not care where stems
 * come from, only that documents and queries agree.
 */
#include <config.h>

#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dateline/analyser.h"
#include "dateline/index.h"
#include "dateline/query.h"
#include "dateline/stamp.h"
#include "../../index/shim.h"
#include "alloc.h"
#include "buf.h"
#include "dateline/admin.h"
#include "docdata.h"
#include "layout.h"
#include "tap.h"

#define NOW ((int64_t)1764668760)   /* 2025-12-02T09:46:00Z */
#define HOUR ((int64_t)3600)
#define DAY ((int64_t)86400)
#define BULK 300   /* entries of the page the concurrency test rewrites */

static char dir[64];
static char ix_path[128];

/* ---- building documents as the indexer does ------------------------- */

struct entry {
    const char *id, *page, *title, *headline, *body;
    int64_t ts;
};

#define PAGE_A "https://news.example/live/world-blog"
#define PAGE_B "https://news.example/history/ceasefires"
#define PAGE_C "https://news.example/politics/budget-vote"
#define PAGE_D "https://news.example/markets/oil"
#define PAGE_E "https://news.example/world/geneva-summit"
#define PAGE_F "https://news.example/politics/budget-plan"

static const struct entry corpus[] = {
    {"a1", PAGE_A, "World news live", "Ceasefire talks resume",
     "Negotiators met in Geneva for ceasefire talks on Tuesday.",
     NOW - 1 * HOUR},
    {"a2", PAGE_A, "World news live", "Prime minister speaks",
     "The prime minister said the ceasefire must hold.", NOW - 3 * HOUR},
    {"a3", PAGE_A, "World news live", "Markets rally",
     "Stocks rose sharply as oil prices fell.", NOW - 5 * HOUR},
    {"b1", PAGE_B, "Article", "Ceasefire ceasefire ceasefire: a history",
     "A long history of ceasefire talks and ceasefire agreements.",
     NOW - 400 * DAY},
    {"c1", PAGE_C, "Politics live", "Budget vote delayed",
     "Parliament delayed the budget vote.", NOW - 2 * DAY},
    {"d1", PAGE_D, "Article", "Oil prices",
     "Oil prices fell on ceasefire hopes.", DTL_TS_NONE},
    {"e1", PAGE_E, "Article", "Geneva summit",
     "Leaders meet in Geneva. Minister prime.", NOW - 10 * DAY},
    {"f1", PAGE_F, "Article", "Budget plan",
     "The budget plan was published.", NOW - 30 * DAY},
    {NULL, NULL, NULL, NULL, NULL, 0}
};

/* The test's stemmer: drop a plural s (not from "ss" or short words). */
static size_t
stem_len(const char *w, size_t n)
{
    if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's')
        return n - 1;
    return n;
}

/* One term, at pos (0: none), its wdf raised by wdf (0 or 1). */
static void
add(dtl_doc *d, const char *pfx, const char *w, size_t n, unsigned pos,
    unsigned wdf)
{
    char t[128];
    int len = snprintf(t, sizeof(t), "%s%.*s", pfx, (int)n, w);

    if (pos && wdf)
        dtl_doc_add_posting(d, t, (size_t)len, pos);
    else if (pos)
        dtl_doc_add_position(d, t, (size_t)len, pos);
    else
        dtl_doc_add_term(d, t, (size_t)len, wdf);
}

/* Index the words of text: raw (with raw_pfx, and also with pfx2 when
 * given) at positions from *pos, stems that differ from their word with
 * each stem prefix.  The raw word and its stem get wdf (1 for the text's
 * own words, 0 for the field copies of title and source); the pfx2 and
 * stem_pfx2 copies (headline again) get 0, as the indexer gives them.
 * (The indexer writes no positions; the shim answers phrases with
 * OP_PHRASE when an index has them, as this one does.) */
static void
add_text(dtl_doc *d, const char *text, unsigned *pos, const char *raw_pfx,
         const char *pfx2, const char *stem_pfx, const char *stem_pfx2,
         unsigned wdf)
{
    const char *p = text;

    while (*p) {
        char w[64];
        size_t n = 0;

        while (*p && !isalnum((unsigned char)*p))
            p++;
        while (isalnum((unsigned char)*p) && n < sizeof(w))
            w[n++] = (char)tolower((unsigned char)*p++);
        if (n == 0)
            break;
        add(d, raw_pfx, w, n, *pos, wdf);
        if (pfx2)
            add(d, pfx2, w, n, *pos, 0);
        /* Layout 3: a word that is its own stem is not written again
         * as a stem. */
        if (stem_pfx && stem_len(w, n) != n)
            add(d, stem_pfx, w, stem_len(w, n), 0, wdf);
        if (stem_pfx2 && stem_len(w, n) != n)
            add(d, stem_pfx2, w, stem_len(w, n), 0, 0);
        (*pos)++;
    }
}

/* carrier: the entry gets its page's title terms (layout 5: the entry
 * of the page whose id sorts last); every entry gets its source terms. */
static dtl_doc *
make_doc(const struct entry *e, int carrier)
{
    dtl_doc *d = NULL;
    unsigned pos = 1;
    char data[512];
    int n;

    if (dtl_doc_new(&d) != DTL_OK)
        return NULL;
    add_text(d, e->headline, &pos, "", DTL_PFX_HEADLINE, DTL_PFX_STEM,
             DTL_PFX_STEM DTL_PFX_HEADLINE, 1);
    pos += DTL_POS_GAP;
    add_text(d, e->body, &pos, "", NULL, DTL_PFX_STEM, NULL, 1);
    pos = 1;
    if (carrier)
        add_text(d, e->title, &pos, DTL_PFX_TITLE, NULL,
                 DTL_PFX_STEM DTL_PFX_TITLE, NULL, 0);
    pos = 1;
    add_text(d, e->page, &pos, DTL_PFX_SOURCE, NULL, NULL, NULL, 0);
    dtl_doc_set_unique(d, e->id, strlen(e->id));
    dtl_doc_set_page_key(d, e->page, strlen(e->page));
    dtl_doc_set_time(d, e->ts);
    n = snprintf(data, sizeof(data), "id=%s\nheadline=%s\n", e->id,
                 e->headline);
    dtl_doc_set_data(d, data, (size_t)n);
    return d;
}

/* Write all entries of page (from list) with the given hash. */
static dtl_status
write_page(dtl_index *ix, const struct entry *list, const char *page,
           const char *hash, int *changed, struct dtl_error *err)
{
    dtl_doc *docs[16] = {NULL};
    const char *last = NULL;
    size_t n = 0, i;
    dtl_status st;

    for (i = 0; list[i].id; i++)
        if (strcmp(list[i].page, page) == 0 &&
            (!last || strcmp(list[i].id, last) > 0))
            last = list[i].id;
    for (i = 0; list[i].id; i++)
        if (strcmp(list[i].page, page) == 0 && n < 16)
            docs[n++] = make_doc(&list[i], list[i].id == last);
    st = dtl_index_replace_page(ix, page, strlen(page), hash, docs, n,
                                changed, err);
    for (i = 0; i < n; i++)
        dtl_doc_free(docs[i]);
    return st;
}

/* ---- query trees ------------------------------------------------------ */

static struct dtl_qnode pool[64];
static struct dtl_qnode *kid_pool[64][8];
static char word_pool[64][2][64];
static size_t n_pool;

static void
reset_pool(void)
{
    memset(pool, 0, sizeof(pool));
    n_pool = 0;
}

static struct dtl_qnode *
node(enum dtl_qop op)
{
    struct dtl_qnode *n;

    if (n_pool == sizeof(pool) / sizeof(pool[0])) {
        tap_diag("query node pool exhausted: call reset_pool()");
        exit(1);
    }
    n = &pool[n_pool];
    n->op = op;
    n->kids = kid_pool[n_pool];
    n_pool++;
    return n;
}

/* A word in field f, stemmed unless exact. */
static struct dtl_qnode *
word_in(enum dtl_qfield f, const char *w, int exact)
{
    size_t i = n_pool;
    struct dtl_qnode *n = node(DTL_QOP_TERM);
    size_t len = strlen(w);

    memcpy(word_pool[i][0], w, len + 1);
    memcpy(word_pool[i][1], w, len + 1);
    n->field = f;
    n->term = word_pool[i][0];
    n->term_len = len;
    n->stem = word_pool[i][1];
    n->stem_len = stem_len(w, len);
    n->stem[n->stem_len] = '\0';
    n->exact = exact;
    n->kids = NULL;
    return n;
}

static struct dtl_qnode *
word(const char *w)
{
    return word_in(DTL_FIELD_ANY, w, 0);
}

/* An operator over nkids kids. */
static struct dtl_qnode *
op(enum dtl_qop o, size_t nkids, ...)
{
    struct dtl_qnode *n = node(o);
    va_list ap;
    size_t i;

    va_start(ap, nkids);
    for (i = 0; i < nkids; i++)
        n->kids[i] = va_arg(ap, struct dtl_qnode *);
    va_end(ap);
    n->n_kids = nkids;
    return n;
}

/* ---- searching -------------------------------------------------------- */

static struct dtl_search_opts
opts(enum dtl_sort sort)
{
    struct dtl_search_opts o;

    dtl_search_opts_init(&o);
    o.sort = sort;
    o.now = NOW;
    o.limit = 20;
    return o;
}

/* The hits' entry ids in order, space-separated ("" for none). */
static const char *
ids_of(const dtl_hits *h)
{
    static char out[256];
    size_t i, len = 0;

    out[0] = '\0';
    for (i = 0; i < dtl_hits_count(h) && len < sizeof(out) - 1; i++) {
        const struct dtl_hit *x = dtl_hits_get(h, i);
        const char *nl = memchr(x->data, '\n', x->data_len);
        size_t n = nl ? (size_t)(nl - x->data) - 3 : 0;

        len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%.*s",
                                i ? " " : "", (int)n, x->data + 3);
    }
    return out;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The same, sorted (for checks of what matches, not of the order). */
static const char *
sorted_ids(const dtl_hits *h)
{
    static char out[256];
    char copy[256], *parts[32];
    size_t n = 0, i, len = 0;
    char *p;

    snprintf(copy, sizeof(copy), "%s", ids_of(h));
    for (p = copy; *p && n < 32;) {
        parts[n++] = p;
        p += strcspn(p, " ");
        if (*p)
            *p++ = '\0';
    }
    qsort(parts, n, sizeof(parts[0]), cmp_str);
    out[0] = '\0';
    for (i = 0; i < n && len < sizeof(out) - 1; i++)
        len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s",
                                i ? " " : "", parts[i]);
    return out;
}

/* Search and return the ids (sorted or in rank order); hits in *keep if
 * keep is not NULL, else freed. */
static const char *
search(dtl_index *ix, const struct dtl_qnode *root,
       const struct dtl_search_opts *o, int sorted, dtl_hits **keep)
{
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_hits *h = NULL;
    dtl_status st;
    const char *r;

    st = dtl_index_search_tree(ix, root, DTL_TS_NONE, DTL_TS_NONE, o, &h,
                               &err);
    if (st != DTL_OK) {
        tap_diag("search failed: %s", err.msg);
        return "(error)";
    }
    r = sorted ? sorted_ids(h) : ids_of(h);
    if (keep)
        *keep = h;
    else
        dtl_hits_free(h);
    return r;
}

/* ---- the tests -------------------------------------------------------- */

static dtl_index *
build(void)
{
    static const char *pages[] = {PAGE_A, PAGE_B, PAGE_C, PAGE_D,
                                  PAGE_E, PAGE_F, NULL};
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_index *ix = NULL;
    uint64_t count = 0;
    int changed, all_changed = 1;
    size_t i;

    tap_is_int(dtl_index_open(ix_path, DTL_INDEX_WRITE, &ix, &err), DTL_OK,
               "open for writing creates the index");
    if (!ix)
        return NULL;
    for (i = 0; pages[i]; i++) {
        changed = 0;
        if (write_page(ix, corpus, pages[i], "h1", &changed, &err) != DTL_OK)
            tap_diag("write_page: %s", err.msg);
        all_changed &= changed;
    }
    tap_ok(all_changed, "every new page is written (changed = 1)");
    tap_is_int((long long)dtl_index_pending(ix), 8 + 6,
               "8 entries and 6 page hashes pending");
    tap_is_int(dtl_index_commit(ix, &err), DTL_OK, "commit");
    tap_is_int((long long)dtl_index_pending(ix), 0, "nothing pending");
    dtl_index_doc_count(ix, &count, &err);
    tap_is_int((long long)count, 8, "8 entries");
    return ix;
}

static void
test_idempotent_and_locks(dtl_index *ix)
{
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_index *other = NULL;
    uint64_t count = 0;
    int changed = -1;
    char msg[256], missing[160];

    tap_is_int(write_page(ix, corpus, PAGE_A, "h1", &changed, &err), DTL_OK,
               "rewrite with the same hash");
    tap_is_int(changed, 0, "same hash: changed = 0");
    tap_is_int((long long)dtl_index_pending(ix), 0, "same hash writes none");
    dtl_index_doc_count(ix, &count, &err);
    tap_is_int((long long)count, 8, "same hash: count unchanged");

    tap_is_int(dtl_index_open(ix_path, DTL_INDEX_WRITE, &other, &err),
               DTL_ELOCKED, "a second writer is refused");
    tap_ok(other == NULL, "no handle for the second writer");
    snprintf(msg, sizeof(msg), "index is locked by another indexer (%s)",
             ix_path);
    tap_is_str(err.msg, msg, "lock message names the index");

    dtl_error_clear(&err);
    snprintf(missing, sizeof(missing), "%s/missing", dir);
    tap_is_int(dtl_index_open(missing, DTL_INDEX_READ, &other, &err),
               DTL_ENOTFOUND, "reading a missing index: ENOTFOUND");
    snprintf(msg, sizeof(msg), "no index at %s", missing);
    tap_is_str(err.msg, msg, "missing message names the path");
}

static void
test_matching(dtl_index *ix)
{
    struct dtl_search_opts o = opts(DTL_SORT_RELEVANCE);
    static const struct {
        const char *name, *want;
    } *row, rows[] = {
        {"word (stem)", "a1 a2 b1 d1"},
        {"AND", "a1 b1"},
        {"OR", "a1 c1 e1 f1"},
        {"NOT", "a2 d1"},
        {"NOT with two negated words", "d1"},
        {"phrase in order", "a2"},
        {"phrase reversed", "e1"},
        {"phrase across headline and body gap", ""},
        {"phrase in body", "a3 d1"},
        {"headline: word", "a1 b1"},
        {"headline: phrase", "a2"},
        {"title: word", "a1 a2 a3 c1"},
        {"source: word", "c1 f1"},
        /* Layout 5: the title terms are on a3, c1 and f1 only; a title
         * clause selects every entry of their pages.  The source terms
         * are on every entry, and a source clause is one term query. */
        {"source: word of a live blog", "a1 a2 a3"},
        {"title: phrase", "a1 a2 a3"},
        {"title: phrase reversed", ""},
        {"NOT title: word", "b1 d1"},
        {"title: word OR word", "a1 a2 a3 c1 d1"},
        {"source: word AND title: word", "c1"},
        {"all but source: word", "a1 a2 a3 b1 d1 e1"},
        {"exact word", "a1 b1"},
        {"stem matches plural", "a3 d1"},
        {"unknown word", ""},
        {"AND with unknown word", ""},
        {"OR with unknown word", "a1 a2 b1 d1"},
        {NULL, NULL}
    };
    struct dtl_qnode *q[32];
    size_t i = 0;

    reset_pool();
    q[i++] = word("ceasefire");
    q[i++] = op(DTL_QOP_AND, 2, word("ceasefire"), word("talks"));
    q[i++] = op(DTL_QOP_OR, 2, word("budget"), word("geneva"));
    q[i++] = op(DTL_QOP_NOT, 2, word("ceasefire"), word("talks"));
    q[i++] = op(DTL_QOP_NOT, 3, word("ceasefire"), word("talks"),
                word("minister"));
    q[i++] = op(DTL_QOP_PHRASE, 2, word("prime"), word("minister"));
    q[i++] = op(DTL_QOP_PHRASE, 2, word("minister"), word("prime"));
    q[i++] = op(DTL_QOP_PHRASE, 2, word("resume"), word("negotiators"));
    q[i++] = op(DTL_QOP_PHRASE, 3, word("oil"), word("prices"),
                word("fell"));
    q[i++] = word_in(DTL_FIELD_HEADLINE, "ceasefire", 0);
    q[i] = op(DTL_QOP_PHRASE, 2, word("prime"), word("minister"));
    q[i++]->field = DTL_FIELD_HEADLINE;
    q[i++] = word_in(DTL_FIELD_TITLE, "live", 0);
    q[i++] = word_in(DTL_FIELD_SOURCE, "politics", 0);
    q[i++] = word_in(DTL_FIELD_SOURCE, "blog", 0);
    q[i] = op(DTL_QOP_PHRASE, 2, word("world"), word("news"));
    q[i++]->field = DTL_FIELD_TITLE;
    q[i] = op(DTL_QOP_PHRASE, 2, word("news"), word("world"));
    q[i++]->field = DTL_FIELD_TITLE;
    q[i++] = op(DTL_QOP_NOT, 2, word("ceasefire"),
                word_in(DTL_FIELD_TITLE, "live", 0));
    q[i++] = op(DTL_QOP_OR, 2, word_in(DTL_FIELD_TITLE, "live", 0),
                word("oil"));
    q[i++] = op(DTL_QOP_AND, 2, word_in(DTL_FIELD_SOURCE, "politics", 0),
                word_in(DTL_FIELD_TITLE, "live", 0));
    q[i++] = op(DTL_QOP_NOT, 2, op(DTL_QOP_ALL, 0),
                word_in(DTL_FIELD_SOURCE, "politics", 0));
    q[i++] = word_in(DTL_FIELD_ANY, "talks", 1);
    q[i++] = word("price");
    q[i++] = word("zebra");
    q[i++] = op(DTL_QOP_AND, 2, word("ceasefire"), word("zebra"));
    q[i++] = op(DTL_QOP_OR, 2, word("ceasefire"), word("zebra"));
    for (row = rows, i = 0; row->name; row++, i++)
        tap_is_str(search(ix, q[i], &o, 1, NULL), row->want, row->name);
}

/* The pages a title clause selects are capped ($DATELINE_FIELD_PAGES):
 * past the cap, the first pages by docid, and the hits say so.  A
 * source clause has no first stage (its terms are on every entry), so
 * no cap. */
static void
test_field_cap(dtl_index *ix)
{
    static const struct {
        enum dtl_qfield field;
        const char *word, *cap, *want;
        uint64_t capped;
        const char *name;
    } *row, rows[] = {
        {DTL_FIELD_TITLE, "live", "1", "a1 a2 a3", 1,
         "title, cap 1: the first page of two"},
        {DTL_FIELD_TITLE, "live", "2", "a1 a2 a3 c1", 0,
         "title, cap 2: both pages"},
        {DTL_FIELD_TITLE, "live", "", "a1 a2 a3 c1", 0,
         "title, default cap: both pages"},
        {DTL_FIELD_SOURCE, "politics", "1", "c1 f1", 0,
         "source, cap 1: both pages, not capped"},
        {DTL_FIELD_SOURCE, "news", "1", "a1 a2 a3 b1 c1 d1 e1 f1", 0,
         "source, cap 1: every page, not capped"},
        {0, NULL, NULL, NULL, 0, NULL}
    };
    struct dtl_search_opts o = opts(DTL_SORT_DATE);

    reset_pool();
    for (row = rows; row->cap; row++) {
        struct dtl_qnode *q = word_in(row->field, row->word, 0);
        dtl_hits *h = NULL;

        setenv("DATELINE_FIELD_PAGES", row->cap, 1);
        tap_is_str(search(ix, q, &o, 1, &h), row->want, row->name);
        tap_is_int((long long)dtl_hits_field_capped(h),
                   (long long)row->capped, "... and says whether capped");
        dtl_hits_free(h);
    }
    unsetenv("DATELINE_FIELD_PAGES");
}

/* The whole chain: query strings through the real parser and analyser
 * (words chosen so that its stems equal the test's). */
static void
test_parsed(dtl_index *ix)
{
    static const struct {
        const char *q, *want;
    } *row, rows[] = {
        {"budget OR geneva", "a1 c1 e1 f1"},
        {"\"oil prices\" -markets", "d1"},
        {"headline:budget since:2025-11-15", "c1"},
        {"oil until:2025-12-02T05:00:00Z", "a3"},
        {NULL, NULL}
    };
    struct dtl_search_opts o = opts(DTL_SORT_RELEVANCE);
    struct dtl_query_opts qo = {NOW, 0};
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_analyser *a = NULL;

    if (dtl_analyser_new("english", &a, &err) != DTL_OK) {
        tap_ok(0, "analyser: %s", err.msg);
        return;
    }
    for (row = rows; row->q; row++) {
        dtl_query *q = NULL;
        dtl_hits *h = NULL;

        dtl_error_clear(&err);
        if (dtl_query_parse(row->q, strlen(row->q), a, &qo, &q, &err) ||
            dtl_index_search(ix, q, &o, &h, &err))
            tap_diag("%s: %s", row->q, err.msg);
        tap_is_str(h ? sorted_ids(h) : "(error)", row->want, row->q);
        dtl_hits_free(h);
        dtl_query_free(q);
    }
    dtl_analyser_free(a);
}

static void
test_dates(dtl_index *ix)
{
    struct dtl_search_opts o = opts(DTL_SORT_BLEND);
    struct dtl_error err = DTL_ERROR_INIT;
    struct dtl_qnode *all, *cf;
    dtl_hits *h = NULL;

    reset_pool();
    all = node(DTL_QOP_ALL);
    cf = word("ceasefire");
    tap_is_str(search(ix, all, &o, 0, NULL), "a1 a2 a3 c1 e1 f1 b1 d1",
               "filters only: newest first, no time last");
    o.since = NOW - DAY;
    tap_is_str(search(ix, all, &o, 0, NULL), "a1 a2 a3",
               "since: the last day (untimed entry excluded)");
    o.since = DTL_TS_NONE;
    o.until = NOW - 100 * DAY;
    tap_is_str(search(ix, all, &o, 0, NULL), "b1", "until");
    o.until = NOW - 3 * HOUR;
    o.since = NOW - 3 * HOUR;
    tap_is_str(search(ix, all, &o, 0, NULL), "a2", "bounds are inclusive");
    o = opts(DTL_SORT_RELEVANCE);
    o.since = NOW - 2 * DAY;
    tap_is_str(search(ix, cf, &o, 1, NULL), "a1 a2", "word and since");

    /* The query's own bounds are intersected with the options'. */
    o.since = NOW - 11 * DAY;
    dtl_index_search_tree(ix, all, NOW - 20 * DAY, NOW - 2 * DAY, &o, &h,
                          &err);
    tap_is_str(sorted_ids(h), "c1 e1", "query and option bounds intersect");
    dtl_hits_free(h);
    h = NULL;
    dtl_index_search_tree(ix, all, NOW - HOUR, NOW - 2 * HOUR, &o, &h, &err);
    tap_ok(h && dtl_hits_count(h) == 0 && dtl_hits_estimate(h) == 0,
           "empty date range matches nothing");
    dtl_hits_free(h);
    h = NULL;
    o = opts(DTL_SORT_RELEVANCE);
    o.since = NOW - DAY;
    dtl_index_search_tree(ix, NULL, DTL_TS_NONE, DTL_TS_NONE, &o, &h, &err);
    tap_is_str(ids_of(h), "a1 a2 a3", "no tree and a date: the range");
    dtl_hits_free(h);
    h = NULL;
    o.since = DTL_TS_NONE;
    tap_is_int(dtl_index_search_tree(ix, NULL, DTL_TS_NONE, DTL_TS_NONE, &o,
                                     &h, &err), DTL_OK, "empty query: ok");
    tap_ok(h && dtl_hits_count(h) == 0, "empty query: no hits");
    dtl_hits_free(h);
}

static void
test_ranking(dtl_index *ix)
{
    struct dtl_search_opts o = opts(DTL_SORT_RELEVANCE);
    struct dtl_qnode *cf;
    dtl_hits *rel = NULL, *bl = NULL;
    size_t i, j;
    int same = 1, more = 1;

    reset_pool();
    cf = word("ceasefire");
    /* b1 says it five times; a1 twice; d1 and a2 once, d1 is shorter. */
    tap_is_str(search(ix, cf, &o, 0, &rel), "b1 a1 d1 a2",
               "relevance: BM25 order");
    o.sort = DTL_SORT_DATE;
    tap_is_str(search(ix, cf, &o, 0, NULL), "a1 a2 b1 d1",
               "date: newest first, untimed last");
    o.sort = DTL_SORT_BLEND;
    o.half_life = DAY;
    /* a1 (1 hour old) passes b1 (400 days); a2 (3 hours) is too weak. */
    tap_is_str(search(ix, cf, &o, 0, &bl), "a1 b1 a2 d1",
               "blend, 1-day half-life: a recent weaker entry rises");
    /* relevance is the BM25 part; the boost is score - relevance. */
    for (i = 0; i < dtl_hits_count(bl); i++) {
        const struct dtl_hit *b = dtl_hits_get(bl, i);

        for (j = 0; j < dtl_hits_count(rel); j++) {
            const struct dtl_hit *r = dtl_hits_get(rel, j);

            if (r->docid == b->docid &&
                !(b->relevance > r->score - 1e-9 &&
                  b->relevance < r->score + 1e-9))
                same = 0;
        }
        if (b->ts != DTL_TS_NONE && b->score < b->relevance)
            more = 0;
        if (b->ts >= NOW - 5 * HOUR && !(b->score > b->relevance))
            more = 0;
        if (b->ts == DTL_TS_NONE && b->score != b->relevance)
            more = 0;
    }
    tap_ok(same, "blend: hit relevance equals the BM25 score");
    tap_ok(more, "blend: timed hits get a boost, untimed ones none");
    tap_is_int(dtl_hits_get(bl, 0)->ts, NOW - HOUR, "hit carries its time");
    dtl_hits_free(rel);
    dtl_hits_free(bl);

    o.half_life = 3650.0 * DAY;
    /* Every timed entry gets nearly the same boost; untimed d1 none. */
    tap_is_str(search(ix, cf, &o, 0, NULL), "b1 a1 a2 d1",
               "blend, 10-year half-life: the old strong entry stays first");
    o.half_life = DAY;
    o.recency_weight = 0.0;
    tap_is_str(search(ix, cf, &o, 0, NULL), "b1 a1 d1 a2",
               "blend with weight 0 is relevance");
}

/*
 * A reader's first blend search reads times from the value stream, later
 * ones from its time cache: both must rank and score alike, also when the
 * matcher prunes (limit 1) and with a date filter.
 */
static void
test_reader_blend(void)
{
    struct dtl_search_opts o = opts(DTL_SORT_BLEND);
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_index *r = NULL;
    dtl_hits *h[4] = {NULL, NULL, NULL, NULL};
    char first[256];
    int round, same = 1;
    size_t i;

    if (dtl_index_open(ix_path, DTL_INDEX_READ, &r, &err) != DTL_OK) {
        tap_ok(0, "open a reader: %s", err.msg);
        return;
    }
    reset_pool();
    o.half_life = DAY;
    for (round = 0; round < 4; round++)
        dtl_index_search_tree(r, op(DTL_QOP_OR, 2, word("ceasefire"),
                                    word("budget")),
                              DTL_TS_NONE, DTL_TS_NONE, &o, &h[round], &err);
    snprintf(first, sizeof(first), "%s", ids_of(h[0]));
    /* budget is rarer than ceasefire, so its entries lead. */
    tap_is_str(first, "c1 f1 a1 a2 b1 d1", "reader blend: OR query");
    for (round = 1; round < 4; round++) {
        if (!h[round] || strcmp(ids_of(h[round]), first) != 0)
            same = 0;
        for (i = 0; h[round] && i < dtl_hits_count(h[round]); i++) {
            const struct dtl_hit *a = dtl_hits_get(h[0], i);
            const struct dtl_hit *b = dtl_hits_get(h[round], i);

            if (!a || a->ts != b->ts || a->score - b->score > 1e-12 ||
                b->score - a->score > 1e-12 ||
                a->relevance - b->relevance > 1e-12 ||
                b->relevance - a->relevance > 1e-12)
                same = 0;
        }
    }
    tap_ok(same, "cached times rank and score like the value stream");
    for (round = 0; round < 4; round++)
        dtl_hits_free(h[round]);

    o.limit = 1;
    tap_is_str(search(r, word("ceasefire"), &o, 0, NULL), "a1",
               "reader blend, pruned to one hit");
    o.limit = 20;
    o.since = NOW - 40 * DAY;
    tap_is_str(search(r, word("budget"), &o, 0, NULL), "c1 f1",
               "reader blend with since");
    o.half_life = 3650.0 * DAY;
    o.since = DTL_TS_NONE;
    tap_is_str(search(r, word("ceasefire"), &o, 0, NULL), "b1 a1 a2 d1",
               "reader blend, long half-life");
    /* The writer's tests order by the time slot; this reader by its
     * time cache (built by the blend searches above). */
    o.sort = DTL_SORT_DATE;
    tap_is_str(search(r, word("ceasefire"), &o, 0, NULL), "a1 a2 b1 d1",
               "reader date order from the cache");
    tap_is_str(search(r, node(DTL_QOP_ALL), &o, 0, NULL),
               "a1 a2 a3 c1 e1 f1 b1 d1",
               "reader filters-only order from the cache");
    dtl_index_close(r, NULL);
}

/* ---- the blend against a brute-force ranking ------------------------- */

#define EXACT_N 600   /* entries: enough that the blend fetches deeper */

struct scored {
    unsigned docid;
    double score;
    int64_t ts;
    size_t order;   /* position in the relevance order */
};

static int
cmp_scored(const void *pa, const void *pb)
{
    const struct scored *a = pa, *b = pb;

    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->ts != b->ts) {
        if (a->ts == DTL_TS_NONE || b->ts == DTL_TS_NONE)
            return a->ts == DTL_TS_NONE ? 1 : -1;
        return a->ts > b->ts ? -1 : 1;
    }
    return a->order < b->order ? -1 : a->order > b->order;
}

/* The blend as its definition reads, from every match by relevance:
 * score = rel + beta * M * 2^(-age / half_life). */
static size_t
brute_blend(dtl_index *ix, const struct dtl_qnode *q,
            const struct dtl_search_opts *blend, struct scored *out)
{
    struct dtl_search_opts o = *blend;
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_hits *h = NULL;
    double m;
    size_t i, n;

    o.sort = DTL_SORT_RELEVANCE;
    o.offset = 0;
    o.limit = EXACT_N;
    if (dtl_index_search_tree(ix, q, DTL_TS_NONE, DTL_TS_NONE, &o, &h,
                              &err) != DTL_OK) {
        tap_diag("relevance search failed: %s", err.msg);
        return 0;
    }
    n = dtl_hits_count(h);
    m = n ? dtl_hits_get(h, 0)->relevance : 0.0;
    for (i = 0; i < n; i++) {
        const struct dtl_hit *x = dtl_hits_get(h, i);
        double age = (double)(blend->now - x->ts);

        out[i].docid = x->docid;
        out[i].ts = x->ts;
        out[i].order = i;
        out[i].score = x->relevance;
        if (x->ts != DTL_TS_NONE)
            out[i].score += blend->recency_weight * m *
                            exp2(-(age > 0 ? age : 0) / blend->half_life);
    }
    dtl_hits_free(h);
    qsort(out, n, sizeof(*out), cmp_scored);
    return n;
}

/*
 * The blend's fetch stops, and prunes its deeper fetch, by a bound on the
 * recency bonus (the newest entry's); whatever it prunes, its pages must
 * be those of the definition.  Entries: one term in varying amounts and
 * lengths, times over 150 days (some none), read by a writer (the time
 * slot), then by a reader twice (value stream, then time cache).
 */
static void
test_blend_exact(int scattered)
{
    static const struct {
        const char *name;
        const char *words[2];
        int64_t now;          /* from the newest entry */
        double half_life_days, beta;
        size_t offset, limit;
    } *row, rows[] = {
        {"now at the newest", {"Zcommon", NULL}, 0, 7, 0.3, 0, 10},
        {"a year after", {"Zcommon", NULL}, 365 * DAY, 7, 0.3, 0, 10},
        {"a week after", {"Zcommon", NULL}, 7 * DAY, 7, 0.3, 0, 10},
        {"before every entry", {"Zcommon", NULL}, -400 * DAY, 7, 0.3, 0, 10},
        {"strong recency", {"Zcommon", NULL}, 2 * DAY, 30, 3.0, 0, 10},
        {"page 3", {"Zcommon", NULL}, 30 * DAY, 7, 0.3, 20, 10},
        {"deep page", {"Zcommon", NULL}, 0, 14, 0.5, 150, 40},
        {"deepest page", {"Zcommon", NULL}, 0, 7, 0.3, 300, 50},
        {"two words", {"Zcommon", "Zrare"}, 3 * DAY, 7, 0.3, 0, 10},
        {"two words, a year after", {"Zcommon", "Zrare"}, 365 * DAY, 7, 0.3,
         0, 10},
        {"both words", {"Zcommon", "+Zrare"}, 3 * DAY, 7, 0.3, 0, 10},
        {"both words, strong recency", {"Zcommon", "+Zrare"}, 2 * DAY, 30,
         3.0, 0, 10},
        /* A word but not another that no entry holds: the same matches,
         * ranked by the matcher's fetches, not by one pass over the
         * postings (index/shim-scan.cc), which takes only words. */
        {"fetched", {"Zcommon", "-Znever"}, 0, 7, 0.3, 0, 10},
        {"fetched, strong recency", {"Zcommon", "-Znever"}, 2 * DAY, 30, 3.0,
         0, 10},
        {"fetched, deep page", {"Zcommon", "-Znever"}, 0, 14, 0.5, 150, 40},
        {NULL, {NULL, NULL}, 0, 0, 0, 0, 0}
    };
    static struct scored want[EXACT_N];
    struct dtl_error err = DTL_ERROR_INIT;
    const int64_t newest = NOW - 5 * DAY;
    char path[160], spath[2][160], key[32], id[32];
    const char *shards[2] = {spath[0], spath[1]};
    dtl_index *w = NULL, *r = NULL, *sh = NULL, *sw[2] = {NULL, NULL};
    int pass;

    /* The entries in one index, and split between two shards (even and
     * odd), read as one. */
    snprintf(path, sizeof(path), "%s/blend%d", dir, scattered);
    for (pass = 0; pass < 2; pass++)
        snprintf(spath[pass], sizeof(spath[pass]), "%s/blend%d-%d", dir,
                 scattered, pass);
    if (dtl_index_open(path, DTL_INDEX_WRITE, &w, &err) != DTL_OK ||
        dtl_index_open(spath[0], DTL_INDEX_WRITE, &sw[0], &err) != DTL_OK ||
        dtl_index_open(spath[1], DTL_INDEX_WRITE, &sw[1], &err) != DTL_OK) {
        tap_ok(0, "create the blend indexes: %s", err.msg);
        dtl_index_close(w, NULL);
        dtl_index_close(sw[0], NULL);
        return;
    }
    for (unsigned c = 0; c < 2 * EXACT_N; c++) {
        unsigned i = c / 2;
        dtl_index *to = c % 2 ? sw[i % 2] : w;
        dtl_doc *d = NULL;
        int64_t ts;
        unsigned k;
        int len;

        dtl_doc_new(&d);
        /* in two entries of three (in all, its BM25 weight would be
         * next to nothing) */
        /* The best match by far is an old entry (2), so that the
         * entries a deeper fetch skips hold M. */
        if (i == 2)
            dtl_doc_add_term(d, "Zcommon", 7, 12);
        else if (i % 3 != 1 || i == EXACT_N - 1)
            dtl_doc_add_term(d, "Zcommon", 7, 1 + (i * 7) % 5);
        if (i % 7 == 0)
            dtl_doc_add_term(d, "Zrare", 5, 1 + i % 2);
        for (k = 0; k < (i == 2 ? 1 : 1 + (i * 13) % 40); k++)
            dtl_doc_add_term(d, "Zfill", 5, 1);
        /* Times over 150 days, in docid order give or take two days
         * (as nights indexed in turn give them, so that a deeper fetch
         * can skip old docids) or scattered; the newest entry last,
         * every 17th with no time. */
        if (i == EXACT_N - 1)
            ts = newest;
        else if (i % 17 == 0)
            ts = DTL_TS_NONE;
        else if (scattered)
            ts = newest - (int64_t)((i * 7919) % (150 * 24)) * HOUR;
        else
            ts = newest - (int64_t)(EXACT_N - i) * 6 * HOUR +
                 (int64_t)((i * 31) % 48) * HOUR;
        dtl_doc_set_time(d, ts);
        len = snprintf(id, sizeof(id), "e%u", i);
        dtl_doc_set_unique(d, id, (size_t)len);
        snprintf(key, sizeof(key), "page%u", i);
        dtl_doc_set_page_key(d, key, strlen(key));
        dtl_doc_set_data(d, id, (size_t)len);
        if (dtl_index_replace_page(to, key, strlen(key), "h", &d, 1, NULL,
                                   &err) != DTL_OK)
            tap_diag("write failed: %s", err.msg);
        dtl_doc_free(d);
    }
    if (dtl_index_commit(w, &err) != DTL_OK ||
        dtl_index_close(sw[0], &err) != DTL_OK ||
        dtl_index_close(sw[1], &err) != DTL_OK ||
        dtl_index_open(path, DTL_INDEX_READ, &r, &err) != DTL_OK ||
        dtl_index_open_many(shards, 2, NULL, &sh, &err) != DTL_OK)
        tap_diag("commit or open failed: %s", err.msg);
    for (pass = 0; pass < 5; pass++) {
        dtl_index *ix = pass == 0 ? w : pass < 3 ? r : sh;

        for (row = rows; row->name && ix; row++) {
            struct dtl_search_opts o = opts(DTL_SORT_BLEND);
            struct dtl_qnode *q;
            dtl_hits *h = NULL;
            size_t n, i;
            int ok = 1;

            reset_pool();
            if (!row->words[1])
                q = word(row->words[0]);
            else if (row->words[1][0] == '-')
                q = op(DTL_QOP_NOT, 2, word(row->words[0]),
                       word(row->words[1] + 1));
            else if (row->words[1][0] == '+')
                q = op(DTL_QOP_AND, 2, word(row->words[0]),
                       word(row->words[1] + 1));
            else
                q = op(DTL_QOP_OR, 2, word(row->words[0]),
                       word(row->words[1]));
            o.now = newest + row->now;
            o.half_life = row->half_life_days * (double)DAY;
            o.recency_weight = row->beta;
            o.offset = row->offset;
            o.limit = row->limit;
            n = brute_blend(ix, q, &o, want);
            if (dtl_index_search_tree(ix, q, DTL_TS_NONE, DTL_TS_NONE, &o,
                                      &h, &err) != DTL_OK) {
                tap_diag("blend search failed: %s", err.msg);
                ok = 0;
            }
            for (i = 0; ok && i < row->limit; i++) {
                const struct dtl_hit *x = dtl_hits_get(h, i);
                const struct scored *s =
                    row->offset + i < n ? &want[row->offset + i] : NULL;

                if (!x != !s || (x && (x->docid != s->docid ||
                                       fabs(x->score - s->score) > 1e-9))) {
                    if (ok)
                        tap_diag("hit %zu: entry %u, score %.9g; the "
                                 "definition's: entry %u, score %.9g",
                                 i, x ? x->docid : 0, x ? x->score : 0.0,
                                 s ? s->docid : 0, s ? s->score : 0.0);
                    ok = 0;
                }
            }
            tap_ok(ok && n > row->offset + row->limit,
                   "blend is the brute-force ranking (%s, %s, %s)",
                   row->name, scattered ? "times scattered" : "times in order",
                   pass == 0   ? "writer"
                   : pass == 1 ? "reader"
                   : pass == 2 ? "reader's time cache"
                   : pass == 3 ? "two shards"
                               : "two shards' time cache");
            dtl_hits_free(h);
        }
    }
    dtl_index_close(sh, NULL);
    dtl_index_close(r, NULL);
    dtl_index_close(w, NULL);
}

static void
test_collapse_and_paging(dtl_index *ix)
{
    struct dtl_search_opts o = opts(DTL_SORT_RELEVANCE);
    struct dtl_qnode *cf, *all;
    dtl_hits *h = NULL;
    const struct dtl_hit *x;

    reset_pool();
    cf = word("ceasefire");
    all = node(DTL_QOP_ALL);
    o.per_page = 1;
    tap_is_str(search(ix, cf, &o, 0, &h), "b1 a1 d1",
               "one entry per page");
    x = dtl_hits_get(h, 1);
    tap_ok(x && x->collapsed == 1, "the live blog's other match counted");
    x = dtl_hits_get(h, 0);
    tap_ok(x && x->collapsed == 0, "a single-entry page has none");
    tap_ok(dtl_hits_get(h, 3) == NULL, "get past the end is NULL");
    dtl_hits_free(h);
    h = NULL;
    o.per_page = 2;
    tap_is_str(search(ix, all, &o, 0, NULL), "a1 a2 c1 e1 f1 b1 d1",
               "two entries per page, by date");

    o = opts(DTL_SORT_DATE);
    o.limit = 3;
    tap_is_str(search(ix, all, &o, 0, &h), "a1 a2 a3", "page 1");
    tap_is_int((long long)dtl_hits_estimate(h), 8, "estimate is exact");
    dtl_hits_free(h);
    h = NULL;
    o.offset = 3;
    tap_is_str(search(ix, all, &o, 0, NULL), "c1 e1 f1", "page 2");
    o.offset = 6;
    tap_is_str(search(ix, all, &o, 0, NULL), "b1 d1", "last page");
    o.offset = DTL_SEARCH_MAX + 5;
    tap_is_str(search(ix, all, &o, 0, &h), "", "offset past the cap");
    tap_is_int((long long)dtl_hits_estimate(h), 8,
               "the estimate is still given");
    dtl_hits_free(h);
    h = NULL;
    o.offset = 0;
    o.limit = 0;
    tap_is_str(search(ix, all, &o, 0, NULL), "", "limit 0");
}

static void
test_replace(dtl_index *ix)
{
    static const struct entry v2[] = {
        {"a1", PAGE_A, "World news live", "Ceasefire collapses",
         "Shelling resumed overnight.", NOW - HOUR},
        {"a4", PAGE_A, "World news live", "Aid convoy arrives",
         "Trucks crossed the border.", NOW - 30 * 60},
        {NULL, NULL, NULL, NULL, NULL, 0}
    };
    struct dtl_search_opts o = opts(DTL_SORT_RELEVANCE);
    struct dtl_error err = DTL_ERROR_INIT;
    uint64_t count = 0;
    unsigned a1_docid = 0, new_docid = 0;
    dtl_hits *h = NULL;
    int changed = 0;

    reset_pool();
    search(ix, word_in(DTL_FIELD_ANY, "resume", 1), &o, 0, &h);
    if (dtl_hits_count(h) == 1)
        a1_docid = dtl_hits_get(h, 0)->docid;
    dtl_hits_free(h);
    h = NULL;

    tap_is_int(write_page(ix, v2, PAGE_A, "h2", &changed, &err), DTL_OK,
               "changed page written");
    tap_is_int(changed, 1, "changed hash: changed = 1");
    tap_is_int((long long)dtl_index_pending(ix), 2 + 2 + 1,
               "2 replaced, 2 dropped, 1 hash pending");
    dtl_index_commit(ix, &err);
    dtl_index_doc_count(ix, &count, &err);
    tap_is_int((long long)count, 7, "dropped entries deleted, new added");
    tap_is_str(search(ix, word("markets"), &o, 1, NULL), "",
               "a dropped entry no longer matches");
    tap_is_str(search(ix, word("resume"), &o, 1, NULL), "",
               "replaced text no longer matches");
    tap_is_str(search(ix, word("shelling"), &o, 1, &h), "a1",
               "replacement text matches");
    if (dtl_hits_count(h) == 1)
        new_docid = dtl_hits_get(h, 0)->docid;
    dtl_hits_free(h);
    tap_ok(a1_docid && a1_docid == new_docid, "replacement keeps the docid");
    tap_is_str(search(ix, word_in(DTL_FIELD_SOURCE, "blog", 0), &o, 1, NULL),
               "a1 a4", "the page holds exactly the new entries");

    tap_is_int(dtl_index_delete_page(ix, PAGE_F, strlen(PAGE_F), &err),
               DTL_OK, "delete a page");
    dtl_index_commit(ix, &err);
    dtl_index_doc_count(ix, &count, &err);
    tap_is_int((long long)count, 6, "its entry is gone");
    changed = 0;
    write_page(ix, corpus, PAGE_F, "h1", &changed, &err);
    tap_is_int(changed, 1, "a deleted page is written again");
    dtl_index_commit(ix, &err);
}

static void
test_long_keys(dtl_index *ix)
{
    char k1[320], k2[320];
    struct entry e[3];
    struct dtl_search_opts o = opts(DTL_SORT_RELEVANCE);
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_hits *h = NULL;
    dtl_doc *d;
    int changed = 0;

    /* Two 300-byte keys that share their first 250 bytes. */
    memset(k1, 'k', 300);
    k1[300] = '\0';
    memcpy(k2, k1, sizeof(k1));
    k1[299] = '1';
    k2[299] = '2';
    memset(e, 0, sizeof(e));
    e[0].id = k1;
    e[0].page = k1;
    e[1].id = k2;
    e[1].page = k2;
    e[0].title = e[1].title = "Long";
    e[0].headline = e[1].headline = "Longkey entry";
    e[0].body = e[1].body = "text";
    e[0].ts = e[1].ts = NOW;
    tap_is_int(write_page(ix, e, k1, "x", &changed, &err), DTL_OK,
               "long page key written");
    tap_is_int(write_page(ix, e, k2, "x", &changed, &err), DTL_OK,
               "second long page key written");
    reset_pool();
    o.per_page = 1;
    search(ix, word("longkey"), &o, 0, &h);
    tap_is_int((long long)dtl_hits_count(h), 2,
               "long keys stay distinct pages");
    dtl_hits_free(h);
    h = NULL;
    tap_is_int(dtl_index_delete_page(ix, k1, 300, &err), DTL_OK,
               "delete a long-key page");
    o.per_page = 0;
    search(ix, word("longkey"), &o, 0, &h);
    tap_is_int((long long)dtl_hits_count(h), 1, "only its own entry went");
    tap_ok(dtl_hits_count(h) == 1 &&
           dtl_hits_get(h, 0)->data_len > 303 &&
           memcmp(dtl_hits_get(h, 0)->data + 3, k2, 300) == 0,
           "the other long key's entry stays");
    dtl_hits_free(h);
    dtl_index_delete_page(ix, k2, 300, &err);

    /* Bad documents are refused before anything is written. */
    dtl_doc_new(&d);
    dtl_doc_set_page_key(d, "p", 1);
    tap_is_int(dtl_index_replace_page(ix, "p", 1, "h", &d, 1, &changed,
                                      &err), DTL_EINVAL,
               "a document without a unique id is refused");
    dtl_doc_set_unique(d, "u", 1);
    dtl_doc_set_page_key(d, "q", 1);
    tap_is_int(dtl_index_replace_page(ix, "p", 1, "h", &d, 1, &changed,
                                      NULL), DTL_EINVAL,
               "a document of another page is refused");
    tap_is_int(dtl_doc_add_posting(d, "w", 1, 0), DTL_EINVAL,
               "position 0 is refused");
    memset(k1, 'x', 300);
    tap_is_int(dtl_doc_add_term(d, k1, 300, 1), DTL_ELIMIT,
               "a term over 245 bytes is refused");
    dtl_doc_free(d);
    dtl_index_commit(ix, &err);
}

static void
test_meta_and_errors(dtl_index *ix)
{
    struct dtl_error err = DTL_ERROR_INIT;
    struct dtl_search_opts o = opts(DTL_SORT_BLEND);
    struct dtl_qnode *bad;
    dtl_hits *h = NULL;
    char *v = NULL;
    size_t len = 99;

    tap_is_int(dtl_index_get_meta(ix, DTL_META_LAYOUT, &v, &len, &err),
               DTL_OK, "get layout");
    tap_is_str(v, DTL_LAYOUT_VERSION, "new index records its layout");
    dtl_free_string(v);
    dtl_index_set_meta(ix, "test.key", "a\0b", 3, &err);
    dtl_index_get_meta(ix, "test.key", &v, &len, &err);
    tap_ok(len == 3 && memcmp(v, "a\0b", 3) == 0,
           "meta keeps bytes (writer sees it before commit)");
    dtl_free_string(v);
    dtl_index_get_meta(ix, "unset.key", &v, &len, &err);
    tap_ok(v && v[0] == '\0' && len == 0, "unset meta reads as empty");
    dtl_free_string(v);
    dtl_index_get_meta(ix, "page:" PAGE_B, &v, NULL, &err);
    tap_is_str(v, "h1", "page hash recorded under page:<key>");
    dtl_free_string(v);

    reset_pool();
    bad = op(DTL_QOP_NOT, 0);
    tap_is_int(dtl_index_search_tree(ix, bad, DTL_TS_NONE, DTL_TS_NONE, &o,
                                     &h, &err), DTL_EINVAL,
               "NOT without kids is refused");
    tap_ok(h == NULL, "no hits on failure");
    o.half_life = 0;
    tap_is_int(dtl_index_search_tree(ix, word("x"), DTL_TS_NONE,
                                     DTL_TS_NONE, &o, &h, NULL),
               DTL_EINVAL, "half-life 0 is refused");
    o.half_life = DAY;
    o.recency_weight = -1;
    tap_is_int(dtl_index_search_tree(ix, word("x"), DTL_TS_NONE,
                                     DTL_TS_NONE, &o, &h, NULL),
               DTL_EINVAL, "negative recency weight is refused");
    tap_is_int(dtl_index_search(ix, NULL, &o, &h, NULL), DTL_EINVAL,
               "NULL query is refused");
    tap_is_int(dtl_index_commit(NULL, NULL), DTL_EINVAL, "commit(NULL)");
    tap_is_int(dtl_index_close(NULL, NULL), DTL_OK, "close(NULL)");
    dtl_hits_free(NULL);
    dtl_doc_free(NULL);
}

/* Write the bulk page: n entries whose data is 4 KiB of the letter c. */
static void
write_bulk(dtl_index *w, size_t n, char c)
{
    static char body[4096];
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_doc *docs[BULK];
    char id[32], hash[8] = {'r', c, '\0'};
    size_t i;

    memset(body, c, sizeof(body));
    for (i = 0; i < n; i++) {
        int len = snprintf(id, sizeof(id), "bulk%zu", i);

        dtl_doc_new(&docs[i]);
        dtl_doc_add_term(docs[i], "Zbulk", 5, 1);
        dtl_doc_add_term(docs[i], body, 40, 1);
        dtl_doc_set_unique(docs[i], id, (size_t)len);
        dtl_doc_set_page_key(docs[i], "bulk", 4);
        dtl_doc_set_time(docs[i], NOW - 1000 * DAY + (int64_t)i);
        dtl_doc_set_data(docs[i], body, sizeof(body));
    }
    if (dtl_index_replace_page(w, "bulk", 4, hash, docs, n, NULL, &err) ||
        dtl_index_commit(w, &err))
        tap_diag("bulk write failed: %s", err.msg);
    for (i = 0; i < n; i++)
        dtl_doc_free(docs[i]);
}

/*
 * A reader keeps answering while a writer commits underneath it.  Each
 * round rewrites every entry; once the blocks of the reader's revision are
 * reused, Xapian throws DatabaseModifiedError and the search must reopen
 * and retry, so the reader moves on to newer data by itself.
 */
static void
test_concurrent_reader(dtl_index *w)
{
    struct dtl_search_opts o = opts(DTL_SORT_BLEND);
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_index *r = NULL;
    int round, ok = 1, moved = 0;

    write_bulk(w, BULK, 'a');
    tap_is_int(dtl_index_open(ix_path, DTL_INDEX_READ, &r, &err), DTL_OK,
               "open a reader beside the writer");
    if (!r)
        return;
    reset_pool();
    o.limit = BULK;
    for (round = 1; round <= 8; round++) {
        dtl_hits *h = NULL;
        size_t i;
        char seen = 0;

        write_bulk(w, BULK, (char)('a' + round));
        if (dtl_index_search_tree(r, word("bulk"), DTL_TS_NONE, DTL_TS_NONE,
                                  &o, &h, &err) != DTL_OK) {
            tap_diag("reader failed in round %d: %s", round, err.msg);
            ok = 0;
        }
        /* All hits of one search come from one revision. */
        for (i = 0; i < dtl_hits_count(h); i++) {
            const struct dtl_hit *x = dtl_hits_get(h, i);

            if (i == 0)
                seen = x->data[0];
            if (x->data_len != 4096 || x->data[0] != seen ||
                x->data[4095] != seen)
                ok = 0;
        }
        if (dtl_hits_count(h) != BULK)
            ok = 0;
        if (seen != 'a')
            moved = 1;
        dtl_hits_free(h);
    }
    tap_ok(ok, "reader searched through eight writer commits");
    tap_ok(moved, "the reader moved to a newer revision by itself");
    dtl_index_close(r, &err);
    dtl_index_delete_page(w, "bulk", 4, &err);
    dtl_index_commit(w, &err);
}

static void
test_batch_and_layout(void)
{
    struct dtl_error err = DTL_ERROR_INIT;
    char path[160];
    dtl_index *ix = NULL;
    dtl_doc *docs[DTL_INDEX_BATCH];
    size_t i;
    char id[32];

    snprintf(path, sizeof(path), "%s/batch", dir);
    dtl_index_open(path, DTL_INDEX_WRITE, &ix, &err);
    for (i = 0; i < DTL_INDEX_BATCH; i++) {
        int n = snprintf(id, sizeof(id), "e%zu", i);

        dtl_doc_new(&docs[i]);
        dtl_doc_add_posting(docs[i], "word", 4, 1);
        dtl_doc_set_unique(docs[i], id, (size_t)n);
        dtl_doc_set_page_key(docs[i], "big", 3);
    }
    dtl_index_replace_page(ix, "big", 3, "h", docs, DTL_INDEX_BATCH, NULL,
                           &err);
    for (i = 0; i < DTL_INDEX_BATCH; i++)
        dtl_doc_free(docs[i]);
    tap_is_int((long long)dtl_index_pending(ix), 0,
               "a full batch commits by itself");
    /* Layout 5 stored ids and hashes as hex digits: it is refused, not
     * mixed with layout 6 pages. */
    dtl_index_set_meta(ix, DTL_META_LAYOUT, "5", 1, &err);
    tap_is_int(dtl_index_close(ix, &err), DTL_OK, "close commits");
    ix = NULL;
    tap_is_int(dtl_index_open(path, DTL_INDEX_READ, &ix, &err), DTL_EINDEX,
               "an index of layout 5 is refused");
    tap_ok(strstr(err.msg, "layout 5;") && strstr(err.msg, "rebuild"),
           "message names it and says to rebuild: %s", err.msg);
    dtl_error_clear(&err);
    tap_is_int(dtl_index_open(path, DTL_INDEX_WRITE, &ix, &err), DTL_EINDEX,
               "nor is it written");
}

/* An entry for the check tests: id, the word "s", stored data with
 * text as both source and title and language lang ("" for the index's
 * own), and the terms t1, t2 and t3 (NULL: none) with wdf 0. */
static dtl_doc *
check_entry(const char *id, const char *text, const char *lang,
            const char *t1, const char *t2, const char *t3)
{
    struct dtl_buf data = DTL_BUF_INIT;
    struct dtl_docdata dd;
    dtl_doc *d = NULL;

    memset(&dd, 0, sizeof(dd));
    dd.source = dd.title = text;
    dd.source_len = dd.title_len = strlen(text);
    dd.headline = dd.body = "s";
    dd.headline_len = dd.body_len = 1;
    dd.ts = DTL_TS_NONE;
    dd.lang = lang;
    dd.lang_len = strlen(lang);
    dtl_docdata_encode(&dd, &data);
    dtl_doc_new(&d);
    dtl_doc_add_term(d, "s", 1, 1);
    if (t1)
        dtl_doc_add_term(d, t1, strlen(t1), 0);
    if (t2)
        dtl_doc_add_term(d, t2, strlen(t2), 0);
    if (t3)
        dtl_doc_add_term(d, t3, strlen(t3), 0);
    dtl_doc_set_unique(d, id, strlen(id));
    dtl_doc_set_page_key(d, "p", 1);
    dtl_doc_set_data(d, data.p, data.len);
    dtl_buf_release(&data);
    return d;
}

/* Write docs[0..n) as page "p" of a new index at path, free them, and
 * check the index: the problems into *problems, each passed to fn. */
static dtl_status
check_page(const char *path, dtl_doc **docs, size_t n, dtl_check_fn fn,
           void *ctx, uint64_t *problems)
{
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_index *ix = NULL;
    dtl_status st;
    size_t i;

    st = dtl_index_open(path, DTL_INDEX_WRITE, &ix, &err);
    if (st == DTL_OK)
        st = dtl_index_replace_page(ix, "p", 1, "h", docs, n, NULL, &err);
    for (i = 0; i < n; i++)
        dtl_doc_free(docs[i]);
    if (ix && dtl_index_close(ix, &err) != DTL_OK && st == DTL_OK)
        st = DTL_EIO;
    if (st == DTL_OK)
        st = dtl_db_check(path, fn, ctx, problems, &err);
    return st;
}

/* dtl_db_check() and language terms (layout 4): one per entry, agreeing
 * with the stored language when the data names one. */
struct found {
    unsigned n;
    int none, differ;
};

static void
on_problem(void *ctx, const char *msg)
{
    struct found *f = ctx;

    f->n++;
    f->none += strstr(msg, "0 language terms (want 1)") != NULL;
    f->differ += strstr(msg, "language term and stored language differ") !=
                 NULL;
}

static void
test_check_langs(void)
{
    static const struct {
        const char *id, *term, *lang;  /* term NULL: none */
    } rows[] = {
        {"a", "Lfr", "fr"},   /* fine */
        {"b", "Len", ""},     /* fine: the index's own language */
        {"c", NULL, ""},      /* no language term */
        {"d", "Lde", "fr"},   /* term and data differ */
    };
    struct found f = {0, 0, 0};
    char path[160];
    dtl_doc *docs[4];
    uint64_t problems = 0;
    size_t i;

    snprintf(path, sizeof(path), "%s/langs", dir);
    /* A title and source without words: no title or source terms are
     * wanted (layout 5), only the language terms are checked. */
    for (i = 0; i < 4; i++)
        docs[i] = check_entry(rows[i].id, "--", rows[i].lang, rows[i].term,
                              NULL, NULL);
    tap_is_int(check_page(path, docs, 4, on_problem, &f, &problems), DTL_OK,
               "language rows written and checked");
    tap_ok(problems == 2 && f.n == 2 && f.none == 1 && f.differ == 1,
           "check finds the entry without a language term and the one "
           "whose term and data differ (%u problems)", f.n);
}

/* Counts the problems check reports about carriers and about source
 * terms (layout 5). */
struct carrier_found {
    unsigned pages;    /* "page ...": title terms not on the carrier */
    unsigned sources;  /* "entry ...: no source terms" */
};

static void
on_carrier_problem(void *ctx, const char *msg)
{
    struct carrier_found *f = ctx;

    f->pages += strstr(msg, "page ") == msg;
    f->sources += strstr(msg, ": no source terms") != NULL;
}

/* dtl_db_check() and carriers (layout 5): a page's title terms on
 * exactly one entry, the one whose id sorts last, and its source terms
 * on every entry.  Each row is a page of three entries "x", "y", "z"
 * (so "z" is the carrier), its title and source text, the entries that
 * hold a title term and those that hold the source term XUs. */
static void
test_check_carriers(void)
{
    static const struct {
        const char *name;
        const char *holders;   /* entries with the title term */
        const char *term;      /* the title term they hold */
        const char *text;      /* stored title and source */
        const char *xu;        /* entries with XUs */
        unsigned pages;        /* carrier problems reported */
        unsigned sources;      /* entries reported without source terms */
    } *row, rows[] = {
        {"the carrier only", "z", "XTlive", "s", "xyz", 0, 0},
        {"the carrier, another language's stem", "z", "ZLfr:XTviv", "s",
         "xyz", 0, 0},
        {"no entry", "", NULL, "s", "xyz", 1, 0},
        {"no entry, a title without words", "", NULL, "--", "", 0, 0},
        /* The analyser says what a word is, not ASCII alone. */
        {"no entry, a title in Greek", "", NULL, "\xce\xb5\xce\xbb",
         "xyz", 1, 0},
        {"no entry, a title of one overlong word", "", NULL,
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         "", 0, 0},
        {"two entries", "yz", "XTlive", "s", "xyz", 1, 0},
        {"not the carrier", "x", "ZXTliv", "s", "xyz", 1, 0},
        /* XU is not a title term: on the carrier alone it is no
         * carrier's title (and the other entries lack it). */
        {"XU on the carrier only, no title term", "", NULL, "s", "z", 1,
         2},
        /* The branch's first layout 5 had the source terms on the
         * carrier only. */
        {"source terms on the carrier only", "z", "XTlive", "s", "z", 0, 2},
        {"no source terms", "z", "XTlive", "s", "", 0, 3},
        {NULL, NULL, NULL, NULL, NULL, 0, 0}
    };
    static const char *const ids[] = {"x", "y", "z"};
    char path[160];
    int k = 0;

    for (row = rows; row->name; row++, k++) {
        dtl_doc *docs[3];
        uint64_t problems = 0;
        struct carrier_found f = {0, 0};
        size_t i;
        dtl_status st;

        snprintf(path, sizeof(path), "%s/carriers%d", dir, k);
        for (i = 0; i < 3; i++)
            docs[i] = check_entry(ids[i], row->text, "", "Len",
                                  strchr(row->holders, ids[i][0])
                                      ? row->term : NULL,
                                  strchr(row->xu, ids[i][0])
                                      ? DTL_PFX_SOURCE "s" : NULL);
        st = check_page(path, docs, 3, on_carrier_problem, &f, &problems);
        tap_ok(st == DTL_OK && f.pages == row->pages &&
                   f.sources == row->sources &&
                   problems == row->pages + row->sources,
               "check, %s: %u carrier and %u source problems (want %u "
               "and %u)", row->name, f.pages, f.sources, row->pages,
               row->sources);
    }
}

/* Ids listed by dtl_db_list(), joined by spaces in docid order. */
static void
on_listed(void *ctx, const struct dtl_entry_info *e)
{
    struct dtl_buf *b = ctx;

    dtl_buf_addf(b, "%s%s", b->len ? " " : "", e->unique);
}

/* Layout 6 stores the glue's hex ids and page keys as bytes: each row is
 * a page of three ids (K stands for its 32-digit key) whose last in byte
 * order is the carrier.  The packed forms must keep that order (check
 * finds no carrier problem) and give the ids back (dtl_db_list). */
static void
test_packed_ids(void)
{
    static const struct {
        const char *name;
        const char *ids[3];
    } *row, rows[] = {
        {"entry hashes", {":0123456789abcdef", ":fedcba9876543210",
                          ":89abcdef01234567"}},
        {"the lead sorts last", {":fedcba9876543210", ":lead",
                                 ":0000000000000000"}},
        {"copies of one entry", {":fedcba9876543210#10",
                                 ":fedcba9876543210#2", ":fedcba9876543210"}},
        {"copies of the lead", {":lead#2", ":lead", ":ffffffffffffffff"}},
        {"ids the glue does not make", {":abc", ":ABCDEF0123456789",
                                        "-zz"}},
        {NULL, {NULL, NULL, NULL}}
    };
    static const char key[] = "0123456789abcdef0123456789abcdef";
    struct dtl_error err = DTL_ERROR_INIT;
    char path[160];
    int k = 0;
    dtl_doc *d = NULL;

    for (row = rows; row->name; row++, k++) {
        struct dtl_buf want = DTL_BUF_INIT, got = DTL_BUF_INIT;
        char ids[3][80];
        const char *last = NULL;
        dtl_doc *docs[3];
        dtl_index *ix = NULL;
        uint64_t problems = 9;
        struct carrier_found f = {0, 0};
        dtl_status st;
        size_t i;

        for (i = 0; i < 3; i++) {
            snprintf(ids[i], sizeof(ids[i]), "%s%s", key, row->ids[i]);
            if (!last || strcmp(ids[i], last) > 0)
                last = ids[i];
        }
        snprintf(path, sizeof(path), "%s/packed%d", dir, k);
        for (i = 0; i < 3; i++) {
            docs[i] = check_entry(ids[i], "s", "", "Len",
                                  ids[i] == last ? "XTlive" : NULL,
                                  DTL_PFX_SOURCE "s");
            dtl_doc_set_page_key(docs[i], key, strlen(key));
            dtl_buf_addf(&want, "%s%s", i ? " " : "", ids[i]);
        }
        st = dtl_index_open(path, DTL_INDEX_WRITE, &ix, &err);
        if (st == DTL_OK)
            st = dtl_index_replace_page(ix, key, strlen(key), "h", docs, 3,
                                        NULL, &err);
        for (i = 0; i < 3; i++)
            dtl_doc_free(docs[i]);
        if (ix && dtl_index_close(ix, &err) != DTL_OK && st == DTL_OK)
            st = DTL_EIO;
        if (st == DTL_OK)
            st = dtl_db_check(path, on_carrier_problem, &f, &problems,
                              &err);
        tap_ok(st == DTL_OK && problems == 0,
               "packed ids, %s: the carrier is the id that sorts last "
               "(%llu problems)", row->name, (unsigned long long)problems);
        if (st == DTL_OK)
            st = dtl_db_list(path, on_listed, &got, &err);
        tap_ok(st == DTL_OK && got.p && strcmp(got.p, want.p) == 0,
               "packed ids, %s: listed as given (%s)", row->name,
               got.p ? got.p : "");
        dtl_error_clear(&err);
        dtl_buf_release(&want);
        dtl_buf_release(&got);
    }
    /* Byte 0xff begins every packed form, and no id or key given. */
    dtl_doc_new(&d);
    tap_is_int(dtl_doc_set_unique(d, "\xff" "abc", 4), DTL_EINVAL,
               "an id beginning with byte 0xff is refused");
    tap_is_int(dtl_doc_set_page_key(d, "\xff" "abc", 4), DTL_EINVAL,
               "and a page key");
    dtl_doc_free(d);
}

/* Opening what is not a usable index gives the matching status. */
static void
test_open_errors(void)
{
    struct dtl_error err = DTL_ERROR_INIT;
    char path[160], file[200];
    dtl_index *ix = NULL;
    FILE *f;

    snprintf(path, sizeof(path), "%s/junk", dir);
    f = fopen(path, "w");
    if (f) {
        fputs("this is not an index\n", f);
        fclose(f);
    }
    tap_is_int(dtl_index_open(path, DTL_INDEX_READ, &ix, &err), DTL_EINDEX,
               "a file that is not an index: EINDEX");
    tap_ok(strstr(err.msg, path) != NULL, "the message names the file");
    dtl_error_clear(&err);
    snprintf(path, sizeof(path), "%s/empty", dir);
    f = fopen(path, "w");
    if (f)
        fclose(f);
    tap_is_int(dtl_index_open(path, DTL_INDEX_READ, &ix, &err), DTL_EINDEX,
               "an empty file (a stub of nothing): EINDEX");
    tap_ok(strstr(err.msg, path) != NULL, "the message names the file");
    dtl_error_clear(&err);
    tap_ok(dtl_index_open(path, DTL_INDEX_WRITE, &ix, &err) != DTL_OK &&
           ix == NULL, "nor can it be written");
    dtl_error_clear(&err);
    snprintf(path, sizeof(path), "%s/no/such/dir", dir);
    tap_is_int(dtl_index_open(path, DTL_INDEX_WRITE, &ix, &err), DTL_EIO,
               "creating under a missing directory: EIO");
    dtl_error_clear(&err);
    tap_is_int(dtl_index_open("", DTL_INDEX_READ, &ix, &err), DTL_EINVAL,
               "empty path: EINVAL");

    snprintf(path, sizeof(path), "%s/damaged", dir);
    dtl_index_open(path, DTL_INDEX_WRITE, &ix, NULL);
    dtl_index_close(ix, NULL);
    ix = NULL;
    snprintf(file, sizeof(file), "%s/iamglass", path);
    f = fopen(file, "w");
    if (f) {
        fputs("garbage", f);
        fclose(f);
    }
    dtl_error_clear(&err);
    tap_is_int(dtl_index_open(path, DTL_INDEX_READ, &ix, &err),
               DTL_ECORRUPT, "a damaged index: ECORRUPT");
    tap_ok(ix == NULL && err.msg[0] != '\0', "with a message and no handle");
}

/* Each dtl_malloc the shim makes can fail: DTL_ENOMEM, then success. */
static void
test_oom(dtl_index *ix)
{
    struct dtl_search_opts o = opts(DTL_SORT_BLEND);
    long n;
    int st, ok;

    for (ok = 1, n = 0; n < 8; n++) {
        dtl_index *r = NULL;

        dtl_alloc_fail_after(n);
        st = dtl_index_open(ix_path, DTL_INDEX_READ, &r, NULL);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK) {
            dtl_index_close(r, NULL);
            break;
        }
        ok &= st == DTL_ENOMEM && r == NULL;
    }
    tap_ok(ok && n < 8, "open: ENOMEM until it succeeds (%ld faults)", n);
    for (ok = 1, n = 0; n < 8; n++) {
        dtl_hits *h = NULL;

        reset_pool();
        dtl_alloc_fail_after(n);
        st = dtl_index_search_tree(ix, word("ceasefire"), DTL_TS_NONE,
                                   DTL_TS_NONE, &o, &h, NULL);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK) {
            ok &= dtl_hits_count(h) == 4;
            dtl_hits_free(h);
            break;
        }
        ok &= st == DTL_ENOMEM && h == NULL;
    }
    tap_ok(ok && n < 8, "search: ENOMEM until it succeeds (%ld faults)", n);
    for (ok = 1, n = 0; n < 8; n++) {
        char *v = NULL;

        dtl_alloc_fail_after(n);
        st = dtl_index_get_meta(ix, DTL_META_LAYOUT, &v, NULL, NULL);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK) {
            dtl_free_string(v);
            break;
        }
        ok &= st == DTL_ENOMEM && v == NULL;
    }
    tap_ok(ok && n < 8, "get_meta: ENOMEM until it succeeds (%ld faults)",
           n);
    for (ok = 1, n = 0; n < 8; n++) {
        dtl_doc *d = NULL;

        dtl_alloc_fail_after(n);
        st = dtl_doc_new(&d);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK) {
            dtl_doc_free(d);
            break;
        }
        ok &= st == DTL_ENOMEM && d == NULL;
    }
    tap_ok(ok && n < 8, "doc_new: ENOMEM until it succeeds (%ld faults)",
           n);
}

/* Remove the temporary tree (index directories hold only files). */
static void
rm_tree(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *de;
    struct stat sb;
    char sub[512];

    if (!d) {
        remove(path);
        return;
    }
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
        if (lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
            rm_tree(sub);
        else
            remove(sub);
    }
    closedir(d);
    rmdir(path);
}

int
main(void)
{
    const char *tmp = getenv("TMPDIR");
    dtl_index *ix;

    snprintf(dir, sizeof(dir), "%s/t-index-XXXXXX",
             tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (!mkdtemp(dir))
        tap_skip_all("cannot make a temporary directory");
    snprintf(ix_path, sizeof(ix_path), "%s/ix", dir);

    ix = build();
    if (ix) {
        test_idempotent_and_locks(ix);
        test_matching(ix);
        test_parsed(ix);
        test_field_cap(ix);
        test_dates(ix);
        test_ranking(ix);
        test_reader_blend();
        test_blend_exact(0);
        test_blend_exact(1);
        test_collapse_and_paging(ix);
        test_oom(ix);
        test_concurrent_reader(ix);
        test_replace(ix);
        test_long_keys(ix);
        test_meta_and_errors(ix);
        tap_is_int(dtl_index_close(ix, NULL), DTL_OK, "close");
    }
    test_batch_and_layout();
    test_check_carriers();
    test_packed_ids();
    test_check_langs();
    test_open_errors();
    rm_tree(dir);
    return tap_done();
}
