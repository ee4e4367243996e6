/* Dateline: pages and their entries; the plain-text page reader.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A page is what one file or one crawled document gave: a title, a source
 * and a list of entries.  An article is one entry; a live blog is split into
 * its lead (the text before the first stamp) and one entry per stamp.
 * Every entry's time is UTC seconds (DTL_TS_NONE when the page gives none).
 *
 * dtl_text_read() reads the plain-text shape of a live blog as a page-to-
 * text converter leaves it: optional metadata lines at the top, a lead,
 * then stamp line / headline line / paragraphs for each entry, and a tail
 * of boilerplate (reprint and licensing lines, 'Recommended For You',
 * 'Trending' and the lists of other headlines they open), which is dropped.
 */
#ifndef DTL_DATELINE_PAGE_H
#define DTL_DATELINE_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "dateline/stamp.h"
#include "dateline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One entry of a page.  All pointers are borrowed from the page and stay
 *  valid until dtl_page_free(); texts are valid UTF-8 without NULs and are
 *  not NUL-terminated (use the lengths). */
struct dtl_entry {
    int64_t ts;              /* UTC seconds, or DTL_TS_NONE */
    const char *headline;    /* one line; may be empty (length 0) */
    size_t headline_len;
    const char *body;        /* paragraphs separated by '\n' */
    size_t body_len;
    int is_lead;             /* 1 for the text before the first stamp */
    size_t offset;           /* byte offset of the entry in the input */
    const char *url;         /* the entry's own URL (the page's with the
                                entry's fragment); NULL or "" if none */
    size_t url_len;
};

/** Page-level metadata (dtl_page_field()). */
enum dtl_page_field {
    DTL_PAGE_TITLE = 0,      /* the article's title, one line */
    DTL_PAGE_URL,            /* where the page was read from */
    DTL_PAGE_CANONICAL,      /* the page's canonical URL */
    DTL_PAGE_SITE,           /* site name ("The Northern Ledger") */
    DTL_PAGE_AUTHOR,         /* byline, authors joined with ", " */
    DTL_PAGE_LANGUAGE,       /* BCP 47 tag or ISO 639 code ("en", "de") */
    DTL_PAGE_DESCRIPTION,    /* the page's own summary */
    DTL_PAGE_N_FIELDS
};

/** Opaque page: owns its text and its entries. */
typedef struct dtl_page dtl_page;

/** Options for dtl_text_read().  Zero-initialise, then set what is known. */
struct dtl_text_opts {
    int year, month, day;    /* the page's date if known (0 = unknown):
                                dates time-only stamps and the lead */
    int has_tz;              /* 1 if tz_offset is the page's zone */
    int tz_offset;           /* seconds east of UTC for stamps without
                                a zone (default: the zone of the page's
                                other stamps, else UTC) */
};

/**
 * Read a plain-text page.  The input may hold invalid UTF-8 or NUL bytes:
 * they are replaced (U+FFFD, space) and counted, never fatal.
 *
 * Metadata: the page may open with header lines "Title: ...", "URL: ...",
 * "Date: ..." (a date or date-time, as dtl_time_parse_user() or a stamp
 * line reads it; a date alone means midnight in the page's zone) and
 * "Zone: ..." (a zone name or offset) ended by a blank line.  A block with
 * an unknown or repeated key, or a value that does not parse, is read as
 * ordinary text.  Without
 * a Title, the page's title is empty and the lead's first sentence is the
 * lead entry's headline.  Page date: opts, else Date:, else the newest
 * full stamp.  The lead is dated by the page date if known (Date: or opts),
 * else by the newest entry.  A page without stamps is one article entry.
 *
 * @param p, n  the page's bytes (borrowed for the call only).
 * @param opts  may be NULL.
 * @param out   receives a page to free with dtl_page_free(); NULL on error.
 * @return DTL_OK; DTL_ENOMEM; DTL_ELIMIT if n exceeds DTL_PAGE_MAX_BYTES
 *         or the page holds more than 131072 stamp
 *         and date lines (err->offset: the first one too many); DTL_EINVAL
 *         if out is NULL, p is NULL with n > 0, or opts holds an invalid
 *         date or a tz_offset beyond +-14 h.
 */
DTL_API dtl_status dtl_text_read(const char *p, size_t n,
                                 const struct dtl_text_opts *opts,
                                 dtl_page **out, struct dtl_error *err);

/** Largest page dtl_text_read() accepts (64 MiB). */
#define DTL_PAGE_MAX_BYTES ((size_t)64 << 20)

/** Free a page and everything borrowed from it.  NULL is a no-op. */
DTL_API void dtl_page_free(dtl_page *page);

/** Title from metadata ("" if none); *len receives its length. */
DTL_API const char *dtl_page_title(const dtl_page *page, size_t *len);

/** URL from metadata ("" if none); *len receives its length. */
DTL_API const char *dtl_page_url(const dtl_page *page, size_t *len);

/** A metadata field ("" if unset); *len (may be NULL) receives its
 *  length.  The string is valid until dtl_page_free(). */
DTL_API const char *dtl_page_field(const dtl_page *page,
                                   enum dtl_page_field f, size_t *len);

/** The page's published and last-modified times (UTC seconds), or
 *  DTL_TS_NONE when the page does not say. */
DTL_API int64_t dtl_page_published(const dtl_page *page);
DTL_API int64_t dtl_page_modified(const dtl_page *page);

/** Number of entries (0 only for a page with no text at all). */
DTL_API size_t dtl_page_entry_count(const dtl_page *page);

/** Entry i (0-based, in page order), or NULL if i is out of range. */
DTL_API const struct dtl_entry *dtl_page_entry(const dtl_page *page,
                                               size_t i);

/** How many invalid UTF-8 sequences and NUL bytes were replaced, and the
 *  byte offset of the first one (SIZE_MAX if none). */
DTL_API size_t dtl_page_bad_bytes(const dtl_page *page, size_t *first);

/* ---- building a page ------------------------------------------------
 * The HTML and JSON Lines readers, and programs with pages of their own,
 * build a page field by field.  Every string given is copied (the caller's
 * memory is borrowed for the call only) after the same sanitising
 * dtl_text_read() does: invalid UTF-8 becomes U+FFFD, NUL a space, CR LF
 * a LF; the replacements count in dtl_page_bad_bytes(). */

/** A new empty page (no entries, every field "", no times); free it with
 *  dtl_page_free().  DTL_ENOMEM or DTL_EINVAL (out NULL). */
DTL_API dtl_status dtl_page_new(dtl_page **out);

/** Set field f to a copy of p[0..n) (p may be NULL when n is 0).  For
 *  DTL_PAGE_TITLE, line breaks become spaces.  DTL_EINVAL for a bad f. */
DTL_API dtl_status dtl_page_set_field(dtl_page *page, enum dtl_page_field f,
                                      const char *p, size_t n);

/** Set the published and modified times (DTL_TS_NONE: unknown). */
DTL_API dtl_status dtl_page_set_times(dtl_page *page, int64_t published,
                                      int64_t modified);

/** Append a copy of *e: its headline (line breaks become spaces), body,
 *  url, time, is_lead and offset.  The entries keep the order they were
 *  added in; a lead, if any, should come first.  DTL_ELIMIT past
 *  DTL_PAGE_MAX_ENTRIES entries. */
DTL_API dtl_status dtl_page_add_entry(dtl_page *page,
                                      const struct dtl_entry *e);

/** Most entries a page may hold. */
#define DTL_PAGE_MAX_ENTRIES ((size_t)1 << 17)

#ifdef __cplusplus
}
#endif
#endif
