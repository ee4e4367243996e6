/* Dateline: the best passage of an entry's text for a query.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements dtl_snippet() and dtl_free_marks() (include/dateline/
 * search.h), called by src/search.c for every result and by programs that
 * want a passage of their own.  Relies on the analyser, so a word is
 * marked exactly when the index would have matched it, and on the query
 * tree (query.h): src/search.c gives the tree the index matched with,
 * whose words with synonyms are ORs of the word and its synonyms, so the
 * synonyms are marked too (dtl_snippet_tree(), snippet.h).
 *
 * Steps, each linear in the text:
 *   1. collect the positive words of the query (NOT's exclusions and
 *      fields ignored): a stem, or the exact word for exact terms and the
 *      words of phrases; each distinct one gets an id;
 *   2. copy the text with runs of white space and control characters
 *      collapsed to one space;
 *   3. analyse the copy and list the tokens that match an id;
 *   4. slide a window over that list to find the span of at most the
 *      budget that holds the most distinct ids (then the most matches,
 *      then the earliest);
 *   5. widen the span with context (from a sentence start when one is
 *      near), cut it on word boundaries and add "…" where text was cut.
 * Without any match the snippet is the start of the text.
 */
#include <config.h>
#include "snippet.h"

#include <string.h>

#include "dateline/search.h"
#include "alloc.h"
#include "analyse.h"
#include "buf.h"
#include "stem.h"
#include "banned.h"

/* U+2026 HORIZONTAL ELLIPSIS, added where the text was cut. */
#define ELLIPSIS "\xe2\x80\xa6"
#define ELLIPSIS_LEN 3

/* Deepest query tree walked (the parser allows far less). */
#define WALK_DEPTH_MAX 256

/* A query word: stem (or exact word) to compare tokens with. */
struct qword {
    const char *p;
    size_t n;
    int exact;
};

/* A token of the text that matches query word id. */
struct match {
    size_t start, end;
    size_t id;
};

struct snip {
    const char *code;      /* language code of the text ("" own) */
    struct qword *words;
    size_t n_words, cap_words;
    struct match *m;
    size_t n_m, cap_m;
};

/* ---- query words -------------------------------------------------------- */

static dtl_status
add_word(struct snip *s, const char *p, size_t n, int exact)
{
    size_t i;

    if (!p || n == 0)
        return DTL_OK;
    for (i = 0; i < s->n_words; i++)
        if (s->words[i].exact == exact && s->words[i].n == n
            && memcmp(s->words[i].p, p, n) == 0)
            return DTL_OK;
    if (s->n_words == s->cap_words) {
        size_t cap = s->cap_words ? 2 * s->cap_words : 8;
        struct qword *w;

        if (cap > SIZE_MAX / sizeof(*w))
            return DTL_ENOMEM;
        w = dtl_realloc(s->words, cap * sizeof(*w));
        if (!w)
            return DTL_ENOMEM;
        s->words = w;
        s->cap_words = cap;
    }
    s->words[s->n_words].p = p;
    s->words[s->n_words].n = n;
    s->words[s->n_words].exact = exact;
    s->n_words++;
    return DTL_OK;
}

/* Collect the positive TERM nodes under node; phrase words are exact. */
static dtl_status
walk(struct snip *s, const struct dtl_qnode *node, int in_phrase,
     int depth)
{
    size_t i, n_kids;
    dtl_status st = DTL_OK;

    if (!node || depth > WALK_DEPTH_MAX)
        return DTL_OK;
    if (node->op == DTL_QOP_TERM) {
        const char *stem;
        size_t n = 0;

        if (node->exact || in_phrase)
            return add_word(s, node->term, node->term_len, 1);
        stem = dtl_qnode_stem(node, s->code, &n, NULL);
        return add_word(s, stem, n, 0);
    }
    if (!node->kids)
        return DTL_OK;
    /* NOT: only kids[0] is wanted; the others are exclusions. */
    n_kids = node->op == DTL_QOP_NOT && node->n_kids ? 1 : node->n_kids;
    for (i = 0; i < n_kids && st == DTL_OK; i++)
        st = walk(s, node->kids[i],
                  in_phrase || node->op == DTL_QOP_PHRASE, depth + 1);
    return st;
}

/* ---- matching ----------------------------------------------------------- */

static dtl_status
on_token(void *ctx, const struct dtl_token *tok)
{
    struct snip *s = ctx;
    size_t i;

    for (i = 0; i < s->n_words; i++) {
        const struct qword *w = &s->words[i];
        const char *p = w->exact ? tok->term : tok->stem;
        size_t n = w->exact ? tok->term_len : tok->stem_len;

        if (n == w->n && p[0] == w->p[0] && memcmp(p, w->p, n) == 0)
            break;
    }
    if (i == s->n_words)
        return DTL_OK;
    if (s->n_m == s->cap_m) {
        size_t cap = s->cap_m ? 2 * s->cap_m : 16;
        struct match *m;

        if (cap > SIZE_MAX / sizeof(*m))
            return DTL_ENOMEM;
        m = dtl_realloc(s->m, cap * sizeof(*m));
        if (!m)
            return DTL_ENOMEM;
        s->m = m;
        s->cap_m = cap;
    }
    s->m[s->n_m].start = tok->start;
    s->m[s->n_m].end = tok->end;
    s->m[s->n_m].id = i;
    s->n_m++;
    return DTL_OK;
}

/* ---- text --------------------------------------------------------------- */

/* White space, and the other ASCII control characters (NUL included): a
 * snippet is one line of printable text. */
static int
is_space(unsigned char c)
{
    return c <= ' ' || c == 0x7f;
}

/* Copy p[0..n) into a new string with white space runs as one space and
 * none at either end; *len receives its length. */
static char *
collapse(const char *p, size_t n, size_t *len)
{
    char *c = dtl_malloc(n + 1);
    size_t i, o = 0;
    int gap = 0;

    if (!c)
        return NULL;
    for (i = 0; i < n; i++) {
        if (is_space((unsigned char)p[i])) {
            gap = o > 0;
            continue;
        }
        if (gap)
            c[o++] = ' ';
        gap = 0;
        c[o++] = p[i];
    }
    c[o] = '\0';
    *len = o;
    return c;
}

/* Move i back to the start of a UTF-8 character. */
static size_t
char_floor(const char *c, size_t i)
{
    while (i > 0 && ((unsigned char)c[i] & 0xc0) == 0x80)
        i--;
    return i;
}

/* Cut the end at a word end in [lo, we]: the last space there; failing
 * that lo when lo ends a word (hard), else a character boundary at we. */
static size_t
snap_end(const char *c, size_t len, size_t we, size_t lo, int hard)
{
    size_t p = we;

    if (we >= len || c[we] == ' ')
        return we;
    while (p > lo && c[p] != ' ')
        p--;
    if (c[p] == ' ')
        return p;
    return hard ? lo : char_floor(c, we);
}

/* Cut the start at a word start in [ws, hi]. */
static size_t
snap_start(const char *c, size_t ws, size_t hi)
{
    size_t p = ws;

    if (ws == 0 || c[ws - 1] == ' ')
        return ws;
    while (p < hi && c[p] != ' ')
        p++;
    return p < hi ? p + 1 : hi;
}

/* A sentence start at most back bytes before s (s itself included) into
 * *w; 0 if there is none. */
static int
sentence_start(const char *c, size_t s, size_t back, size_t *w)
{
    size_t p, lo = s > back ? s - back : 0;

    for (p = s; p > lo; p--) {
        if (p >= 2 && c[p - 1] == ' '
            && (c[p - 2] == '.' || c[p - 2] == '!' || c[p - 2] == '?')) {
            *w = p;
            return 1;
        }
    }
    *w = 0;
    return lo == 0;
}

/* ---- choosing the window ------------------------------------------------ */

/* The matches [*first, *last] whose span fits budget and hold the most
 * distinct words, then the most matches, then start earliest.  Returns 0
 * if not even one match fits. */
static int
best_window(const struct match *m, size_t n_m, size_t *count,
            size_t budget, size_t *first, size_t *last)
{
    size_t i = 0, j, distinct = 0, best_d = 0, best_n = 0;

    for (j = 0; j < n_m; j++) {
        if (count[m[j].id]++ == 0)
            distinct++;
        while (i <= j && m[j].end - m[i].start > budget) {
            if (--count[m[i].id] == 0)
                distinct--;
            i++;
        }
        if (i > j)
            continue;
        if (distinct > best_d
            || (distinct == best_d && j - i + 1 > best_n)) {
            best_d = distinct;
            best_n = j - i + 1;
            *first = i;
            *last = j;
        }
    }
    return best_d > 0;
}

/* The window [*ws, *we) of c[0..len) for the matches, so that with "…"
 * where it is cut it takes at most max bytes (len > max > 2 * "…"). */
static void
place(const char *c, size_t len, const struct match *m, size_t n_m,
      size_t *count, size_t max, size_t *ws, size_t *we)
{
    size_t both = max - 2 * ELLIPSIS_LEN, one = max - ELLIPSIS_LEN;
    size_t first = 0, last = 0, s, e, rem, w;

    if (!n_m || !best_window(m, n_m, count, both, &first, &last)) {
        /* No match: the start of the text.  No match fits: the start of
         * the first, cut to the room. */
        s = n_m ? m[0].start : 0;
        w = s ? both : one;
        *ws = s;
        *we = snap_end(c, len, s + w < len ? s + w : len, s, 0);
        return;
    }
    s = m[first].start;
    e = m[last].end;
    rem = both - (e - s);
    /* Context before the matches: from a sentence start within half the
     * room, else a quarter of the room. */
    if (!sentence_start(c, s, rem / 2, &w))
        w = s - (s < rem / 4 ? s : rem / 4);
    if (w == 0) {
        /* Not cut at the start: the end may take that "…"'s room. */
        *we = snap_end(c, len, one, e, 1);
    } else if (len - w <= one) {
        /* Not cut at the end: start as early as the room allows. */
        w = len - one;
        *we = len;
    } else {
        *we = snap_end(c, len, w + both, e, 1);
    }
    *ws = snap_start(c, w, s);
}

/* ---- the snippet -------------------------------------------------------- */

static dtl_status
render(const char *c, size_t len, size_t ws, size_t we, int dots,
       const struct match *m, size_t n_m, char **out, size_t **marks,
       size_t *n_marks)
{
    struct dtl_buf b = DTL_BUF_INIT;
    size_t i, k = 0, lead;
    size_t *mk = NULL;

    while (ws < we && c[ws] == ' ')
        ws++;
    while (we > ws && c[we - 1] == ' ')
        we--;
    lead = dots && ws > 0 ? ELLIPSIS_LEN : 0;
    if (lead)
        dtl_buf_add(&b, ELLIPSIS, ELLIPSIS_LEN);
    dtl_buf_add(&b, c + ws, we - ws);
    if (dots && we < len)
        dtl_buf_add(&b, ELLIPSIS, ELLIPSIS_LEN);
    for (i = 0; i < n_m; i++)
        k += m[i].start >= ws && m[i].end <= we;
    if (k) {
        mk = dtl_calloc(k, 2 * sizeof(*mk));
        if (!mk) {
            dtl_buf_release(&b);
            return DTL_ENOMEM;
        }
        for (i = 0, k = 0; i < n_m; i++) {
            if (m[i].start < ws || m[i].end > we)
                continue;
            mk[2 * k] = m[i].start - ws + lead;
            mk[2 * k + 1] = m[i].end - ws + lead;
            k++;
        }
    }
    *out = dtl_buf_detach(&b, NULL);
    if (!*out) {
        dtl_free(mk);
        return DTL_ENOMEM;
    }
    *marks = mk;
    *n_marks = k;
    return DTL_OK;
}

dtl_status
dtl_snippet(dtl_analyser *a, const dtl_query *q, const char *text,
            size_t n, size_t max, char **out, size_t **marks,
            size_t *n_marks)
{
    return dtl_snippet_tree(a, q ? dtl_query_root(q) : NULL, text, n, max,
                            out, marks, n_marks);
}

dtl_status
dtl_snippet_tree(dtl_analyser *a, const struct dtl_qnode *root,
                 const char *text, size_t n, size_t max, char **out,
                 size_t **marks, size_t *n_marks)
{
    struct snip s;
    size_t *count = NULL, len = 0, ws = 0, we = 0;
    char *c = NULL;
    int dots = 0;
    dtl_status st = DTL_OK;

    if (out)
        *out = NULL;
    if (marks)
        *marks = NULL;
    if (n_marks)
        *n_marks = 0;
    if (!a || !out || !marks || !n_marks || (!text && n))
        return DTL_EINVAL;
    memset(&s, 0, sizeof(s));
    /* Words are matched by their stems in the language the analyser
     * stems in now (the text's, set by the caller). */
    s.code = dtl_analyser_current(a) == dtl_analyser_lang(a)
                 ? ""
                 : dtl_stem_code(dtl_analyser_current(a));
    st = walk(&s, root, 0, 0);
    if (st == DTL_OK) {
        c = collapse(text ? text : "", n, &len);
        if (!c)
            st = DTL_ENOMEM;
    }
    if (st == DTL_OK && s.n_words && len) {
        st = dtl_analyse(a, c, len, on_token, &s);
        count = dtl_calloc(s.n_words, sizeof(*count));
        if (st == DTL_OK && !count)
            st = DTL_ENOMEM;
    }
    if (st != DTL_OK)
        goto out;

    if (len <= max) {
        ws = 0;
        we = len;
    } else if (max > 2 * ELLIPSIS_LEN) {
        place(c, len, s.m, s.n_m, count, max, &ws, &we);
        dots = 1;
    }
    /* else: too small for any text and its "…": the empty snippet. */
    st = render(c, len, ws, we, dots, s.m, s.n_m, out, marks, n_marks);
out:
    dtl_free(count);
    dtl_free(c);
    dtl_free(s.words);
    dtl_free(s.m);
    return st;
}

void
dtl_free_marks(size_t *marks)
{
    dtl_free(marks);
}
