/* Dateline: the index layout shared by the indexer (C) and the shim (C++).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The layout is specified in the block comment at the top of
 * index/xapian-shim.cc; these are its names.  Changing any of them changes
 * the on-disk format: bump DTL_LAYOUT_VERSION.
 */
#ifndef DTL_SRC_LAYOUT_H
#define DTL_SRC_LAYOUT_H

#define DTL_LAYOUT_VERSION "6"

/* Term prefixes (Xapian conventions: "Z" before a stemmed term). */
#define DTL_PFX_STEM "Z"       /* stems of headline and body words */
#define DTL_PFX_HEADLINE "S"   /* headline words (raw, with positions) */
#define DTL_PFX_TITLE "XT"     /* page title words (carrier entry only) */
#define DTL_PFX_SOURCE "XU"    /* URL or path words (every entry) */
#define DTL_PFX_UNIQUE "Q"     /* entry identity (boolean) */
#define DTL_PFX_PAGE "P"       /* page key (boolean) */
#define DTL_PFX_LANG "L"       /* entry's language code (boolean) */
#define DTL_PFX_LSTEM "ZL"     /* + code + ":" + field prefix + stem: stems
                                  in a language not the index's own */
#define DTL_LSTEM_SEP ':'      /* ends the code in DTL_PFX_LSTEM terms */
#define DTL_LSTEM_PFX_MAX 24   /* longest ZL<code>:<field> prefix */

/* Value slots. */
#define DTL_SLOT_TIME 0        /* Xapian sortable_serialise(UTC seconds) */
#define DTL_SLOT_PAGE 1        /* page key, for collapsing */
#define DTL_SLOT_EHASH 2       /* entry content hash (shim-admin.cc) */

/* Positions (layouts 1 and 2, and hand-built test indexes): headline words
 * from 1, body words from headline end + gap, so that a phrase never
 * spans headline and body.  Layout 3 stores no positions. */
#define DTL_POS_GAP 100

/* Metadata keys. */
#define DTL_META_ANALYSER "dateline.analyser"  /* dtl_analyser_config() */
#define DTL_META_LAYOUT "dateline.layout"      /* DTL_LAYOUT_VERSION */
#define DTL_META_PAGE_PREFIX "page:"           /* + page key -> hash */
#define DTL_META_SPELLING "dateline.spelling"  /* "off": no spelling data */

#endif
