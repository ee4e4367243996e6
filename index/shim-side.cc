/* Dateline: the side database: spelling (and synonym) data on the query
 * host for shards whose server cannot give it.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements dtl_index_side_build() of include/dateline/index.h, run by
 * `dateline side`.  Xapian's remote backend serves neither spelling data
 * nor synonyms (docs/remote.rst), so "Did you mean" over remote shards
 * reads a local database that holds them: dtl_index_open_many() opens it
 * (struct dtl_open_opts.side) and dtl_index_suggest() (shim-spell.cc)
 * asks it.  Relies on the layout of xapian-shim.cc: unprefixed terms are
 * the analyser's folded words, prefixed ones start with a capital.
 *
 * Building reads the vocabulary of every shard that answers through
 * allterms (which the remote backend does serve), one first byte at a
 * time so that prefixed terms (ids, page keys, stems) never cross the
 * network, and sets each word's spelling frequency to the number of
 * entries holding it.  It updates the side database in place and commits
 * once: readers see the old data or the new, never a mix, and a rebuild
 * after each nightly run only writes what changed.  Synonyms are copied
 * from the shards that have them (local ones: the remote backend does not
 * list them).  The word rules (length, no digits) are those of
 * dtl_index_add_spelling(), so the two sources agree.
 */
#include <config.h>
#include "shim.h"

#include <ctime>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

extern "C" {
#include "layout.h"
#include "status.h"
}

#include "banned.h"

namespace {

/* Word rules of shim-spell.cc. */
const size_t spell_min = 3;
const size_t spell_max = 32;

bool
spelling_word(const std::string &w)
{
    if (w.size() < spell_min || w.size() > spell_max)
        return false;
    for (char c : w)
        if (c >= '0' && c <= '9')
            return false;
    return true;
}

void
build(dtl_index *ix, const std::string &path, uint64_t *n_words)
{
    Xapian::WritableDatabase side(path, Xapian::DB_CREATE_OR_OPEN);
    std::map<std::string, Xapian::termcount> old;

    for (Xapian::TermIterator t = side.spellings_begin();
         t != side.spellings_end(); ++t)
        old[*t] = t.get_termfreq();

    uint64_t n = 0;
    for (const std::string &start : dtl_shim_word_starts()) {
        for (Xapian::TermIterator t = ix->db.allterms_begin(start);
             t != ix->db.allterms_end(start); ++t) {
            const std::string &w = *t;
            if (!spelling_word(w))
                continue;
            Xapian::termcount want = t.get_termfreq(), had = 0;
            auto it = old.find(w);
            if (it != old.end()) {
                had = it->second;
                old.erase(it);
            }
            if (want > had)
                side.add_spelling(w, want - had);
            else if (want < had)
                side.remove_spelling(w, had - want);
            n++;
        }
    }
    /* Words no shard holds any longer. */
    for (const auto &w : old)
        side.remove_spelling(w.first, w.second);

    std::vector<std::string> keys;
    for (Xapian::TermIterator k = side.synonym_keys_begin();
         k != side.synonym_keys_end(); ++k)
        keys.push_back(*k);
    for (const std::string &k : keys)
        side.clear_synonyms(k);
    for (const dtl_shard &sh : ix->shards) {
        if (!sh.why.empty() || sh.remote)
            continue;
        for (Xapian::TermIterator k = sh.db.synonym_keys_begin();
             k != sh.db.synonym_keys_end(); ++k)
            for (Xapian::TermIterator s = sh.db.synonyms_begin(*k);
                 s != sh.db.synonyms_end(*k); ++s)
                side.add_synonym(*k, *s);
    }
    side.set_metadata(DTL_SHIM_META_SIDE,
                      std::to_string((long long)time(nullptr)));
    side.commit();
    side.close();
    *n_words = n;
}

} /* namespace */

dtl_status
dtl_index_side_build(dtl_index *ix, const char *path, uint64_t *n_words,
                     struct dtl_error *err)
{
    uint64_t n = 0;

    if (n_words)
        *n_words = 0;
    if (!ix || !path || !*path)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_side_build: no index or path");
    for (const dtl_shard &sh : ix->shards)
        if (!sh.why.empty())
            return dtl_error_set(err, DTL_EIO, SIZE_MAX,
                                 "shard %s did not answer: %s (the side "
                                 "database needs every shard)",
                                 sh.name.c_str(), sh.why.c_str());
    try {
        build(ix, path, &n);
        if (n_words)
            *n_words = n;
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, path, false);
    }
}
