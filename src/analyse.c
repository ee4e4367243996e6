/* Dateline: the text analyser: tokeniser and public API (analyser.h).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Called by the indexer (entry text), the query parser (query words) and
 * the snippet maker (highlight positions), which must all see the same
 * words.  Relies on src/fold.c for everything Unicode and on src/stem.c
 * for Snowball.
 *
 * The word rules of analyser.h in detail.  A word starts at a letter or a
 * digit and runs over letters, digits and combining marks (invisible
 * characters such as the soft hyphen are skipped inside it).  Between two
 * runs a joiner may continue the word:
 *   - an apostrophe (' U+2018 U+2019 U+02BC U+2032 U+FF07) followed by a
 *     letter or digit, kept as "'": "don't".  But an apostrophe, "s" or
 *     "S", then a character that cannot continue a word, is a possessive:
 *     it ends the word and is dropped from the term (it stays inside the
 *     token's byte range): "Trump's" -> "trump".
 *   - '.' between two ASCII digits, kept: "3.5", "192.168.0.1".
 *   - ',' after an ASCII digit and before exactly three ASCII digits not
 *     followed by a fourth, dropped: "2,000,000" -> "2000000".
 *   - '.' after a run of one letter, when every earlier run of the word
 *     was one letter too and the '.' is followed by one letter that is not
 *     followed by a further letter or digit, dropped: "U.S." -> "us".  The
 *     final '.' is not part of the token; a possessive after it is
 *     ("U.S.'s").
 * Anything else ends the word: hyphens, other punctuation, symbols, NUL
 * and bytes that are not valid UTF-8.  A CJK ideograph or kana (with any
 * marks after it) is a word on its own.
 *
 * ASCII words (nearly all of English news) never leave this file except
 * for the stem cache: they are lower-cased while being copied.  Other
 * words go through dtl_fold_word().  Only the first RAW_MAX bytes of a
 * word are kept; a longer word is skipped like one whose term exceeds
 * DTL_TERM_MAX (no normal word folds 16 bytes into one).  A word whose
 * folded form is empty (nothing but characters NFKC maps to punctuation)
 * is dropped without taking a position.
 */
#include <config.h>
#include "dateline/analyser.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "fold.h"
#include "analyse.h"
#include "status.h"
#include "stem.h"
#include "banned.h"

#define RAW_MAX (16 * DTL_TERM_MAX)  /* bytes of a word kept for folding */
#define LANG_NAME_MAX 31             /* longest language name accepted */
#define CONFIG_VERSION "dateline-analyser/1"

struct dtl_analyser {
    struct dtl_stemmer *stemmer;         /* current; NULL for "none" */
    const char *lang;                    /* canonical name, static */
    struct {
        const char *lang;                /* canonical name, static */
        struct dtl_stemmer *stemmer;     /* NULL for "none" */
    } langs[DTL_ANALYSER_LANGS_MAX];     /* [0] is a->lang */
    size_t n_langs, cur;                 /* langs used; the current one */
    char config[80];                     /* dtl_analyser_config() */
    char raw[RAW_MAX + 1];               /* the word being read */
    char term[DTL_TERM_MAX + 1];         /* folded non-ASCII word */
    char word_term[DTL_TERM_MAX + 1];    /* dtl_analyser_word() results */
    char word_stem[DTL_TERM_MAX + 1];
    struct dtl_fold fold;                /* folding workspace */
};

/* Classes of the ASCII characters. */
#define S_ DTL_CH_SEP
#define L_ DTL_CH_LETTER
#define D_ DTL_CH_DIGIT
static const unsigned char ascii_class[128] = {
    S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_,
    S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_,
    /*  ! " # $ % & ' ( ) * + , - . / */
    S_, S_, S_, S_, S_, S_, S_, DTL_CH_APOS, S_, S_, S_, S_, DTL_CH_COMMA,
    S_, DTL_CH_DOT, S_,
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, S_, S_, S_, S_, S_, S_,
    S_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, S_, S_, S_, S_, S_,
    S_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, S_, S_, S_, S_, S_,
};
#undef S_
#undef L_
#undef D_

/* One word while it is being read. */
struct word {
    size_t start, end;  /* byte range in the input */
    size_t len;         /* bytes in a->raw */
    int ascii;          /* a->raw is ASCII (and already lower case) */
    int overlong;       /* a->raw could not hold the word */
};

/* Class and length of the character at s[i], i < n.  An invalid byte is a
 * one-byte separator. */
static enum dtl_ch
char_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    int32_t cp;
    size_t l;

    if (s[i] < 0x80) {
        *len = 1;
        return (enum dtl_ch)ascii_class[s[i]];
    }
    l = dtl_fold_decode(s + i, n - i, &cp);
    if (!l) {
        *len = 1;
        return DTL_CH_SEP;
    }
    *len = l;
    return dtl_fold_class(cp);
}

/* Characters that may start a word (a run), and those that continue one. */
static int
starts_run(enum dtl_ch k)
{
    return k == DTL_CH_LETTER || k == DTL_CH_DIGIT || k == DTL_CH_NUM;
}

static int
continues_run(enum dtl_ch k)
{
    return starts_run(k) || k == DTL_CH_MARK || k == DTL_CH_IGNORE;
}

static int
is_ascii_digit(const unsigned char *s, size_t n, size_t i)
{
    return i < n && s[i] >= '0' && s[i] <= '9';
}

static void
put_byte(struct dtl_analyser *a, struct word *w, unsigned char c)
{
    if (w->len < RAW_MAX)
        a->raw[w->len++] = (char)c;
    else
        w->overlong = 1;
}

static void
put_bytes(struct dtl_analyser *a, struct word *w, const unsigned char *p,
          size_t l)
{
    w->ascii = 0;
    if (l <= RAW_MAX - w->len) {
        memcpy(a->raw + w->len, p, l);
        w->len += l;
    } else {
        w->overlong = 1;
    }
}

/* If s[i] starts an apostrophe followed by "s" or "S" and then by nothing
 * that continues a word, the offset just past the "s"; else 0. */
static size_t
possessive_end(const unsigned char *s, size_t n, size_t i)
{
    size_t len, j;

    if (i >= n || char_at(s, n, i, &len) != DTL_CH_APOS)
        return 0;
    j = i + len;
    if (j >= n || (s[j] != 's' && s[j] != 'S'))
        return 0;
    j++;
    if (j < n && continues_run(char_at(s, n, j, &len)))
        return 0;
    return j;
}

/* Is s[j] a lone letter: one letter (with its marks) not followed by
 * another letter or digit? */
static int
lone_letter_at(const unsigned char *s, size_t n, size_t j)
{
    size_t len;
    enum dtl_ch k;

    if (j >= n || char_at(s, n, j, &len) != DTL_CH_LETTER)
        return 0;
    for (j += len; j < n; j += len) {
        k = char_at(s, n, j, &len);
        if (k != DTL_CH_MARK && k != DTL_CH_IGNORE)
            return !starts_run(k);
    }
    return 1;
}

/* Read one run of letters, digits and marks from s[i]; returns where it
 * ends.  *letters and *digits count what it held. */
static size_t
scan_run(struct dtl_analyser *a, const unsigned char *s, size_t n, size_t i,
         struct word *w, size_t *letters, size_t *digits)
{
    size_t len;

    *letters = *digits = 0;
    for (;;) {
        /* The ASCII fast path: lower-case while copying. */
        while (i < n && s[i] < 0x80) {
            unsigned char c = s[i];
            unsigned char k = ascii_class[c];
            if (k == DTL_CH_LETTER) {
                put_byte(a, w, c | 0x20);
                (*letters)++;
            } else if (k == DTL_CH_DIGIT) {
                put_byte(a, w, c);
                (*digits)++;
            } else {
                return i;
            }
            i++;
        }
        if (i >= n)
            return i;
        switch (char_at(s, n, i, &len)) {
        case DTL_CH_LETTER:
            (*letters)++;
            put_bytes(a, w, s + i, len);
            break;
        case DTL_CH_NUM:
            (*digits)++;
            put_bytes(a, w, s + i, len);
            break;
        case DTL_CH_MARK:
            put_bytes(a, w, s + i, len);
            break;
        case DTL_CH_IGNORE:
            break;
        default:
            return i;
        }
        i += len;
    }
}

/* Read the word starting at s[i] (a letter or digit) into a->raw and w;
 * returns where reading goes on. */
static size_t
scan_word(struct dtl_analyser *a, const unsigned char *s, size_t n, size_t i,
          struct word *w)
{
    int abbr = 1;        /* every run so far was one letter */
    size_t joins = 0;    /* abbreviation dots dropped */
    size_t letters, digits, len, l2, j;

    w->start = i;
    w->len = 0;
    w->ascii = 1;
    w->overlong = 0;
    for (;;) {
        i = scan_run(a, s, n, i, w, &letters, &digits);
        w->end = i;
        if (letters != 1 || digits)
            abbr = 0;
        if (i >= n)
            return i;
        switch (char_at(s, n, i, &len)) {
        case DTL_CH_APOS:
            j = possessive_end(s, n, i);
            if (j) {
                w->end = j;
                return j;
            }
            if (i + len < n && starts_run(char_at(s, n, i + len, &l2))) {
                put_byte(a, w, '\'');
                abbr = 0;
                i += len;
                continue;
            }
            return i;
        case DTL_CH_DOT:
            if (is_ascii_digit(s, n, i - 1) && is_ascii_digit(s, n, i + 1)) {
                put_byte(a, w, '.');
                abbr = 0;
                i++;
                continue;
            }
            if (abbr && lone_letter_at(s, n, i + 1)) {
                joins++;
                i++;
                continue;
            }
            if (joins && (j = possessive_end(s, n, i + 1)) != 0) {
                w->end = j;
                return j;
            }
            return i;
        case DTL_CH_COMMA:
            if (is_ascii_digit(s, n, i - 1) && is_ascii_digit(s, n, i + 1) &&
                is_ascii_digit(s, n, i + 2) && is_ascii_digit(s, n, i + 3) &&
                !is_ascii_digit(s, n, i + 4)) {
                abbr = 0;
                i++;
                continue;
            }
            return i;
        default:
            return i;
        }
    }
}

/* Read a CJK character and the marks after it. */
static size_t
scan_cjk(struct dtl_analyser *a, const unsigned char *s, size_t n, size_t i,
         size_t len, struct word *w)
{
    enum dtl_ch k;

    w->start = i;
    w->len = 0;
    w->ascii = 0;
    w->overlong = 0;
    put_bytes(a, w, s + i, len);
    for (i += len; i < n; i += len) {
        k = char_at(s, n, i, &len);
        if (k == DTL_CH_MARK)
            put_bytes(a, w, s + i, len);
        else if (k != DTL_CH_IGNORE)
            break;
    }
    w->end = i;
    return i;
}

/* Fold and stem the word in a->raw and hand it to fn. */
static dtl_status
emit(struct dtl_analyser *a, const struct word *w, unsigned *pos,
     dtl_token_fn fn, void *ctx)
{
    struct dtl_token t;
    const char *acc, *term;
    size_t acc_len;
    dtl_status st;

    if (w->overlong) {
        (*pos)++;
        return DTL_OK;
    }
    if (w->ascii) {
        if (w->len > DTL_TERM_MAX) {
            (*pos)++;
            return DTL_OK;
        }
        a->raw[w->len] = '\0';
        t.term = acc = a->raw;
        t.term_len = acc_len = w->len;
    } else {
        st = dtl_fold_word(&a->fold, a->raw, w->len, &term, &t.term_len,
                           &acc, &acc_len);
        if (st == DTL_ELIMIT || (st == DTL_OK && t.term_len > DTL_TERM_MAX)) {
            (*pos)++;
            return DTL_OK;
        }
        if (st != DTL_OK)
            return DTL_EINTERNAL;   /* a->raw holds only valid UTF-8 */
        if (t.term_len == 0)
            return DTL_OK;
        /* Stemming may reuse the workspace that holds the term. */
        memcpy(a->term, term, t.term_len);
        a->term[t.term_len] = '\0';
        t.term = a->term;
    }
    t.stem = t.term;
    t.stem_len = t.term_len;
    if (a->stemmer) {
        st = dtl_stemmer_stem(a->stemmer, &a->fold, acc, acc_len, &t.stem,
                              &t.stem_len);
        if (st == DTL_ELIMIT) {
            t.stem = t.term;
            t.stem_len = t.term_len;
        } else if (st != DTL_OK) {
            return st;
        }
    }
    t.start = w->start;
    t.end = w->end;
    t.pos = (*pos)++;
    return fn(ctx, &t);
}

dtl_status
dtl_analyse(dtl_analyser *a, const char *p, size_t n, dtl_token_fn fn,
            void *ctx)
{
    const unsigned char *s = (const unsigned char *)p;
    unsigned pos = 0;
    struct word w;
    size_t i = 0, len;
    enum dtl_ch k;
    dtl_status st;

    if (!a || !fn || (!p && n))
        return DTL_EINVAL;
    while (i < n) {
        if (s[i] < 0x80) {
            k = (enum dtl_ch)ascii_class[s[i]];
            if (k != DTL_CH_LETTER && k != DTL_CH_DIGIT) {
                i++;
                continue;
            }
            i = scan_word(a, s, n, i, &w);
        } else {
            k = char_at(s, n, i, &len);
            if (k == DTL_CH_CJK) {
                i = scan_cjk(a, s, n, i, len, &w);
            } else if (k == DTL_CH_LETTER || k == DTL_CH_NUM) {
                i = scan_word(a, s, n, i, &w);
            } else {
                i += len;
                continue;
            }
        }
        st = emit(a, &w, &pos, fn, ctx);
        if (st != DTL_OK)
            return st;
    }
    return DTL_OK;
}

/* dtl_analyser_word(): keep the first token and stop. */
struct first_word {
    struct dtl_analyser *a;
    size_t term_len, stem_len;
    int found;
};

static dtl_status
take_first(void *ctx, const struct dtl_token *t)
{
    struct first_word *fw = ctx;

    memcpy(fw->a->word_term, t->term, t->term_len);
    fw->a->word_term[t->term_len] = '\0';
    memcpy(fw->a->word_stem, t->stem, t->stem_len);
    fw->a->word_stem[t->stem_len] = '\0';
    fw->term_len = t->term_len;
    fw->stem_len = t->stem_len;
    fw->found = 1;
    return DTL_ELIMIT;   /* stop: any status but DTL_OK does */
}

dtl_status
dtl_analyser_word(dtl_analyser *a, const char *p, size_t n,
                  const char **term, size_t *term_len, const char **stem,
                  size_t *stem_len)
{
    struct first_word fw = {a, 0, 0, 0};
    dtl_status st;

    if (term)
        *term = NULL;
    if (stem)
        *stem = NULL;
    if (term_len)
        *term_len = 0;
    if (stem_len)
        *stem_len = 0;
    if (!term || !stem)
        return DTL_EINVAL;
    st = dtl_analyse(a, p, n, take_first, &fw);
    if (!fw.found)
        return st;
    *term = a->word_term;
    *stem = a->word_stem;
    if (term_len)
        *term_len = fw.term_len;
    if (stem_len)
        *stem_len = fw.stem_len;
    return DTL_OK;
}

/* The canonical name for a language name given in any ASCII case, or
 * NULL. */
static const char *
find_lang(const char *lang)
{
    char low[LANG_NAME_MAX + 1];
    size_t i;

    for (i = 0; lang[i]; i++) {
        unsigned char c = (unsigned char)lang[i];
        if (i >= LANG_NAME_MAX || c <= ' ' || c >= 0x7f)
            return NULL;
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    low[i] = '\0';
    return dtl_stem_canonical(low);
}

dtl_status
dtl_analyser_new(const char *lang, dtl_analyser **out, struct dtl_error *err)
{
    struct dtl_analyser *a;
    const char *canon;
    dtl_status st;

    if (!out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_analyser_new: no place for the result");
    *out = NULL;
    if (!lang)
        lang = "english";
    canon = find_lang(lang);
    if (!canon)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "unknown analyser language \"%.40s\": use a "
                             "libstemmer name (english, french, german, "
                             "...), its ISO code (en) or none; "
                             "dtl_analyser_languages() lists them all",
                             lang);
    a = dtl_calloc(1, sizeof(*a));
    if (!a)
        return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX,
                             "out of memory creating the analyser");
    a->lang = canon;
    a->langs[0].lang = canon;
    a->n_langs = 1;
    snprintf(a->config, sizeof(a->config), "%s lang=%s", CONFIG_VERSION,
             canon);
    if (strcmp(canon, "none") != 0) {
        st = dtl_stemmer_new(canon, &a->stemmer);
        a->langs[0].stemmer = a->stemmer;
        if (st != DTL_OK) {
            dtl_free(a);
            return dtl_error_set(err, st, SIZE_MAX,
                                 "cannot create the %s stemmer: %s", canon,
                                 dtl_status_str(st));
        }
    }
    *out = a;
    return DTL_OK;
}

void
dtl_analyser_free(dtl_analyser *a)
{
    size_t i;

    if (!a)
        return;
    for (i = 0; i < a->n_langs; i++)
        dtl_stemmer_free(a->langs[i].stemmer);
    dtl_free(a);
}

dtl_status
dtl_analyser_use(dtl_analyser *a, const char *lang)
{
    const char *canon;
    size_t i;
    dtl_status st;

    if (!lang) {
        a->cur = 0;
        a->stemmer = a->langs[0].stemmer;
        return DTL_OK;
    }
    if (lang == a->langs[a->cur].lang)
        return DTL_OK;
    canon = find_lang(lang);
    if (!canon)
        return DTL_EINVAL;
    for (i = 0; i < a->n_langs; i++)
        if (a->langs[i].lang == canon)
            break;
    if (i == a->n_langs) {
        if (i == DTL_ANALYSER_LANGS_MAX)
            return DTL_EINVAL;
        a->langs[i].stemmer = NULL;
        if (strcmp(canon, "none") != 0) {
            st = dtl_stemmer_new(canon, &a->langs[i].stemmer);
            if (st != DTL_OK)
                return st;
        }
        a->langs[i].lang = canon;
        a->n_langs++;
    }
    a->cur = i;
    a->stemmer = a->langs[i].stemmer;
    return DTL_OK;
}

const char *
dtl_analyser_current(const dtl_analyser *a)
{
    return a->langs[a->cur].lang;
}

const char *
dtl_analyser_lang_at(const dtl_analyser *a, size_t i)
{
    return i < a->n_langs ? a->langs[i].lang : NULL;
}

const char *
dtl_analyser_lang(const dtl_analyser *a)
{
    return a ? a->lang : NULL;
}

const char *
dtl_analyser_config(const dtl_analyser *a)
{
    return a ? a->config : NULL;
}

const char *const *
dtl_analyser_languages(void)
{
    return dtl_stem_languages();
}
