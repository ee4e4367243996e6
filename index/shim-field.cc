/* Dateline: the first stage of a title clause (layout 5).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Since layout 5 a page's title terms are on one entry of the page only,
 * its carrier (see the layout at the top of xapian-shim.cc).  A title
 * clause must still select every entry of a page whose title matches, so
 * the query builder (shim-search.cc) hands
 * the clause's Xapian query to dtl_shim_field_pages(), which runs it on
 * its own to find the matching carriers and gives back the pages' P<key>
 * terms to search for instead.  It goes through ix->db, the same combined
 * database the search proper uses, so it works over local, sharded and
 * remote (xapian-tcpsrv) databases alike: only stock Xapian features (a
 * boolean match with a collapse key) cross the network.  On an index
 * built by hand with the terms on every entry (tests) the pages found
 * are the same; the collapse on the page key keeps each page once.
 * Source clauses (site:, url:) do not come here: every entry holds its
 * page's XU terms, so they are plain term queries, as common site
 * filters should be (a broad one in two stages cost 4-7 times as much
 * at 300k entries: see the layout).
 *
 * The pages are capped (DTL_FIELD_PAGES_MAX, $DATELINE_FIELD_PAGES): a
 * clause as broad as a word of every title would otherwise make an OR of
 * every page key in the archive.  Past the cap the clause stands for the
 * first pages by docid and the search says it is incomplete
 * (dtl_hits_field_capped()).
 *
 * Speed: each P term of the OR is a posting list to open, about 10 us
 * each on a local index, so a clause that matches most pages ("live" in
 * the titles of a live-blog archive) would cost milliseconds per
 * thousand pages.  When it matches more than complement_min pages, the
 * index's page terms are listed (one walk of the P terms) and, if fewer
 * pages do not match than do, the clause becomes every entry but those
 * of the pages that do not match: no page at all when it matches every
 * page.
 */
#include <config.h>
#include "shim.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include <xapian.h>

extern "C" {
#include "layout.h"
}

#include "banned.h"

namespace {

/* Matched pages above which the pages that do not match are counted
 * too (see the head of the file). */
const size_t complement_min = 500;

/* The P terms of ix that are not in sorted, if they are fewer than
 * sorted's (else false). */
bool
complement(dtl_index *ix, const std::vector<std::string> &sorted,
           std::vector<std::string> &out)
{
    auto in = sorted.begin();

    for (Xapian::TermIterator t = ix->db.allterms_begin(DTL_PFX_PAGE);
         t != ix->db.allterms_end(DTL_PFX_PAGE); ++t) {
        const std::string &term = *t;

        while (in != sorted.end() && *in < term)
            ++in;
        if (in != sorted.end() && *in == term)
            continue;
        out.push_back(term);
        if (out.size() >= sorted.size())
            return false;
    }
    return true;
}

} /* namespace */

Xapian::doccount
dtl_shim_field_cap()
{
    const char *e = std::getenv("DATELINE_FIELD_PAGES");
    long v = e ? std::strtol(e, nullptr, 10) : 0;

    return v >= 1 && v <= 1000000 ? (Xapian::doccount)v
                                  : (Xapian::doccount)DTL_FIELD_PAGES_MAX;
}

Xapian::Query
dtl_shim_field_pages(dtl_index *ix, const Xapian::Query &clause,
                     Xapian::doccount cap, bool *capped)
{
    Xapian::Enquire enq(ix->db);
    std::vector<std::string> terms;

    if (clause.empty())
        return clause;
    enq.set_query(clause);
    enq.set_weighting_scheme(Xapian::BoolWeight());
    enq.set_collapse_key(DTL_SLOT_PAGE);
    /* One more than the cap, to know whether it was reached. */
    Xapian::MSet ms = enq.get_mset(0, cap + 1, cap + 1);
    terms.reserve(ms.size());
    for (Xapian::MSetIterator it = ms.begin(); it != ms.end(); ++it) {
        /* Slot 1 holds the packed key form that P terms end with. */
        std::string key = it.get_collapse_key();

        /* An entry without a page key has no page to stand for. */
        if (!key.empty())
            terms.push_back(DTL_PFX_PAGE + key);
    }
    if (terms.size() > cap) {
        terms.resize(cap);
        *capped = true;
    }
    if (terms.empty())
        return Xapian::Query::MatchNothing;
    std::sort(terms.begin(), terms.end());
    Xapian::Query q;
    std::vector<std::string> others;
    if (terms.size() > complement_min && complement(ix, terms, others))
        q = others.empty()
                ? Xapian::Query::MatchAll
                : Xapian::Query(Xapian::Query::OP_AND_NOT,
                                Xapian::Query::MatchAll,
                                Xapian::Query(Xapian::Query::OP_OR,
                                              others.begin(), others.end()));
    else
        q = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    /* Selection only, as the field copies were: no weight. */
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
}
