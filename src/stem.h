/* Dateline: Snowball stemming with a cache of recent stems.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The only door to libstemmer (src/stem.c is the only file that includes
 * libstemmer.h).  src/analyse.c creates one stemmer per analyser and asks
 * it for the stem of each folded word; src/fold.c strips the accents from
 * what Snowball returns.  News vocabulary is Zipfian, so a bounded cache
 * from word to finished stem answers most calls without running Snowball.
 */
#ifndef DTL_SRC_STEM_H
#define DTL_SRC_STEM_H

#include <stddef.h>

#include "dateline/status.h"
#include "fold.h"

struct dtl_stemmer;

/* Canonical name for a language name: one of sb_stemmer_list(), "none",
 * or the canonical name for an ISO 639 code libstemmer knows ("en",
 * "fre").  Names are matched exactly (lower case).  NULL if unknown.  The
 * result is static storage. */
const char *dtl_stem_canonical(const char *name);

/* The short code of canonical language `lang` in index terms: its ISO
 * 639-1 code ("fr" for "french") when the alias table has one, else lang
 * itself ("porter", "none").  Static storage or lang. */
const char *dtl_stem_code(const char *lang);

/* NULL-terminated list of the canonical names of sb_stemmer_list(), then
 * "none".  Static storage, built once (thread-safe). */
const char *const *dtl_stem_languages(void);

/* A stemmer for canonical language `lang` (not "none").  DTL_EINVAL for a
 * name libstemmer does not know, DTL_ENOMEM.  *out is NULL on failure. */
dtl_status dtl_stemmer_new(const char *lang, struct dtl_stemmer **out);

/* Free s and its cache; NULL is a no-op. */
void dtl_stemmer_free(struct dtl_stemmer *s);

/* The accent-stripped stem of folded word w[0..n) (case-folded, accents
 * kept).  *stem is NUL-terminated and borrowed until the next call on s;
 * f is scratch space.
 * DTL_OK; DTL_ENOMEM (Snowball or the cache could not allocate; s stays
 * usable); DTL_ELIMIT if w is longer than DTL_STEM_IN_MAX bytes or the
 * stem would be longer than DTL_TERM_MAX (the caller uses the term). */
dtl_status dtl_stemmer_stem(struct dtl_stemmer *s, struct dtl_fold *f,
                            const char *w, size_t n, const char **stem,
                            size_t *stem_len);

/* Longest word (with accents) handed to Snowball, in bytes. */
#define DTL_STEM_IN_MAX 255

/* Tests only: check that every ISO code in the alias table is accepted
 * by libstemmer and stems exactly as its canonical language does on a
 * few probe words.  Returns the number of bad aliases; if there is one,
 * *bad names the first. */
int dtl_stem_check_aliases(const char **bad);

#endif
