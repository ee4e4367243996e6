/* Dateline: turning a page's entries into index documents.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements dtl_index_analyser() and dtl_index_add_page() of
 * include/dateline/search.h for the programs.  Relies on the analyser
 * (terms and stems), the index shim (documents, replace_page; the layout
 * is specified at the top of index/xapian-shim.cc and named in layout.h),
 * src/docdata.c (stored data) and src/hash.c (ids).
 *
 * Ids, all FNV-1a 128 (hash.h):
 *   page key     32 hex digits of the hash of the source string's bytes;
 *                a source that is an absolute URL is first brought to
 *                its identity form (dtl_url_normalise()), so the same
 *                article crawled over http and https, with tracking
 *                parameters or a fragment, is one page.
 *   entry id     page key ":" identity; identity is "lead" for the lead,
 *                else 16 hex digits of the hash of the framed fields
 *                (UTC time as YYYY-MM-DDTHH:MM:SSZ or "" when the entry
 *                has none, headline); the second and later entries of a
 *                page with the same identity get "#2", "#3"... in page
 *                order.  An entry thus keeps its id when entries are
 *                added above it.  (The shim puts DTL_PFX_UNIQUE in front.)
 *   page hash    32 hex digits of the hash of the framed fields: analyser
 *                config, DTL_LAYOUT_VERSION, title, URL, source, entry
 *                count, then per entry time (8 bytes), lead flag,
 *                headline, body, and the page's language (below).
 *                Same text, same hash: the page is not written again;
 *                any change rewrites it.
 *
 * Languages: each page is stemmed in its own language
 * (dtl_index_page_lang(): declared, detected, or the index's).  Stems in
 * the index's own language keep the Z prefixes; stems in any other get
 * ZL<code>: in front of the field prefix (layout 4, xapian-shim.cc), and
 * every entry carries L<code>, whose term frequency is the number of
 * entries in that language.
 *
 * Carrier (layout 5): the title terms (XT, ZXT or ZL<code>:XT) go on one
 * entry of the page only, the one whose entry id sorts last, byte by
 * byte; the source terms (XU) stay on every entry, so that a source:
 * clause, common in a search box, is one plain term query.  "lead" sorts
 * after every 16-hex-digit identity, so a page with a lead keeps it as
 * carrier however many entries a live blog adds; otherwise the carrier
 * moves only when an added entry's id sorts after it (or it goes), and
 * then the old and the new carrier differ in their terms, so both get a
 * new entry hash and are rewritten while every other entry is left
 * alone.
 *
 * Speed: the analyser's callback does the per-token work, which is a few
 * byte copies into one reused buffer and the shim calls; the title and
 * source terms are analysed once per page and replayed into the carrier
 * (title) and into every entry (source).
 */
#include <config.h>
#include "dateline/search.h"

#include "dateline/ingest.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "analyse.h"
#include "buf.h"
#include "docdata.h"
#include "hash.h"
#include "indexer.h"
#include "langdetect.h"
#include "layout.h"
#include "status.h"
#include "stem.h"
#include "banned.h"

/* Where the analyser's tokens go while one text is analysed. */
struct sink {
    dtl_doc *doc;          /* entry documents; NULL when packing */
    struct dtl_buf *term;  /* the reused term buffer */
    struct dtl_buf *pack;  /* page terms being recorded, or NULL */
    const char *pfx;       /* prefix of the positional term */
    const char *stem_pfx;  /* prefix of the stem term, or NULL */
    const char *stem_body; /* stem prefixes of body and headline words */
    const char *stem_head;
};

/* A page-level term recorded for replay: its length, then the bytes.
 * Page terms are field copies: wdf 0. */
struct packed {
    size_t len;
};

/* term = pfx + p[0..n) in the reused buffer; NULL on allocation failure. */
static inline const char *
make_term(struct dtl_buf *b, const char *pfx, size_t npfx, const char *p,
          size_t n)
{
    dtl_buf_truncate(b, 0);
    dtl_buf_add(b, pfx, npfx);
    dtl_buf_add(b, p, n);
    return b->err ? NULL : b->p;
}

static dtl_status
pack_term(struct dtl_buf *pack, const char *p, size_t n)
{
    struct packed r;

    r.len = n;
    dtl_buf_add(pack, &r, sizeof(r));
    dtl_buf_add(pack, p, n);
    return dtl_buf_status(pack);
}

/* Add (or record) one prefixed term, raising its wdf by wdf: 1 for the
 * text's own words and stems, 0 for field copies (recorded page terms are
 * field copies and get 0 when replayed). */
static dtl_status
emit(struct sink *s, const char *pfx, size_t npfx, const char *p, size_t n,
     unsigned wdf)
{
    const char *t = make_term(s->term, pfx, npfx, p, n);
    size_t len = npfx + n;

    if (!t)
        return DTL_ENOMEM;
    if (s->pack)
        return pack_term(s->pack, t, len);
    return dtl_doc_add_term(s->doc, t, len, wdf);
}

/* The word under pfx and, if stemming changes it, its stem under
 * stem_pfx (NULL: no stem).  A stem equal to its word is not written
 * twice: queries look for the stem under both names (layout 3). */
static dtl_status
emit_word(struct sink *s, const char *pfx, const char *stem_pfx,
          const struct dtl_token *tok, unsigned wdf)
{
    dtl_status st = emit(s, pfx, strlen(pfx), tok->term, tok->term_len,
                         wdf);

    if (st != DTL_OK || !stem_pfx ||
        (tok->stem_len == tok->term_len &&
         memcmp(tok->stem, tok->term, tok->term_len) == 0))
        return st;
    return emit(s, stem_pfx, strlen(stem_pfx), tok->stem, tok->stem_len,
                wdf);
}

/* Headline word: <word>, S<word>, Z<stem>, ZS<stem>. */
static dtl_status
on_headline(void *ctx, const struct dtl_token *tok)
{
    struct sink *s = ctx;
    dtl_status st;

    if (tok->term_len == 0)
        return DTL_OK;
    st = emit_word(s, "", s->stem_body, tok, 1);
    if (st == DTL_OK)
        st = emit_word(s, DTL_PFX_HEADLINE, s->stem_head, tok, 0);
    return st;
}

/* Body word: <word> and Z<stem>. */
static dtl_status
on_body(void *ctx, const struct dtl_token *tok)
{
    struct sink *s = ctx;

    if (tok->term_len == 0)
        return DTL_OK;
    return emit_word(s, "", s->stem_body, tok, 1);
}

/* Title or source word, recorded for replay: prefixed word and, for the
 * title, Z + prefix + stem. */
static dtl_status
on_page_word(void *ctx, const struct dtl_token *tok)
{
    struct sink *s = ctx;

    if (tok->term_len == 0)
        return DTL_OK;
    return emit_word(s, s->pfx, s->stem_pfx, tok, 0);
}

/* Add the terms recorded in pack to doc. */
static dtl_status
replay(dtl_doc *doc, const struct dtl_buf *pack)
{
    size_t off = 0;
    dtl_status st = DTL_OK;

    while (st == DTL_OK && off < pack->len) {
        struct packed r;
        const char *t;

        memcpy(&r, pack->p + off, sizeof(r));
        t = pack->p + off + sizeof(r);
        off += sizeof(r) + r.len;
        st = dtl_doc_add_term(doc, t, r.len, 0);
    }
    return st;
}

/* ---- ids ---------------------------------------------------------------- */

/* Entry identity hashes, sorted to number duplicates. */
struct ident {
    uint64_t hash;     /* high half of the identity hash; 0 for leads */
    int is_lead;
    size_t entry;      /* index in the page */
    unsigned dup;      /* 1 for the first of its identity, 2, 3... */
};

static int
cmp_ident(const void *a, const void *b)
{
    const struct ident *x = a, *y = b;

    if (x->is_lead != y->is_lead)
        return x->is_lead < y->is_lead ? -1 : 1;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static int
cmp_entry(const void *a, const void *b)
{
    const struct ident *x = a, *y = b;

    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static void
time_text(int64_t ts, char out[DTL_DOCDATA_TIME_LEN + 1])
{
    if (ts == DTL_TS_NONE || dtl_docdata_format_time(ts, out) != DTL_OK)
        out[0] = '\0';
}

/* Fill ids[0..n) with each entry's identity hash and duplicate number. */
static void
entry_idents(const dtl_page *page, struct ident *ids, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const struct dtl_entry *e = dtl_page_entry(page, i);
        char when[DTL_DOCDATA_TIME_LEN + 1];
        struct dtl_hash h;

        ids[i].entry = i;
        ids[i].is_lead = e->is_lead != 0;
        ids[i].hash = 0;
        ids[i].dup = 1;
        if (e->is_lead)
            continue;
        time_text(e->ts, when);
        dtl_hash_init(&h);
        dtl_hash_add_field(&h, when, strlen(when));
        dtl_hash_add_field(&h, e->headline, e->headline_len);
        ids[i].hash = h.hi;
    }
    qsort(ids, n, sizeof(*ids), cmp_ident);
    for (i = 1; i < n; i++)
        if (ids[i].is_lead == ids[i - 1].is_lead
            && ids[i].hash == ids[i - 1].hash)
            ids[i].dup = ids[i - 1].dup + 1;
    qsort(ids, n, sizeof(*ids), cmp_entry);
}

/* The entry's unique id (without DTL_PFX_UNIQUE) into b. */
static void
unique_id(struct dtl_buf *b, const char *key, const struct ident *id)
{
    struct dtl_hash h;
    char hex[DTL_HASH_SHORT_HEX_LEN + 1];

    dtl_buf_truncate(b, 0);
    dtl_buf_add(b, key, DTL_HASH_HEX_LEN);
    dtl_buf_addc(b, ':');
    if (id->is_lead) {
        dtl_buf_adds(b, "lead");
    } else {
        h.hi = id->hash;
        h.lo = 0;
        dtl_hash_hex_short(&h, hex);
        dtl_buf_add(b, hex, DTL_HASH_SHORT_HEX_LEN);
    }
    if (id->dup > 1)
        dtl_buf_addf(b, "#%u", id->dup);
}

static void
page_hash(const dtl_page *page, dtl_analyser *a, const char *source,
          const char *lang, char out[DTL_HASH_HEX_LEN + 1])
{
    const char *cfg = dtl_analyser_config(a), *title, *url;
    size_t tlen = 0, ulen = 0, i, n = dtl_page_entry_count(page);
    struct dtl_hash h;

    title = dtl_page_title(page, &tlen);
    url = dtl_page_url(page, &ulen);
    dtl_hash_init(&h);
    dtl_hash_add_field(&h, cfg, strlen(cfg));
    dtl_hash_add_field(&h, DTL_LAYOUT_VERSION, strlen(DTL_LAYOUT_VERSION));
    dtl_hash_add_field(&h, title, tlen);
    dtl_hash_add_field(&h, url, ulen);
    dtl_hash_add_field(&h, source, strlen(source));
    dtl_hash_add_u64(&h, (uint64_t)n);
    for (i = 0; i < n; i++) {
        const struct dtl_entry *e = dtl_page_entry(page, i);

        dtl_hash_add_u64(&h, (uint64_t)e->ts);
        dtl_hash_add_u64(&h, (uint64_t)(e->is_lead != 0));
        dtl_hash_add_field(&h, e->headline, e->headline_len);
        dtl_hash_add_field(&h, e->body, e->body_len);
    }
    dtl_hash_add_field(&h, lang, strlen(lang));
    dtl_hash_hex(&h, out);
}

/* The page key of source (see the top of the file). */
static dtl_status
page_key(const char *source, char key[DTL_HASH_HEX_LEN + 1])
{
    struct dtl_hash h;
    char *norm = NULL;
    size_t n = 0;
    dtl_status st;

    st = dtl_url_normalise(source, strlen(source), &norm, &n);
    if (st == DTL_ENOMEM)
        return st;
    dtl_hash_init(&h);
    if (st == DTL_OK)
        dtl_hash_add(&h, norm, n);
    else
        dtl_hash_add(&h, source, strlen(source));
    dtl_hash_hex(&h, key);
    dtl_free_string(norm);
    return DTL_OK;
}

/* ---- writing a page ----------------------------------------------------- */

/* Everything one dtl_index_add_page() call holds. */
struct page_job {
    dtl_analyser *a;
    const dtl_page *page;
    const char *source;
    char key[DTL_HASH_HEX_LEN + 1];
    const char *title;         /* the page's title ("" if none) */
    size_t title_len;
    struct dtl_buf term;       /* the reused term buffer */
    struct dtl_buf pack;       /* title terms for replay (carrier) */
    struct dtl_buf pack_src;   /* source terms for replay (every entry) */
    struct dtl_buf data;       /* stored data of the current entry */
    const char *code;          /* the page's language code (DTL_PFX_LANG) */
    int own_lang;              /* the page is in the analyser's language */
    char stem_body[DTL_LSTEM_PFX_MAX - 2]; /* stem prefixes for the page's */
    char stem_head[DTL_LSTEM_PFX_MAX];   /* language (Z, ZS, ZXT or */
    char stem_title[DTL_LSTEM_PFX_MAX];  /* ZL<code>:, ZL<code>:S, ...) */
};

/* Build the document of entry i; carrier: it gets the page's title
 * terms too. */
static dtl_status
build_doc(struct page_job *j, size_t i, const struct ident *id,
          int carrier, dtl_doc *doc, struct dtl_error *err)
{
    const struct dtl_entry *e = dtl_page_entry(j->page, i);
    struct sink s;
    struct dtl_docdata dd;
    dtl_status st;

    memset(&s, 0, sizeof(s));
    s.doc = doc;
    s.term = &j->term;
    s.stem_body = j->stem_body;
    s.stem_head = j->stem_head;
    st = dtl_analyse(j->a, e->headline, e->headline_len, on_headline, &s);
    if (st == DTL_OK)
        st = dtl_analyse(j->a, e->body, e->body_len, on_body, &s);
    if (st == DTL_ELIMIT)
        return dtl_error_set(err, st, e->offset, "entry %zu has too many "
                             "words to index", i + 1);
    if (st == DTL_OK && carrier)
        st = replay(doc, &j->pack);
    if (st == DTL_OK)
        st = replay(doc, &j->pack_src);
    if (st == DTL_OK)
        st = emit(&s, DTL_PFX_LANG, strlen(DTL_PFX_LANG), j->code,
                  strlen(j->code), 0);
    if (st == DTL_OK)
        st = dtl_doc_set_time(doc, e->ts);
    if (st == DTL_OK)
        st = dtl_doc_set_page_key(doc, j->key, DTL_HASH_HEX_LEN);
    if (st == DTL_OK) {
        unique_id(&j->term, j->key, id);
        st = dtl_buf_status(&j->term);
    }
    if (st == DTL_OK)
        st = dtl_doc_set_unique(doc, j->term.p, j->term.len);
    if (st != DTL_OK)
        return st;

    memset(&dd, 0, sizeof(dd));
    dd.source = j->source;
    dd.source_len = strlen(j->source);
    dd.title = j->title;
    dd.title_len = j->title_len;
    dd.headline = e->headline;
    dd.headline_len = e->headline_len;
    dd.ts = e->ts;
    dd.is_lead = e->is_lead != 0;
    dd.body = e->body;
    dd.body_len = e->body_len;
    dd.url = e->url;
    dd.url_len = e->url ? e->url_len : 0;
    dd.lang = j->own_lang ? NULL : j->code;
    dd.lang_len = j->own_lang ? 0 : strlen(j->code);
    dtl_buf_truncate(&j->data, 0);
    st = dtl_docdata_encode(&dd, &j->data);
    if (st == DTL_EINVAL)
        return dtl_error_set(err, st, e->offset, "entry %zu: time out of "
                             "range", i + 1);
    if (st != DTL_OK)
        return st;
    return dtl_doc_set_data(doc, j->data.p, j->data.len);
}

/* Record the title terms (for the carrier) and the source terms (for
 * every entry) once. */
static dtl_status
pack_page_terms(struct page_job *j)
{
    struct sink s;
    dtl_status st;

    memset(&s, 0, sizeof(s));
    s.term = &j->term;
    s.pack = &j->pack;
    s.pfx = DTL_PFX_TITLE;
    s.stem_pfx = j->stem_title;
    st = dtl_analyse(j->a, j->title, j->title_len, on_page_word, &s);
    if (st != DTL_OK)
        return st;
    s.pack = &j->pack_src;
    s.pfx = DTL_PFX_SOURCE;
    s.stem_pfx = NULL;
    return dtl_analyse(j->a, j->source, strlen(j->source), on_page_word,
                       &s);
}

/* Byte order of two strings, as Xapian orders terms. */
static int
bytes_cmp(const struct dtl_buf *a, const struct dtl_buf *b)
{
    int c = memcmp(a->p, b->p, a->len < b->len ? a->len : b->len);

    if (c != 0)
        return c;
    return a->len < b->len ? -1 : a->len > b->len;
}

/* The page's carrier into *at: the entry whose id sorts last (see the
 * top of the file). */
static dtl_status
carrier_of(const char *key, const struct ident *ids, size_t n, size_t *at)
{
    struct dtl_buf best = DTL_BUF_INIT, id = DTL_BUF_INIT;
    dtl_status st = DTL_OK;
    size_t i;

    *at = 0;
    for (i = 0; i < n && st == DTL_OK; i++) {
        unique_id(&id, key, &ids[i]);
        st = dtl_buf_status(&id);
        if (st != DTL_OK || (i > 0 && bytes_cmp(&id, &best) <= 0))
            continue;
        dtl_buf_truncate(&best, 0);
        dtl_buf_add(&best, id.p, id.len);
        st = dtl_buf_status(&best);
        *at = i;
    }
    dtl_buf_release(&best);
    dtl_buf_release(&id);
    return st;
}

/* 1 if the index already holds the page with this hash. */
static dtl_status
page_unchanged(dtl_index *ix, const char *key, const char *hash, int *same,
               struct dtl_error *err)
{
    char mkey[sizeof(DTL_META_PAGE_PREFIX) + DTL_HASH_HEX_LEN];
    char *val = NULL;
    size_t len = 0;
    dtl_status st;

    memcpy(mkey, DTL_META_PAGE_PREFIX, sizeof(DTL_META_PAGE_PREFIX) - 1);
    memcpy(mkey + sizeof(DTL_META_PAGE_PREFIX) - 1, key,
           DTL_HASH_HEX_LEN + 1);
    st = dtl_index_get_meta(ix, mkey, &val, &len, err);
    *same = st == DTL_OK && len == DTL_HASH_HEX_LEN
            && memcmp(val, hash, len) == 0;
    dtl_free_string(val);
    return st;
}

/* Give a failure its message (the first error set wins). */
void
dtl_indexer_report(dtl_status st, const char *source, struct dtl_error *err)
{
    if (st == DTL_ENOMEM)
        dtl_error_set(err, st, SIZE_MAX, "out of memory");
    else if (st != DTL_OK)
        dtl_error_set(err, st, SIZE_MAX, "indexing %s: %s", source,
                      dtl_status_str(st));
}

dtl_status
dtl_indexer_page_ids(dtl_analyser *a, const char *source,
                     const dtl_page *page, char key[DTL_HASH_HEX_LEN + 1],
                     char hash[DTL_HASH_HEX_LEN + 1])
{
    dtl_status st = page_key(source, key);

    if (st == DTL_OK)
        page_hash(page, a, source,
                  dtl_index_page_lang(page, dtl_analyser_lang(a), NULL),
                  hash);
    return st;
}

const char *
dtl_index_page_lang(const dtl_page *page, const char *dflt,
                    enum dtl_lang_how *how)
{
    struct dtl_langdetect d;
    const char *tag, *lang, *declared, *p;
    size_t n = 0, i, count;

    if (how)
        *how = DTL_LANG_DEFAULT;
    dflt = dtl_stem_canonical(dflt ? dflt : "english");
    if (!dflt)
        dflt = dtl_stem_canonical("english");
    if (!page || strcmp(dflt, "none") == 0)
        return dflt;
    tag = dtl_page_field(page, DTL_PAGE_LANGUAGE, &n);
    declared = dtl_lang_from_tag(tag, tag ? n : 0);
    /* The text is scored even when the page declares a language: a
     * template's lang="en" over a German article is common, and the
     * cost is a few microseconds a page. */
    dtl_langdetect_init(&d);
    p = dtl_page_title(page, &n);
    dtl_langdetect_add(&d, p, p ? n : 0);
    count = dtl_page_entry_count(page);
    for (i = 0; i < count && d.bytes < DTL_LANGDETECT_SCAN; i++) {
        const struct dtl_entry *e = dtl_page_entry(page, i);

        dtl_langdetect_add(&d, e->headline, e->headline_len);
        dtl_langdetect_add(&d, e->body, e->body_len);
    }
    if (declared) {
        lang = dtl_langdetect_override(&d, declared);
        if (how)
            *how = lang ? DTL_LANG_CORRECTED : DTL_LANG_DECLARED;
        lang = lang ? lang : declared;
    } else {
        lang = dtl_langdetect_result(&d, NULL);
        if (!lang)
            return dflt;
        if (how)
            *how = DTL_LANG_DETECTED;
    }
    /* An index in "porter" wants its English pages in Porter's English. */
    if (strcmp(dflt, "porter") == 0 && strcmp(lang, "english") == 0)
        return dflt;
    return lang;
}

/* Set the page's language in j and the analyser, and the stem prefixes
 * that go with it. */
static dtl_status
page_lang(struct page_job *j)
{
    const char *own = dtl_analyser_lang(j->a);
    const char *lang = dtl_index_page_lang(j->page, own, NULL);
    dtl_status st;

    j->own_lang = strcmp(lang, own) == 0;
    j->code = dtl_stem_code(lang);
    if (j->own_lang) {
        snprintf(j->stem_body, sizeof(j->stem_body), "%s", DTL_PFX_STEM);
    } else if (strlen(j->code) + 8 > DTL_LSTEM_PFX_MAX) {
        return DTL_EINTERNAL;   /* no libstemmer name is that long */
    } else {
        snprintf(j->stem_body, sizeof(j->stem_body), "%s%s%c",
                 DTL_PFX_LSTEM, j->code, DTL_LSTEM_SEP);
    }
    snprintf(j->stem_head, sizeof(j->stem_head), "%s%s", j->stem_body,
             DTL_PFX_HEADLINE);
    snprintf(j->stem_title, sizeof(j->stem_title), "%s%s", j->stem_body,
             DTL_PFX_TITLE);
    st = dtl_analyser_use(j->a, lang);
    return st == DTL_EINVAL ? DTL_EINTERNAL : st;
}

dtl_status
dtl_indexer_spelling(dtl_index *ix, int off, int *on, struct dtl_error *err)
{
    char *val = NULL;
    size_t len = 0;
    dtl_status st = DTL_OK;

    *on = 1;
    if (off)
        st = dtl_index_set_meta(ix, DTL_META_SPELLING, "off", 3, err);
    if (st == DTL_OK)
        st = dtl_index_get_meta(ix, DTL_META_SPELLING, &val, &len, err);
    if (st == DTL_OK && len == 3 && memcmp(val, "off", 3) == 0)
        *on = 0;
    dtl_free_string(val);
    return st;
}

dtl_status
dtl_indexer_spell(dtl_index *ix, dtl_doc *const *docs, size_t n,
                  struct dtl_error *err)
{
    int on = 1;
    dtl_status st = dtl_indexer_spelling(ix, 0, &on, err);

    /* "Did you mean" learns the words of every page written. */
    if (st != DTL_OK || !on)
        return st;
    return dtl_index_add_spelling(ix, docs, n, err);
}

void
dtl_indexer_docs_free(dtl_doc **docs, size_t n)
{
    size_t i;

    for (i = 0; docs && i < n; i++)
        dtl_doc_free(docs[i]);
    dtl_free(docs);
}

dtl_status
dtl_indexer_build(dtl_analyser *a, const char *source, const dtl_page *page,
                  const char *key, dtl_doc ***out, size_t *n_out,
                  struct dtl_error *err)
{
    struct page_job j;
    struct ident *ids = NULL;
    dtl_doc **docs = NULL;
    size_t i, carrier = 0, n = dtl_page_entry_count(page);
    dtl_status st;

    *out = NULL;
    *n_out = 0;
    memset(&j, 0, sizeof(j));
    j.a = a;
    j.page = page;
    j.source = source;
    memcpy(j.key, key, DTL_HASH_HEX_LEN + 1);
    j.title = dtl_page_title(page, &j.title_len);
    /* Room for any prefixed term up front: no growth per token. */
    dtl_buf_grow(&j.term, 8 + 4 * DTL_TERM_MAX);
    st = page_lang(&j);
    if (st == DTL_OK)
        st = pack_page_terms(&j);
    if (st != DTL_OK)
        goto out;
    ids = dtl_calloc(n, sizeof(*ids));
    docs = dtl_calloc(n, sizeof(*docs));
    if (!ids || !docs) {
        st = DTL_ENOMEM;
        goto out;
    }
    entry_idents(page, ids, n);
    st = carrier_of(j.key, ids, n, &carrier);
    for (i = 0; i < n && st == DTL_OK; i++) {
        st = dtl_doc_new(&docs[i]);
        if (st == DTL_OK)
            st = build_doc(&j, i, &ids[i], i == carrier, docs[i], err);
        if (st != DTL_OK)
            goto out;
    }
out:
    if (st == DTL_OK) {
        *out = docs;
        *n_out = n;
    } else {
        dtl_indexer_docs_free(docs, n);
    }
    dtl_analyser_use(a, NULL);
    dtl_free(ids);
    dtl_buf_release(&j.term);
    dtl_buf_release(&j.pack);
    dtl_buf_release(&j.pack_src);
    dtl_buf_release(&j.data);
    return st;
}

dtl_status
dtl_index_add_page(dtl_index *ix, dtl_analyser *a, const char *source,
                   const dtl_page *page, int *changed, size_t *n_entries,
                   struct dtl_error *err)
{
    dtl_doc **docs = NULL;
    char key[DTL_HASH_HEX_LEN + 1], hash[DTL_HASH_HEX_LEN + 1];
    size_t n = 0;
    int same = 0, wrote = 0;
    dtl_status st;

    if (changed)
        *changed = 0;
    if (n_entries)
        *n_entries = 0;
    if (!ix || !a || !source || !*source || !page)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_add_page: no index, analyser, "
                             "source or page");
    st = dtl_indexer_page_ids(a, source, page, key, hash);
    n = dtl_page_entry_count(page);
    if (st == DTL_OK)
        st = page_unchanged(ix, key, hash, &same, err);
    if (st != DTL_OK || same)
        goto out;
    st = dtl_indexer_build(a, source, page, key, &docs, &n, err);
    if (st == DTL_OK)
        st = dtl_index_replace_page(ix, key, DTL_HASH_HEX_LEN, hash, docs,
                                    n, &wrote, err);
    if (st == DTL_OK && wrote)
        st = dtl_indexer_spell(ix, docs, n, err);
    if (changed)
        *changed = wrote;
out:
    if (st == DTL_OK && n_entries)
        *n_entries = n;
    dtl_indexer_report(st, source, err);
    dtl_indexer_docs_free(docs, n);
    return st;
}

/* ---- the index's analyser ----------------------------------------------- */

/* The lang= value of a recorded analyser config into *name (NULL if the
 * config has none). */
static dtl_status
recorded_lang(const char *rec, size_t n, char **name)
{
    size_t i = 0;

    *name = NULL;
    while (i < n) {
        size_t start, end;

        while (i < n && rec[i] == ' ')
            i++;
        start = i;
        while (i < n && rec[i] != ' ')
            i++;
        end = i;
        if (end - start > 5 && memcmp(rec + start, "lang=", 5) == 0) {
            *name = dtl_strndup(rec + start + 5, end - start - 5);
            return *name ? DTL_OK : DTL_ENOMEM;
        }
    }
    return DTL_OK;
}

/* The analyser for an index that records rec[0..n). */
static dtl_status
analyser_from_record(const char *rec, size_t n, const char *lang,
                     dtl_analyser **out, struct dtl_error *err)
{
    struct dtl_error ign = DTL_ERROR_INIT;
    dtl_analyser *a = NULL, *b = NULL;
    const char *cfg;
    char *name;
    dtl_status st;

    st = recorded_lang(rec, n, &name);
    if (st != DTL_OK)
        return st;
    if (!name)
        return dtl_error_set(err, DTL_EINDEX, SIZE_MAX,
                             "index was built with analyser '%.100s', "
                             "which this Dateline cannot read: rebuild the "
                             "index", rec);
    st = dtl_analyser_new(name, &a, &ign);
    if (st == DTL_EINVAL) {
        st = dtl_error_set(err, DTL_EINDEX, SIZE_MAX,
                           "index was built with analyser '%.100s'; this "
                           "Dateline has no language '%.40s': rebuild the "
                           "index", rec, name);
        goto out;
    }
    if (st != DTL_OK)
        goto out;
    cfg = dtl_analyser_config(a);
    if (strlen(cfg) != n || memcmp(cfg, rec, n) != 0) {
        st = dtl_error_set(err, DTL_EINDEX, SIZE_MAX,
                           "index was built with analyser '%.100s'; this "
                           "Dateline uses '%.100s': rebuild the index",
                           rec, cfg);
        goto out;
    }
    if (lang) {
        st = dtl_analyser_new(lang, &b, err);
        if (st != DTL_OK)
            goto out;
        if (strcmp(dtl_analyser_lang(a), dtl_analyser_lang(b)) != 0) {
            st = dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                               "index is in %s; --lang %.40s would mix "
                               "analysers (use a new index or drop "
                               "--lang)", dtl_analyser_lang(a), lang);
            goto out;
        }
    }
out:
    dtl_free(name);
    dtl_analyser_free(b);
    if (st != DTL_OK)
        dtl_analyser_free(a);
    else
        *out = a;
    return st;
}

/* The analyser for an index that records none: lang's (NULL: english),
 * recorded if the index is empty and open for writing. */
static dtl_status
analyser_for_new(dtl_index *ix, const char *lang, dtl_analyser **out,
                 struct dtl_error *err)
{
    struct dtl_error werr = DTL_ERROR_INIT;
    dtl_analyser *a = NULL;
    const char *cfg;
    uint64_t count = 0;
    dtl_status st;

    st = dtl_index_doc_count(ix, &count, err);
    if (st == DTL_OK)
        st = dtl_analyser_new(lang, &a, err);
    if (st != DTL_OK || count != 0)
        goto out;
    cfg = dtl_analyser_config(a);
    /* A reader cannot record anything (DTL_EINVAL): the analyser is
     * still right for searching an empty index. */
    st = dtl_index_set_meta(ix, DTL_META_ANALYSER, cfg, strlen(cfg), &werr);
    if (st == DTL_OK)
        st = dtl_index_set_meta(ix, DTL_META_LAYOUT, DTL_LAYOUT_VERSION,
                                strlen(DTL_LAYOUT_VERSION), &werr);
    if (st == DTL_EINVAL) {
        st = DTL_OK;
    } else if (st != DTL_OK) {
        dtl_error_set(err, st, werr.offset, "%s", werr.msg);
    }
out:
    if (st != DTL_OK)
        dtl_analyser_free(a);
    else
        *out = a;
    return st;
}

/* dtl_index_languages() callback: let the analyser stem in the
 * language. */
static dtl_status
learn_lang(void *ctx, const char *code, uint64_t entries)
{
    const char *lang = dtl_lang_from_tag(code, strlen(code));
    dtl_status st;

    (void)entries;
    if (!lang)
        return DTL_OK;   /* "porter", "none": only ever the index's own */
    st = dtl_analyser_use(ctx, lang);
    return st == DTL_EINVAL ? DTL_OK : st;
}

dtl_status
dtl_index_analyser(dtl_index *ix, const char *lang, dtl_analyser **out,
                   struct dtl_error *err)
{
    char *rec = NULL;
    size_t len = 0;
    dtl_status st;

    if (out)
        *out = NULL;
    if (!ix || !out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_analyser: no index or result");
    st = dtl_index_get_meta(ix, DTL_META_ANALYSER, &rec, &len, err);
    if (st == DTL_OK) {
        if (len)
            st = analyser_from_record(rec, len, lang, out, err);
        else
            st = analyser_for_new(ix, lang, out, err);
    }
    /* Queries stem each word in every language the index holds.  An
     * index that cannot list them now (a remote shard that dropped) is
     * the search's to report, naming the shard, or to leave out with
     * --partial: without the list, words are stemmed in the index's own
     * language only. */
    if (st == DTL_OK) {
        struct dtl_error lerr = DTL_ERROR_INIT;

        st = dtl_index_languages(ix, learn_lang, *out, &lerr);
        dtl_analyser_use(*out, NULL);
        if (st == DTL_ENOMEM) {
            dtl_error_set(err, st, SIZE_MAX, "out of memory");
            dtl_analyser_free(*out);
            *out = NULL;
        } else {
            st = DTL_OK;
        }
    }
    dtl_free_string(rec);
    return st;
}
