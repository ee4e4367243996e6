/* Dateline: synonym lists (`dateline synonyms`).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A synonym file names, for a word, other words or phrases a search for
 * it also finds.  Its text is parsed here (src/synonyms.c, fuzzed) into
 * (key, synonym) pairs in the analyser's folded form, and
 * dtl_index_set_synonyms() (index/shim-synonyms.cc) stores them in an
 * index with Xapian's synonym table; searches then match a word OR its
 * synonyms (Xapian's OP_SYNONYM).  `dateline side` copies them into the
 * side database, which is where searches over remote shards read them.
 *
 * The format, one group per line:
 *
 *     # comment
 *     flood: deluge, inundation
 *     storm: gale, tempest, weather bomb
 *
 * The key before ':' is one word; the synonyms after it are words or
 * phrases separated by commas.  Each line is one-way (a search for
 * "flood" finds "deluge", not the other way); write a second line for
 * the other direction.  Blank lines and lines starting with '#' are
 * ignored; a key may have several lines.
 */
#ifndef DTL_DATELINE_SYNONYMS_H
#define DTL_DATELINE_SYNONYMS_H

#include <stddef.h>

#include "dateline/analyser.h"
#include "dateline/index.h"
#include "dateline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Longest synonym file accepted (bytes). */
#define DTL_SYNONYMS_MAX_BYTES (4 * 1024 * 1024)
/** Most synonyms of one key (a search expands a word to at most these). */
#define DTL_SYNONYMS_MAX_PER_KEY 32
/** Most words in one synonym (a phrase). */
#define DTL_SYNONYMS_MAX_WORDS 8
/** Longest synonym, in bytes of folded text. */
#define DTL_SYNONYMS_MAX_LEN 200

typedef struct dtl_synonyms dtl_synonyms;

/**
 * Parse the synonym file text p[0..n) with analyser a (that of the
 * index it is for: keys and synonyms are folded as the index's words
 * are).  fname names the file in messages (may be NULL: "synonyms").
 * Errors: DTL_ESYNTAX or DTL_ELIMIT with "FILE:LINE: why" in err and the
 * byte offset of the line; DTL_ENOMEM; DTL_EINVAL for NULL arguments.
 * @param out  receives the list for dtl_synonyms_free(); NULL on failure.
 */
DTL_API dtl_status dtl_synonyms_parse(const char *p, size_t n,
                                      const char *fname, dtl_analyser *a,
                                      dtl_synonyms **out,
                                      struct dtl_error *err);

/** Read and parse the file at path (DTL_EIO naming it if unreadable). */
DTL_API dtl_status dtl_synonyms_load(const char *path, dtl_analyser *a,
                                     dtl_synonyms **out,
                                     struct dtl_error *err);

DTL_API void dtl_synonyms_free(dtl_synonyms *s);

/** Number of (key, synonym) pairs, duplicates removed. */
DTL_API size_t dtl_synonyms_count(const dtl_synonyms *s);

/**
 * Pair i (pairs are sorted by key stem, then synonym): the key (one
 * folded word), its stem (what the index stores it under, so that every
 * form of the word finds the synonyms) and the synonym (folded words
 * separated by single spaces), NUL-terminated and borrowed from s until
 * it is freed; any pointer may be NULL.  DTL_EINVAL for i out of range
 * (then all are set to NULL).
 */
DTL_API dtl_status dtl_synonyms_get(const dtl_synonyms *s, size_t i,
                                    const char **key, const char **stem,
                                    const char **syn);

/**
 * Replace every synonym of the index open for writing ix by those of s
 * (an empty list clears them); every shard of a sharded index gets them.
 * They are committed with the index's next commit (dtl_index_close()).
 * *n_keys (may be NULL) receives the number of keys stored.
 */
DTL_API dtl_status dtl_index_set_synonyms(dtl_index *ix,
                                          const dtl_synonyms *s,
                                          size_t *n_keys,
                                          struct dtl_error *err);

#ifdef __cplusplus
}
#endif
#endif
