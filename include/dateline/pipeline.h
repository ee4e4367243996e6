/* Dateline: indexing many pages in parallel with bounded memory.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The caller reads and splits pages (cheap) and hands each to
 * dtl_pipeline_add_page(); worker threads analyse the pages and build
 * their documents, and write them:
 *
 *  - into an empty index (a first indexing), each worker writes blocks of
 *    consecutive pages into scratch databases beside the index, and
 *    dtl_pipeline_finish() merges them, in page order, into the index
 *    with Xapian's compaction and swaps the result in (two renames; an
 *    interrupted swap is completed by the next writer).  Nothing is
 *    visible to searches before the end, and a crash before it leaves the
 *    index as it was;
 *  - into an index that holds entries, the calling thread writes the
 *    built pages in order through the index's writer, committing every
 *    batch, so searches see each batch as it is committed.
 *
 * Either way the documents, their order and so the search results are the
 * same whatever the number of jobs.  A page whose content hash the index
 * already holds is reported unchanged at once, from a table of hashes
 * read once when the pipeline starts: re-indexing an unchanged archive
 * costs reading and hashing its pages, nothing in the index.
 *
 * Memory: peak resident memory stays near opts.memory (see
 * dtl_pipeline_opts and doc/dateline.1) plus what the largest page takes
 * (at most DTL_PAGE_MAX_BYTES of text) and the page-hash table (32 bytes
 * per page in the index).
 */
#ifndef DTL_DATELINE_PIPELINE_H
#define DTL_DATELINE_PIPELINE_H

#include <stddef.h>

#include "dateline/analyser.h"
#include "dateline/index.h"
#include "dateline/page.h"
#include "dateline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dtl_pipeline dtl_pipeline;

/** Default memory budget: 512 MiB. */
#define DTL_PIPELINE_MEMORY_DEFAULT ((size_t)512 << 20)
/** Smallest memory budget accepted: 32 MiB. */
#define DTL_PIPELINE_MEMORY_MIN ((size_t)32 << 20)
/** Most worker threads. */
#define DTL_PIPELINE_JOBS_MAX 256

/** How far the writing has come (dtl_pipeline_progress_fn). */
struct dtl_pipeline_progress {
    size_t entries_done;  /* entries written (or failed) so far */
    size_t entries_total; /* entries accepted for writing so far */
    int merging;          /* 1 once a first indexing merges its blocks */
    double merged;        /* fraction of the merge done, 0 to 1 */
};

/**
 * Called on the thread that calls dtl_pipeline_add_page() or
 * dtl_pipeline_finish(), about ten times a second while that thread waits
 * for the workers, after each page it writes and at each step of the
 * merge.  pr is valid during the call only.
 */
typedef void (*dtl_pipeline_progress_fn)(void *ctx,
                                         const struct dtl_pipeline_progress
                                             *pr);

/** Pipeline options.  Start from dtl_pipeline_opts_init(). */
struct dtl_pipeline_opts {
    unsigned jobs;   /* worker threads, 1..DTL_PIPELINE_JOBS_MAX */
    size_t memory;   /* budget in bytes, >= DTL_PIPELINE_MEMORY_MIN; it
                        sets the pages in flight, the block size and
                        Xapian's flush threshold */
    int no_spelling; /* 1: keep no spelling data ("Did you mean"); the
                        index records it and later runs keep it off */
    dtl_pipeline_progress_fn progress; /* may be NULL */
    void *progress_ctx;                /* passed to progress */
};

/** Defaults: jobs = the number of online processors, memory =
 *  DTL_PIPELINE_MEMORY_DEFAULT, spelling data kept, no progress
 *  callback. */
DTL_API void dtl_pipeline_opts_init(struct dtl_pipeline_opts *o);

/**
 * Called on the thread that calls dtl_pipeline_add_page() or
 * dtl_pipeline_finish(), once for each page whose analysis or writing
 * failed after dtl_pipeline_add_page() accepted it.  source and err are
 * valid during the call only.
 */
typedef void (*dtl_pipeline_fail_fn)(void *ctx, const char *source,
                                     dtl_status st,
                                     const struct dtl_error *err);

/**
 * Start a pipeline writing to ix (open for writing) with the index's
 * analyser a (dtl_index_analyser()); each worker makes its own analyser
 * of the same language.  ix and a must outlive the pipeline and must not
 * be used by the caller until dtl_pipeline_finish() returns.
 * @param o     may be NULL (defaults)
 * @param fail  may be NULL
 * @param out   receives the pipeline for dtl_pipeline_free()
 * @return DTL_OK; DTL_EINVAL (bad options: message in err); DTL_ENOMEM;
 *         an index status if the page hashes cannot be read.
 */
DTL_API dtl_status dtl_pipeline_new(dtl_index *ix, dtl_analyser *a,
                                    const struct dtl_pipeline_opts *o,
                                    dtl_pipeline_fail_fn fail, void *ctx,
                                    dtl_pipeline **out,
                                    struct dtl_error *err);

/**
 * Index page under the name source (its URL or absolute path).  page
 * and source are borrowed for the call (a page to write is copied).
 * *changed
 * (may be NULL) is 0 if the index already holds the page as it is, else
 * 1: the page will be written, and *n_entries (may be NULL) receives its
 * entry count.  May wait for workers (memory bound).
 * @return DTL_OK; DTL_ENOMEM; a failure of the index or of a scratch
 *         database, which stops the pipeline (later calls return it).
 */
DTL_API dtl_status dtl_pipeline_add_page(dtl_pipeline *p, const char *source,
                                         const dtl_page *page, int *changed,
                                         size_t *n_entries,
                                         struct dtl_error *err);

/**
 * Write everything accepted, merge (first indexing) and commit.  Returns
 * the first failure that stopped the pipeline, if any.
 */
DTL_API dtl_status dtl_pipeline_finish(dtl_pipeline *p,
                                       struct dtl_error *err);

/** Pages and entries written, and pages that failed, so far. */
DTL_API void dtl_pipeline_counts(const dtl_pipeline *p, size_t *pages,
                                 size_t *entries, size_t *failed);

/** Stop the workers (if dtl_pipeline_finish() was not called, nothing
 *  more is written) and free.  NULL is a no-op. */
DTL_API void dtl_pipeline_free(dtl_pipeline *p);

#ifdef __cplusplus
}
#endif
#endif
