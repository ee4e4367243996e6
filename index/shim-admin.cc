/* Dateline: keeping the index: counted page writes, sharded writers,
 * statistics, checks, deletion and compaction, on top of Xapian.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements the Xapian half of include/dateline/admin.h (the stub parser
 * is src/stub.c).  Called by the indexer glue through
 * dtl_index_replace_page() and by `dateline index|stats|check|delete|
 * compact`.  The index layout is specified at the top of xapian-shim.cc;
 * this file adds to it:
 *
 *   slot 2 DTL_SLOT_EHASH  the 16 bytes (big-endian) of the FNV-1a 128
 *                          hash of the entry's serialised document
 *                          (terms, positions, other values, data) before
 *                          this slot was set (layout 6; 32 hex digits
 *                          before).
 *                          Equal hash: the entry is not written again.
 *                          The terms include the title terms of the
 *                          page's carrier (layout 5), so an entry that
 *                          becomes or stops being the carrier is
 *                          rewritten.
 *
 * Deleting entries.  When dtl_index_delete_where() deletes a page's
 * carrier and not the whole page, its title terms move to the page's
 * new carrier (the surviving entry whose Q term sorts last), which is
 * rewritten with them and a new entry hash: title queries keep finding
 * the page, and the new carrier is the entry the indexer would choose
 * among the survivors.  (The source terms are on every entry: nothing
 * moves.)  `dateline check` verifies one carrier per page and the source
 * terms on every entry.
 *
 * Page writes.  A page is written inside an unflushed Xapian transaction
 * (begin_transaction(false)): its entries, deletions and page hash become
 * pending together, and Xapian's automatic flush (XAPIAN_FLUSH_THRESHOLD)
 * cannot commit half of it, so every commit holds whole pages only.
 *
 * Sharded writers.  Every shard is its own WritableDatabase (so each has
 * its own lock and docids, and no docid is ever mapped across shards); a
 * page is written in the shard that already holds it (its page hash or
 * entries), else in the target shard.  ix->db combines the shards for
 * lookups; metadata is searched shard by shard, as a combined Database
 * reads only the first shard's.  Commits go shard by shard; a page lives
 * in one shard, so a crash between two shards' commits still leaves whole
 * pages.
 */
#include <config.h>
#include "shim.h"

#include "dateline/ingest.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <time.h>

#include <xapian.h>

extern "C" {
#include "docdata.h"
#include "hash.h"
#include "layout.h"
#include "status.h"
}

#include "banned.h"

struct dtl_shard_set {
    std::vector<std::string> names;               /* as in the stub */
    std::vector<Xapian::WritableDatabase> dbs;    /* same order */
    size_t target = 0;                            /* new pages go here */
};

namespace {

/* The entry hash of doc as the layout above defines it. */
std::string
entry_hash(const Xapian::Document &doc)
{
    std::string ser = doc.serialise(), out;
    struct dtl_hash h;

    dtl_hash_init(&h);
    dtl_hash_add(&h, ser.data(), ser.size());
    for (int i = 56; i >= 0; i -= 8)
        out += (char)(h.hi >> i);
    for (int i = 56; i >= 0; i -= 8)
        out += (char)(h.lo >> i);
    return out;
}

}  /* namespace */

void
dtl_shim_set_entry_hash(Xapian::Document &doc)
{
    doc.add_value(DTL_SLOT_EHASH, std::string());
    doc.add_value(DTL_SLOT_EHASH, entry_hash(doc));
}

namespace {

/* The database a page is written in: for a sharded writer the shard that
 * already holds it, else the target shard. */
Xapian::WritableDatabase &
home_of(dtl_index *ix, const std::string &meta_key,
        const std::string &page_term)
{
    dtl_shard_set *s = ix->wshards.get();

    if (!s)
        return ix->wdb;
    for (Xapian::WritableDatabase &w : s->dbs)
        if (!w.get_metadata(meta_key).empty() ||
            w.get_termfreq(page_term) > 0)
            return w;
    return s->dbs[s->target];
}

/* Changes per commit: DTL_INDEX_BATCH, or $DATELINE_COMMIT_EVERY (1 to
 * 1,000,000) for fresher readers or for tests that need many commits. */
size_t
commit_every()
{
    static size_t every;

    if (!every) {
        const char *e = std::getenv("DATELINE_COMMIT_EVERY");
        long v = e ? std::strtol(e, nullptr, 10) : 0;

        every = v >= 1 && v <= 1000000 ? (size_t)v : DTL_INDEX_BATCH;
    }
    return every;
}

void
add_counts(struct dtl_write_counts *to, const struct dtl_write_counts &c)
{
    to->added += c.added;
    to->updated += c.updated;
    to->unchanged += c.unchanged;
    to->deleted += c.deleted;
}

/* Write the checked page into w; c receives what was done. */
void
write_page(dtl_index *ix, Xapian::WritableDatabase &w,
           const std::string &meta_key, const std::string &page_term,
           const char *page_hash, dtl_doc *const *docs, size_t n,
           struct dtl_write_counts &c)
{
    std::vector<Xapian::docid> kept, drop;

    kept.reserve(n);
    for (size_t i = 0; i < n; i++) {
        Xapian::Document &doc = docs[i]->doc;
        const std::string &uq = docs[i]->unique;
        Xapian::PostingIterator it = w.postlist_begin(uq);

        dtl_shim_set_entry_hash(doc);
        std::string hash = doc.get_value(DTL_SLOT_EHASH);
        if (it == w.postlist_end(uq)) {
            kept.push_back(w.add_document(doc));
            c.added++;
            ix->pending++;
            continue;
        }
        Xapian::docid id = *it;
        kept.push_back(id);
        if (w.get_document(id).get_value(DTL_SLOT_EHASH) == hash) {
            c.unchanged++;
            continue;
        }
        /* By docid: the entry keeps its id, and a second copy under the
         * same unique term (there should be none) is replaced below. */
        w.replace_document(id, doc);
        c.updated++;
        ix->pending++;
    }
    std::sort(kept.begin(), kept.end());
    /* Collect first, delete after: the iteration must not see its own
     * changes. */
    for (Xapian::PostingIterator it = w.postlist_begin(page_term);
         it != w.postlist_end(page_term); ++it)
        if (!std::binary_search(kept.begin(), kept.end(), *it))
            drop.push_back(*it);
    for (Xapian::docid id : drop) {
        w.delete_document(id);
        c.deleted++;
        ix->pending++;
    }
    w.set_metadata(meta_key, page_hash);
    ix->pending++;
}

/* Sum of the sizes of the regular files directly in dir (a glass
 * database keeps all its files at the top). */
uint64_t
dir_bytes(const std::string &dir)
{
    uint64_t total = 0;
    DIR *d = opendir(dir.c_str());
    struct dirent *de;

    if (!d)
        return 0;
    while ((de = readdir(d)) != nullptr) {
        struct stat sb;
        std::string p = dir + "/" + de->d_name;

        if (stat(p.c_str(), &sb) == 0 && S_ISREG(sb.st_mode))
            total += (uint64_t)sb.st_size;
    }
    closedir(d);
    return total;
}

/* The writable databases of ix: each shard, or the one database. */
std::vector<Xapian::WritableDatabase *>
writers_of(dtl_index *ix)
{
    std::vector<Xapian::WritableDatabase *> v;

    if (ix->wshards)
        for (Xapian::WritableDatabase &w : ix->wshards->dbs)
            v.push_back(&w);
    else
        v.push_back(&ix->wdb);
    return v;
}

bool
has_prefix(const std::string &s, const char *pfx)
{
    size_t n = std::strlen(pfx);

    return s.size() >= n && s.compare(0, n, pfx) == 0;
}

/* Is t one of the title terms only a carrier holds (layout 5): XT, ZXT
 * or ZL<code>:XT?  (Words and stems are folded to lower case, so no
 * other term starts with these upper-case prefixes.) */
bool
is_title_term(const std::string &t)
{
    if (has_prefix(t, DTL_PFX_TITLE) ||
        has_prefix(t, DTL_PFX_STEM DTL_PFX_TITLE))
        return true;
    if (!has_prefix(t, DTL_PFX_LSTEM))
        return false;
    size_t sep = t.find(DTL_LSTEM_SEP, std::strlen(DTL_PFX_LSTEM));
    return sep != std::string::npos &&
           t.compare(sep + 1, std::strlen(DTL_PFX_TITLE), DTL_PFX_TITLE) == 0;
}

/* The title terms doc holds (none unless it is its page's carrier). */
std::vector<std::string>
title_terms_of(const Xapian::Document &doc)
{
    std::vector<std::string> v;

    for (Xapian::TermIterator t = doc.termlist_begin();
         t != doc.termlist_end(); ++t)
        if (is_title_term(*t))
            v.push_back(*t);
    return v;
}

/* The unique term of doc ("" if it has none). */
std::string
unique_of(const Xapian::Document &doc)
{
    Xapian::TermIterator t = doc.termlist_begin();

    t.skip_to(DTL_PFX_UNIQUE);
    if (t != doc.termlist_end() && has_prefix(*t, DTL_PFX_UNIQUE))
        return *t;
    return std::string();
}

/* Give the page whose carrier was deleted a new carrier: the surviving
 * entry of page term pt whose Q term sorts last gets terms (the old
 * carrier's title terms, wdf 0 as the indexer writes them) and a new
 * entry hash.  Nothing when no entry of the page is left. */
void
move_title_terms(Xapian::WritableDatabase &w, const std::string &pt,
                 const std::vector<std::string> &terms)
{
    Xapian::docid best = 0;
    std::string best_q;

    for (Xapian::PostingIterator p = w.postlist_begin(pt);
         p != w.postlist_end(pt); ++p) {
        std::string q = unique_of(w.get_document(*p));

        if (!best || q > best_q) {
            best = *p;
            best_q = q;
        }
    }
    if (!best)
        return;
    Xapian::Document doc = w.get_document(best);
    for (const std::string &t : terms)
        doc.add_term(t, 0);
    dtl_shim_set_entry_hash(doc);
    w.replace_document(best, doc);
}

/* The source stored with entry id of db, or "" when it does not decode. */
std::string
source_of(Xapian::Database &db, Xapian::docid id)
{
    std::string data = db.get_document(id).get_data();
    struct dtl_docdata dd;
    std::string src;

    if (dtl_docdata_decode(data.data(), data.size(), &dd, nullptr) ==
        DTL_OK)
        src.assign(dd.source, dd.source_len);
    dtl_docdata_release(&dd);
    return src;
}

} /* namespace */

/* ---- shared with xapian-shim.cc ----------------------------------------- */

std::vector<Xapian::WritableDatabase *>
dtl_shim_writers(dtl_index *ix)
{
    return writers_of(ix);
}

void
dtl_shim_commit(dtl_index *ix)
{
    if (!ix->wshards) {
        ix->wdb.commit();
        return;
    }
    for (Xapian::WritableDatabase &w : ix->wshards->dbs)
        w.commit();
}

bool
dtl_shim_sharded_meta(dtl_index *ix, const std::string &key,
                      std::string *out)
{
    if (!ix->wshards)
        return false;
    out->clear();
    for (Xapian::WritableDatabase &w : ix->wshards->dbs) {
        *out = w.get_metadata(key);
        if (!out->empty())
            break;
    }
    return true;
}

/* ---- counted page writes ------------------------------------------------- */

dtl_status
dtl_index_replace_page_counted(dtl_index *ix, const char *page_key,
                               size_t n_key, const char *page_hash,
                               dtl_doc *const *docs, size_t n, int *changed,
                               struct dtl_write_counts *counts,
                               struct dtl_error *err)
{
    Xapian::WritableDatabase *w = nullptr;
    bool in_txn = false;

    if (changed)
        *changed = 0;
    if (!ix || !ix->writable)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_replace_page: index is not open "
                             "for writing");
    if (!page_key || n_key == 0 || !page_hash || !*page_hash ||
        (!docs && n))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_replace_page: no page key, hash or "
                             "documents");
    try {
        std::string form = dtl_shim_key_form(page_key, n_key);
        std::string meta_key = DTL_META_PAGE_PREFIX + form;
        std::string page_term = dtl_shim_page_term(form);
        struct dtl_write_counts c = {0, 0, 0, 0};

        /* Check every document before writing anything. */
        for (size_t i = 0; i < n; i++) {
            if (!docs[i] || docs[i]->unique.empty())
                return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                                     "document %zu of the page has no "
                                     "unique id", i);
            if (docs[i]->page != form)
                return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                                     "document %zu has another page key "
                                     "than its page", i);
        }
        w = &home_of(ix, meta_key, page_term);
        if (w->get_metadata(meta_key) == page_hash) {
            c.unchanged = n;
        } else {
            w->begin_transaction(false);
            in_txn = true;
            write_page(ix, *w, meta_key, page_term, page_hash, docs, n, c);
            in_txn = false;
            w->commit_transaction();
            if (changed)
                *changed = 1;
        }
        add_counts(&ix->totals, c);
        if (counts)
            add_counts(counts, c);
        if (ix->pending >= commit_every()) {
            dtl_shim_commit(ix);
            ix->pending = 0;
        }
        return DTL_OK;
    } catch (...) {
        dtl_status st = dtl_shim_fail(err, ix->path.c_str(), false);

        if (in_txn) {
            try {
                w->cancel_transaction();
            } catch (...) {
                /* Already reporting the first failure. */
            }
        }
        return st;
    }
}

void
dtl_index_write_totals(const dtl_index *ix, struct dtl_write_counts *out)
{
    if (!out)
        return;
    if (!ix) {
        std::memset(out, 0, sizeof(*out));
        return;
    }
    *out = ix->totals;
}

/* ---- sharded writers ---------------------------------------------------- */

dtl_status
dtl_shard_name_month(int64_t ts, char out[8])
{
    int y = 0, m = 0;

    if (!out || ts == DTL_TS_NONE)
        return DTL_EINVAL;
    dtl_time_to_civil(ts, &y, &m, nullptr, nullptr, nullptr, nullptr);
    if (y < 1 || y > 9999)
        return DTL_EINVAL;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '\0';
    return DTL_OK;
}

/* 1 if dir is missing or an empty directory. */
static int
empty_or_missing(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int empty = 1;

    if (!d)
        return errno == ENOENT;
    while ((de = readdir(d)) != nullptr)
        if (std::strcmp(de->d_name, ".") && std::strcmp(de->d_name, ".."))
            empty = 0;
    closedir(d);
    return empty;
}

/* A shard name is one path component: no '/', not "." or "..". */
static bool
good_shard_name(const char *s)
{
    return s && *s && !std::strchr(s, '/') && !std::strchr(s, '\n') &&
           std::strcmp(s, ".") && std::strcmp(s, "..") &&
           std::strlen(s) < 200;
}

dtl_status
dtl_index_open_sharded(const char *dir, const char *shard, dtl_index **out,
                       struct dtl_error *err)
{
    dtl_index *ix = nullptr;
    dtl_stub *stub = nullptr;
    dtl_status st = DTL_OK;

    if (out)
        *out = nullptr;
    if (!dir || !*dir || !out || !good_shard_name(shard))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_open_sharded: no directory, no "
                             "handle or a bad shard name");
    try {
        std::string d(dir), stub_path = d + "/" DTL_STUB_NAME;
        auto set = std::make_shared<dtl_shard_set>();
        std::string analyser, layout;

        if (!dtl_index_is_sharded(dir)) {
            if (!empty_or_missing(dir))
                return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                                     "%s is not a sharded index (it has "
                                     "no %s) and is not empty", dir,
                                     DTL_STUB_NAME);
            if (mkdir(dir, 0777) != 0 && errno != EEXIST)
                return dtl_error_set(err, DTL_EIO, SIZE_MAX, "%s: %s", dir,
                                     std::strerror(errno));
            st = dtl_stub_new(&stub);
            if (st == DTL_OK)
                st = dtl_stub_save(stub_path.c_str(), stub, err);
        } else {
            st = dtl_stub_load(stub_path.c_str(), &stub, err);
        }
        if (st != DTL_OK)
            goto out;
        /* Lock the existing shards first: a second writer stops here. */
        for (size_t i = 0; i < dtl_stub_count(stub); i++) {
            const struct dtl_stub_shard *sh = dtl_stub_get(stub, i);
            std::string p = sh->arg[0] == '/' ? std::string(sh->arg)
                                              : d + "/" + sh->arg;

            if (std::strcmp(sh->type, "glass") &&
                std::strcmp(sh->type, "auto")) {
                st = dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                                   "%s: shard %zu is '%s %s'; only local "
                                   "shards can be written", dir, i + 1,
                                   sh->type, sh->arg);
                goto out;
            }
            set->names.push_back(sh->arg);
            set->dbs.push_back(
                Xapian::WritableDatabase(p, Xapian::DB_OPEN));
            if (analyser.empty())
                analyser = set->dbs.back().get_metadata(DTL_META_ANALYSER);
            if (layout.empty())
                layout = set->dbs.back().get_metadata(DTL_META_LAYOUT);
        }
        if (!layout.empty() && layout != DTL_LAYOUT_VERSION) {
            st = dtl_error_set(err, DTL_EINDEX, SIZE_MAX,
                               "%s has index layout %.32s; this Dateline "
                               "reads layout %s: rebuild the index from "
                               "the archive", dir, layout.c_str(),
                               DTL_LAYOUT_VERSION);
            goto out;
        }
        {
            long at = -1;
            size_t ns = std::strlen(shard);

            /* "2025-12", or a compacted "2025-12.c<stamp>". */
            for (size_t i = 0; i < dtl_stub_count(stub); i++) {
                const char *a = dtl_stub_get(stub, i)->arg;

                if (std::strncmp(a, shard, ns) == 0 &&
                    (a[ns] == '\0' || a[ns] == '.'))
                    at = (long)i;
            }

            if (at < 0) {
                /* The shard before the stub names it: a crash between
                 * the two leaves an unlisted shard, reused next time. */
                Xapian::WritableDatabase w(d + "/" + shard,
                                           Xapian::DB_CREATE_OR_OPEN);

                w.set_metadata(DTL_META_LAYOUT, DTL_LAYOUT_VERSION);
                if (!analyser.empty())
                    w.set_metadata(DTL_META_ANALYSER, analyser);
                w.commit();
                st = dtl_stub_add(stub, "glass", shard);
                if (st == DTL_OK)
                    st = dtl_stub_save(stub_path.c_str(), stub, err);
                else
                    st = dtl_error_set(err, st, SIZE_MAX,
                                       "adding shard %s failed", shard);
                if (st != DTL_OK)
                    goto out;
                set->names.push_back(shard);
                set->dbs.push_back(w);
                at = (long)set->dbs.size() - 1;
            }
            set->target = (size_t)at;
        }
        ix = dtl_shim_new<dtl_index>();
        if (!ix) {
            st = dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
            goto out;
        }
        ix->path = d;
        ix->writable = true;
        ix->wdb = set->dbs[set->target];
        for (Xapian::WritableDatabase &w : set->dbs)
            ix->db.add_database(w);
        ix->wshards = set;
        *out = ix;
        ix = nullptr;
    } catch (...) {
        st = dtl_shim_fail(err, dir, false);
    }
out:
    dtl_shim_delete(ix);
    dtl_stub_free(stub);
    return st;
}

/* ---- statistics and checking --------------------------------------------- */

dtl_status
dtl_db_stats_get(const char *path, struct dtl_db_stats *out,
                 struct dtl_error *err)
{
    if (out)
        std::memset(out, 0, sizeof(*out));
    if (!path || !out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_db_stats_get: no path or result");
    out->first = out->last = DTL_TS_NONE;
    if (dtl_index_is_sharded(path))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "%s is a sharded index: ask each shard", path);
    try {
        Xapian::Database db(path);
        std::string lo, hi;

        out->entries = db.get_doccount();
        for (Xapian::TermIterator t = db.allterms_begin(DTL_PFX_PAGE);
             t != db.allterms_end(DTL_PFX_PAGE); ++t)
            if (t.get_termfreq() > 0)
                out->pages++;
        out->timed = db.get_value_freq(DTL_SLOT_TIME);
        /* Xapian's value bounds may be stale after deletions: read the
         * stream (sortable values compare as strings). */
        for (Xapian::ValueIterator v = db.valuestream_begin(DTL_SLOT_TIME);
             v != db.valuestream_end(DTL_SLOT_TIME); ++v) {
            if (lo.empty() || *v < lo)
                lo = *v;
            if (hi.empty() || *v > hi)
                hi = *v;
        }
        if (!lo.empty())
            out->first = (int64_t)Xapian::sortable_unserialise(lo);
        if (!hi.empty())
            out->last = (int64_t)Xapian::sortable_unserialise(hi);
        out->revision = db.get_revision();
        out->bytes = dir_bytes(path);
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, path, true);
    }
}

dtl_status
dtl_db_list(const char *path, dtl_list_fn fn, void *ctx,
            struct dtl_error *err)
{
    if (!path || !fn)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_db_list: no path or callback");
    try {
        Xapian::Database db(path);

        for (Xapian::PostingIterator it = db.postlist_begin("");
             it != db.postlist_end(""); ++it) {
            Xapian::Document doc = db.get_document(*it);
            std::string data = doc.get_data(), uq, hash, src;
            struct dtl_docdata dd;
            struct dtl_entry_info e;

            uq = unique_of(doc);
            if (!uq.empty())
                uq = dtl_shim_unpack_id(
                    uq.substr(std::strlen(DTL_PFX_UNIQUE)));
            hash = dtl_shim_hex(doc.get_value(DTL_SLOT_EHASH));
            e.ts = DTL_TS_NONE;
            if (dtl_docdata_decode(data.data(), data.size(), &dd,
                                   nullptr) == DTL_OK) {
                src.assign(dd.source, dd.source_len);
                e.ts = dd.ts;
            }
            dtl_docdata_release(&dd);
            e.source = src.c_str();
            e.unique = uq.c_str();
            e.hash = hash.c_str();
            fn(ctx, &e);
        }
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, path, true);
    }
}

/* Report one problem. */
static void
problem(dtl_check_fn fn, void *ctx, uint64_t *count, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(dtl_check_fn fn, void *ctx, uint64_t *count, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    std::vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    ++*count;
    if (fn)
        fn(ctx, msg);
}

/* What the check learns of one page from its entries (layout 5). */
struct page_check {
    Xapian::docid last = 0;      /* the entry whose Q term sorts last */
    std::string last_q;
    std::vector<Xapian::docid> holders; /* entries with title terms */
    bool has_word = false;       /* its title has a word to index */
};

/* Stops dtl_analyse() at the first word (an empty term is none). */
static dtl_status
first_word(void *ctx, const struct dtl_token *tok)
{
    if (tok->term_len == 0)
        return DTL_OK;
    *static_cast<bool *>(ctx) = true;
    return DTL_ENOTFOUND;
}

/* Does the stored title or source s have a word the indexer turns into
 * an XT or XU term?  Asked of the analyser that splits them for the
 * indexer (the words do not depend on the language, only their stems
 * do); when it fails (memory), no. */
static bool
has_word(dtl_analyser *a, const char *s, size_t n)
{
    bool found = false;

    dtl_analyse(a, s, n, first_word, &found);
    return found;
}

/* Report the pages whose title terms are not on exactly one entry, the
 * one whose Q term sorts last. */
static void
check_carriers(const std::map<std::string, page_check> &pages,
               dtl_check_fn fn, void *ctx, uint64_t *n)
{
    for (const auto &kv : pages) {
        const page_check &pc = kv.second;
        std::string form = dtl_shim_unpack_key(kv.first);
        const char *key = form.c_str();

        if (pc.holders.size() > 1)
            problem(fn, ctx, n, "page %.40s: %zu entries hold its title "
                    "terms (want 1, its carrier)", key, pc.holders.size());
        else if (pc.holders.size() == 1 && pc.holders[0] != pc.last)
            problem(fn, ctx, n, "page %.40s: entry %u holds its title "
                    "terms, not its carrier %u", key, pc.holders[0],
                    pc.last);
        else if (pc.holders.empty() && pc.has_word)
            problem(fn, ctx, n, "page %.40s: no entry holds its title "
                    "terms (want its carrier %u)", key, pc.last);
    }
}

/* Dateline's invariants for document id of db; what it says about its
 * page goes to pages. */
static void
check_doc(Xapian::Database &db, Xapian::docid id, dtl_analyser *a,
          dtl_check_fn fn, void *ctx, uint64_t *n,
          std::map<std::string, page_check> &pages)
{
    Xapian::Document doc = db.get_document(id);
    std::string page_val = doc.get_value(DTL_SLOT_PAGE);
    std::string tval = doc.get_value(DTL_SLOT_TIME);
    std::string data = doc.get_data();
    unsigned n_pages = 0, uniques = 0, langs = 0;
    std::string page, lang, uq;
    bool holder = false, has_source = false;
    struct dtl_docdata dd;
    struct dtl_error derr = DTL_ERROR_INIT;

    for (Xapian::TermIterator t = doc.termlist_begin();
         t != doc.termlist_end(); ++t) {
        std::string term = *t;

        if (is_title_term(term)) {
            holder = true;
        } else if (has_prefix(term, DTL_PFX_SOURCE)) {
            has_source = true;
        } else if (has_prefix(term, DTL_PFX_PAGE)) {
            n_pages++;
            page = term.substr(1);
        } else if (has_prefix(term, DTL_PFX_UNIQUE)) {
            uniques++;
            uq = term;
        } else if (has_prefix(term, DTL_PFX_LANG)) {
            langs++;
            lang = term.substr(std::strlen(DTL_PFX_LANG));
        }
    }
    if (n_pages != 1)
        problem(fn, ctx, n, "entry %u: %u page key terms (want 1)", id,
                n_pages);
    else if (page != page_val)
        problem(fn, ctx, n, "entry %u: page key term and value differ", id);
    if (uniques != 1)
        problem(fn, ctx, n, "entry %u: %u unique terms (want 1)", id,
                uniques);
    if (langs != 1)
        problem(fn, ctx, n, "entry %u: %u language terms (want 1)", id,
                langs);
    bool decoded = dtl_docdata_decode(data.data(), data.size(), &dd,
                                      &derr) == DTL_OK;
    if (!decoded) {
        problem(fn, ctx, n, "entry %u: stored data does not decode: %s", id,
                derr.msg);
    } else if (dd.ts == DTL_TS_NONE ? !tval.empty()
               : (tval.empty() ||
                  (int64_t)Xapian::sortable_unserialise(tval) != dd.ts)) {
        problem(fn, ctx, n, "entry %u: time value does not match the "
                "entry's time", id);
    } else if (dd.source_len == 0) {
        problem(fn, ctx, n, "entry %u: no source", id);
    } else if (langs == 1 && dd.lang_len &&
               lang != std::string(dd.lang, dd.lang_len)) {
        /* (An entry in the index's own language stores no lang=.) */
        problem(fn, ctx, n, "entry %u: language term and stored language "
                "differ", id);
    }
    /* Layout 5 keeps the source terms on every entry (not only the
     * carrier's), so that a source clause is one term query. */
    if (decoded && !has_source && has_word(a, dd.source, dd.source_len))
        problem(fn, ctx, n, "entry %u: no source terms (want its page's "
                "URL or path words on every entry)", id);
    if (n_pages == 1) {
        page_check &pc = pages[page];

        if (!pc.last || uq > pc.last_q) {
            pc.last = id;
            pc.last_q = uq;
        }
        if (holder)
            pc.holders.push_back(id);
        if (decoded && has_word(a, dd.title, dd.title_len))
            pc.has_word = true;
    }
    dtl_docdata_release(&dd);
}

/* Collects what Xapian's check prints, for the problems list. */
static void
xapian_check(const char *path, dtl_check_fn fn, void *ctx, uint64_t *n)
{
    std::ostringstream os;
    size_t errors;

    try {
        errors = Xapian::Database::check(path, Xapian::DBCHECK_SHORT_TREE,
                                         &os);
    } catch (const Xapian::DatabaseCorruptError &e) {
        /* Damage that stops the check is a finding, not a failure. */
        problem(fn, ctx, n, "xapian-check: %s", e.get_msg().c_str());
        return;
    }

    if (errors == 0)
        return;
    std::istringstream is(os.str());
    std::string line;
    unsigned shown = 0;

    while (std::getline(is, line) && shown < 20) {
        if (line.find("rror") == std::string::npos)
            continue;
        problem(fn, ctx, n, "xapian-check: %s", line.c_str());
        shown++;
    }
    if (!shown)
        problem(fn, ctx, n, "xapian-check found %zu errors", errors);
}

dtl_status
dtl_db_check(const char *path, dtl_check_fn fn, void *ctx,
             uint64_t *problems, struct dtl_error *err)
{
    uint64_t n = 0;

    if (problems)
        *problems = 0;
    if (!path)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_db_check: no path");
    dtl_analyser *raw = nullptr;
    dtl_status st = dtl_analyser_new("none", &raw, err);
    if (st != DTL_OK)
        return st;
    std::unique_ptr<dtl_analyser, void (*)(dtl_analyser *)> a(
        raw, dtl_analyser_free);
    try {
        xapian_check(path, fn, ctx, &n);
        try {
            Xapian::Database db(path);
            std::string layout = db.get_metadata(DTL_META_LAYOUT);

            if (layout != DTL_LAYOUT_VERSION &&
                !(layout.empty() && db.get_doccount() == 0))
                problem(fn, ctx, &n, "layout record is '%.32s', want '%s'",
                        layout.c_str(), DTL_LAYOUT_VERSION);
            std::map<std::string, page_check> pages;

            for (Xapian::PostingIterator it = db.postlist_begin("");
                 it != db.postlist_end(""); ++it)
                check_doc(db, *it, a.get(), fn, ctx, &n, pages);
            check_carriers(pages, fn, ctx, &n);
        } catch (const Xapian::DatabaseCorruptError &e) {
            problem(fn, ctx, &n, "reading entries: %s", e.get_msg().c_str());
        }
        if (problems)
            *problems = n;
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, path, true);
    }
}

/* ---- deleting ------------------------------------------------------------ */

/* Entries of w that spec selects, with their page forms. */
static void
select_entries(Xapian::WritableDatabase &w, const dtl_delete_spec *spec,
               std::vector<std::pair<Xapian::docid, std::string>> &sel)
{
    std::vector<std::string> page_terms;
    bool by_page = spec->source || spec->url_prefix;

    if (spec->source) {
        struct dtl_hash h;
        char key[DTL_HASH_HEX_LEN + 1], *norm = nullptr;
        size_t n = 0, len = std::strlen(spec->source);
        dtl_status st = dtl_url_normalise(spec->source, len, &norm, &n);

        /* The page key as src/indexer.c makes it: a URL in its identity
         * form, anything else as it is. */
        if (st == DTL_ENOMEM)
            throw std::bad_alloc();
        dtl_hash_init(&h);
        if (st == DTL_OK)
            dtl_hash_add(&h, norm, n);
        else
            dtl_hash_add(&h, spec->source, len);
        dtl_free_string(norm);
        dtl_hash_hex(&h, key);
        page_terms.push_back(dtl_shim_page_term(
            dtl_shim_key_form(key, DTL_HASH_HEX_LEN)));
    } else if (spec->url_prefix) {
        for (Xapian::TermIterator t = w.allterms_begin(DTL_PFX_PAGE);
             t != w.allterms_end(DTL_PFX_PAGE); ++t) {
            std::string term = *t;
            Xapian::PostingIterator p = w.postlist_begin(term);

            if (p != w.postlist_end(term) &&
                has_prefix(source_of(w, *p), spec->url_prefix))
                page_terms.push_back(term);
        }
    }
    auto take = [&](Xapian::docid id) {
        Xapian::Document doc = w.get_document(id);

        if (spec->before != DTL_TS_NONE) {
            std::string v = doc.get_value(DTL_SLOT_TIME);

            if (v.empty() ||
                !(Xapian::sortable_unserialise(v) < (double)spec->before))
                return;
        }
        sel.emplace_back(id,
                         dtl_shim_unpack_key(doc.get_value(DTL_SLOT_PAGE)));
    };
    if (by_page) {
        for (const std::string &term : page_terms)
            for (Xapian::PostingIterator p = w.postlist_begin(term);
                 p != w.postlist_end(term); ++p)
                take(*p);
        return;
    }
    for (Xapian::ValueIterator v = w.valuestream_begin(DTL_SLOT_TIME);
         v != w.valuestream_end(DTL_SLOT_TIME); ++v)
        if (Xapian::sortable_unserialise(*v) < (double)spec->before)
            sel.emplace_back(v.get_docid(), std::string());
    for (auto &e : sel)
        e.second = dtl_shim_unpack_key(
            w.get_document(e.first).get_value(DTL_SLOT_PAGE));
}

dtl_status
dtl_index_delete_where(dtl_index *ix, const struct dtl_delete_spec *spec,
                       struct dtl_write_counts *counts, uint64_t *pages,
                       struct dtl_error *err)
{
    uint64_t n_pages = 0, n_del = 0;

    if (pages)
        *pages = 0;
    if (!ix || !ix->writable || !spec)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_delete_where: no writable index or "
                             "no conditions");
    if (!spec->source && !spec->url_prefix && spec->before == DTL_TS_NONE)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "delete: give a source, a URL prefix or a "
                             "date");
    try {
        for (Xapian::WritableDatabase *w : writers_of(ix)) {
            std::vector<std::pair<Xapian::docid, std::string>> sel;
            std::vector<std::string> touched;

            select_entries(*w, spec, sel);
            for (auto &e : sel)
                touched.push_back(e.second);
            std::sort(touched.begin(), touched.end());
            touched.erase(std::unique(touched.begin(), touched.end()),
                          touched.end());
            n_pages += touched.size();
            n_del += sel.size();
            if (spec->dry_run || sel.empty())
                continue;
            /* Carriers about to go, by page, with their title terms
             * (layout 5). */
            std::vector<std::pair<std::string, std::vector<std::string>>>
                moving;
            for (auto &e : sel) {
                std::vector<std::string> terms =
                    title_terms_of(w->get_document(e.first));
                if (!terms.empty())
                    moving.emplace_back(e.second, std::move(terms));
            }
            w->begin_transaction(false);
            for (auto &e : sel)
                w->delete_document(e.first);
            for (const std::string &form : touched)
                if (w->get_termfreq(dtl_shim_page_term(form)) == 0)
                    w->set_metadata(DTL_META_PAGE_PREFIX + form, "");
            for (auto &m : moving)
                move_title_terms(*w, dtl_shim_page_term(m.first),
                                 m.second);
            w->commit_transaction();
        }
        if (!spec->dry_run) {
            dtl_shim_commit(ix);
            ix->pending = 0;
        }
        if (counts)
            counts->deleted += n_del;
        if (pages)
            *pages = n_pages;
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, ix->path.c_str(), false);
    }
}

/* ---- compacting ---------------------------------------------------------- */

dtl_status
dtl_db_compact(const char *const *srcs, size_t n, const char *dest,
               struct dtl_error *err)
{
    struct stat sb;

    if (!srcs || n == 0 || !dest || !*dest)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_db_compact: no sources or destination");
    if (stat(dest, &sb) == 0)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "%s already exists", dest);
    try {
        Xapian::Database db;

        for (size_t i = 0; i < n; i++)
            db.add_database(Xapian::Database(srcs[i]));
        db.compact(dest, Xapian::Compactor::FULL);
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, dest, false);
    }
}
