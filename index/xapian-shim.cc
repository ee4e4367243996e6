/* Dateline: the index (open, close, documents, writing) on top of Xapian.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements the non-search half of include/dateline/index.h; searching
 * is in shim-search.cc.  Called by the indexer glue (src/indexer.c,
 * src/search.c) and the programs.  Relies on Xapian 1.4 (glass backend)
 * and on src/status.c for error messages.  Every exported function
 * catches every exception (dtl_shim_fail) so none crosses into C.
 *
 * INDEX LAYOUT (version 5, DTL_LAYOUT_VERSION; the names in src/layout.h)
 * ==========================================================================
 * One Xapian document per entry: a stamped live-blog entry, a page's lead,
 * or a whole article.
 *
 * Terms.  The C indexer adds the text terms (dtl_doc_add_term); the shim
 * adds the identity terms.  Words are as the analyser folds them.  No
 * term carries positions (layout 3): phrases are checked against the
 * stored text (below), which holds the same information, so the position
 * table, the largest part of a Xapian index, is not written at all.
 *   <word>      headline and body words, no prefix; wdf = occurrences
 *   Z<stem>     stems of headline and body words whose stem differs from
 *               the word (a word that is its own stem is not written
 *               twice: its <word> term stands for the stem too)
 *   S<word>     headline words again
 *   ZS<stem>    headline stems that differ from their word
 *   XT<word>    words of the page title (XT, ZXT and ZL<c>:XT on the
 *               page's carrier only, layout 5: below)
 *   ZXT<stem>   title stems that differ from their word
 *   XU<word>    words of the page's URL or path; exact only, never
 *               stemmed; on every entry of the page
 *   ZL<c>:<stem>, ZL<c>:S<stem>, ZL<c>:XT<stem>
 *               (layout 4) the stems above for an entry whose page is in
 *               another language than the index's own (the analyser's,
 *               dateline.analyser), c being its code (dtl_stem_code():
 *               "fr", "de"; ISO 639-1 where there is one): a French stem
 *               never meets an English one.  Stems in the index's own
 *               language keep Z, ZS, ZXT, so a one-language index has no
 *               ZL term and pays nothing per word.  Words are not
 *               qualified: folding does not depend on the language.
 * The field copies (S, ZS, XT, ZXT, XU) have wdf 0, so an entry's length,
 * which BM25 normalises by, is that of its own text, not inflated by its
 * headline again or by its page's title and URL (since layout 2).
 * Carrier (layout 5): the title terms XT, ZXT and ZL<c>:XT are written
 * on one entry of each page only, its carrier: the entry of the page whose
 * Q term sorts last (byte order; src/indexer.c makes ids so that this is
 * the lead when the page has one).  Up to layout 4 every entry had a copy
 * (a live blog's title 25 times).  The carrier's terms are part of its
 * entry hash, so an entry that becomes or stops being the carrier is
 * rewritten and no other is.  Deleting entries (dtl_index_delete_where)
 * moves the terms to the page's new carrier when the old one goes.  A
 * title query therefore runs in two stages (shim-field.cc): the clause
 * finds the carriers, and the search proper looks for the P<key> terms
 * of their pages instead, so that it still selects every entry of the
 * matching pages.  The XU terms stay on every entry, as in layout 4: a
 * source (site:) clause, common in a search box, is then one term query.
 * At 300k entries the copies cost 3% of the index (0.617 -> 0.636 of a
 * compacted TermGenerator index) and save 4-7 times the time of a broad
 * site filter (`election source:newsweek` 122 -> 18 ms a process).
 *   Q<id>       boolean: the entry's identity, unique in the index; the
 *               shim prefixes Q to what dtl_doc_set_unique() is given,
 *               packed (below)
 *   P<key>      boolean: the page key (dtl_doc_set_page_key()), packed; all
 *               entries of one page carry it (title queries select
 *               pages by it)
 *   L<c>        (layout 4) the entry's language code, every entry, wdf
 *               0 ("en", "fr"; "porter" or "none" in an index in those);
 *               its term frequency is the number of entries in that
 *               language (dtl_index_languages(), `dateline stats`), exact
 *               after any replace or delete with no bookkeeping of ours,
 *               which is why the set of languages is not kept in
 *               metadata; `search --lang` filters on it
 * Queries use the same forms (shim-search.cc): a free word with stem s is
 * OP_SYNONYM(Z<s>, <s>), or Z<s> alone when stemming s changes it (then
 * <s> is not a form of s); in headline: ZS<s>/S<s>, title: ZXT<s>/XT<s>
 * (on the carriers, then the pages' P terms: above).
 * In an index of several languages, a free word is also stemmed in each
 * of the others (dtl_index_analyser() gives the analyser the index's
 * languages), and the forms for each language are ORed into the one
 * OP_SYNONYM: ZL<c>:<s'> (with <s'> when s' is its own stem).
 * An exact word is <word>, S<word>, XT<word> or XU<word>.  A phrase is
 * the AND of its exact words, and a MatchDecider keeps the entries whose
 * stored text (analysed again with the index's analyser, stemming in the
 * entry's language: stored data lang=) has the words next to each other
 * in one field (src/verify.c).  An index with
 * positions (layouts 1 and 2, or built by hand as tests do) gets OP_PHRASE.
 *
 * Long keys.  An id or page key of at most DTL_SHIM_KEY_MAX (200) bytes is
 * used verbatim; a longer one becomes its first 180 bytes followed by 32
 * lower-case hex digits of its SHA-256 (212 bytes, longer than any
 * verbatim key, so the two forms never meet).  Prefixed terms stay under
 * Xapian's 245-byte term limit and metadata keys under the B-tree's.
 *
 * Packed ids and keys (layout 6).  The glue's ids are "<page key>:<entry
 * hash>" or "<page key>:lead" (32 and 16 hex digits, src/indexer.c), and
 * hex costs twice its bytes in every termlist, posting-list key and value
 * stream: the Q term stores such an id as byte 0xff, the page key's 16
 * bytes, then 0x01 and the entry hash's 8 bytes, or 0x02 for "lead", then
 * any rest of the id verbatim; slot 1 stores a 32-digit page key as 0xff
 * and its 16 bytes (dtl_shim_id_form(), dtl_shim_pack_key()).  Packing
 * keeps the order of a page's ids, so the carrier is the same entry.
 * Keys and ids may not begin with byte 0xff (never in UTF-8), so packed
 * and verbatim forms never meet.  P terms end with the packed key form
 * too (dtl_shim_page_term()): zlib, which compresses each termlist, then
 * finds the key's bytes twice, as it found the hex digits twice before.
 * page: metadata keeps the hex form, which the glue builds itself.
 *
 * Values.
 *   slot 0 DTL_SLOT_TIME  Xapian::sortable_serialise((double)UTC seconds);
 *                         absent when the entry has no time, so date
 *                         filters never match it and it gets no recency
 *   slot 1 DTL_SLOT_PAGE  the page key's form as above, packed
 *                         (collapse key)
 *   slot 2 DTL_SLOT_EHASH the entry's content hash (shim-admin.cc)
 *
 * Document ids are Xapian's.  An entry rewritten in place keeps its
 * docid; docids mean nothing across a compaction, across the shards of a
 * sharded index (each shard numbers its own) or outside one index.
 *
 * Data.  Opaque bytes given to dtl_doc_set_data() (the glue defines them,
 * src/docdata.c); the shim stores and returns them unchanged.
 *
 * Metadata.
 *   dateline.layout    DTL_LAYOUT_VERSION, written (and committed) when a
 *                      writer opens an empty index without one.  Opening
 *                      an index with another version, or a non-empty index
 *                      with none, fails with DTL_EINDEX
 *   dateline.analyser  dtl_analyser_config() of the analyser that built
 *                      the index (written by src/search.c)
 *   page:<key form>    the page_hash the page was last written with
 *   dateline.spelling  "off" when the index keeps no spelling data
 *                      (`dateline index --no-spelling`, src/indexer.c)
 *
 * Writing a page (dtl_index_replace_page, in shim-admin.cc): if
 * page:<key> equals the new hash nothing is written.  Otherwise, inside
 * one unflushed transaction, each entry whose content hash differs from
 * the stored one under its Q term is added or rewritten, the page's other
 * entries (P term postlist) are deleted and the hash is set, so commits
 * hold whole pages only.  The writer commits when DTL_INDEX_BATCH changes
 * (or $DATELINE_COMMIT_EVERY) are pending, at the end of a page, and at
 * close.  Changes are never made in place: a crash leaves the index at
 * its last commit.
 */
#include <config.h>
#include "shim.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <xapian.h>

extern "C" {
#include "hash.h"
#include "layout.h"
#include "status.h"
}

#include "banned.h"

/* Xapian's longest term (glass), prefix included. */
#define DTL_SHIM_TERM_MAX 245
/* Verbatim bytes kept in front of the hash of a long key. */
#define DTL_SHIM_KEY_KEEP 180

namespace {

/* ---- SHA-256 (FIPS 180-4), for the form of long keys ---------------- */

const uint32_t sha_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

inline uint32_t
ror(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

void
sha256_block(uint32_t h[8], const unsigned char *b)
{
    uint32_t w[64], v[8];

    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 |
               (uint32_t)b[4 * i + 2] << 8 | (uint32_t)b[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^
                      (w[i - 15] >> 3);
        uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^
                      (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::memcpy(v, h, sizeof(v));
    for (int i = 0; i < 64; i++) {
        uint32_t s1 = ror(v[4], 6) ^ ror(v[4], 11) ^ ror(v[4], 25);
        uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
        uint32_t t1 = v[7] + s1 + ch + sha_k[i] + w[i];
        uint32_t s0 = ror(v[0], 2) ^ ror(v[0], 13) ^ ror(v[0], 22);
        uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);

        std::memmove(v + 1, v, 7 * sizeof(v[0]));
        v[4] += t1;
        v[0] = t1 + s0 + maj;
    }
    for (int i = 0; i < 8; i++)
        h[i] += v[i];
}

void
sha256(const unsigned char *p, size_t n, unsigned char out[32])
{
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    unsigned char last[128] = {0};
    size_t rest = n % 64, tail;
    uint64_t bits = (uint64_t)n * 8;

    for (size_t i = 0; i + 64 <= n; i += 64)
        sha256_block(h, p + i);
    std::memcpy(last, p + (n - rest), rest);
    last[rest] = 0x80;
    tail = rest < 56 ? 64 : 128;
    for (int i = 0; i < 8; i++)
        last[tail - 1 - i] = (unsigned char)(bits >> (8 * i));
    sha256_block(h, last);
    if (tail == 128)
        sha256_block(h, last + 64);
    for (int i = 0; i < 32; i++)
        out[i] = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
}

/* ---- helpers ---------------------------------------------------------- */

/* Check the layout version (see the top of this file); a writer marks a
 * new index. */
dtl_status
check_layout(dtl_index *ix, struct dtl_error *err)
{
    std::string v = ix->db.get_metadata(DTL_META_LAYOUT);

    if (v == DTL_LAYOUT_VERSION)
        return DTL_OK;
    if (v.empty() && ix->db.get_doccount() == 0) {
        if (ix->writable) {
            ix->wdb.set_metadata(DTL_META_LAYOUT, DTL_LAYOUT_VERSION);
            ix->wdb.commit();
        }
        return DTL_OK;
    }
    if (v.empty())
        return dtl_error_set(err, DTL_EINDEX, SIZE_MAX,
                             "%s is not a Dateline index (no layout "
                             "version)", ix->path.c_str());
    return dtl_error_set(err, DTL_EINDEX, SIZE_MAX,
                         "%s has index layout %.32s; this Dateline reads "
                         "layout %s: rebuild the index from the archive",
                         ix->path.c_str(), v.c_str(), DTL_LAYOUT_VERSION);
}

dtl_status
need_writer(const dtl_index *ix, const char *what, struct dtl_error *err)
{
    if (!ix)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX, "%s: no index",
                             what);
    if (!ix->writable)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "%s: index %s is open for reading only", what,
                             ix->path.c_str());
    return DTL_OK;
}

/* Validate a term to add to a document. */
dtl_status
check_term(const dtl_doc *doc, const char *term, size_t n)
{
    if (!doc || !term || n == 0)
        return DTL_EINVAL;
    if (n > DTL_SHIM_TERM_MAX)
        return DTL_ELIMIT;
    return DTL_OK;
}

} /* namespace */

/* Commit once enough changes are pending (shared with shim-build.cc). */
void
dtl_shim_maybe_commit(dtl_index *ix)
{
    if (ix->pending >= ix->batch) {
        dtl_shim_commit(ix);
        ix->pending = 0;
    }
}

/* ---- shared with shim-search.cc ------------------------------------- */

std::string
dtl_shim_key_form(const char *key, size_t n)
{
    unsigned char h[32];

    if (n <= DTL_SHIM_KEY_MAX)
        return std::string(key, n);
    sha256(reinterpret_cast<const unsigned char *>(key), n, h);
    return std::string(key, DTL_SHIM_KEY_KEEP) +
           dtl_shim_hex(std::string(reinterpret_cast<char *>(h), 16));
}

std::string
dtl_shim_unhex(const char *p, size_t n)
{
    std::string out;

    if (n % 2)
        return out;
    out.reserve(n / 2);
    for (size_t i = 0; i < n; i += 2) {
        int v = 0;

        for (size_t j = i; j < i + 2; j++) {
            char c = p[j];

            if (c >= '0' && c <= '9')
                v = v * 16 + (c - '0');
            else if (c >= 'a' && c <= 'f')
                v = v * 16 + (c - 'a' + 10);
            else
                return std::string();
        }
        out += (char)v;
    }
    return out;
}

std::string
dtl_shim_hex(const std::string &bytes)
{
    static const char hex[] = "0123456789abcdef";
    std::string s;

    s.reserve(2 * bytes.size());
    for (unsigned char c : bytes) {
        s += hex[c >> 4];
        s += hex[c & 15];
    }
    return s;
}

std::string
dtl_shim_pack_key(const std::string &form)
{
    std::string b;

    if (form.size() == DTL_HASH_HEX_LEN)
        b = dtl_shim_unhex(form.data(), form.size());
    if (b.empty())
        return form;
    return DTL_SHIM_PACKED + b;
}

std::string
dtl_shim_page_term(const std::string &form)
{
    return DTL_PFX_PAGE + dtl_shim_pack_key(form);
}

std::string
dtl_shim_unpack_key(const std::string &v)
{
    if (v.size() == 1 + DTL_HASH_HEX_LEN / 2 && v[0] == DTL_SHIM_PACKED)
        return dtl_shim_hex(v.substr(1));
    return v;
}

std::string
dtl_shim_id_form(const char *id, size_t n)
{
    const size_t k = DTL_HASH_HEX_LEN, e = DTL_HASH_SHORT_HEX_LEN;
    std::string key, s;

    if (n > k + 1 && id[k] == ':')
        key = dtl_shim_unhex(id, k);
    if (key.empty() || n > DTL_SHIM_KEY_MAX)
        return dtl_shim_key_form(id, n);
    s = DTL_SHIM_PACKED + key;
    if (n >= k + 1 + e) {
        std::string h = dtl_shim_unhex(id + k + 1, e);

        if (!h.empty())
            return s + '\x01' + h + std::string(id + k + 1 + e,
                                                n - (k + 1 + e));
    }
    if (n >= k + 5 && std::memcmp(id + k + 1, "lead", 4) == 0)
        return s + '\x02' + std::string(id + k + 5, n - (k + 5));
    return dtl_shim_key_form(id, n);
}

std::string
dtl_shim_unpack_id(const std::string &v)
{
    const size_t k = DTL_HASH_HEX_LEN / 2, e = DTL_HASH_SHORT_HEX_LEN / 2;

    if (v.size() < 2 + k || v[0] != DTL_SHIM_PACKED)
        return v;
    std::string id = dtl_shim_hex(v.substr(1, k)) + ':';
    if (v[1 + k] == '\x01' && v.size() >= 2 + k + e)
        return id + dtl_shim_hex(v.substr(2 + k, e)) + v.substr(2 + k + e);
    if (v[1 + k] == '\x02')
        return id + "lead" + v.substr(2 + k);
    return v;
}

void
dtl_shim_drop_caches(dtl_index *ix)
{
    std::vector<double>().swap(ix->times);
    std::vector<double>().swap(ix->times_upto);
    std::vector<uint32_t>().swap(ix->lens);
    ix->times_ready = false;
    ix->time_searches = 0;
    ix->times_count = 0;
}

void
dtl_shim_reopen(dtl_index *ix)
{
    dtl_shim_drop_caches(ix);
    ix->db.reopen();
}

dtl_status
dtl_shim_fail(struct dtl_error *err, const char *path,
              bool opening_read) noexcept
{
    const char *where = path ? path : "(index)";

    try {
        try {
            throw;
        } catch (const Xapian::DatabaseLockError &) {
            return dtl_error_set(err, DTL_ELOCKED, SIZE_MAX,
                                 "index is locked by another indexer (%s)",
                                 where);
        } catch (const Xapian::DatabaseNotFoundError &e) {
            if (opening_read)
                return dtl_error_set(err, DTL_ENOTFOUND, SIZE_MAX,
                                     "no index at %s", where);
            return dtl_error_set(err, DTL_EIO, SIZE_MAX, "%s: %s: %s",
                                 where, e.get_type(), e.get_msg().c_str());
        } catch (const Xapian::DatabaseCorruptError &e) {
            return dtl_error_set(err, DTL_ECORRUPT, SIZE_MAX,
                                 "index %s is damaged: %s: %s", where,
                                 e.get_type(), e.get_msg().c_str());
        } catch (const Xapian::DatabaseVersionError &e) {
            return dtl_error_set(err, DTL_EINDEX, SIZE_MAX, "%s: %s: %s",
                                 where, e.get_type(), e.get_msg().c_str());
        } catch (const Xapian::DatabaseCreateError &e) {
            return dtl_error_set(err, DTL_EIO, SIZE_MAX, "%s: %s: %s", where,
                                 e.get_type(), e.get_msg().c_str());
        } catch (const Xapian::DatabaseError &e) {
            /* Opening, reading or writing failed; with an errno behind
             * it, it is an I/O error. */
            const char *sys = e.get_error_string();

            return dtl_error_set(err, sys ? DTL_EIO : DTL_EINDEX, SIZE_MAX,
                                 "%s: %s: %s%s%s", where, e.get_type(),
                                 e.get_msg().c_str(), sys ? ": " : "",
                                 sys ? sys : "");
        } catch (const Xapian::Error &e) {
            return dtl_error_set(err, DTL_EINDEX, SIZE_MAX, "%s: %s",
                                 e.get_type(), e.get_msg().c_str());
        } catch (const std::bad_alloc &) {
            return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
        } catch (const std::exception &e) {
            return dtl_error_set(err, DTL_EINTERNAL, SIZE_MAX,
                                 "internal error in the index: %s",
                                 e.what());
        }
    } catch (...) {
        /* Unknown exception, or one while describing the first. */
    }
    return dtl_error_set(err, DTL_EINTERNAL, SIZE_MAX,
                         "internal error in the index (%s)", where);
}

/* ---- open, close, commit, metadata ---------------------------------- */

dtl_status
dtl_index_open(const char *path, enum dtl_index_mode mode, dtl_index **out,
               struct dtl_error *err)
{
    dtl_index *ix = nullptr;
    dtl_status st;

    if (out)
        *out = nullptr;
    if (!path || !*path || !out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_open: no path or no handle");
    if (mode != DTL_INDEX_READ && mode != DTL_INDEX_WRITE)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_open: unknown mode %d", (int)mode);
    /* A reader may be a stub naming shards, remote ones included: open
     * them as dtl_index_open_many() does (shim-open.cc), so that a shard
     * that fails is named and searches may go on without it. */
    if (mode == DTL_INDEX_READ)
        return dtl_index_open_many(&path, 1, nullptr, out, err);
    try {
        ix = dtl_shim_new<dtl_index>();
        if (!ix)
            return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX,
                                 "out of memory");
        ix->path = path;
        if (mode == DTL_INDEX_WRITE) {
            dtl_shim_recover(ix->path);
            ix->wdb = Xapian::WritableDatabase(path,
                                               Xapian::DB_CREATE_OR_OPEN);
            ix->db = ix->wdb;
            ix->writable = true;
            dtl_shim_clean(ix->path);
        } else {
            ix->db = Xapian::Database(path);
        }
        /* An empty file opens as a stub listing no databases. */
        if (ix->db.size() == 0) {
            dtl_shim_delete(ix);
            return dtl_error_set(err, DTL_EINDEX, SIZE_MAX,
                                 "%s is not an index (an empty file)", path);
        }
        st = check_layout(ix, err);
        if (st != DTL_OK) {
            dtl_shim_delete(ix);
            return st;
        }
        *out = ix;
        return DTL_OK;
    } catch (...) {
        st = dtl_shim_fail(err, path, mode == DTL_INDEX_READ);
        dtl_shim_delete(ix);
        return st;
    }
}

dtl_status
dtl_index_close(dtl_index *ix, struct dtl_error *err)
{
    dtl_status st = DTL_OK;

    if (!ix)
        return DTL_OK;
    try {
        /* Commit explicitly: the destructor would swallow an error. */
        if (ix->writable) {
            dtl_shim_commit(ix);
            ix->pending = 0;
        }
        ix->db.close();
    } catch (...) {
        st = dtl_shim_fail(err, ix->path.c_str(), false);
        try {
            ix->db.close();
        } catch (...) {
            /* Already reporting the first failure. */
        }
    }
    dtl_shim_delete(ix);
    return st;
}

dtl_status
dtl_index_commit(dtl_index *ix, struct dtl_error *err)
{
    dtl_status st = need_writer(ix, "dtl_index_commit", err);

    if (st != DTL_OK)
        return st;
    try {
        dtl_shim_commit(ix);
        ix->pending = 0;
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, ix->path.c_str(), false);
    }
}

size_t
dtl_index_pending(const dtl_index *ix)
{
    return ix ? ix->pending : 0;
}

dtl_status
dtl_index_doc_count(dtl_index *ix, uint64_t *out, struct dtl_error *err)
{
    if (out)
        *out = 0;
    if (!ix || !out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_doc_count: no index or result");
    try {
        *out = ix->db.get_doccount();
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, ix->path.c_str(), false);
    }
}

dtl_status
dtl_index_languages(dtl_index *ix, dtl_lang_fn fn, void *ctx,
                    struct dtl_error *err)
{
    if (!ix || !fn)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_languages: no index or callback");
    try {
        const std::string pfx = DTL_PFX_LANG;
        dtl_status st = DTL_OK;

        for (Xapian::TermIterator t = ix->db.allterms_begin(pfx);
             st == DTL_OK && t != ix->db.allterms_end(pfx); ++t) {
            std::string code = (*t).substr(pfx.size());

            /* Codes are short lower-case words; anything else is not
             * one of ours. */
            if (code.empty() || code.size() > 31 ||
                code.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") !=
                    std::string::npos)
                continue;
            st = fn(ctx, code.c_str(), t.get_termfreq());
        }
        return st;
    } catch (...) {
        return dtl_shim_fail(err, ix->path.c_str(), false);
    }
}

dtl_status
dtl_index_get_meta(dtl_index *ix, const char *key, char **out, size_t *len,
                   struct dtl_error *err)
{
    if (out)
        *out = nullptr;
    if (len)
        *len = 0;
    if (!ix || !key || !*key || !out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_get_meta: no index, key or result");
    try {
        std::string v;

        for (int tries = 0;; tries++) {
            try {
                if (!dtl_shim_sharded_meta(ix, key, &v) &&
                    !dtl_shim_shards_meta(ix, key, &v))
                    v = ix->db.get_metadata(key);
                break;
            } catch (const Xapian::DatabaseModifiedError &) {
                if (ix->writable || tries >= 3)
                    throw;
                dtl_shim_reopen(ix);
            }
        }
        char *s = static_cast<char *>(dtl_malloc(v.size() + 1));
        if (!s)
            return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX,
                                 "out of memory");
        std::memcpy(s, v.data(), v.size());
        s[v.size()] = '\0';
        *out = s;
        if (len)
            *len = v.size();
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, ix->path.c_str(), false);
    }
}

dtl_status
dtl_index_set_meta(dtl_index *ix, const char *key, const char *val,
                   size_t len, struct dtl_error *err)
{
    dtl_status st = need_writer(ix, "dtl_index_set_meta", err);

    if (st != DTL_OK)
        return st;
    if (!key || !*key || (!val && len))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_set_meta: no key or value");
    try {
        ix->wdb.set_metadata(key, std::string(val ? val : "", len));
        ix->pending++;
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, ix->path.c_str(), false);
    }
}

/* ---- documents -------------------------------------------------------- */

dtl_status
dtl_doc_new(dtl_doc **out)
{
    if (!out)
        return DTL_EINVAL;
    *out = nullptr;
    try {
        *out = dtl_shim_new<dtl_doc>();
        return *out ? DTL_OK : DTL_ENOMEM;
    } catch (...) {
        return dtl_shim_fail(nullptr, nullptr, false);
    }
}

void
dtl_doc_free(dtl_doc *doc)
{
    dtl_shim_delete(doc);
}

/* term at pos, its wdf raised by wdf_inc (1 for text, 0 for copies). */
static dtl_status
add_posting(dtl_doc *doc, const char *term, size_t n, unsigned pos,
            unsigned wdf_inc)
{
    dtl_status st = check_term(doc, term, n);

    if (st != DTL_OK)
        return st;
    if (pos == 0)
        return DTL_EINVAL;
    try {
        doc->doc.add_posting(std::string(term, n), pos, wdf_inc);
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(nullptr, nullptr, false);
    }
}

dtl_status
dtl_doc_add_posting(dtl_doc *doc, const char *term, size_t n, unsigned pos)
{
    return add_posting(doc, term, n, pos, 1);
}

dtl_status
dtl_doc_add_position(dtl_doc *doc, const char *term, size_t n, unsigned pos)
{
    return add_posting(doc, term, n, pos, 0);
}

dtl_status
dtl_doc_add_term(dtl_doc *doc, const char *term, size_t n, unsigned wdf_inc)
{
    dtl_status st = check_term(doc, term, n);

    if (st != DTL_OK)
        return st;
    try {
        doc->doc.add_term(std::string(term, n), wdf_inc);
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(nullptr, nullptr, false);
    }
}

dtl_status
dtl_doc_add_boolean_term(dtl_doc *doc, const char *term, size_t n)
{
    dtl_status st = check_term(doc, term, n);

    if (st != DTL_OK)
        return st;
    try {
        doc->doc.add_boolean_term(std::string(term, n));
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(nullptr, nullptr, false);
    }
}

dtl_status
dtl_doc_set_time(dtl_doc *doc, int64_t ts)
{
    if (!doc)
        return DTL_EINVAL;
    try {
        /* An empty value removes the slot. */
        if (ts == DTL_TS_NONE)
            doc->doc.add_value(DTL_SLOT_TIME, std::string());
        else
            doc->doc.add_value(DTL_SLOT_TIME,
                               Xapian::sortable_serialise((double)ts));
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(nullptr, nullptr, false);
    }
}

dtl_status
dtl_doc_set_page_key(dtl_doc *doc, const char *key, size_t n)
{
    if (!doc || !key || n == 0)
        return DTL_EINVAL;
    if ((unsigned char)key[0] == (unsigned char)DTL_SHIM_PACKED)
        return DTL_EINVAL;
    try {
        std::string form = dtl_shim_key_form(key, n);

        if (form == doc->page)
            return DTL_OK;
        if (!doc->page.empty())
            doc->doc.remove_term(dtl_shim_page_term(doc->page));
        doc->doc.add_boolean_term(dtl_shim_page_term(form));
        doc->doc.add_value(DTL_SLOT_PAGE, dtl_shim_pack_key(form));
        doc->page = std::move(form);
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(nullptr, nullptr, false);
    }
}

dtl_status
dtl_doc_set_unique(dtl_doc *doc, const char *term, size_t n)
{
    if (!doc || !term || n == 0 ||
        (unsigned char)term[0] == (unsigned char)DTL_SHIM_PACKED)
        return DTL_EINVAL;
    try {
        std::string t = DTL_PFX_UNIQUE + dtl_shim_id_form(term, n);

        if (t == doc->unique)
            return DTL_OK;
        if (!doc->unique.empty())
            doc->doc.remove_term(doc->unique);
        doc->doc.add_boolean_term(t);
        doc->unique = std::move(t);
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(nullptr, nullptr, false);
    }
}

dtl_status
dtl_doc_set_data(dtl_doc *doc, const char *p, size_t n)
{
    if (!doc || (!p && n))
        return DTL_EINVAL;
    try {
        doc->doc.set_data(std::string(p ? p : "", n));
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(nullptr, nullptr, false);
    }
}

/* ---- writing pages ---------------------------------------------------- */

dtl_status
dtl_index_replace_page(dtl_index *ix, const char *page_key, size_t n_key,
                       const char *page_hash, dtl_doc *const *docs, size_t n,
                       int *changed, struct dtl_error *err)
{
    /* Entry-level comparison and counts live in shim-admin.cc. */
    return dtl_index_replace_page_counted(ix, page_key, n_key, page_hash,
                                          docs, n, changed, nullptr, err);
}

dtl_status
dtl_index_delete_page(dtl_index *ix, const char *page_key, size_t n_key,
                      struct dtl_error *err)
{
    dtl_status st = need_writer(ix, "dtl_index_delete_page", err);

    if (st != DTL_OK)
        return st;
    if (!page_key || n_key == 0)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_delete_page: no page key");
    try {
        std::string form = dtl_shim_key_form(page_key, n_key);
        std::string page_term = dtl_shim_page_term(form);
        std::vector<Xapian::docid> drop;

        for (Xapian::PostingIterator it = ix->wdb.postlist_begin(page_term);
             it != ix->wdb.postlist_end(page_term); ++it)
            drop.push_back(*it);
        for (Xapian::docid id : drop) {
            ix->wdb.delete_document(id);
            ix->pending++;
        }
        /* Setting a metadata value to "" removes the key. */
        ix->wdb.set_metadata(DTL_META_PAGE_PREFIX + form, std::string());
        ix->pending++;
        dtl_shim_maybe_commit(ix);
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, ix->path.c_str(), false);
    }
}
