/* Dateline: the write side of the parallel indexing pipeline.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implemented in index/shim-build.cc, called by src/pipeline.c.  A first
 * indexing writes its pages into scratch databases, one per block of
 * consecutive pages, each written by one worker thread with no locking
 * and no fsync; dtl_index_merge() then compacts the index and the blocks,
 * in block order, into a new database beside the index and swaps it in
 * with two renames (dtl_index_open() finishes a swap a crash interrupted).
 * Incremental runs write through the index's own writer:
 * dtl_index_add_new_page() for pages the index does not hold.
 */
#ifndef DTL_INDEX_SHIM_BUILD_H
#define DTL_INDEX_SHIM_BUILD_H

#include <stddef.h>

#include "dateline/index.h"
#include "dateline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A page key and its content hash, both 32 hex digits in the index,
 * here as 16 bytes each. */
struct dtl_page_hash {
    unsigned char key[16];
    unsigned char hash[16];
};

/*
 * The page hashes the index holds (metadata page:<key>), sorted by key,
 * in one array to free with dtl_free() (NULL when there are none).
 * Entries whose key or hash is not 32 hex digits are left out (such pages
 * are then simply written again).
 */
dtl_status dtl_index_page_hashes(dtl_index *ix, struct dtl_page_hash **out,
                                 size_t *n, struct dtl_error *err);

/* Commit automatically every `docs` changes (at least 1). */
void dtl_index_set_batch(dtl_index *ix, size_t docs);

/*
 * Write a page the index does not hold (dtl_index_page_hashes()): add
 * docs[0..n) and set its hash.  It goes through the counted page write
 * (dtl_index_replace_page_counted()), so it does look each entry up: a
 * lookup-free add would lose the page's transaction, its counts and its
 * shard.
 */
dtl_status dtl_index_add_new_page(dtl_index *ix, const char *key,
                                  const char *hash, dtl_doc *const *docs,
                                  size_t n, struct dtl_error *err);

/* The path the index was opened with (valid while ix is open). */
const char *dtl_index_path_of(const dtl_index *ix);

/* 1 if a first indexing may go through scratch databases and a merge
 * (an unsharded writer), else 0. */
int dtl_index_can_build(const dtl_index *ix);

/* Remove the directory tree at path, if any; 0 on success. */
int dtl_scratch_remove(const char *path);

typedef struct dtl_scratch dtl_scratch;

/* Create (or overwrite) the scratch database at dir, flushed every
 * flush_docs documents (at least 1). */
dtl_status dtl_scratch_open(const char *dir, size_t flush_docs,
                            dtl_scratch **out, struct dtl_error *err);

/* Add a page's documents and its hash; a page key added before to the
 * same scratch database is replaced.  No spelling data: the merge writes
 * it for all the blocks at once. */
dtl_status dtl_scratch_add(dtl_scratch *s, const char *key,
                           const char *hash, dtl_doc *const *docs,
                           size_t n, struct dtl_error *err);

/* Commit and free (also on failure, whose status is returned); NULL is a
 * no-op. */
dtl_status dtl_scratch_close(dtl_scratch *s, struct dtl_error *err);

/* Remove a page (its documents and hash) from the closed scratch
 * database at dir: a later block holds a newer copy. */
dtl_status dtl_scratch_drop(const char *dir, const char *key,
                            struct dtl_error *err);

/*
 * Merge the scratch databases dirs[0..n) (in this order, after the
 * index's own documents) into the index: compact everything into
 * <path>.new, rename the index to <path>.old and <path>.new to the index,
 * then reopen ix's writer on it and remove <path>.old.  With spell_dir
 * (else NULL), the spelling data of all the documents merged (each word
 * with the number of entries holding it, as dtl_index_add_spelling()
 * records) is first written to a new database there and merged too.
 * note (may be NULL) is called with ctx and the fraction done (0 to 1,
 * by the bytes of the tables merged) as each table starts and ends.  A
 * crash before the
 * first rename leaves the index as it was; between the renames, the next
 * dtl_index_open() for writing completes the swap.
 */
dtl_status dtl_index_merge(dtl_index *ix, const char *const *dirs, size_t n,
                           const char *spell_dir,
                           void (*note)(void *ctx, double frac), void *ctx,
                           struct dtl_error *err);

#ifdef __cplusplus
}
#endif
#endif
