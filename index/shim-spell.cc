/* Dateline: long-lived readers and spelling data ("Did you mean").
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements dtl_index_reopen(), dtl_index_add_spelling() and
 * dtl_index_suggest() of include/dateline/index.h.  The indexer
 * (src/indexer.c) adds the words of every entry it writes to Xapian's
 * spelling table (a first indexing writes them all at once when it
 * merges, shim-build.cc, with the same frequencies); dateline.cgi asks
 * for suggestions when a query finds nothing, and reopens its reader
 * before each request so that it sees what the nightly indexer
 * committed.  Relies on the handle structs of
 * shim.h and the layout of xapian-shim.cc: unprefixed terms are the
 * analyser's folded words.
 *
 * dtl_index_suggest() takes only the index and the query text so that a
 * caller can point it at another database holding the spelling data
 * (remote shards keep theirs in a local side database).
 */
#include <config.h>
#include "shim.h"

#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

extern "C" {
#include "status.h"
}

#include "banned.h"

namespace {

/* Words shorter or longer than these are neither recorded nor
 * corrected: short ones give noisy suggestions, long ones are not words. */
const size_t spell_min = 3;
const size_t spell_max = 32;
/* Largest edit distance of a suggestion (Xapian's default). */
const unsigned spell_distance = 2;

bool
has_digit(const std::string &w)
{
    for (char c : w)
        if (c >= '0' && c <= '9')
            return true;
    return false;
}

bool
word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* A query operator that must not be "corrected". */
bool
is_operator(const std::string &w)
{
    return w == "AND" || w == "OR" || w == "NOT";
}

} /* namespace */

dtl_status
dtl_index_reopen(dtl_index *ix, int *changed, struct dtl_error *err)
{
    if (changed)
        *changed = 0;
    if (!ix)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_reopen: no index");
    try {
        if (ix->writable)
            return DTL_OK;
        if (ix->side.size())
            ix->side.reopen();
        if (ix->db.reopen()) {
            /* The time cache describes the old revision. */
            dtl_shim_drop_caches(ix);
            if (changed)
                *changed = 1;
        }
        return DTL_OK;
    } catch (const std::bad_alloc &) {
        return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
    } catch (...) {
        return dtl_shim_fail(err, ix->path.c_str(), false);
    }
}

bool
dtl_shim_spelling_word(const std::string &w)
{
    /* Prefixed terms start with a capital letter. */
    return w.size() >= spell_min && w.size() <= spell_max &&
           !(w[0] >= 'A' && w[0] <= 'Z') && !has_digit(w);
}

std::vector<std::string>
dtl_shim_word_starts()
{
    std::vector<std::string> v;

    for (char c = 'a'; c <= 'z'; c++)
        v.push_back(std::string(1, c));
    for (int b = 0xc2; b <= 0xf4; b++)
        v.push_back(std::string(1, (char)b));
    return v;
}

void
dtl_shim_add_spelling(Xapian::WritableDatabase &wdb,
                      const Xapian::Document &doc)
{
    for (Xapian::TermIterator t = doc.termlist_begin();
         t != doc.termlist_end(); ++t)
        if (dtl_shim_spelling_word(*t))
            wdb.add_spelling(*t);
}

dtl_status
dtl_index_add_spelling(dtl_index *ix, dtl_doc *const *docs, size_t n,
                       struct dtl_error *err)
{
    if (!ix || (!docs && n) || !ix->writable)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_add_spelling: no writable index or "
                             "no documents");
    try {
        /* Entries of one page share most words: count them first, so
         * that Xapian sees each word once per page (each call looks the
         * word up in the spelling table). */
        std::unordered_map<std::string, unsigned> counts;

        for (size_t i = 0; i < n; i++)
            for (Xapian::TermIterator t = docs[i]->doc.termlist_begin();
                 t != docs[i]->doc.termlist_end(); ++t) {
                if (dtl_shim_spelling_word(*t))
                    counts[*t]++;
            }
        for (const auto &c : counts)
            ix->wdb.add_spelling(c.first, c.second);
        return DTL_OK;
    } catch (const std::bad_alloc &) {
        return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
    } catch (...) {
        return dtl_shim_fail(err, ix->path.c_str(), false);
    }
}

dtl_status
dtl_index_suggest(dtl_index *ix, const char *query, size_t n, char **out,
                  struct dtl_error *err)
{
    if (out)
        *out = nullptr;
    if (!ix || !query || !out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_suggest: no index, query or result");
    try {
        std::string fixed;
        bool any = false;
        size_t i = 0;

        while (i < n) {
            unsigned char c = (unsigned char)query[i];
            size_t j = i;

            if (!word_byte(c)) {
                fixed += (char)c;
                i++;
                continue;
            }
            while (j < n && word_byte((unsigned char)query[j]))
                j++;
            std::string word(query + i, j - i);
            /* field:value keeps both as typed, up to the next space. */
            if (j < n && query[j] == ':') {
                while (j < n && query[j] != ' ')
                    j++;
                fixed.append(query + i, j - i);
                i = j;
                continue;
            }
            i = j;
            std::string low(word);
            for (char &ch : low)
                if (ch >= 'A' && ch <= 'Z')
                    ch = (char)(ch - 'A' + 'a');
            if (is_operator(word) || low.size() < spell_min ||
                low.size() > spell_max || has_digit(low) ||
                ix->db.term_exists(low)) {
                fixed += word;
                continue;
            }
            /* Shards on the remote backend serve no spelling data: a
             * side database (shim-side.cc) holds it for them. */
            const Xapian::Database &sp = ix->side.size() ? ix->side : ix->db;
            std::string s = sp.get_spelling_suggestion(low, spell_distance);
            if (s.empty() || s == low) {
                fixed += word;
                continue;
            }
            fixed += s;
            any = true;
        }
        if (!any)
            return DTL_OK;
        char *p = static_cast<char *>(dtl_malloc(fixed.size() + 1));
        if (!p)
            return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
        std::memcpy(p, fixed.data(), fixed.size());
        p[fixed.size()] = '\0';
        *out = p;
        return DTL_OK;
    } catch (const std::bad_alloc &) {
        return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
    } catch (...) {
        return dtl_shim_fail(err, ix->path.c_str(), false);
    }
}
