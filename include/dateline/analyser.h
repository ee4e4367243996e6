/* Dateline: the one text analyser (normalise, tokenise, stem).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The same analyser turns entry text into index terms, query words into
 * query terms and snippet text into highlight positions, so a word indexed
 * is always a word found.  Text is NFKC-normalised and case-folded
 * (utf8proc), typographic apostrophes and quotes are folded, accents are
 * removed for matching, and each word is stemmed with libstemmer in the
 * analyser's language.
 *
 * Word rules: letters and digits form words; an apostrophe inside a word
 * joins it, except that a trailing possessive "'s" is dropped ("Russia's"
 * -> "russia"); dotted abbreviations join ("U.K." -> "uk"); a hyphen
 * separates words ("Russia-Ukraine" -> "russia", "ukraine", adjacent
 * positions); digit groups with inner '.' or ',' stay one number ("2,000",
 * "3.5").  Words longer than DTL_TERM_MAX bytes after folding are skipped
 * (they still take a position).
 *
 * An analyser is not thread-safe: use one per thread.
 */
#ifndef DTL_DATELINE_ANALYSER_H
#define DTL_DATELINE_ANALYSER_H

#include <stddef.h>

#include "dateline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Longest term kept, in bytes after folding (well under Xapian's 245
 *  with any prefix). */
#define DTL_TERM_MAX 64

typedef struct dtl_analyser dtl_analyser;

/** One word as the analyser saw it.  term and stem are borrowed and valid
 *  only during the callback. */
struct dtl_token {
    const char *term;   /* folded word: lower case, no accents */
    size_t term_len;
    const char *stem;   /* stem of term (equals term for language "none") */
    size_t stem_len;
    size_t start, end;  /* byte range of the word in the input */
    unsigned pos;       /* 0-based word position within the call */
};

/** Called for each token.  Return DTL_OK to go on; any other status stops
 *  dtl_analyse(), which returns it. */
typedef dtl_status (*dtl_token_fn)(void *ctx, const struct dtl_token *tok);

/**
 * Create an analyser for a libstemmer language ("english", "french", ...;
 * also the ISO codes libstemmer knows, and "none" for no stemming).  NULL
 * means "english".  @return DTL_OK; DTL_EINVAL for an unknown language
 * (message lists how to see the known ones); DTL_ENOMEM.
 */
DTL_API dtl_status dtl_analyser_new(const char *lang, dtl_analyser **out,
                                    struct dtl_error *err);

/** Free an analyser.  NULL is a no-op. */
DTL_API void dtl_analyser_free(dtl_analyser *a);

/** Canonical language name ("english"); borrowed, lives as long as a. */
DTL_API const char *dtl_analyser_lang(const dtl_analyser *a);

/** A string naming the analyser's configuration (rules version and
 *  language), recorded in an index so that an index is only ever written
 *  and queried with the analyser that built it.  Borrowed, lives as long
 *  as a. */
DTL_API const char *dtl_analyser_config(const dtl_analyser *a);

/** NULL-terminated list of the language names dtl_analyser_new() accepts
 *  (static storage). */
DTL_API const char *const *dtl_analyser_languages(void);

/**
 * Tokenise p[0..n) and call fn for each token in order.  Invalid UTF-8 and
 * NULs are treated as separators; never reads past n.  Positions restart
 * at 0 on each call.  @return DTL_OK, DTL_ENOMEM, or what fn returned.
 */
DTL_API dtl_status dtl_analyse(dtl_analyser *a, const char *p, size_t n,
                               dtl_token_fn fn, void *ctx);

/**
 * Fold and stem a single word as dtl_analyse() would if it met it alone
 * (for callers that already hold one word).  *out receives the first
 * token's folded form or NULL if the text holds no word; borrowed until the
 * next call on a.  The same for *stem.
 */
DTL_API dtl_status dtl_analyser_word(dtl_analyser *a, const char *p,
                                     size_t n, const char **term,
                                     size_t *term_len, const char **stem,
                                     size_t *stem_len);

/**
 * The libstemmer language (canonical name, as dtl_analyser_lang() gives)
 * of a language tag tag[0..n): a BCP 47 tag ("en-GB", "pt-BR", "nb",
 * "sr-Latn"), an ISO 639 code ("fr", "deu") or a libstemmer name
 * ("French"); only the primary subtag counts.  NULL for NULL, a language
 * libstemmer has no stemmer for ("zh", "ja") or anything that is not a
 * tag.  Static storage.  Thread-safe.
 */
DTL_API const char *dtl_lang_from_tag(const char *tag, size_t n);

/**
 * The code index terms carry for the language of tag tag[0..n) (as
 * dtl_lang_from_tag() reads it): its ISO 639-1 code when it has one
 * ("fr" for "French", "fr-CA" or "fre"), else its libstemmer name.  NULL
 * when dtl_lang_from_tag() gives NULL.  Static storage.
 */
DTL_API const char *dtl_lang_code(const char *tag, size_t n);

/**
 * The language of UTF-8 text p[0..n) (its first few kilobytes), told by
 * the function words of each libstemmer language: the canonical name, or
 * NULL when the text holds too little evidence (a headline, a list of
 * names) or is split evenly between languages.  Static storage.  Never
 * reads past n; thread-safe.
 */
DTL_API const char *dtl_lang_detect(const char *p, size_t n);

#ifdef __cplusplus
}
#endif
#endif
