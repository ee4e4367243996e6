/* Dateline: Snowball stemming with a cache of recent stems (see stem.h).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Used by src/analyse.c only.  Relies on libstemmer (UTF-8 stemmers; a
 * NULL from sb_stemmer_stem() is out of memory) and on src/fold.c to strip
 * accents from stems.
 *
 * The cache maps a folded word (with accents) to its finished stem.  It is
 * an open-addressing table of 64-bit slots, each holding the top 32 bits
 * of the word's hash and the offset of its entry in an arena; an entry is
 * (key length, stem length, key bytes, stem bytes, NUL), so stems handed
 * out are NUL-terminated.  Both start small and
 * double up to CACHE_SLOTS_MAX slots and CACHE_ARENA_MAX bytes; when
 * either is full at its limit the whole cache is emptied, which keeps the
 * cost of a miss constant and the memory bounded (about 1.5 MB).
 */
#include <config.h>
#include "stem.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <libstemmer.h>

#include "alloc.h"
#include "dateline/analyser.h"
#include "banned.h"

#define CACHE_SLOTS_MIN 1024
#define CACHE_SLOTS_MAX 65536
#define CACHE_ARENA_MIN 16384
#define CACHE_ARENA_MAX (1u << 20)

struct dtl_stemmer {
    struct sb_stemmer *sb;
    uint64_t *slots;        /* hash tag << 32 | (offset + 1); 0 = empty */
    size_t n_slots;         /* power of two, 0 until the first insert */
    size_t used;            /* slots in use; at most half of n_slots */
    unsigned char *arena;   /* the entries, back to back */
    size_t alen, acap;      /* bytes used and allocated */
};

/* ISO 639 codes libstemmer 2.x accepts for each algorithm (its
 * modules.txt).  Only rows whose language sb_stemmer_list() names are
 * honoured, so an older library simply knows fewer codes. */
static const struct alias {
    const char *code, *lang;
} aliases[] = {
    {"ar", "arabic"},     {"ara", "arabic"},     {"hy", "armenian"},
    {"hye", "armenian"},  {"arm", "armenian"},   {"eu", "basque"},
    {"eus", "basque"},    {"baq", "basque"},     {"ca", "catalan"},
    {"cat", "catalan"},   {"da", "danish"},      {"dan", "danish"},
    {"nl", "dutch"},      {"dut", "dutch"},      {"nld", "dutch"},
    {"en", "english"},    {"eng", "english"},    {"fi", "finnish"},
    {"fin", "finnish"},   {"fr", "french"},      {"fre", "french"},
    {"fra", "french"},    {"de", "german"},      {"ger", "german"},
    {"deu", "german"},    {"el", "greek"},       {"ell", "greek"},
    {"gre", "greek"},     {"hi", "hindi"},       {"hin", "hindi"},
    {"hu", "hungarian"},  {"hun", "hungarian"},  {"id", "indonesian"},
    {"ind", "indonesian"}, {"ga", "irish"},      {"gle", "irish"},
    {"it", "italian"},    {"ita", "italian"},    {"lt", "lithuanian"},
    {"lit", "lithuanian"}, {"ne", "nepali"},     {"nep", "nepali"},
    {"no", "norwegian"},  {"nor", "norwegian"},  {"pt", "portuguese"},
    {"por", "portuguese"}, {"ro", "romanian"},   {"rum", "romanian"},
    {"ron", "romanian"},  {"ru", "russian"},     {"rus", "russian"},
    {"sr", "serbian"},    {"srp", "serbian"},    {"es", "spanish"},
    {"esl", "spanish"},   {"spa", "spanish"},    {"sv", "swedish"},
    {"swe", "swedish"},   {"ta", "tamil"},       {"tam", "tamil"},
    {"tr", "turkish"},    {"tur", "turkish"},    {"yi", "yiddish"},
    {"yid", "yiddish"},
};

#define N_ALIASES (sizeof(aliases) / sizeof(aliases[0]))

/* sb_stemmer_list() plus "none"; more than libstemmer will ever have. */
#define LANGS_MAX 126

static const char *langs[LANGS_MAX + 2];
static pthread_once_t langs_once = PTHREAD_ONCE_INIT;

static void
langs_init(void)
{
    const char **l = sb_stemmer_list();
    size_t i = 0;

    for (; l && *l && i < LANGS_MAX; l++)
        langs[i++] = *l;
    langs[i++] = "none";
    langs[i] = NULL;
}

const char *const *
dtl_stem_languages(void)
{
    pthread_once(&langs_once, langs_init);
    return langs;
}

const char *
dtl_stem_canonical(const char *name)
{
    const char *const *l = dtl_stem_languages();
    size_t i;

    for (i = 0; l[i]; i++)
        if (strcmp(l[i], name) == 0)
            return l[i];
    for (i = 0; i < N_ALIASES; i++) {
        if (strcmp(aliases[i].code, name) != 0)
            continue;
        for (l = dtl_stem_languages(); *l; l++)
            if (strcmp(*l, aliases[i].lang) == 0)
                return *l;
        return NULL;
    }
    return NULL;
}

const char *
dtl_stem_code(const char *lang)
{
    size_t i;

    for (i = 0; i < N_ALIASES; i++)
        if (strlen(aliases[i].code) == 2 && strcmp(aliases[i].lang, lang) == 0)
            return aliases[i].code;
    return lang;
}

dtl_status
dtl_stemmer_new(const char *lang, struct dtl_stemmer **out)
{
    struct dtl_stemmer *s;

    *out = NULL;
    if (!dtl_stem_canonical(lang) || strcmp(lang, "none") == 0)
        return DTL_EINVAL;
    s = dtl_calloc(1, sizeof(*s));
    if (!s)
        return DTL_ENOMEM;
    /* The name is known to be valid, so NULL here is libstemmer's way of
     * saying that its allocation failed. */
    s->sb = sb_stemmer_new(lang, NULL);
    if (!s->sb) {
        dtl_free(s);
        return DTL_ENOMEM;
    }
    *out = s;
    return DTL_OK;
}

void
dtl_stemmer_free(struct dtl_stemmer *s)
{
    if (!s)
        return;
    sb_stemmer_delete(s->sb);
    dtl_free(s->slots);
    dtl_free(s->arena);
    dtl_free(s);
}

/* A fast 64-bit hash of a short key (words are a few bytes long). */
static uint64_t
hash_bytes(const unsigned char *p, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ (uint64_t)n;
    uint64_t v;

    while (n >= 8) {
        memcpy(&v, p, 8);
        h = (h ^ v) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
        p += 8;
        n -= 8;
    }
    if (n) {
        v = 0;
        memcpy(&v, p, n);
        h = (h ^ v) * 0x94d049bb133111ebull;
    }
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return h;
}

/* The entry for key w[0..n) with hash tag `tag`, or NULL.  *slot receives
 * the index where the probe ended (the free slot for an insert). */
static const unsigned char *
cache_find(const struct dtl_stemmer *s, uint32_t tag, const char *w,
           size_t n, size_t *slot)
{
    size_t mask = s->n_slots - 1, i = tag & mask;
    uint64_t v;

    while ((v = s->slots[i]) != 0) {
        if ((uint32_t)(v >> 32) == tag) {
            const unsigned char *e = s->arena + (uint32_t)v - 1;
            if (e[0] == n && memcmp(e + 2, w, n) == 0) {
                *slot = i;
                return e;
            }
        }
        i = (i + 1) & mask;
    }
    *slot = i;
    return NULL;
}

static void
cache_clear(struct dtl_stemmer *s)
{
    memset(s->slots, 0, s->n_slots * sizeof(s->slots[0]));
    s->used = 0;
    s->alen = 0;
}

/* Double the slot table; entries keep their arena offsets. */
static dtl_status
cache_grow_slots(struct dtl_stemmer *s)
{
    size_t n = s->n_slots * 2, mask = n - 1, i, j;
    uint64_t *ns = dtl_calloc(n, sizeof(*ns));

    if (!ns)
        return DTL_ENOMEM;
    for (i = 0; i < s->n_slots; i++) {
        uint64_t v = s->slots[i];
        if (!v)
            continue;
        for (j = (v >> 32) & mask; ns[j]; j = (j + 1) & mask)
            ;
        ns[j] = v;
    }
    dtl_free(s->slots);
    s->slots = ns;
    s->n_slots = n;
    return DTL_OK;
}

/* Make room for one entry of `need` bytes: allocate, grow or empty the
 * cache.  On failure the cache is unchanged and still consistent. */
static dtl_status
cache_reserve(struct dtl_stemmer *s, size_t need)
{
    if (!s->slots) {
        s->slots = dtl_calloc(CACHE_SLOTS_MIN, sizeof(*s->slots));
        if (!s->slots)
            return DTL_ENOMEM;
        s->n_slots = CACHE_SLOTS_MIN;
    }
    if (!s->arena) {
        s->arena = dtl_malloc(CACHE_ARENA_MIN);
        if (!s->arena)
            return DTL_ENOMEM;
        s->acap = CACHE_ARENA_MIN;
    }
    if ((s->used + 1) * 2 > s->n_slots) {
        if (s->n_slots >= CACHE_SLOTS_MAX)
            cache_clear(s);
        else if (cache_grow_slots(s) != DTL_OK)
            return DTL_ENOMEM;
    }
    if (s->alen + need > s->acap) {
        if (s->acap >= CACHE_ARENA_MAX) {
            cache_clear(s);
        } else {
            unsigned char *na = dtl_realloc(s->arena, s->acap * 2);
            if (!na)
                return DTL_ENOMEM;
            s->arena = na;
            s->acap *= 2;
        }
    }
    return DTL_OK;
}

static int
is_ascii(const unsigned char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] & 0x80)
            return 0;
    return 1;
}

dtl_status
dtl_stemmer_stem(struct dtl_stemmer *s, struct dtl_fold *f, const char *w,
                 size_t n, const char **stem, size_t *stem_len)
{
    uint32_t tag;
    const unsigned char *e, *r;
    const char *out;
    size_t slot, out_len;
    dtl_status st;
    int rl;

    *stem = NULL;
    *stem_len = 0;
    if (n > DTL_STEM_IN_MAX)
        return DTL_ELIMIT;
    tag = (uint32_t)(hash_bytes((const unsigned char *)w, n) >> 32);
    if (s->slots) {
        e = cache_find(s, tag, w, n, &slot);
        if (e) {
            *stem = (const char *)e + 2 + e[0];
            *stem_len = e[1];
            return DTL_OK;
        }
    }
    r = sb_stemmer_stem(s->sb, (const sb_symbol *)w, (int)n);
    if (!r)
        return DTL_ENOMEM;
    rl = sb_stemmer_length(s->sb);
    if (rl < 0)
        return DTL_EINTERNAL;
    out = (const char *)r;
    out_len = (size_t)rl;
    if (!is_ascii(r, out_len)) {
        st = dtl_fold_strip(f, out, out_len, &out, &out_len);
        if (st != DTL_OK)
            return st;
    }
    if (out_len > DTL_TERM_MAX)
        return DTL_ELIMIT;
    st = cache_reserve(s, 2 + n + out_len + 1);
    if (st != DTL_OK)
        return st;
    /* Reserving may have moved or emptied the table: probe again. */
    e = cache_find(s, tag, w, n, &slot);
    if (!e) {
        unsigned char *ne = s->arena + s->alen;
        ne[0] = (unsigned char)n;
        ne[1] = (unsigned char)out_len;
        memcpy(ne + 2, w, n);
        memcpy(ne + 2 + n, out, out_len);
        ne[2 + n + out_len] = '\0';
        s->slots[slot] = (uint64_t)tag << 32 | (uint64_t)(s->alen + 1);
        s->alen += 2 + n + out_len + 1;
        s->used++;
        e = ne;
    }
    *stem = (const char *)e + 2 + e[0];
    *stem_len = e[1];
    return DTL_OK;
}

/* Words from several languages: two stemmers that agree on all of them
 * are taken to be the same algorithm. */
static const char *const probes[] = {
    "nationalities", "running", "connections", "généralement",
    "nationales", "häuser", "möglichkeiten", "ciudades", "nazionali",
    "работающих", "γυναίκες", "kaupungeissa", "kilencedikben",
    "menunjukkan", "legjobbakat", "oraşelor", "evlerinden",
    "stasjonene", "städerna", "byerne", "steden",
};

static int
same_stems(struct sb_stemmer *a, struct sb_stemmer *b)
{
    size_t i;

    for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        const sb_symbol *w = (const sb_symbol *)probes[i];
        int n = (int)strlen(probes[i]);
        const sb_symbol *ra = sb_stemmer_stem(a, w, n);
        int la = sb_stemmer_length(a);
        const sb_symbol *rb;
        char copy[256];

        if (!ra || la < 0 || la >= (int)sizeof(copy))
            return 0;
        memcpy(copy, ra, (size_t)la);
        rb = sb_stemmer_stem(b, w, n);
        if (!rb || sb_stemmer_length(b) != la || memcmp(copy, rb, la) != 0)
            return 0;
    }
    return 1;
}

int
dtl_stem_check_aliases(const char **bad)
{
    int n_bad = 0;
    size_t i;

    *bad = NULL;
    for (i = 0; i < N_ALIASES; i++) {
        struct sb_stemmer *a, *b;
        int ok;

        if (!dtl_stem_canonical(aliases[i].lang))
            continue;   /* this libstemmer lacks the language */
        a = sb_stemmer_new(aliases[i].code, NULL);
        b = sb_stemmer_new(aliases[i].lang, NULL);
        ok = a && b && same_stems(a, b);
        sb_stemmer_delete(a);
        sb_stemmer_delete(b);
        if (!ok && n_bad++ == 0)
            *bad = aliases[i].code;
    }
    return n_bad;
}
