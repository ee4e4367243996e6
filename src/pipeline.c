/* Dateline: the parallel indexing pipeline (include/dateline/pipeline.h).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Called by `dateline index` (src/cli-index.c).  Relies on src/indexer.c
 * for documents (dtl_indexer_build, one analyser per worker) and on
 * index/shim-build.cc for scratch databases, the page-hash table and the
 * merge.
 *
 * Pages are grouped, in the order they arrive, into units: runs of
 * consecutive pages of about block_docs entries.  A unit is the work of
 * one worker and, on a first indexing, one scratch database.  Units are
 * numbered; the calling thread finishes them strictly in that order
 * (reports failures, writes them through the index's writer, or lists
 * their scratch database for the merge), so the index gets its documents
 * in page order whatever the number of workers.  At most max_inflight
 * units exist at once; dtl_pipeline_add_page() waits for the oldest when
 * the limit is reached, which bounds memory.
 *
 * A cancel (SIGINT/SIGTERM in `dateline index`) must not wait for the
 * units in flight, up to max_inflight * BLOCK_MAX entries: units no
 * worker took are dropped, workers stop at their next page, and the
 * calling thread writes no more pages.  What is kept is a prefix of each
 * unit (unit->kept): whole pages with their hashes.  A page seen twice
 * leaves its older unit's scratch database only if a newer copy was kept
 * (drop_needed()).
 *
 * Memory model (measured with /usr/bin/time on generated archives, see
 * the figures in doc/dateline.1): a unit costs about DOC_COST bytes per
 * entry while a worker builds or writes it (Xapian documents and the
 * scratch database's inverter), and the index's writer as much per
 * pending change; the budget is split between max_inflight units and the
 * writer's batch.
 */
#include <config.h>
#include "dateline/pipeline.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../index/shim-build.h"
#include "alloc.h"
#include "buf.h"
#include "hash.h"
#include "indexer.h"
#include "status.h"
#include "banned.h"

/* Bytes one entry costs in a Xapian inverter or as a built document,
 * and as page text waiting in a unit (measured: waiting text took about
 * 1.4 KiB an entry on generated pages).  Larger units make fewer
 * scratch databases, and each leaves a partial posting-list chunk per
 * term in the merged index: at 300k entries 4 KiB made about 60 units
 * and a 737 MB index, 2 KiB 30 units and 705 MB, 1.5 KiB 23 units and
 * (layout 6) 679 MiB instead of 690, in 84-90 s either way, with a peak
 * of 134 MB instead of 106 (512 MiB budget). */
#define DOC_COST ((size_t)30 << 10)
#define TEXT_COST ((size_t)3 << 9)
/* Xapian's inverter gets slower per document as it grows (a map lookup
 * per posting, one cache miss per level): scratch databases flush every
 * few hundred documents even when memory allows more.  Units (one
 * scratch database each) are large, so that a big archive makes a few
 * dozen of them for the merge, not thousands. */
#define FLUSH_MIN 64
#define FLUSH_MAX 200
#define BLOCK_MAX 20000
#define BATCH_MAX 2000

static size_t
clamp(size_t v, size_t lo, size_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* One page on its way. */
struct item {
    char *source;
    dtl_page *page;              /* freed once built */
    char key[DTL_HASH_HEX_LEN + 1];
    char hash[DTL_HASH_HEX_LEN + 1];
    int is_new;                  /* not in the index: add, do not replace */
    dtl_doc **docs;              /* built documents (incremental runs) */
    size_t n_docs, n_entries;
    dtl_status st;               /* analysis result */
    struct dtl_error err;
};

/* A run of consecutive pages: one worker's work. */
struct unit {
    size_t seq;
    struct item *items;
    size_t n, cap, docs;
    size_t kept;                 /* items[0..kept) built (and written) */
    int done;
    dtl_status st;               /* scratch database failure */
    struct dtl_error err;
    char *dir;                   /* scratch database (first indexing) */
    struct unit *next;           /* work queue */
};

/* A page key seen in this run, and the unit that has it. */
struct seen {
    unsigned char key[16];
    unsigned char hash[16];      /* of the copy last accepted */
    size_t seq;
    int used;
};

/* A page to remove from an earlier unit's scratch database, because
 * item by_idx of unit by_seq is a newer copy. */
struct drop {
    size_t seq;
    size_t by_seq, by_idx;
    char key[DTL_HASH_HEX_LEN + 1];
};

struct dtl_pipeline {
    dtl_index *ix;
    dtl_analyser *a;
    struct dtl_pipeline_opts o;
    dtl_pipeline_fail_fn fail;
    void *ctx;
    int scratch;                 /* first indexing: scratch + merge */
    int spelling;                /* the index keeps spelling data */
    char *build_dir;             /* <index>.build */
    struct dtl_page_hash *tab;   /* hashes in the index, sorted by key */
    size_t n_tab;
    struct seen *seen;           /* open addressing, power-of-2 size */
    size_t seen_cap, seen_n;
    struct drop *drops;
    size_t n_drops, cap_drops;
    char **dirs;                 /* finished scratch databases, in order */
    size_t n_dirs;
    size_t *kept;                /* by unit: its items kept (finished
                                    units; a cancel keeps fewer) */
    size_t n_kept;
    size_t block_docs, max_inflight;
    size_t flush_docs;           /* scratch databases commit this often */

    pthread_mutex_t mu;
    pthread_cond_t work, done;
    pthread_t *threads;
    dtl_analyser **an;           /* one per worker */
    unsigned n_threads;          /* workers that took an id */
    unsigned n_started;          /* threads created */
    int stopping;
    int cancelled;               /* dtl_pipeline_cancel() */
    struct unit *qhead, *qtail;  /* submitted, not taken */
    struct unit **ring;          /* in flight, by seq % max_inflight */
    size_t next_seq, next_out;
    struct unit *cur;            /* being filled */

    size_t accepted, written;    /* entries to write, written (or failed) */
    int merging;                 /* the merge has started */
    double merged;               /* its fraction done */

    dtl_status fatal;            /* first failure that stops everything */
    struct dtl_error fatal_err;
    size_t pages, entries, failed;
    int finished;
};

/* ---- small helpers ------------------------------------------------------ */

static void
hex16(const char *hex, unsigned char out[16])
{
    size_t i;

    for (i = 0; i < 16; i++) {
        unsigned hi = (unsigned)(hex[2 * i] <= '9' ? hex[2 * i] - '0'
                                                   : hex[2 * i] - 'a' + 10);
        unsigned lo = (unsigned)(hex[2 * i + 1] <= '9'
                                     ? hex[2 * i + 1] - '0'
                                     : hex[2 * i + 1] - 'a' + 10);
        out[i] = (unsigned char)(hi << 4 | lo);
    }
}

/* The index's hash of the page key, or NULL. */
static const struct dtl_page_hash *
tab_find(const dtl_pipeline *p, const unsigned char key[16])
{
    size_t lo = 0, hi = p->n_tab;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = memcmp(p->tab[mid].key, key, 16);

        if (c == 0)
            return &p->tab[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static size_t
seen_slot(const struct seen *s, size_t cap, const unsigned char key[16])
{
    size_t h, i;

    memcpy(&h, key, sizeof(h));
    for (i = h & (cap - 1); s[i].used && memcmp(s[i].key, key, 16) != 0;
         i = (i + 1) & (cap - 1))
        ;
    return i;
}

/* Record that unit seq has key with hash; *prev receives the unit that
 * had it before (SIZE_MAX: none) and *same whether with the same hash
 * (then nothing is recorded: the page is unchanged). */
static dtl_status
seen_put(dtl_pipeline *p, const unsigned char key[16],
         const unsigned char hash[16], size_t seq, size_t *prev, int *same)
{
    size_t i;

    if ((p->seen_n + 1) * 2 > p->seen_cap) {
        size_t cap = p->seen_cap ? p->seen_cap * 2 : 1024, j;
        struct seen *ns = dtl_calloc(cap, sizeof(*ns));

        if (!ns)
            return DTL_ENOMEM;
        for (j = 0; j < p->seen_cap; j++)
            if (p->seen[j].used)
                ns[seen_slot(ns, cap, p->seen[j].key)] = p->seen[j];
        dtl_free(p->seen);
        p->seen = ns;
        p->seen_cap = cap;
    }
    i = seen_slot(p->seen, p->seen_cap, key);
    *prev = p->seen[i].used ? p->seen[i].seq : SIZE_MAX;
    *same = p->seen[i].used && memcmp(p->seen[i].hash, hash, 16) == 0;
    if (*same)
        return DTL_OK;
    memcpy(p->seen[i].hash, hash, 16);
    if (!p->seen[i].used) {
        p->seen_n++;
        p->seen[i].used = 1;
        memcpy(p->seen[i].key, key, 16);
    }
    p->seen[i].seq = seq;
    return DTL_OK;
}

static void
set_fatal(dtl_pipeline *p, dtl_status st, const struct dtl_error *err)
{
    if (p->fatal != DTL_OK)
        return;
    p->fatal = st;
    dtl_error_set(&p->fatal_err, st, err ? err->offset : SIZE_MAX, "%s",
                  err && err->msg[0] ? err->msg : dtl_status_str(st));
}

static void
item_release(struct item *it)
{
    dtl_free(it->source);
    dtl_page_free(it->page);
    dtl_indexer_docs_free(it->docs, it->n_docs);
    dtl_error_clear(&it->err);
}

static void
unit_free(struct unit *u)
{
    size_t i;

    if (!u)
        return;
    for (i = 0; i < u->n; i++)
        item_release(&u->items[i]);
    dtl_free(u->items);
    dtl_error_clear(&u->err);
    dtl_free(u->dir);
    dtl_free(u);
}

/* Tell the caller how far the writing has come (calling thread, mu not
 * held). */
static void
note(dtl_pipeline *p)
{
    struct dtl_pipeline_progress pr;

    if (!p->o.progress)
        return;
    pthread_mutex_lock(&p->mu);
    pr.entries_done = p->written;
    pr.entries_total = p->accepted;
    pthread_mutex_unlock(&p->mu);
    pr.merging = p->merging;
    pr.merged = p->merged;
    p->o.progress(p->o.progress_ctx, &pr);
}

/* Entries written (or failed) by a worker or the calling thread. */
static void
count_written(dtl_pipeline *p, size_t n)
{
    pthread_mutex_lock(&p->mu);
    p->written += n;
    pthread_mutex_unlock(&p->mu);
}

/* dtl_pipeline_cancel() was called. */
static int
is_cancelled(dtl_pipeline *p)
{
    int c;

    pthread_mutex_lock(&p->mu);
    c = p->cancelled;
    pthread_mutex_unlock(&p->mu);
    return c;
}

/* Entries accepted that will not be written after all (a cancel). */
static void
count_unwritten(dtl_pipeline *p, const struct unit *u, size_t from)
{
    size_t i, n = 0;

    for (i = from; i < u->n; i++)
        n += u->items[i].n_entries;
    pthread_mutex_lock(&p->mu);
    p->accepted -= n;
    pthread_mutex_unlock(&p->mu);
}

/* ---- workers ------------------------------------------------------------- */

/* Build (and on a first indexing write) every page of u, in order; after
 * a cancel, stop at the next page: u->kept says how many were done, and
 * a scratch database commits those. */
static void
work_unit(dtl_pipeline *p, dtl_analyser *an, struct unit *u)
{
    dtl_scratch *s = NULL;
    size_t i;

    if (p->scratch)
        u->st = dtl_scratch_open(u->dir, p->flush_docs, &s, &u->err);
    for (i = 0; i < u->n && u->st == DTL_OK; i++) {
        struct item *it = &u->items[i];

        if (is_cancelled(p))
            break;

        it->st = dtl_indexer_build(an, it->source, it->page, it->key,
                                   &it->docs, &it->n_docs, &it->err);
        if (it->st != DTL_OK)
            dtl_indexer_report(it->st, it->source, &it->err);
        dtl_page_free(it->page);
        it->page = NULL;
        if (it->st != DTL_OK || !s) {
            if (it->st != DTL_OK)
                count_written(p, it->n_entries);
            continue;
        }
        u->st = dtl_scratch_add(s, it->key, it->hash, it->docs, it->n_docs,
                                &u->err);
        count_written(p, it->n_entries);
        dtl_indexer_docs_free(it->docs, it->n_docs);
        it->docs = NULL;
    }
    u->kept = i;
    if (i < u->n && u->st == DTL_OK)
        count_unwritten(p, u, i);
    if (s) {
        dtl_status st = dtl_scratch_close(s, &u->err);
        if (u->st == DTL_OK)
            u->st = st;
    }
}

static void *
worker(void *arg)
{
    dtl_pipeline *p = arg;
    unsigned id;
    struct unit *u;

    pthread_mutex_lock(&p->mu);
    id = p->n_threads++;
    for (;;) {
        while (!p->qhead && !p->stopping)
            pthread_cond_wait(&p->work, &p->mu);
        if (!p->qhead)
            break;
        u = p->qhead;
        p->qhead = u->next;
        if (!p->qhead)
            p->qtail = NULL;
        pthread_mutex_unlock(&p->mu);
        work_unit(p, p->an[id], u);
        pthread_mutex_lock(&p->mu);
        u->done = 1;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* ---- the calling thread: finishing units in order ------------------------ */

/* Write one built page through the index's writer. */
static void
write_item(dtl_pipeline *p, struct item *it)
{
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_status st;
    int changed = 0;

    if (it->is_new)
        st = dtl_index_add_new_page(p->ix, it->key, it->hash, it->docs,
                                    it->n_docs, &err);
    else
        st = dtl_index_replace_page(p->ix, it->key, DTL_HASH_HEX_LEN,
                                    it->hash, it->docs, it->n_docs,
                                    &changed, &err);
    if (st == DTL_OK && (it->is_new || changed) && p->spelling)
        st = dtl_index_add_spelling(p->ix, it->docs, it->n_docs, &err);
    if (st == DTL_OK) {
        p->pages++;
        p->entries += it->n_entries;
    } else {
        dtl_indexer_report(st, it->source, &err);
        p->failed++;
        if (p->fail)
            p->fail(p->ctx, it->source, st, &err);
        if (st != DTL_EINVAL)
            set_fatal(p, st, &err);
    }
    dtl_error_clear(&err);
    count_written(p, it->n_entries);
    note(p);
}

/* The oldest unit is done: account for it (and write it). */
static void
finish_unit(dtl_pipeline *p, struct unit *u)
{
    size_t i;

    if (p->scratch) {
        size_t *nk = dtl_realloc(p->kept, (p->n_kept + 1) * sizeof(*nk));

        if (!nk) {
            set_fatal(p, DTL_ENOMEM, NULL);
            return;
        }
        p->kept = nk;
        p->kept[p->n_kept++] = u->kept;
    }
    if (u->st != DTL_OK) {
        set_fatal(p, u->st, &u->err);
        for (i = 0; i < u->n; i++)
            p->failed++;
        return;
    }
    for (i = 0; i < u->kept; i++) {
        struct item *it = &u->items[i];

        if (it->st != DTL_OK) {
            p->failed++;
            if (p->fail)
                p->fail(p->ctx, it->source, it->st, &it->err);
            if (it->st == DTL_ENOMEM)
                set_fatal(p, it->st, &it->err);
        } else if (p->scratch) {
            p->pages++;
            p->entries += it->n_entries;
        } else if (p->fatal == DTL_OK && !p->cancelled) {
            write_item(p, it);
        } else if (p->cancelled) {
            /* Built but not written: the writer is the slow part (a
             * few thousand entries can wait here), a rerun writes it. */
            pthread_mutex_lock(&p->mu);
            p->accepted -= it->n_entries;
            pthread_mutex_unlock(&p->mu);
        }
        dtl_indexer_docs_free(it->docs, it->n_docs);
        it->docs = NULL;
    }
    /* Cancelled before it wrote a page: nothing to merge. */
    if (p->scratch && u->kept > 0) {
        char **nd = dtl_realloc(p->dirs, (p->n_dirs + 1) * sizeof(*nd));

        if (!nd) {
            set_fatal(p, DTL_ENOMEM, NULL);
            return;
        }
        p->dirs = nd;
        p->dirs[p->n_dirs++] = u->dir;
        u->dir = NULL;
    }
}

/* Finish done units in order; with wait, wait until fewer than `keep`
 * units are in flight. */
static void
drain(dtl_pipeline *p, size_t keep)
{
    pthread_mutex_lock(&p->mu);
    while (p->next_out < p->next_seq) {
        struct unit *u = p->ring[p->next_out % p->max_inflight];

        if (!u->done) {
            if (p->next_seq - p->next_out < keep || keep == SIZE_MAX)
                break;
            if (!p->o.progress) {
                pthread_cond_wait(&p->done, &p->mu);
                continue;
            }
            /* Wake up to report progress while the workers write. */
            {
                struct timespec ts;

                clock_gettime(CLOCK_REALTIME, &ts);
                ts.tv_nsec += 100000000L;
                if (ts.tv_nsec >= 1000000000L) {
                    ts.tv_sec++;
                    ts.tv_nsec -= 1000000000L;
                }
                pthread_cond_timedwait(&p->done, &p->mu, &ts);
            }
            pthread_mutex_unlock(&p->mu);
            note(p);
            pthread_mutex_lock(&p->mu);
            continue;
        }
        p->ring[p->next_out % p->max_inflight] = NULL;
        p->next_out++;
        pthread_mutex_unlock(&p->mu);
        finish_unit(p, u);
        unit_free(u);
        pthread_mutex_lock(&p->mu);
    }
    pthread_mutex_unlock(&p->mu);
}

/* Hand the unit being filled to the workers. */
static dtl_status
submit(dtl_pipeline *p)
{
    struct unit *u = p->cur;

    if (!u)
        return DTL_OK;
    p->cur = NULL;
    /* Make room first: the ring holds max_inflight units. */
    drain(p, p->max_inflight);
    pthread_mutex_lock(&p->mu);
    if (p->cancelled) {
        /* Cancelled while waiting (from the progress callback). */
        pthread_mutex_unlock(&p->mu);
        count_unwritten(p, u, 0);
        unit_free(u);
        return DTL_OK;
    }
    u->next = NULL;
    if (p->qtail)
        p->qtail->next = u;
    else
        p->qhead = u;
    p->qtail = u;
    p->ring[u->seq % p->max_inflight] = u;
    p->next_seq = u->seq + 1;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
    drain(p, SIZE_MAX);
    return DTL_OK;
}

/* dir followed by name, to free with dtl_free(); NULL: out of memory. */
static char *
path_join(const char *dir, const char *name)
{
    struct dtl_buf b = DTL_BUF_INIT;

    dtl_buf_adds(&b, dir);
    dtl_buf_adds(&b, name);
    return dtl_buf_detach(&b, NULL);
}

static dtl_status
new_unit(dtl_pipeline *p)
{
    struct unit *u = dtl_calloc(1, sizeof(*u));
    char name[32];

    if (!u)
        return DTL_ENOMEM;
    u->seq = p->next_seq;
    dtl_error_clear(&u->err);
    if (p->scratch) {
        snprintf(name, sizeof(name), "/%08zu", u->seq);
        u->dir = path_join(p->build_dir, name);
        if (!u->dir) {
            dtl_free(u);
            return DTL_ENOMEM;
        }
    }
    p->cur = u;
    return DTL_OK;
}

/* ---- public ------------------------------------------------------------ */

void
dtl_pipeline_opts_init(struct dtl_pipeline_opts *o)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    if (!o)
        return;
    o->jobs = n < 1 ? 1 : n > DTL_PIPELINE_JOBS_MAX ? DTL_PIPELINE_JOBS_MAX
                                                     : (unsigned)n;
    o->memory = DTL_PIPELINE_MEMORY_DEFAULT;
    o->no_spelling = 0;
    o->progress = NULL;
    o->progress_ctx = NULL;
}

/*
 * Split the budget (see the memory model at the top): 60% for the
 * workers' inverters or built documents, 20% for the pages waiting in
 * units, 20% for the writer's batch.
 */
static void
plan_memory(dtl_pipeline *p)
{
    size_t m = p->o.memory / 10, jobs = p->o.jobs, batch;
    char env[32];

    p->max_inflight = 2 * jobs + 1;
    p->flush_docs = clamp(6 * m / jobs / DOC_COST, FLUSH_MIN, FLUSH_MAX);
    /* A unit waits as text; an incremental run's unit holds its built
     * documents until the writer takes them. */
    p->block_docs = 2 * m / p->max_inflight / (p->scratch ? TEXT_COST
                                                          : DOC_COST);
    p->block_docs = clamp(p->block_docs, FLUSH_MIN, BLOCK_MAX);
    batch = clamp(2 * m / DOC_COST, FLUSH_MIN, BATCH_MAX);
    dtl_index_set_batch(p->ix, batch);
    /* Xapian flushes by itself after this many changes: not before we
     * do. */
    snprintf(env, sizeof(env), "%zu", p->flush_docs + batch + 1);
    setenv("XAPIAN_FLUSH_THRESHOLD", env, 1);
}

static dtl_status
start_workers(dtl_pipeline *p, struct dtl_error *err)
{
    unsigned i;
    dtl_status st;

    p->an = dtl_calloc(p->o.jobs, sizeof(*p->an));
    p->threads = dtl_calloc(p->o.jobs, sizeof(*p->threads));
    p->ring = dtl_calloc(p->max_inflight, sizeof(*p->ring));
    if (!p->an || !p->threads || !p->ring)
        return DTL_ENOMEM;
    for (i = 0; i < p->o.jobs; i++) {
        st = dtl_analyser_new(dtl_analyser_lang(p->a), &p->an[i], err);
        if (st != DTL_OK)
            return st;
    }
    for (i = 0; i < p->o.jobs; i++) {
        int rc = pthread_create(&p->threads[i], NULL, worker, p);
        if (rc != 0)
            return dtl_error_set(err, rc == EAGAIN ? DTL_ENOMEM : DTL_EINTERNAL,
                                 SIZE_MAX, "cannot start worker %u: %s",
                                 i + 1, strerror(rc));
        p->n_started++;
    }
    return DTL_OK;
}

dtl_status
dtl_pipeline_new(dtl_index *ix, dtl_analyser *a,
                 const struct dtl_pipeline_opts *o, dtl_pipeline_fail_fn fail,
                 void *ctx, dtl_pipeline **out, struct dtl_error *err)
{
    dtl_pipeline *p;
    uint64_t count = 0;
    dtl_status st;
    size_t len;

    if (out)
        *out = NULL;
    if (!ix || !a || !out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_pipeline_new: no index, analyser or "
                             "result");
    p = dtl_calloc(1, sizeof(*p));
    if (!p)
        return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
    p->ix = ix;
    p->a = a;
    p->fail = fail;
    p->ctx = ctx;
    dtl_error_clear(&p->fatal_err);
    if (o)
        p->o = *o;
    else
        dtl_pipeline_opts_init(&p->o);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    if (p->o.jobs < 1 || p->o.jobs > DTL_PIPELINE_JOBS_MAX) {
        st = dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                           "jobs must be 1 to %d", DTL_PIPELINE_JOBS_MAX);
        goto out;
    }
    if (p->o.memory < DTL_PIPELINE_MEMORY_MIN) {
        st = dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                           "memory must be at least %zu MiB",
                           DTL_PIPELINE_MEMORY_MIN >> 20);
        goto out;
    }
    st = dtl_index_doc_count(ix, &count, err);
    if (st == DTL_OK)
        st = dtl_index_page_hashes(ix, &p->tab, &p->n_tab, err);
    if (st == DTL_OK)
        st = dtl_indexer_spelling(ix, p->o.no_spelling, &p->spelling, err);
    if (st != DTL_OK)
        goto out;
    p->scratch = count == 0 && dtl_index_can_build(ix);
    plan_memory(p);
    if (p->scratch) {
        const char *path = dtl_index_path_of(ix);

        len = strlen(path) + sizeof(".build");
        p->build_dir = dtl_malloc(len);
        if (!p->build_dir) {
            st = DTL_ENOMEM;
            goto out;
        }
        snprintf(p->build_dir, len, "%s", path);
        while (strlen(p->build_dir) > 1 &&
               p->build_dir[strlen(p->build_dir) - 1] == '/')
            p->build_dir[strlen(p->build_dir) - 1] = '\0';
        memcpy(p->build_dir + strlen(p->build_dir), ".build",
               sizeof(".build"));
        dtl_scratch_remove(p->build_dir);
        if (mkdir(p->build_dir, 0777) != 0) {
            st = dtl_error_set(err, DTL_EIO, SIZE_MAX, "%s: %s",
                               p->build_dir, strerror(errno));
            goto out;
        }
    }
    st = start_workers(p, err);
out:
    if (st == DTL_ENOMEM)
        dtl_error_set(err, st, SIZE_MAX, "out of memory");
    if (st != DTL_OK) {
        dtl_pipeline_free(p);
        return st;
    }
    *out = p;
    return DTL_OK;
}

/* A copy of page with what the indexer reads (the caller's page is
 * borrowed for the call only). */
static dtl_status
page_clone(const dtl_page *page, dtl_page **out)
{
    dtl_page *c = NULL;
    dtl_status st = dtl_page_new(&c);
    size_t i, n, len;
    int f;

    for (f = 0; st == DTL_OK && f < DTL_PAGE_N_FIELDS; f++) {
        const char *v = dtl_page_field(page, (enum dtl_page_field)f, &len);
        st = dtl_page_set_field(c, (enum dtl_page_field)f, v, len);
    }
    if (st == DTL_OK)
        st = dtl_page_set_times(c, dtl_page_published(page),
                                dtl_page_modified(page));
    n = dtl_page_entry_count(page);
    for (i = 0; st == DTL_OK && i < n; i++)
        st = dtl_page_add_entry(c, dtl_page_entry(page, i));
    if (st != DTL_OK) {
        dtl_page_free(c);
        c = NULL;
    }
    *out = c;
    return st;
}

dtl_status
dtl_pipeline_add_page(dtl_pipeline *p, const char *source,
                      const dtl_page *page, int *changed, size_t *n_entries,
                      struct dtl_error *err)
{
    const struct dtl_page_hash *old;
    unsigned char key[16], hash[16];
    struct item *it;
    size_t prev;
    int same = 0;
    dtl_status st;

    if (changed)
        *changed = 0;
    if (n_entries)
        *n_entries = 0;
    if (!p || !source || !*source || !page)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_pipeline_add_page: no pipeline, source "
                             "or page");
    if (p->fatal != DTL_OK || p->finished || p->cancelled)
        return dtl_error_set(err, p->fatal ? p->fatal : DTL_EINVAL,
                             SIZE_MAX, "%s",
                             p->fatal      ? p->fatal_err.msg
                             : p->finished ? "the pipeline is finished"
                                           : "the pipeline is cancelled");
    if (!p->cur && (st = new_unit(p)) != DTL_OK)
        goto fail;
    if (p->cur->n == p->cur->cap) {
        size_t cap = p->cur->cap ? p->cur->cap * 2 : 16;
        struct item *ni = dtl_realloc(p->cur->items, cap * sizeof(*ni));

        if (!ni) {
            st = DTL_ENOMEM;
            goto fail;
        }
        p->cur->items = ni;
        p->cur->cap = cap;
    }
    it = &p->cur->items[p->cur->n];
    memset(it, 0, sizeof(*it));
    dtl_error_clear(&it->err);
    st = dtl_indexer_page_ids(p->a, source, page, it->key, it->hash);
    if (st != DTL_OK)
        goto fail;
    hex16(it->key, key);
    hex16(it->hash, hash);
    old = tab_find(p, key);
    /* An unchanged page still counts its entries (as unchanged). */
    if ((old && memcmp(old->hash, hash, 16) == 0)) {
        if (n_entries)
            *n_entries = dtl_page_entry_count(page);
        return DTL_OK;
    }
    st = seen_put(p, key, hash, p->cur->seq, &prev, &same);
    if (st != DTL_OK)
        goto fail;
    if (same) {
        if (n_entries)
            *n_entries = dtl_page_entry_count(page);
        return DTL_OK;
    }
    if (prev != SIZE_MAX && prev != p->cur->seq && p->scratch) {
        /* The newer copy wins: the older leaves its scratch database. */
        if (p->n_drops == p->cap_drops) {
            size_t cap = p->cap_drops ? p->cap_drops * 2 : 16;
            struct drop *nd = dtl_realloc(p->drops, cap * sizeof(*nd));

            if (!nd) {
                st = DTL_ENOMEM;
                goto fail;
            }
            p->drops = nd;
            p->cap_drops = cap;
        }
        p->drops[p->n_drops].seq = prev;
        p->drops[p->n_drops].by_seq = p->cur->seq;
        p->drops[p->n_drops].by_idx = p->cur->n;
        memcpy(p->drops[p->n_drops].key, it->key, sizeof(it->key));
        p->n_drops++;
    }
    it->source = dtl_strndup(source, strlen(source));
    if (!it->source) {
        st = DTL_ENOMEM;
        goto fail;
    }
    st = page_clone(page, &it->page);
    if (st != DTL_OK) {
        dtl_free(it->source);
        goto fail;
    }
    it->is_new = !old && prev == SIZE_MAX;
    it->n_entries = dtl_page_entry_count(page);
    pthread_mutex_lock(&p->mu);
    p->accepted += it->n_entries;
    pthread_mutex_unlock(&p->mu);
    p->cur->n++;
    p->cur->docs += it->n_entries;
    if (changed)
        *changed = 1;
    if (n_entries)
        *n_entries = it->n_entries;
    if (p->cur->docs >= p->block_docs)
        submit(p);
    return p->fatal == DTL_OK
               ? DTL_OK
               : dtl_error_set(err, p->fatal, SIZE_MAX, "%s",
                               p->fatal_err.msg);
fail:
    set_fatal(p, st, NULL);
    return dtl_error_set(err, st, SIZE_MAX, "out of memory");
}

/* The merge's progress (dtl_index_merge()). */
static void
merge_note(void *ctx, double frac)
{
    dtl_pipeline *p = ctx;

    p->merged = frac;
    note(p);
}

/* Whether item idx of unit seq was written (a cancel keeps a prefix of
 * each unit; a unit never finished keeps nothing). */
static int
item_kept(const dtl_pipeline *p, size_t seq, size_t idx)
{
    return seq < p->n_kept && idx < p->kept[seq];
}

/* Whether drop i must be applied: a later copy of its page was written.
 * The drops of one key are listed in the order of their newer copies,
 * the last of which is the page's last copy. */
static int
drop_needed(const dtl_pipeline *p, size_t i)
{
    const struct drop *d = &p->drops[i];
    size_t j;

    if (item_kept(p, d->by_seq, d->by_idx))
        return 1;
    for (j = i + 1; j < p->n_drops; j++)
        if (strcmp(p->drops[j].key, d->key) == 0 &&
            item_kept(p, p->drops[j].by_seq, p->drops[j].by_idx))
            return 1;
    return 0;
}

/* Remove the older copies of pages seen twice from their databases,
 * unless no newer copy was written (a cancel). */
static void
apply_drops(dtl_pipeline *p)
{
    struct dtl_error err = DTL_ERROR_INIT;
    size_t i, j;

    for (i = 0; i < p->n_drops && p->fatal == DTL_OK; i++) {
        if (p->cancelled && !drop_needed(p, i))
            continue;
        /* Units are numbered from 0 and listed in order; a failed run
         * lists fewer. */
        for (j = 0; j < p->n_dirs; j++) {
            char name[32];
            size_t nl, dl;

            snprintf(name, sizeof(name), "/%08zu", p->drops[i].seq);
            nl = strlen(name);
            dl = strlen(p->dirs[j]);
            if (dl < nl || strcmp(p->dirs[j] + dl - nl, name) != 0)
                continue;
            if (dtl_scratch_drop(p->dirs[j], p->drops[i].key, &err) !=
                DTL_OK)
                set_fatal(p, err.code, &err);
            break;
        }
    }
    dtl_error_clear(&err);
}

void
dtl_pipeline_cancel(dtl_pipeline *p)
{
    struct unit *u;

    if (!p || p->finished)
        return;
    pthread_mutex_lock(&p->mu);
    if (p->cancelled) {
        pthread_mutex_unlock(&p->mu);
        return;
    }
    p->cancelled = 1;
    /* Units no worker took: done, with nothing kept. */
    while ((u = p->qhead) != NULL) {
        size_t i;

        p->qhead = u->next;
        u->next = NULL;
        u->kept = 0;
        u->done = 1;
        for (i = 0; i < u->n; i++)
            p->accepted -= u->items[i].n_entries;
    }
    p->qtail = NULL;
    pthread_cond_broadcast(&p->done);
    pthread_mutex_unlock(&p->mu);
    /* The unit being filled is never submitted. */
    if (p->cur) {
        count_unwritten(p, p->cur, 0);
        unit_free(p->cur);
        p->cur = NULL;
    }
}

dtl_status
dtl_pipeline_finish(dtl_pipeline *p, struct dtl_error *err)
{
    struct dtl_error e = DTL_ERROR_INIT;
    dtl_status st;

    if (!p)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_pipeline_finish: no pipeline");
    if (p->finished)
        return p->fatal;
    if (p->fatal == DTL_OK)
        submit(p);
    /* Wait for every unit in flight, then finish them all. */
    drain(p, 1);
    p->finished = 1;
    if (p->scratch && p->fatal == DTL_OK) {
        apply_drops(p);
        if (p->fatal == DTL_OK && p->n_dirs > 0) {
            char *spell = NULL;

            if (p->spelling &&
                (spell = path_join(p->build_dir, "/spelling")) == NULL)
                set_fatal(p, DTL_ENOMEM, NULL);
            p->merging = 1;
            note(p);
            st = p->fatal != DTL_OK
                     ? p->fatal
                     : dtl_index_merge(p->ix, (const char *const *)p->dirs,
                                       p->n_dirs, spell, merge_note, p, &e);
            if (st != DTL_OK)
                set_fatal(p, st, &e);
            dtl_free(spell);
        }
    }
    if (p->fatal == DTL_OK) {
        st = dtl_index_commit(p->ix, &e);
        if (st != DTL_OK)
            set_fatal(p, st, &e);
    }
    dtl_error_clear(&e);
    if (p->fatal != DTL_OK)
        return dtl_error_set(err, p->fatal, p->fatal_err.offset, "%s",
                             p->fatal_err.msg);
    return DTL_OK;
}

void
dtl_pipeline_counts(const dtl_pipeline *p, size_t *pages, size_t *entries,
                    size_t *failed)
{
    if (pages)
        *pages = p ? p->pages : 0;
    if (entries)
        *entries = p ? p->entries : 0;
    if (failed)
        *failed = p ? p->failed : 0;
}

void
dtl_pipeline_free(dtl_pipeline *p)
{
    unsigned i;
    size_t j;

    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stopping = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (i = 0; i < p->n_started; i++)
        pthread_join(p->threads[i], NULL);
    /* Units never taken or never finished. */
    while (p->qhead) {
        struct unit *u = p->qhead;
        p->qhead = u->next;
        p->ring[u->seq % p->max_inflight] = NULL;
        unit_free(u);
    }
    for (j = 0; p->ring && j < p->max_inflight; j++)
        unit_free(p->ring[j]);
    unit_free(p->cur);
    for (i = 0; p->an && i < p->o.jobs; i++)
        dtl_analyser_free(p->an[i]);
    if (p->build_dir)
        dtl_scratch_remove(p->build_dir);
    for (j = 0; j < p->n_dirs; j++)
        dtl_free(p->dirs[j]);
    dtl_free(p->dirs);
    dtl_free(p->build_dir);
    dtl_free(p->an);
    dtl_free(p->threads);
    dtl_free(p->ring);
    dtl_free(p->tab);
    dtl_free(p->seen);
    dtl_free(p->drops);
    dtl_free(p->kept);
    dtl_error_clear(&p->fatal_err);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->mu);
    dtl_free(p);
}
