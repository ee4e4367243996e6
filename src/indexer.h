/* Dateline: the indexer's pieces the parallel pipeline reuses.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * src/indexer.c turns a page into index documents (ids and layout are
 * described there); dtl_index_add_page() does it in one call, and
 * src/pipeline.c calls the pieces separately so that documents can be
 * built in worker threads and written elsewhere.  Each call uses only the
 * analyser it is given: one analyser per thread.
 */
#ifndef DTL_SRC_INDEXER_H
#define DTL_SRC_INDEXER_H

#include <stddef.h>

#include "dateline/analyser.h"
#include "dateline/index.h"
#include "dateline/page.h"
#include "hash.h"

/* The page's key (hash of the normalised source) and content hash, as
 * hex strings.  DTL_OK or DTL_ENOMEM. */
dtl_status dtl_indexer_page_ids(dtl_analyser *a, const char *source,
                          const dtl_page *page,
                          char key[DTL_HASH_HEX_LEN + 1],
                          char hash[DTL_HASH_HEX_LEN + 1]);

/*
 * Build one document per entry of page (key from dtl_indexer_page_ids).
 * *out receives an array of *n_out documents to free with
 * dtl_indexer_docs_free(); NULL and 0 on failure.  Returns DTL_OK,
 * DTL_ENOMEM, DTL_ELIMIT or DTL_EINVAL (an entry too long or with a time
 * out of range; message and offset in err).
 */
dtl_status dtl_indexer_build(dtl_analyser *a, const char *source,
                             const dtl_page *page, const char *key,
                             dtl_doc ***out, size_t *n_out,
                             struct dtl_error *err);

/* Add the words of docs[0..n) to the index's spelling data, unless the
 * index records that it keeps none (dtl_indexer_spelling()). */
dtl_status dtl_indexer_spell(dtl_index *ix, dtl_doc *const *docs, size_t n,
                             struct dtl_error *err);

/* 1 if the index keeps spelling data (the default), 0 if it records
 * DTL_META_SPELLING "off".  With off set, first record "off" (ix open for
 * writing; it is committed with the next commit): the choice holds for
 * every later run.  Returns DTL_OK or the index's failure. */
dtl_status dtl_indexer_spelling(dtl_index *ix, int off, int *on,
                                struct dtl_error *err);

/* Free what dtl_indexer_build() made; NULL is a no-op. */
void dtl_indexer_docs_free(dtl_doc **docs, size_t n);

/* Give a failed status its message in err, naming the source (the first
 * error set wins, so a more precise message already there stays). */
void dtl_indexer_report(dtl_status st, const char *source,
                        struct dtl_error *err);

#endif
