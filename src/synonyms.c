/* Dateline: parsing synonym files.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements the parser half of include/dateline/synonyms.h (the format
 * is described there).  Called by `dateline synonyms` (src/cli-side.c)
 * and by the fuzz target tests/fuzz/fuzz-synonyms.c; the index side
 * (storing, expanding queries) is index/shim-synonyms.cc.  Keys and
 * synonyms go through the index's analyser, so they are folded and
 * stemmed exactly as the words of entries and queries are.  The input is
 * hostile text: bounds-checked, capped (DTL_SYNONYMS_MAX_*), and every
 * error names the file and line.
 */
#include <config.h>
#include "dateline/synonyms.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "status.h"
#include "banned.h"

struct pair {
    char *key, *stem, *syn;
    unsigned long line;    /* for messages about the pair */
};

struct dtl_synonyms {
    struct pair *v;
    size_t n, cap;
};

/* The words of one key or synonym, joined by single spaces. */
struct words {
    struct dtl_buf text;   /* folded words */
    struct dtl_buf stem;   /* the first word's stem */
    unsigned count;        /* words seen (may exceed the cap) */
};

static dtl_status
on_token(void *ctx, const struct dtl_token *t)
{
    struct words *w = ctx;

    if (w->count < DTL_SYNONYMS_MAX_WORDS) {
        if (w->count)
            dtl_buf_addc(&w->text, ' ');
        dtl_buf_add(&w->text, t->term, t->term_len);
        if (w->count == 0)
            dtl_buf_add(&w->stem, t->stem, t->stem_len);
    }
    w->count++;
    return dtl_buf_status(&w->text) != DTL_OK ? DTL_ENOMEM
                                              : dtl_buf_status(&w->stem);
}

/* Analyse p[0..n) into w (reset first). */
static dtl_status
analyse_words(dtl_analyser *a, const char *p, size_t n, struct words *w)
{
    dtl_buf_truncate(&w->text, 0);
    dtl_buf_truncate(&w->stem, 0);
    w->count = 0;
    return dtl_analyse(a, p, n, on_token, w);
}

void
dtl_synonyms_free(dtl_synonyms *s)
{
    size_t i;

    if (!s)
        return;
    for (i = 0; i < s->n; i++) {
        dtl_free(s->v[i].key);
        dtl_free(s->v[i].stem);
        dtl_free(s->v[i].syn);
    }
    dtl_free(s->v);
    dtl_free(s);
}

size_t
dtl_synonyms_count(const dtl_synonyms *s)
{
    return s ? s->n : 0;
}

dtl_status
dtl_synonyms_get(const dtl_synonyms *s, size_t i, const char **key,
                 const char **stem, const char **syn)
{
    int ok = s && i < s->n;

    if (key)
        *key = ok ? s->v[i].key : NULL;
    if (stem)
        *stem = ok ? s->v[i].stem : NULL;
    if (syn)
        *syn = ok ? s->v[i].syn : NULL;
    return ok ? DTL_OK : DTL_EINVAL;
}

static dtl_status
add_pair(dtl_synonyms *s, const struct words *key, const struct words *syn,
         unsigned long line)
{
    struct pair *p;

    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        struct pair *nv = dtl_realloc(s->v, cap * sizeof(*nv));

        if (!nv)
            return DTL_ENOMEM;
        s->v = nv;
        s->cap = cap;
    }
    p = &s->v[s->n];
    p->key = dtl_strndup(key->text.p, key->text.len);
    p->stem = dtl_strndup(key->stem.p, key->stem.len);
    p->syn = dtl_strndup(syn->text.p, syn->text.len);
    p->line = line;
    if (!p->key || !p->stem || !p->syn) {
        dtl_free(p->key);
        dtl_free(p->stem);
        dtl_free(p->syn);
        return DTL_ENOMEM;
    }
    s->n++;
    return DTL_OK;
}

static int
is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* The context of one parse, for messages. */
struct parse {
    const char *fname;
    unsigned long line;
    size_t off;            /* of the line */
    struct dtl_error *err;
};

/* Quote at most 40 bytes of p[0..n) in a message. */
#define QUOTE(n) ((int)((n) > 40 ? 40 : (n)))

/* Parse line p[0..n) into s. */
static dtl_status
parse_line(dtl_synonyms *s, dtl_analyser *a, const char *p, size_t n,
           struct parse *ps, struct words *key, struct words *syn)
{
    const char *colon, *at, *stop, *end = p + n;
    size_t i = 0;
    dtl_status st;
    int any = 0;

    while (i < n && is_blank(p[i]))
        i++;
    if (i == n || p[i] == '#')
        return DTL_OK;
    if (memchr(p, '\0', n))
        return dtl_error_set(ps->err, DTL_ESYNTAX, ps->off, "%s:%lu: NUL "
                             "byte in the line", ps->fname, ps->line);
    colon = memchr(p, ':', n);
    if (!colon)
        return dtl_error_set(ps->err, DTL_ESYNTAX, ps->off,
                             "%s:%lu: expected 'WORD: SYNONYM, SYNONYM...'",
                             ps->fname, ps->line);
    st = analyse_words(a, p, (size_t)(colon - p), key);
    if (st != DTL_OK)
        return st;
    if (key->count != 1)
        return dtl_error_set(ps->err, DTL_ESYNTAX, ps->off,
                             "%s:%lu: the key '%.*s' must be one word "
                             "(it has %u)", ps->fname, ps->line,
                             QUOTE((size_t)(colon - (p + i))), p + i,
                             key->count);
    for (at = colon + 1;; at = stop + 1) {
        const char *comma = memchr(at, ',', (size_t)(end - at));
        stop = comma ? comma : end;
        st = analyse_words(a, at, (size_t)(stop - at), syn);
        if (st != DTL_OK)
            return st;
        if (syn->count == 0 && comma) {
            /* Nothing between two commas (a trailing one is fine). */
            return dtl_error_set(ps->err, DTL_ESYNTAX,
                                 ps->off + (size_t)(at - p),
                                 "%s:%lu: a synonym with no word in it",
                                 ps->fname, ps->line);
        } else if (syn->count > DTL_SYNONYMS_MAX_WORDS) {
            return dtl_error_set(ps->err, DTL_ELIMIT,
                                 ps->off + (size_t)(at - p),
                                 "%s:%lu: a synonym of more than %d words",
                                 ps->fname, ps->line,
                                 DTL_SYNONYMS_MAX_WORDS);
        } else if (syn->text.len > DTL_SYNONYMS_MAX_LEN) {
            return dtl_error_set(ps->err, DTL_ELIMIT,
                                 ps->off + (size_t)(at - p),
                                 "%s:%lu: a synonym longer than %d bytes",
                                 ps->fname, ps->line, DTL_SYNONYMS_MAX_LEN);
        } else if (syn->count) {
            any = 1;
            /* A word is not its own synonym. */
            if (strcmp(syn->text.p, key->text.p) != 0) {
                st = add_pair(s, key, syn, ps->line);
                if (st != DTL_OK)
                    return st;
            }
        }
        if (!comma)
            break;
    }
    if (!any)
        return dtl_error_set(ps->err, DTL_ESYNTAX, ps->off,
                             "%s:%lu: '%s' has no synonyms after ':'",
                             ps->fname, ps->line, key->text.p);
    return DTL_OK;
}

static int
cmp_pair(const void *x, const void *y)
{
    const struct pair *a = x, *b = y;
    int c = strcmp(a->stem, b->stem);

    if (c == 0)
        c = strcmp(a->syn, b->syn);
    if (c == 0)
        c = a->line < b->line ? -1 : a->line > b->line;
    return c;
}

/* Sort, drop repeated pairs, and check the cap on synonyms per key. */
static dtl_status
finish(dtl_synonyms *s, const char *fname, struct dtl_error *err)
{
    size_t i, out = 0, run = 0;

    if (s->n)
        qsort(s->v, s->n, sizeof(*s->v), cmp_pair);
    for (i = 0; i < s->n; i++) {
        struct pair *p = &s->v[i];

        if (out && strcmp(s->v[out - 1].stem, p->stem) == 0 &&
            strcmp(s->v[out - 1].syn, p->syn) == 0) {
            dtl_free(p->key);
            dtl_free(p->stem);
            dtl_free(p->syn);
            continue;
        }
        run = out && strcmp(s->v[out - 1].stem, p->stem) == 0 ? run + 1 : 1;
        s->v[out++] = *p;
        if (run > DTL_SYNONYMS_MAX_PER_KEY) {
            /* Free what was not kept, so s stays freeable. */
            size_t j;

            for (j = i + 1; j < s->n; j++) {
                dtl_free(s->v[j].key);
                dtl_free(s->v[j].stem);
                dtl_free(s->v[j].syn);
            }
            s->n = out;
            return dtl_error_set(err, DTL_ELIMIT, SIZE_MAX,
                                 "%s:%lu: more than %d synonyms for '%s'",
                                 fname, p->line, DTL_SYNONYMS_MAX_PER_KEY,
                                 p->key);
        }
    }
    s->n = out;
    return DTL_OK;
}

dtl_status
dtl_synonyms_parse(const char *p, size_t n, const char *fname,
                   dtl_analyser *a, dtl_synonyms **out,
                   struct dtl_error *err)
{
    struct words key, syn;
    struct parse ps;
    dtl_synonyms *s = NULL;
    dtl_status st = DTL_OK;

    if (out)
        *out = NULL;
    if (!out || !a || (!p && n))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_synonyms_parse: no text, analyser or "
                             "result");
    ps.fname = fname ? fname : "synonyms";
    ps.line = 0;
    ps.off = 0;
    ps.err = err;
    if (n > DTL_SYNONYMS_MAX_BYTES)
        return dtl_error_set(err, DTL_ELIMIT, DTL_SYNONYMS_MAX_BYTES,
                             "%s: larger than %d bytes", ps.fname,
                             DTL_SYNONYMS_MAX_BYTES);
    s = dtl_calloc(1, sizeof(*s));
    if (!s)
        return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
    memset(&key, 0, sizeof(key));
    memset(&syn, 0, sizeof(syn));
    dtl_buf_init(&key.text);
    dtl_buf_init(&key.stem);
    dtl_buf_init(&syn.text);
    dtl_buf_init(&syn.stem);
    while (st == DTL_OK && ps.off < n) {
        const char *nl = memchr(p + ps.off, '\n', n - ps.off);
        size_t len = nl ? (size_t)(nl - (p + ps.off)) : n - ps.off;

        ps.line++;
        st = parse_line(s, a, p + ps.off, len, &ps, &key, &syn);
        ps.off += len + (nl != NULL);
    }
    if (st == DTL_OK)
        st = finish(s, ps.fname, err);
    if (st == DTL_ENOMEM)
        dtl_error_set(err, st, SIZE_MAX, "out of memory");
    dtl_buf_release(&key.text);
    dtl_buf_release(&key.stem);
    dtl_buf_release(&syn.text);
    dtl_buf_release(&syn.stem);
    if (st != DTL_OK) {
        dtl_synonyms_free(s);
        return st;
    }
    *out = s;
    return DTL_OK;
}

dtl_status
dtl_synonyms_load(const char *path, dtl_analyser *a, dtl_synonyms **out,
                  struct dtl_error *err)
{
    struct dtl_buf b = DTL_BUF_INIT;
    dtl_status st;

    if (out)
        *out = NULL;
    if (!path || !out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_synonyms_load: no path or result");
    st = dtl_buf_add_file(&b, path, DTL_SYNONYMS_MAX_BYTES, err);
    if (st == DTL_OK)
        st = dtl_synonyms_parse(b.p ? b.p : "", b.len, path, a, out, err);
    dtl_buf_release(&b);
    return st;
}
