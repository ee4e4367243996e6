/* Dateline: Unicode classification and folding of words for the analyser.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * src/analyse.c (the tokeniser) asks this module what a non-ASCII
 * character is and hands it each non-ASCII word to fold; src/stem.c uses
 * it to strip accents from stems.  It relies on utf8proc for categories,
 * NFKC and full case folding, and keeps every intermediate result in a
 * fixed workspace (struct dtl_fold) so that folding never allocates.
 *
 * Folding is: NFKD with full case folding and default-ignorables removed;
 * only letters, marks, digits and the joiners "'" and "." the tokeniser
 * put in are kept; then NFC composition.  That form, "with accents", is
 * what Snowball stems.  The term is the same with accents stripped: the
 * combining diacritics of Latin, Greek and Cyrillic are dropped (marks of
 * other scripts, such as Devanagari vowel signs or kana voicing, are
 * letters in all but name and stay) and a few letters with a stroke that
 * have no decomposition (l with stroke, o with stroke, d with stroke, h
 * with stroke, t with stroke, dotless i) become their base letter.
 */
#ifndef DTL_SRC_FOLD_H
#define DTL_SRC_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "dateline/status.h"

/* What a character is to the tokeniser. */
enum dtl_ch {
    DTL_CH_SEP = 0,  /* separator: space, punctuation, symbol, invalid */
    DTL_CH_LETTER,   /* a letter outside the CJK blocks */
    DTL_CH_DIGIT,    /* an ASCII digit */
    DTL_CH_NUM,      /* a non-ASCII number character (Nd, Nl, No) */
    DTL_CH_MARK,     /* a combining mark: continues a word, never starts */
    DTL_CH_IGNORE,   /* invisible inside a word (soft hyphen, ZWJ, ...) */
    DTL_CH_CJK,      /* CJK ideograph or kana: a word on its own */
    DTL_CH_APOS,     /* ' and the typographic apostrophes */
    DTL_CH_DOT,      /* '.' */
    DTL_CH_COMMA     /* ',' */
};

/* Code points the workspace holds.  A word whose decomposition needs more
 * is reported as too long. */
#define DTL_FOLD_CP_MAX 4096

struct dtl_fold {
    int32_t cp[DTL_FOLD_CP_MAX];   /* decomposed word; the term's bytes */
    int32_t acc[DTL_FOLD_CP_MAX];  /* copy composed with accents */
};

/* Decode one UTF-8 character at p[0..n), n > 0.  Returns its length (1-4)
 * and sets *cp, or 0 for an invalid, overlong, surrogate or truncated
 * sequence. */
size_t dtl_fold_decode(const unsigned char *p, size_t n, int32_t *cp);

/* Class of a non-ASCII code point (cp >= 0x80). */
enum dtl_ch dtl_fold_class(int32_t cp);

/* Fold the valid UTF-8 word p[0..n).  On DTL_OK, *term (accents stripped)
 * and *acc (accents kept, for the stemmer) point into f, NUL-terminated,
 * and stay valid until the next call on f.  Either may be empty.
 * DTL_ELIMIT: the word does not fit in the workspace; DTL_EINVAL: p is
 * not valid UTF-8 (a bug in the caller). */
dtl_status dtl_fold_word(struct dtl_fold *f, const char *p, size_t n,
                         const char **term, size_t *term_len,
                         const char **acc, size_t *acc_len);

/* Strip accents from already folded UTF-8 text p[0..n) (a stem), as
 * dtl_fold_word() does for terms.  *out points into f (it overwrites the
 * term of the last dtl_fold_word()).  Same return codes. */
dtl_status dtl_fold_strip(struct dtl_fold *f, const char *p, size_t n,
                          const char **out, size_t *out_len);

#endif
