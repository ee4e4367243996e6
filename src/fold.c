/* Dateline: Unicode classification and folding of words (see fold.h).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Called by the tokeniser (src/analyse.c) for non-ASCII characters and
 * words only: ASCII words never come here.  Relies on utf8proc, used only
 * through its in-place UTF-32 entry points (utf8proc_decompose and
 * utf8proc_reencode) so that no call allocates.
 */
#include <config.h>
#include "fold.h"

#include <string.h>

#include <utf8proc.h>

#include "banned.h"

size_t
dtl_fold_decode(const unsigned char *p, size_t n, int32_t *cp)
{
    unsigned char c = p[0];
    int32_t v;
    size_t len, i;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xc2)               /* continuation byte or overlong 2-byte */
        return 0;
    if (c < 0xe0) {
        len = 2;
        v = c & 0x1f;
    } else if (c < 0xf0) {
        len = 3;
        v = c & 0x0f;
    } else if (c < 0xf5) {
        len = 4;
        v = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3f);
    }
    /* Reject overlong forms, surrogates and values past U+10FFFF. */
    if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
        (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff)
        return 0;
    *cp = v;
    return len;
}

/* Ideographs and kana, which are written without spaces: each is a word.
 * Hangul is written with spaces and is left to the ordinary rules. */
static int
is_cjk(int32_t c)
{
    return (c >= 0x3040 && c <= 0x30ff) ||     /* hiragana, katakana */
           (c >= 0x3005 && c <= 0x3007) ||     /* iteration, closing mark */
           (c >= 0x3021 && c <= 0x3029) ||     /* Hangzhou numerals */
           (c >= 0x3031 && c <= 0x3035) ||     /* kana repeat marks */
           (c >= 0x303b && c <= 0x303c) ||
           (c >= 0x31f0 && c <= 0x31ff) ||     /* katakana extension */
           (c >= 0x3400 && c <= 0x4dbf) ||     /* extension A */
           (c >= 0x4e00 && c <= 0x9fff) ||     /* unified ideographs */
           (c >= 0xf900 && c <= 0xfaff) ||     /* compatibility */
           (c >= 0xff66 && c <= 0xff9d) ||     /* halfwidth katakana */
           (c >= 0x1b000 && c <= 0x1b16f) ||   /* kana supplement */
           (c >= 0x20000 && c <= 0x323af);     /* extensions B-H */
}

enum dtl_ch
dtl_fold_class(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x02bc: case 0x2032: case 0xff07:
        return DTL_CH_APOS;
    case 0x00ad: case 0x200c: case 0x200d: case 0x2060: case 0xfeff:
    case 0x2061: case 0x2062: case 0x2063: case 0x2064:
        return DTL_CH_IGNORE;
    case 0xff9e: case 0xff9f:
        /* Halfwidth voicing marks: NFKC makes them combining marks. */
        return DTL_CH_MARK;
    default:
        break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return DTL_CH_MARK;
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return is_cjk(cp) ? DTL_CH_CJK : DTL_CH_LETTER;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return is_cjk(cp) ? DTL_CH_CJK : DTL_CH_NUM;
    default:
        return DTL_CH_SEP;
    }
}

/* Keep letters, marks, digits and the joiners the tokeniser inserted;
 * compatibility decompositions can bring in spaces, brackets or slashes
 * ("(1)" for a parenthesised digit) that have no place in a term. */
static int
keep_in_term(int32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               (c >= 'A' && c <= 'Z') || c == '\'' || c == '.';
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

/* The accents of Latin, Greek and Cyrillic: the combining diacritical
 * mark blocks.  Marks elsewhere are part of their script's spelling. */
static int
is_accent(int32_t c)
{
    return (c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 && c <= 0x1aff) ||
           (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
           (c >= 0xfe20 && c <= 0xfe2f);
}

/* Letters whose "accent" is part of the glyph, so that no decomposition
 * removes it; users type the base letter ("Lodz", "Orsted"). */
static int32_t
unstroke(int32_t c)
{
    switch (c) {
    case 0x0142: return 'l';   /* l with stroke */
    case 0x00f8: return 'o';   /* o with stroke */
    case 0x0111: return 'd';   /* d with stroke */
    case 0x0127: return 'h';   /* h with stroke */
    case 0x0167: return 't';   /* t with stroke */
    case 0x0131: return 'i';   /* dotless i */
    default: return c;
    }
}

/* NFKD with full case folding into f->cp, minus what keep_in_term()
 * rejects.  Returns the number of code points, or a negative status. */
static long
decompose(struct dtl_fold *f, const char *p, size_t n)
{
    utf8proc_ssize_t got;
    long i, k = 0;

    if (n >= DTL_FOLD_CP_MAX)
        return -(long)DTL_ELIMIT;
    got = utf8proc_decompose((const utf8proc_uint8_t *)p,
                             (utf8proc_ssize_t)n, f->cp, DTL_FOLD_CP_MAX,
                             UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                 UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
                                 UTF8PROC_STABLE);
    if (got < 0)
        return -(long)DTL_EINVAL;
    /* reencode needs room for 4 bytes a code point plus a NUL. */
    if (got >= DTL_FOLD_CP_MAX)
        return -(long)DTL_ELIMIT;
    for (i = 0; i < got; i++)
        if (keep_in_term(f->cp[i]))
            f->cp[k++] = f->cp[i];
    return k;
}

/* Strip accents from the decomposed f->cp[0..len) and encode it in place
 * as composed UTF-8. */
static dtl_status
strip_and_encode(struct dtl_fold *f, long len, const char **out,
                 size_t *out_len)
{
    utf8proc_ssize_t bytes;
    long i, k = 0;

    for (i = 0; i < len; i++)
        if (!is_accent(f->cp[i]))
            f->cp[k++] = unstroke(f->cp[i]);
    bytes = utf8proc_reencode(f->cp, k, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (bytes < 0)
        return DTL_EINVAL;
    *out = (const char *)f->cp;
    *out_len = (size_t)bytes;
    return DTL_OK;
}

dtl_status
dtl_fold_word(struct dtl_fold *f, const char *p, size_t n,
              const char **term, size_t *term_len, const char **acc,
              size_t *acc_len)
{
    utf8proc_ssize_t bytes;
    long len = decompose(f, p, n);

    *term = *acc = NULL;
    *term_len = *acc_len = 0;
    if (len < 0)
        return (dtl_status)-len;
    memcpy(f->acc, f->cp, (size_t)len * sizeof(f->cp[0]));
    bytes = utf8proc_reencode(f->acc, len,
                              UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (bytes < 0)
        return DTL_EINVAL;
    *acc = (const char *)f->acc;
    *acc_len = (size_t)bytes;
    return strip_and_encode(f, len, term, term_len);
}

dtl_status
dtl_fold_strip(struct dtl_fold *f, const char *p, size_t n, const char **out,
               size_t *out_len)
{
    long len = decompose(f, p, n);

    *out = NULL;
    *out_len = 0;
    if (len < 0)
        return (dtl_status)-len;
    return strip_and_encode(f, len, out, out_len);
}
