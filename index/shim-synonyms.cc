/* Dateline: synonyms in the index, and where searches read them.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements dtl_index_set_synonyms() of include/dateline/synonyms.h
 * (run by `dateline synonyms`) and dtl_shim_synonyms(), which the query
 * builder (shim-search.cc) calls for each word it may expand.  Relies on
 * the layout of xapian-shim.cc: a key is the word's stem with the stem
 * prefix (DTL_PFX_STEM + stem, as Xapian's own QueryParser keys stemmed
 * words), so every form of the word finds the synonyms; a synonym is the
 * folded words of a word or phrase, which the builder analyses again.
 *
 * Xapian's remote backend serves no synonyms, so a handle with remote
 * shards reads them from its side database (dateline side copies the
 * local shards' synonyms there), else from its local shards only.
 */
#include <config.h>
#include "shim.h"

#include <set>
#include <string>
#include <vector>

#include <xapian.h>

extern "C" {
#include "dateline/synonyms.h"
#include "layout.h"
#include "status.h"
}

#include "banned.h"

namespace {

/* Add the synonyms of key in db to out, up to the cap. */
void
read_synonyms(const Xapian::Database &db, const std::string &key,
              std::set<std::string> &out)
{
    for (Xapian::TermIterator s = db.synonyms_begin(key);
         s != db.synonyms_end(key) &&
         out.size() < DTL_SYNONYMS_MAX_PER_KEY;
         ++s)
        out.insert(*s);
}

} /* namespace */

std::vector<std::string>
dtl_shim_synonyms(dtl_index *ix, const std::string &key)
{
    std::set<std::string> found;

    if (ix->side.size()) {
        read_synonyms(ix->side, key, found);
    } else if (!ix->remote) {
        read_synonyms(ix->db, key, found);
    } else {
        for (const dtl_shard &sh : ix->shards)
            if (sh.why.empty() && !sh.remote)
                read_synonyms(sh.db, key, found);
    }
    return std::vector<std::string>(found.begin(), found.end());
}

dtl_status
dtl_index_set_synonyms(dtl_index *ix, const dtl_synonyms *s, size_t *n_keys,
                       struct dtl_error *err)
{
    size_t keys = 0;

    if (n_keys)
        *n_keys = 0;
    if (!ix || !s)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_set_synonyms: no index or list");
    if (!ix->writable)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_set_synonyms: %s is not open for "
                             "writing", ix->path.c_str());
    try {
        for (Xapian::WritableDatabase *w : dtl_shim_writers(ix)) {
            std::vector<std::string> old;

            for (Xapian::TermIterator k = w->synonym_keys_begin();
                 k != w->synonym_keys_end(); ++k)
                old.push_back(*k);
            for (const std::string &k : old)
                w->clear_synonyms(k);
            keys = 0;
            std::string last;
            for (size_t i = 0; i < dtl_synonyms_count(s); i++) {
                const char *stem = nullptr, *syn = nullptr;

                dtl_synonyms_get(s, i, nullptr, &stem, &syn);
                std::string key = std::string(DTL_PFX_STEM) + stem;
                if (i == 0 || key != last)
                    keys++;
                last = key;
                w->add_synonym(key, syn);
            }
        }
        ix->pending++;
        if (n_keys)
            *n_keys = keys;
        return DTL_OK;
    } catch (...) {
        return dtl_shim_fail(err, ix->path.c_str(), false);
    }
}
