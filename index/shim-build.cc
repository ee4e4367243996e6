/* Dateline: scratch databases, page-hash table and the merge that swaps a
 * freshly built index in (the write side of src/pipeline.c).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements index/shim-build.h.  Why scratch databases: Xapian's writer
 * spends its time in the in-memory inverter (a map of terms to maps of
 * docids, one cache miss per level) and in flushing it, all in one
 * thread.  One database per worker spreads that over the cores; the merge
 * is Xapian's compaction, which copies posting lists sequentially and is
 * cheap beside the inversion.  A scratch database is written without
 * fsync and updated in place (DB_NO_SYNC, DB_DANGEROUS): nobody reads it,
 * and a crash discards it.  Relies on the handle structs of shim.h and on
 * the layout at the top of xapian-shim.cc (P page terms, page: metadata).
 */
#include <config.h>
#include "shim-build.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include <xapian.h>

#include "shim.h"

extern "C" {
#include "layout.h"
#include "status.h"
}

#include "banned.h"

namespace fs = std::filesystem;

/* A scratch database being written by one worker. */
struct dtl_scratch {
    std::string dir;
    Xapian::WritableDatabase wdb;
    std::set<std::string> keys;   /* page keys added */
    size_t flush = 1;             /* commit every this many documents */
    size_t pending = 0;           /* documents since the last commit */
};

namespace {

/* s[off..] as exactly 32 lower-case hex digits, into 16 bytes; false if
 * it is not such. */
bool
unhex16(const std::string &s, size_t off, unsigned char out[16])
{
    if (s.size() != off + 32)
        return false;
    std::string b = dtl_shim_unhex(s.data() + off, 32);
    if (b.size() != 16)
        return false;
    std::memcpy(out, b.data(), 16);
    return true;
}

/* The index path without trailing slashes (renames need the name). */
std::string
bare(const std::string &path)
{
    std::string p = path;

    while (p.size() > 1 && p.back() == '/')
        p.pop_back();
    return p;
}

void
delete_page(Xapian::WritableDatabase &wdb, const std::string &key)
{
    std::string term = dtl_shim_page_term(key);
    std::vector<Xapian::docid> drop;

    for (Xapian::PostingIterator it = wdb.postlist_begin(term);
         it != wdb.postlist_end(term); ++it)
        drop.push_back(*it);
    for (Xapian::docid id : drop)
        wdb.delete_document(id);
    wdb.set_metadata(DTL_META_PAGE_PREFIX + key, std::string());
}

/* Spelling words added between two commits of the spelling database
 * (each costs about 1 KiB of Xapian's memory until the commit). */
const size_t spell_batch = 20000;

/*
 * Write the spelling data of everything src holds into a new database at
 * dir: each word once, with the number of entries holding it (its term
 * frequency), which is what adding every entry's words one by one
 * records (dtl_index_add_spelling()).  Done once for the whole build, so
 * that a word is not looked up and split into trigrams again in every
 * scratch database, and nothing is counted while the workers write.
 */
void
build_spelling(const Xapian::Database &src, const std::string &dir,
               void (*note)(void *, double), void *ctx, double share)
{
    Xapian::WritableDatabase sp(dir, Xapian::DB_CREATE_OR_OVERWRITE |
                                         Xapian::DB_NO_SYNC |
                                         Xapian::DB_DANGEROUS);
    std::vector<std::string> starts = dtl_shim_word_starts();
    size_t added = 0, words = 0;

    /* Walking the words is cheap beside adding them: count them first,
     * for the progress. */
    for (const std::string &start : starts)
        for (Xapian::TermIterator t = src.allterms_begin(start);
             t != src.allterms_end(start); ++t)
            words += dtl_shim_spelling_word(*t);
    for (const std::string &start : starts)
        for (Xapian::TermIterator t = src.allterms_begin(start);
             t != src.allterms_end(start); ++t) {
            const std::string &w = *t;

            if (!dtl_shim_spelling_word(w))
                continue;
            sp.add_spelling(w, t.get_termfreq());
            if (++added % spell_batch == 0)
                sp.commit();
            if (note && added % 1000 == 0)
                note(ctx, share * (double)added / (double)words);
        }
    sp.commit();
    sp.close();
}

/*
 * Reports the merge's progress: Xapian's compactor names each table as it
 * starts it (empty status) and when it is done; the fraction is the bytes
 * of the source tables done so far over those of all of them.
 */
class merge_progress : public Xapian::Compactor {
  public:
    /* The compaction is the part of the merge after `base`. */
    merge_progress(const std::vector<std::string> &dirs,
                   void (*note)(void *, double), void *ctx, double base)
        : note_(note), ctx_(ctx), base_(base)
    {
        static const char *const tables[] = {
            "postlist", "docdata", "termlist", "position", "spelling",
            "synonym"
        };
        std::error_code ec;

        for (const char *t : tables) {
            uintmax_t sum = 0;

            for (const std::string &d : dirs) {
                uintmax_t sz = fs::file_size(d + "/" + t + ".glass", ec);
                if (!ec)
                    sum += sz;
            }
            size_[t] = sum;
            total_ += sum;
        }
    }

    void
    set_status(const std::string &table, const std::string &status) override
    {
        if (!status.empty()) {
            auto it = size_.find(table);
            /* Counted once, however often a table reports. */
            if (it != size_.end()) {
                done_ += it->second;
                size_.erase(it);
            }
        }
        if (note_ && total_ > 0)
            note_(ctx_, base_ + (1 - base_) * (done_ >= total_
                                                   ? 1.0
                                                   : (double)done_ /
                                                         (double)total_));
    }

  private:
    void (*note_)(void *, double);
    void *ctx_;
    double base_;
    std::map<std::string, uintmax_t> size_;
    uintmax_t total_ = 0, done_ = 0;
};

dtl_status
check_docs(const std::string &key, dtl_doc *const *docs, size_t n,
           struct dtl_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (!docs[i] || docs[i]->unique.empty() || docs[i]->page != key)
            return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                                 "document %zu of page %.40s has no unique "
                                 "id or another page key", i, key.c_str());
    return DTL_OK;
}

} /* namespace */

void
dtl_shim_recover(const std::string &path) noexcept
{
    try {
        std::string p = bare(path);
        std::error_code ec;

        if (!fs::exists(p, ec) && fs::is_directory(p + ".new", ec))
            fs::rename(p + ".new", p, ec);
    } catch (...) {
        /* Opening reports whatever is still wrong. */
    }
}

void
dtl_shim_clean(const std::string &path) noexcept
{
    try {
        std::string p = bare(path);
        std::error_code ec;

        fs::remove_all(p + ".new", ec);
        fs::remove_all(p + ".old", ec);
        fs::remove_all(p + ".build", ec);
    } catch (...) {
        /* Leftovers are removed next time. */
    }
}

dtl_status
dtl_index_page_hashes(dtl_index *ix, struct dtl_page_hash **out, size_t *n,
                      struct dtl_error *err)
{
    std::vector<dtl_page_hash> v;
    const std::string pfx = DTL_META_PAGE_PREFIX;

    *out = nullptr;
    *n = 0;
    if (!ix)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_page_hashes: no index");
    try {
        for (Xapian::TermIterator it = ix->db.metadata_keys_begin(pfx);
             it != ix->db.metadata_keys_end(pfx); ++it) {
            dtl_page_hash h;
            std::string k = *it;

            if (unhex16(k, pfx.size(), h.key) &&
                unhex16(ix->db.get_metadata(k), 0, h.hash))
                v.push_back(h);
        }
        if (v.empty())
            return DTL_OK;
        /* Keys come sorted as strings; hex of equal length sorts as the
         * bytes do. */
        void *mem = dtl_malloc(v.size() * sizeof(dtl_page_hash));
        if (!mem)
            return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
        std::memcpy(mem, v.data(), v.size() * sizeof(dtl_page_hash));
        *out = static_cast<dtl_page_hash *>(mem);
        *n = v.size();
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, ix->path.c_str(), false);
    }
}

void
dtl_index_set_batch(dtl_index *ix, size_t docs)
{
    if (ix)
        ix->batch = docs ? docs : 1;
}

dtl_status
dtl_index_add_new_page(dtl_index *ix, const char *key, const char *hash,
                       dtl_doc *const *docs, size_t n,
                       struct dtl_error *err)
{
    if (!ix || !ix->writable || !key || !hash || (!docs && n))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_add_new_page: no writer, key, hash "
                             "or documents");
    /* Through the counted page write: its transaction keeps the page
     * whole across a crash, its counts feed the run report, and a sharded
     * writer puts the page in its shard. */
    return dtl_index_replace_page_counted(ix, key, strlen(key), hash, docs,
                                          n, nullptr, nullptr, err);
}

const char *
dtl_index_path_of(const dtl_index *ix)
{
    return ix ? ix->path.c_str() : "";
}

int
dtl_index_can_build(const dtl_index *ix)
{
    /* A sharded writer's pages go to their shards, page by page. */
    return ix && ix->writable && !ix->wshards;
}

int
dtl_scratch_remove(const char *path)
{
    try {
        std::error_code ec;

        fs::remove_all(path, ec);
        return ec ? -1 : 0;
    } catch (...) {
        return -1;
    }
}

dtl_status
dtl_scratch_open(const char *dir, size_t flush_docs, dtl_scratch **out,
                 struct dtl_error *err)
{
    dtl_scratch *s = nullptr;

    *out = nullptr;
    try {
        s = dtl_shim_new<dtl_scratch>();
        if (!s)
            return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
        s->dir = dir;
        s->flush = flush_docs ? flush_docs : 1;
        s->wdb = Xapian::WritableDatabase(
            dir, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC |
                     Xapian::DB_DANGEROUS);
        *out = s;
        return DTL_OK;
    } catch (...) {
        dtl_status st = dtl_shim_fail(err, dir, false);
        dtl_shim_delete(s);
        return st;
    }
}

dtl_status
dtl_scratch_add(dtl_scratch *s, const char *key, const char *hash,
                dtl_doc *const *docs, size_t n, struct dtl_error *err)
{
    try {
        std::string k = key;
        dtl_status st = check_docs(k, docs, n, err);

        if (st != DTL_OK)
            return st;
        if (!s->keys.insert(k).second)
            delete_page(s->wdb, k);
        for (size_t i = 0; i < n; i++) {
            Xapian::Document &d = docs[i]->doc;

            dtl_shim_set_entry_hash(d);
            s->wdb.add_document(d);
        }
        s->wdb.set_metadata(DTL_META_PAGE_PREFIX + k, hash);
        /* Small flushes: the inverter's cost per posting grows with the
         * documents it holds. */
        s->pending += n;
        if (s->pending >= s->flush) {
            s->wdb.commit();
            s->pending = 0;
        }
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, s->dir.c_str(), false);
    }
}

dtl_status
dtl_scratch_close(dtl_scratch *s, struct dtl_error *err)
{
    dtl_status st = DTL_OK;

    if (!s)
        return DTL_OK;
    try {
        s->wdb.commit();
        s->wdb.close();
    } catch (...) {
        st = dtl_shim_fail(err, s->dir.c_str(), false);
    }
    dtl_shim_delete(s);
    return st;
}

dtl_status
dtl_scratch_drop(const char *dir, const char *key, struct dtl_error *err)
{
    try {
        Xapian::WritableDatabase wdb(dir, Xapian::DB_OPEN |
                                              Xapian::DB_NO_SYNC |
                                              Xapian::DB_DANGEROUS);

        delete_page(wdb, key);
        wdb.commit();
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, dir, false);
    }
}

dtl_status
dtl_index_merge(dtl_index *ix, const char *const *dirs, size_t n,
                const char *spell_dir, void (*note)(void *ctx, double frac),
                void *ctx, struct dtl_error *err)
{
    if (!ix || !ix->writable || (!dirs && n))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_merge: no writer or databases");
    std::string p = bare(ix->path), pnew = p + ".new", pold = p + ".old";
    try {
        Xapian::Database src;
        std::error_code ec;

        Xapian::doccount added = 0;

        ix->wdb.commit();
        ix->pending = 0;
        src.add_database(Xapian::Database(p));
        for (size_t i = 0; i < n; i++) {
            Xapian::Database part(dirs[i]);

            added += part.get_doccount();
            src.add_database(part);
        }
        std::vector<std::string> parts{p};
        parts.insert(parts.end(), dirs, dirs + n);
        /* Share of the merge's progress given to the spelling data (it
         * took about a quarter of it on generated archives). */
        double spell_share = spell_dir ? 0.25 : 0;
        if (spell_dir) {
            /* A database with no documents: last, it shifts no docid. */
            build_spelling(src, spell_dir, note, ctx, spell_share);
            src.add_database(Xapian::Database(spell_dir));
            parts.push_back(spell_dir);
        }
        fs::remove_all(pnew, ec);
        /* FULL packs blocks without the oversized items of FULLER, which
         * would make the nightly updates that follow slow. */
        merge_progress mp(parts, note, ctx, spell_share);
        src.compact(pnew,
                    Xapian::Compactor::FULL | Xapian::DBCOMPACT_MULTIPASS,
                    0, mp);
        src.close();
        /* The writer keeps its lock (on the old directory's inode) until
         * the new index is in place, so no other writer starts between. */
        if (std::rename(p.c_str(), pold.c_str()) != 0)
            return dtl_error_set(err, DTL_EIO, SIZE_MAX,
                                 "%s: cannot rename to %s: %s", p.c_str(),
                                 pold.c_str(), strerror(errno));
        if (std::rename(pnew.c_str(), p.c_str()) != 0) {
            int e = errno;
            if (std::rename(pold.c_str(), p.c_str()) != 0)
                return dtl_error_set(err, DTL_EIO, SIZE_MAX,
                                     "%s: cannot rename %s back: %s",
                                     p.c_str(), pold.c_str(),
                                     strerror(errno));
            return dtl_error_set(err, DTL_EIO, SIZE_MAX,
                                 "%s: cannot rename %s to it: %s",
                                 p.c_str(), pnew.c_str(), strerror(e));
        }
        ix->wdb.close();
        ix->wdb = Xapian::WritableDatabase(p, Xapian::DB_OPEN);
        ix->db = ix->wdb;
        fs::remove_all(pold, ec);
        /* The run report counts what the blocks added. */
        ix->totals.added += added;
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, ix->path.c_str(), false);
    }
}
