/* Dateline: synonyms in the index, and where searches read them.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements dtl_index_set_synonyms() of include/dateline/synonyms.h
 * (run by `dateline synonyms`) and dtl_shim_expand_synonyms(), which
 * shim-search.cc calls on each query tree before building the Xapian
 * query (see struct dtl_syn_tree in shim.h).  Relies on
 * the layout of xapian-shim.cc: a key is the word's stem with the stem
 * prefix (DTL_PFX_STEM + stem, as Xapian's own QueryParser keys stemmed
 * words), so every form of the word finds the synonyms; a synonym is the
 * folded words of a word or phrase, analysed again when a query is
 * expanded.
 *
 * Xapian's remote backend serves no synonyms, so a handle with remote
 * shards reads them from its side database (dateline side copies the
 * local shards' synonyms there), else from its local shards only.
 */
#include <config.h>
#include "shim.h"

#include <cstring>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

extern "C" {
#include "dateline/search.h"
#include "dateline/synonyms.h"
#include "layout.h"
#include "status.h"
}

#include "banned.h"

namespace {

/* Deeper trees are refused by the query builder anyway. */
const unsigned expand_depth_max = 64;

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

/* The synonyms stored under key: from the side database, else from the
 * local shards. */
std::vector<std::string>
synonyms_of(dtl_index *ix, const std::string &key)
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

/* Whether ix has anywhere to read synonyms from. */
bool
has_source(const dtl_index *ix)
{
    if (ix->side.size() || !ix->remote)
        return true;
    for (const dtl_shard &sh : ix->shards)
        if (sh.why.empty() && !sh.remote)
            return true;
    return false;
}

/* The words of a synonym, as the analyser gives them. */
struct words {
    std::vector<std::string> terms, stems;
};

dtl_status
on_token(void *ctx, const struct dtl_token *t)
{
    words *w = static_cast<words *>(ctx);

    try {
        w->terms.emplace_back(t->term, t->term_len);
        w->stems.emplace_back(t->stem, t->stem_len);
    } catch (const std::bad_alloc &) {
        return DTL_ENOMEM;
    }
    return DTL_OK;
}

class Expander {
    dtl_index *ix;
    std::shared_ptr<dtl_syn_tree> t;
    bool any = false;

    struct dtl_qnode *
    node(const struct dtl_qnode &from)
    {
        t->nodes.push_back(from);
        return &t->nodes.back();
    }

    /* A TERM node for one analysed word (its strings kept in t). */
    struct dtl_qnode *
    word(const std::string &term, const std::string &stem, bool exact)
    {
        struct dtl_qnode k;

        std::memset(&k, 0, sizeof(k));
        k.op = DTL_QOP_TERM;
        k.field = DTL_FIELD_ANY;
        t->strings.push_back(term);
        k.term = &t->strings.back()[0];
        k.term_len = term.size();
        t->strings.push_back(stem);
        k.stem = &t->strings.back()[0];
        k.stem_len = stem.size();
        k.exact = exact;
        return node(k);
    }

    /* The node of one synonym: a word, or a phrase of exact words (their
     * AND over remote shards). */
    struct dtl_qnode *
    synonym(const std::string &text)
    {
        words w;
        dtl_status st = dtl_analyse(ix->verify_an, text.data(), text.size(),
                                    on_token, &w);

        if (st == DTL_ENOMEM)
            throw std::bad_alloc();
        if (st != DTL_OK || w.terms.empty())
            return nullptr;
        if (w.terms.size() == 1)
            return word(w.terms[0], w.stems[0], false);
        t->kids.emplace_back();
        std::vector<struct dtl_qnode *> &v = t->kids.back();
        for (size_t i = 0; i < w.terms.size(); i++)
            v.push_back(word(w.terms[i], w.stems[i], true));
        struct dtl_qnode ph;
        std::memset(&ph, 0, sizeof(ph));
        /* Checked against the stored text like a quoted phrase (in the
         * client over remote shards, shim-rank.cc). */
        ph.op = DTL_QOP_PHRASE;
        ph.field = DTL_FIELD_ANY;
        ph.kids = v.data();
        ph.n_kids = v.size();
        return node(ph);
    }

    /* Word n OR its synonyms, or NULL when it has none. */
    struct dtl_qnode *
    group(const struct dtl_qnode *n)
    {
        if (n->exact || n->field != DTL_FIELD_ANY || !n->term ||
            n->term_len == 0)
            return nullptr;
        const char *w = n->stem_len ? n->stem : n->term;
        size_t wl = n->stem_len ? n->stem_len : n->term_len;
        std::vector<std::string> syns =
            synonyms_of(ix, DTL_PFX_STEM + std::string(w, wl));
        if (syns.empty())
            return nullptr;
        if (!ix->verify_an && dtl_index_analyser(ix, nullptr, &ix->verify_an,
                                                 nullptr) != DTL_OK)
            throw std::runtime_error("no analyser to read synonyms with");
        t->kids.emplace_back();
        std::vector<struct dtl_qnode *> &v = t->kids.back();
        v.push_back(const_cast<struct dtl_qnode *>(n));
        for (const std::string &s : syns) {
            struct dtl_qnode *k = synonym(s);
            if (k)
                v.push_back(k);
        }
        if (v.size() == 1)
            return nullptr;
        struct dtl_qnode g;
        std::memset(&g, 0, sizeof(g));
        g.op = DTL_QOP_OR;
        g.field = DTL_FIELD_ANY;
        g.kids = v.data();
        g.n_kids = v.size();
        struct dtl_qnode *gp = node(g);
        t->groups.insert(gp);
        any = true;
        return gp;
    }

  public:
    Expander(dtl_index *ix_)
        : ix(ix_), t(std::make_shared<dtl_syn_tree>()) {}

    /* n, or its copy with synonym groups below it. */
    const struct dtl_qnode *
    copy(const struct dtl_qnode *n, unsigned depth)
    {
        if (!n || depth > expand_depth_max)
            return n;
        if (n->op == DTL_QOP_TERM) {
            struct dtl_qnode *g = group(n);
            return g ? g : n;
        }
        /* Words of a phrase are matched exactly: never expanded. */
        if (n->op == DTL_QOP_PHRASE || !n->kids || n->n_kids == 0)
            return n;
        std::vector<struct dtl_qnode *> v;
        bool changed = false;
        for (size_t i = 0; i < n->n_kids; i++) {
            const struct dtl_qnode *k = copy(n->kids[i], depth + 1);
            changed = changed || k != n->kids[i];
            v.push_back(const_cast<struct dtl_qnode *>(k));
        }
        if (!changed)
            return n;
        t->kids.push_back(std::move(v));
        struct dtl_qnode *c = node(*n);
        c->kids = t->kids.back().data();
        return c;
    }

    std::shared_ptr<dtl_syn_tree>
    result(const struct dtl_qnode *root)
    {
        if (!any)
            return nullptr;
        t->root = root;
        return t;
    }
};

} /* namespace */

std::shared_ptr<dtl_syn_tree>
dtl_shim_expand_synonyms(dtl_index *ix, const struct dtl_qnode *root)
{
    if (!has_source(ix))
        return nullptr;
    Expander e(ix);
    const struct dtl_qnode *r = e.copy(root, 0);
    return e.result(r);
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
