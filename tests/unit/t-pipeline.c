/* Dateline tests: cancelling the indexing pipeline (dtl_pipeline_cancel).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A first indexing with one worker and the smallest memory budget, fed
 * pages large enough that each makes a unit of its own (a unit is
 * submitted once it holds block_docs entries, about a thousand with
 * this budget; see plan_memory() in src/pipeline.c).  With one worker at
 * most three units are in flight, so submitting unit n waits until unit
 * n - 3 is finished: the test knows which units are surely written.  It
 * then adds small pages, which stay in the unit being filled, and
 * cancels.  Pages seen twice are the point: the older copy leaves its
 * scratch database only if a newer copy is written ("drops").
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dateline/index.h"
#include "dateline/page.h"
#include "dateline/pipeline.h"
#include "dateline/search.h"
#include "../../index/shim-build.h"
#include "alloc.h"
#include "indexer.h"
#include "tap.h"

#define BIG 2500 /* entries of a page that fills a unit by itself */

static char dir[64];

/* A page of n entries whose words depend on version. */
static dtl_page *
make_page(const char *url, size_t n, int version)
{
    static const char *const words[] = {"harbour", "ceasefire", "budget",
                                        "summit", "election", "storm"};
    dtl_page *pg = NULL;
    char head[64], body[128];
    size_t i;

    if (dtl_page_new(&pg) != DTL_OK)
        return NULL;
    dtl_page_set_field(pg, DTL_PAGE_TITLE, "Live", 4);
    dtl_page_set_field(pg, DTL_PAGE_URL, url, strlen(url));
    for (i = 0; i < n; i++) {
        struct dtl_entry e;

        memset(&e, 0, sizeof(e));
        snprintf(head, sizeof(head), "Update %zu version %d", i, version);
        snprintf(body, sizeof(body), "The %s news number %zu, take %d.",
                 words[(i + (size_t)version) % 6], i, version);
        e.ts = (int64_t)1764668760 - (int64_t)i * 60;
        e.headline = head;
        e.headline_len = strlen(head);
        e.body = body;
        e.body_len = strlen(body);
        if (dtl_page_add_entry(pg, &e) != DTL_OK) {
            dtl_page_free(pg);
            return NULL;
        }
    }
    return pg;
}

/* Add a page; with key and hash, receive its ids.  1: accepted. */
static int
add(dtl_pipeline *pl, dtl_analyser *an, const char *url, size_t n,
    int version, char key[DTL_HASH_HEX_LEN + 1],
    char hash[DTL_HASH_HEX_LEN + 1])
{
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_page *pg = make_page(url, n, version);
    dtl_status st;

    if (!pg)
        return 0;
    st = dtl_pipeline_add_page(pl, url, pg, NULL, NULL, &err);
    if (st == DTL_OK && key)
        st = dtl_indexer_page_ids(an, url, pg, key, hash);
    dtl_page_free(pg);
    if (st != DTL_OK)
        tap_diag("%s: %s", url, err.msg);
    return st == DTL_OK;
}

/* Every page of the test, in order (both runs); 1 if all accepted. */
static int
add_all(dtl_pipeline *pl, dtl_analyser *an, char kk[], char k1[],
        char jk[], char j2[])
{
    /* Units 0-5: K v1; J v1; J v2; three fillers.  Submitting unit 5
     * waits until units 0-2 are finished: K v1 and J v2 are written
     * (and J v1 is dropped). */
    return add(pl, an, "https://t.example/k", BIG, 1, kk, k1) &&
           add(pl, an, "https://t.example/j", BIG, 1, NULL, NULL) &&
           add(pl, an, "https://t.example/j", BIG, 2, jk, j2) &&
           add(pl, an, "https://t.example/f1", BIG, 0, NULL, NULL) &&
           add(pl, an, "https://t.example/f2", BIG, 0, NULL, NULL) &&
           add(pl, an, "https://t.example/f3", BIG, 0, NULL, NULL) &&
           /* Newer copies of both in the unit being filled. */
           add(pl, an, "https://t.example/k", 2, 2, NULL, NULL) &&
           add(pl, an, "https://t.example/j", 2, 3, NULL, NULL);
}

static void
hex16(const char *hex, unsigned char out[16])
{
    size_t i;

    for (i = 0; i < 16; i++) {
        unsigned v = 0;

        sscanf(hex + 2 * i, "%2x", &v);
        out[i] = (unsigned char)v;
    }
}

/* The hash the index records for key, as hex ("" if none). */
static void
recorded(const struct dtl_page_hash *tab, size_t n, const char *key,
         char out[DTL_HASH_HEX_LEN + 1])
{
    unsigned char k[16];
    size_t i, j;

    hex16(key, k);
    out[0] = '\0';
    for (i = 0; i < n; i++) {
        if (memcmp(tab[i].key, k, 16) != 0)
            continue;
        for (j = 0; j < 16; j++)
            snprintf(out + 2 * j, 3, "%02x", tab[i].hash[j]);
    }
}

static void
fail(const char *what, const struct dtl_error *err)
{
    tap_diag("%s: %s", what, err->msg);
    tap_ok(0, "%s", what);
    tap_done();
    dtl_scratch_remove(dir);
    exit(1);
}

int
main(void)
{
    struct dtl_error err = DTL_ERROR_INIT;
    struct dtl_pipeline_opts o;
    char path[96], kk[DTL_HASH_HEX_LEN + 1], k1[DTL_HASH_HEX_LEN + 1],
        jk[DTL_HASH_HEX_LEN + 1], j2[DTL_HASH_HEX_LEN + 1],
        got[DTL_HASH_HEX_LEN + 1];
    struct dtl_page_hash *tab = NULL;
    dtl_index *ix = NULL;
    dtl_analyser *an = NULL;
    dtl_pipeline *pl = NULL;
    size_t n_tab = 0, pages = 0, entries = 0, failed = 0;
    uint64_t docs = 0;
    dtl_status st;

    snprintf(dir, sizeof(dir), "%s/t-pipeline.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        tap_skip_all("mkdtemp failed");
        return 0;
    }
    snprintf(path, sizeof(path), "%s/db", dir);
    if (dtl_index_open(path, DTL_INDEX_WRITE, &ix, &err) != DTL_OK ||
        dtl_index_analyser(ix, NULL, &an, &err) != DTL_OK)
        fail("open the index", &err);
    dtl_pipeline_opts_init(&o);
    o.jobs = 1;
    o.memory = DTL_PIPELINE_MEMORY_MIN;
    o.no_spelling = 1;
    if (dtl_pipeline_new(ix, an, &o, NULL, NULL, &pl, &err) != DTL_OK)
        fail("dtl_pipeline_new", &err);
    tap_ok(add_all(pl, an, kk, k1, jk, j2), "pages accepted");
    dtl_pipeline_cancel(pl);
    dtl_pipeline_cancel(pl);
    tap_ok(!add(pl, an, "https://t.example/late", 2, 0, NULL, NULL),
           "no page is accepted after a cancel");
    st = dtl_pipeline_finish(pl, &err);
    tap_ok(st == DTL_OK, "finish after a cancel: %s", err.msg);
    dtl_pipeline_counts(pl, &pages, &entries, &failed);
    dtl_pipeline_free(pl);

    if (dtl_index_page_hashes(ix, &tab, &n_tab, &err) != DTL_OK ||
        dtl_index_doc_count(ix, &docs, &err) != DTL_OK)
        fail("read the index", &err);
    recorded(tab, n_tab, kk, got);
    tap_is_str(got, k1, "K keeps the copy written (its newer one was "
                        "cancelled)");
    recorded(tab, n_tab, jk, got);
    tap_is_str(got, j2, "J keeps its second copy, the newest written");
    /* Whole pages: each page recorded has its BIG entries, once. */
    tap_ok(docs == (uint64_t)n_tab * BIG, "%llu entries for %zu pages",
           (unsigned long long)docs, n_tab);
    tap_ok(n_tab >= 2 && n_tab <= 5, "%zu pages kept (K, J, fillers)",
           n_tab);
    /* J's two copies written both count (the first was dropped). */
    tap_ok(failed == 0 && entries == pages * BIG && pages == n_tab + 1,
           "counted %zu pages, %zu entries, %zu failed", pages, entries,
           failed);
    dtl_free(tab);
    dtl_analyser_free(an);
    an = NULL;

    /* A rerun (now into an index that holds pages) writes the rest. */
    if (dtl_index_analyser(ix, NULL, &an, &err) != DTL_OK ||
        dtl_pipeline_new(ix, an, &o, NULL, NULL, &pl, &err) != DTL_OK)
        fail("start the rerun", &err);
    tap_ok(add_all(pl, an, kk, k1, jk, j2), "rerun: pages accepted");
    st = dtl_pipeline_finish(pl, &err);
    dtl_pipeline_free(pl);
    if (st != DTL_OK || dtl_index_doc_count(ix, &docs, &err) != DTL_OK)
        fail("finish the rerun", &err);
    tap_is_int((long long)docs, 3 * BIG + 2 + 2,
               "the rerun ends with each page's last copy, once");

    dtl_analyser_free(an);
    dtl_index_close(ix, NULL);
    dtl_scratch_remove(dir);
    return tap_done();
}
