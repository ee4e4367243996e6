/* Dateline tests: the plain-text page reader, its boilerplate rules and
 * its input sanitiser.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Table-driven: sanitiser rows (bytes -> bytes, counts, offset map),
 * boilerplate rows (one line -> its class; a page -> where its tail is
 * cut), page rows (text and options -> dtl_page_dump()), then the shared
 * Newsweek live blog, limits, linearity and out-of-memory checks.  Links
 * src/textpage.c, boiler.c, sanitise.c and the real stamp code.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "boiler.h"
#include "buf.h"
#include "sanitise.h"
#include "tap.h"
#include "textpage.h"

/* ---- sanitise ------------------------------------------------------- */

struct sanitise_row {
    const char *in;
    size_t in_len;
    const char *want;
    size_t bad;
    size_t first_bad;
};

#define S(lit) lit, sizeof(lit) - 1
#define NONE SIZE_MAX

static const struct sanitise_row sanitise_rows[] = {
    { S("plain ascii"), "plain ascii", 0, NONE },
    { S(""), "", 0, NONE },
    { S("a\r\nb\rc\n\r"), "a\nb\nc\n\n", 0, NONE },
    { S("a\0b\0"), "a b ", 2, 1 },
    { S("caf\xC3\xA9 \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xF0\x9F\x98\x80", 0,
      NONE },
    { S("\xE9t\xE9"), "\xEF\xBF\xBDt\xEF\xBF\xBD", 2, 0 },
    /* A truncated sequence is one maximal subpart: one U+FFFD. */
    { S("x\xE2\x82"), "x\xEF\xBF\xBD", 1, 1 },
    { S("\xF0\x9F\x98y"), "\xEF\xBF\xBDy", 1, 0 },
    /* Surrogates, overlongs and values past U+10FFFF: byte by byte. */
    { S("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3, 0 },
    { S("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD", 2, 0 },
    { S("\xE0\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3, 0 },
    { S("\xF4\x90\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
      4, 0 },
    { S("ok\xFF\xFE"), "ok\xEF\xBF\xBD\xEF\xBF\xBD", 2, 2 },
    { S("\xF4\x8F\xBF\xBF"), "\xF4\x8F\xBF\xBF", 0, NONE },
    /* Runs longer than a word (dtl_sanitise_clean_len() reads eight
     * bytes at a time): the byte that ends one, at every place in a
     * word. */
    { S("0123456789abcdef\r\nxyz"), "0123456789abcdef\nxyz", 0, NONE },
    { S("0123456789a\0cdefghij"), "0123456789a cdefghij", 1, 11 },
    { S("01234567\xC3\xA9" "bcdefghijklmno\xFF"),
      "01234567\xC3\xA9" "bcdefghijklmno\xEF\xBF\xBD", 1, 24 },
    { S("0123456789abcd\xE9"), "0123456789abcd\xEF\xBF\xBD", 1, 14 },
    { NULL, 0, NULL, 0, 0 },
};

/* dtl_sanitise_clean_len(): where the copy first changes a byte. */
struct clean_row {
    const char *in;
    size_t in_len;
    size_t want;
};

static const struct clean_row clean_rows[] = {
    { S(""), 0 },
    { S("short"), 5 },
    { S("exactly8"), 8 },
    { S("sixteen bytes!!!"), 16 },
    { S("0123456\r89"), 7 },
    { S("01234567\r9"), 8 },
    { S("\0" "123456789abcdef"), 0 },
    { S("0123456789abcde\0"), 15 },
    { S("caf\xC3\xA9 caf\xC3\xA9 caf\xC3\xA9 \xF0\x9F\x98\x80!"), 23 },
    { S("0123456789\xC3"), 10 },      /* truncated at the end */
    { S("0123456789\xC3\xA9\xED\xA0\x80"), 12 }, /* a surrogate */
    { S("0123456789\x80zzzzzzzz"), 10 },
    { NULL, 0, 0 },
};

static void
test_sanitise(void)
{
    const struct sanitise_row *r;
    struct dtl_sanitise_stats st;
    struct dtl_sanitise_map map;
    /* The copy of map_in is "a\nb\xEF\xBF\xBD" "c". */
    static const char map_in[] = "a\r\nb\xFF\x63"; /* "c" */
    static const size_t copy_off[] = { 0, 1, 2, 3, 4, 5, 6, 7, 99 };
    static const size_t in_off[] = { 0, 1, 3, 4, 4, 4, 5, 6, 6 };
    size_t i;

    for (r = sanitise_rows; r->in; r++) {
        struct dtl_buf b = DTL_BUF_INIT;

        tap_is_int(dtl_sanitise_copy(r->in, r->in_len, &b, &st), DTL_OK,
                   "sanitise: status");
        tap_is_mem(dtl_buf_cstr(&b), b.len, r->want, "sanitise: bytes");
        tap_ok(st.bad == r->bad && st.first_bad == r->first_bad,
               "sanitise: %zu bad (first %zu), got %zu (first %zu)", r->bad,
               r->first_bad, st.bad, st.first_bad);
        dtl_buf_release(&b);
    }
    for (i = 0; clean_rows[i].in; i++)
        tap_is_int((long long)dtl_sanitise_clean_len(clean_rows[i].in,
                                                     clean_rows[i].in_len),
                   (long long)clean_rows[i].want, "sanitise: clean length");
    dtl_sanitise_map_init(&map, map_in, sizeof(map_in) - 1);
    for (i = 0; i < sizeof(copy_off) / sizeof(copy_off[0]); i++)
        tap_is_int((long long)dtl_sanitise_map_offset(&map, copy_off[i]),
                   (long long)in_off[i], "sanitise: map offset");
}

/* ---- boilerplate: one line ------------------------------------------ */

struct classify_row {
    const char *line;
    enum dtl_boiler_kind kind;
    int heading;      /* PHRASE/LIST_ITEM: ends with a heading */
    const char *glue; /* CONTENT/SHORT: the glued tail, or NULL */
    int glue_heading;
};

#define PHRASE DTL_BOILER_PHRASE
#define ITEM DTL_BOILER_LIST_ITEM
#define SHORT DTL_BOILER_SHORT
#define CONTENT DTL_BOILER_CONTENT
#define BLANK DTL_BOILER_BLANK

static const struct classify_row classify_rows[] = {
    /* Rule 1: phrases, alone or glued, and headings. */
    { "Request Reprint & LicensingSubmit CorrectionView Editorial & AI "
      "Guidelines",
      PHRASE, 0, NULL, 0 },
    { "Add Newsweek as a preferred source on Google to see more of our "
      "trusted coverage when you search.Recommended For You",
      PHRASE, 1, NULL, 0 },
    { "Add The Example Times as your preferred source on Google", PHRASE, 0,
      NULL, 0 },
    { "Reprints and Permissions", PHRASE, 0, NULL, 0 },
    { "Submit a correction", PHRASE, 0, NULL, 0 },
    { "Editorial Guidelines | Corrections Policy", PHRASE, 0, NULL, 0 },
    { "\xC2\xA9 2025 Newsweek Digital LLC. All rights reserved.", PHRASE, 0,
      NULL, 0 },
    { "Copyright 2024 The Associated Press. All rights reserved. This "
      "material may not be published, broadcast, rewritten or "
      "redistributed.",
      PHRASE, 0, NULL, 0 },
    { "(c) 2023 Example Media", PHRASE, 0, NULL, 0 },
    { "Sign up for our daily politics newsletter", PHRASE, 0, NULL, 0 },
    { "Newsletter sign-up", PHRASE, 0, NULL, 0 },
    { "Follow us on X, Facebook and Instagram.", PHRASE, 0, NULL, 0 },
    { "Share this article \xE2\x80\xA2 Print \xE2\x80\xA2 Email", PHRASE, 0,
      NULL, 0 },
    { "Read more: Why the talks stalled", PHRASE, 0, NULL, 0 },
    { "ADVERTISEMENT", PHRASE, 0, NULL, 0 },
    { "Privacy Policy / Terms of Use / Contact Us", PHRASE, 0, NULL, 0 },
    { "Trending", PHRASE, 1, NULL, 0 },
    { "Recommended for you:", PHRASE, 1, NULL, 0 },
    { "Top Stories", PHRASE, 1, NULL, 0 },
    { "Related Podcasts", PHRASE, 1, NULL, 0 },
    { "MOST READ", PHRASE, 1, NULL, 0 },
    { "More From The Guardian", PHRASE, 1, NULL, 0 },
    { "Editor\xE2\x80\x99s Picks", PHRASE, 1, NULL, 0 },
    { "You May Also Like", PHRASE, 1, NULL, 0 },
    { "Popular in Politics", PHRASE, 1, NULL, 0 },
    { "Share this storyTrending Now", PHRASE, 1, NULL, 0 },
    /* Rule 2: read times, with or without a glued heading after them. */
    { "WorldPutin Gives Update on Ukraine Peace, Trump Sending Witkoff to "
      "Moscow3 min read",
      ITEM, 0, NULL, 0 },
    { "EntertainmentDancing with the Stars: Robert Irwin Crowned Season 34 "
      "Champion2 min readRelated Podcasts",
      ITEM, 1, NULL, 0 },
    { "NWSWinter Storm Warning as 8 Inches of Snow to Hit North and "
      "Midwest3 min readTop Stories",
      ITEM, 1, NULL, 0 },
    { "Why the pound fell 5 mins read", ITEM, 0, NULL, 0 },
    { "The long read: inside the talks 12 minute read", ITEM, 0, NULL, 0 },
    { "Weekly briefing 30 min listen", ITEM, 0, NULL, 0 },
    { "First story1 min readSecond story2 min read", ITEM, 0, NULL, 0 },
    /* Rule 3: shape. */
    { "Military trainer from NATO ally accused of working for Russia in "
      "Ukraine",
      SHORT, 0, NULL, 0 },
    { "Key moments", SHORT, 0, NULL, 0 },
    { "Relatedness is a concept", SHORT, 0, NULL, 0 },
    { "Who is Admiral Frank Bradley? Commander In Spotlight", SHORT, 0, NULL,
      0 },
    { "Stocks fell sharply on Tuesday.", CONTENT, 0, NULL, 0 },
    { "\"We will win,\" she said.\"", CONTENT, 0, NULL, 0 },
    { "Stories about the talks continue\xE2\x80\xA6", CONTENT, 0, NULL, 0 },
    /* Rule 4: glue at the end of real text. */
    { "...bringing a just and lasting peace closer.\"Request Reprint & "
      "Licensing",
      SHORT, 0, "Request Reprint & Licensing", 0 },
    { "The vote passed.Recommended For You", SHORT, 0, "Recommended For You",
      1 },
    { "The vote passed at last, after a long night of talks in the capital "
      "city. Share this article",
      CONTENT, 0, "Share this article", 0 },
    { "Some HeadlineTop Stories", SHORT, 0, "Top Stories", 1 },
    { "Lead story | Advertisement", SHORT, 0, "Advertisement", 0 },
    /* Content that must survive: boilerplate words inside sentences. */
    { "The agency said it would share the data.", CONTENT, 0, NULL, 0 },
    { "Copyright law was debated in parliament today.", CONTENT, 0, NULL, 0 },
    { "The band said all rights reserved were sold.", CONTENT, 0, NULL, 0 },
    { "He said the topic was trending. Related talks begin today.", CONTENT, 0,
      NULL, 0 },
    { "It takes a 5 min read. Worth it.", CONTENT, 0, NULL, 0 },
    { "Sharing is caring.", CONTENT, 0, NULL, 0 },
    { "Print media is struggling, he said.", CONTENT, 0, NULL, 0 },
    { "McDonald Trending", SHORT, 0, NULL, 0 },
    /* No letters at all. */
    { "", BLANK, 0, NULL, 0 },
    { "  --- * * * \xE2\x80\x94 ", BLANK, 0, NULL, 0 },
    { NULL, BLANK, 0, NULL, 0 },
};

static void
test_classify(void)
{
    const struct classify_row *r;
    struct dtl_boiler_line c;
    struct dtl_buf big = DTL_BUF_INIT;
    size_t len, i;

    tap_ok(dtl_boiler_table_ok(), "boiler: rule table is sorted");
    for (r = classify_rows; r->line; r++) {
        len = strlen(r->line);
        dtl_boiler_classify(r->line, len, &c);
        tap_ok(c.kind == r->kind, "classify '%s': kind %d, got %d", r->line,
               (int)r->kind, (int)c.kind);
        if (r->kind == PHRASE || r->kind == ITEM)
            tap_ok(c.heading == r->heading, "classify '%s': heading %d",
                   r->line, r->heading);
        if (r->glue) {
            tap_ok(c.glue != SIZE_MAX && c.glue <= len &&
                       strcmp(r->line + c.glue, r->glue) == 0 &&
                       c.glue_heading == r->glue_heading,
                   "classify '%s': glue '%s' (heading %d)", r->line, r->glue,
                   r->glue_heading);
        } else if (r->kind == SHORT || r->kind == CONTENT) {
            tap_ok(c.glue == SIZE_MAX, "classify '%s': no glue", r->line);
        }
    }
    /* Long lines: only the end is matched, and that stays linear. */
    for (i = 0; i < 400; i++)
        dtl_buf_adds(&big, "Words of a long line ");
    dtl_buf_adds(&big, "5 min read");
    dtl_boiler_classify(big.p, big.len, &c);
    tap_ok(c.kind == ITEM, "classify: long line ending in a read time");
    dtl_buf_truncate(&big, big.len - 10);
    dtl_buf_adds(&big, "end. Share");
    dtl_boiler_classify(big.p, big.len, &c);
    tap_ok(c.kind == CONTENT && c.glue == big.len - 5,
           "classify: long line with a glued tail");
    dtl_buf_release(&big);
}

/* ---- boilerplate: the tail of a page -------------------------------- */

struct cut_row {
    const char *name;
    const char *page;
    size_t floor;
    const char *kept; /* page[0..cut) */
};

static const struct cut_row cut_rows[] = {
    { "corpus-like tail",
      "Para one.\n\"Lasting peace closer.\"\n"
      "Request Reprint & LicensingSubmit Correction\n"
      "Add Newsweek as a preferred source on Google.Recommended For You\n"
      "NewsA headline here2 min read\nLast one1 min readRelated Podcasts\n"
      "Trending\nViralCat story3 min read\n",
      0, "Para one.\n\"Lasting peace closer.\"\n" },
    { "no tail", "Para one.\nPara two.\n", 0, "Para one.\nPara two.\n" },
    { "short lines without a heading stay",
      "Body.\nKey moments\nGoal by Smith\nRed card", 0,
      "Body.\nKey moments\nGoal by Smith\nRed card" },
    { "heading over three short lines", "Para.\nTrending\nFoo Bar\nBaz\nQux\n",
      0, "Para.\n" },
    { "heading over two short lines stays", "Para.\nTrending\nFoo Bar\nBaz\n",
      0, "Para.\nTrending\nFoo Bar\nBaz\n" },
    { "heading over two short lines in a tail",
      "Para.\nTrending\nFoo Bar\nBaz\nShare this article\n", 0, "Para.\n" },
    { "heading alone at the end", "Para.\nRelated Podcasts", 0, "Para.\n" },
    { "glued to the last paragraph", "Para one.\nPara two.Share", 0,
      "Para one.\nPara two." },
    { "glued heading over a list", "Para two.Most Popular\nA B\nC D\nE F\n", 0,
      "Para two." },
    { "boilerplate above short lines in a tail",
      "Para.\nCopyright 2025 X\nFoo\nBar\nShare", 0, "Para.\n" },
    { "real sentence after boilerplate stops the walk",
      "Share\nReal sentence here.\n", 0, "Share\nReal sentence here.\n" },
    { "blank and separator lines inside a tail",
      "Para.\n\n---\nTrending\n\n\nA story4 min read\n\n", 0,
      "Para.\n\n---\n" },
    { "floor protects a headline", "Trending\nShare", 8, "Trending\n" },
    { "floor at the end", "Share", 5, "Share" },
    { "everything is boilerplate", "Share\nTrending\n", 0, "" },
    { NULL, NULL, 0, NULL },
};

static void
test_cut(void)
{
    const struct cut_row *r;
    struct dtl_buf b = DTL_BUF_INIT;
    size_t cut, i;

    for (r = cut_rows; r->name; r++) {
        cut = dtl_boiler_cut(r->page, strlen(r->page), r->floor);
        tap_ok(cut <= strlen(r->page), "cut: %s: in range", r->name);
        tap_is_mem(r->page, cut, r->kept, r->name);
    }
    /* A heading over more than MAX_LIST_RUN short lines is not a list. */
    dtl_buf_adds(&b, "Para.\nMost Popular\n");
    for (i = 0; i < 10; i++)
        dtl_buf_adds(&b, "A short headline\n");
    tap_is_int((long long)dtl_boiler_cut(b.p, b.len, 0), 6,
               "cut: heading over ten short lines");
    for (i = 0; i < 60; i++)
        dtl_buf_adds(&b, "A short headline\n");
    tap_is_int((long long)dtl_boiler_cut(b.p, b.len, 0), (long long)b.len,
               "cut: seventy short lines are text");
    dtl_buf_release(&b);
}

/* ---- pages ---------------------------------------------------------- */

struct page_row {
    const char *name;
    const char *in;
    int year, month, day; /* opts */
    int has_tz, tz;
    const char *dump;
};

static const struct page_row page_rows[] = {
    { "full stamps, EST, stray dots",
      "Lead one. Lead two.\n...Dec 02, 2025 at 04:46 AM EST\nHeadline A\n"
      "Para A1.\n...Para A2.\nDec 02, 2025 at 04:31 AM EST\nHeadline B\n"
      "Para B.\n",
      0, 0, 0, 0, 0,
      "entry 0 lead 2025-12-02T09:46:00Z\nheadline: Lead one.\n"
      "body: Lead two.\n"
      "entry 1 stamp 2025-12-02T09:46:00Z\nheadline: Headline A\n"
      "body: Para A1.\n      Para A2.\n"
      "entry 2 stamp 2025-12-02T09:31:00Z\nheadline: Headline B\n"
      "body: Para B.\n" },
    { "CNN stamps, ET in summer time",
      "12:09 a.m. ET, October 30, 2023\n\xE2\x80\xA6Talks resume\nText.\n"
      "11:58 p.m. ET, October 29, 2023\nOvernight\nMore.\n",
      0, 0, 0, 0, 0,
      "entry 0 stamp 2023-10-30T04:09:00Z\nheadline: Talks resume\n"
      "body: Text.\n"
      "entry 1 stamp 2023-10-30T03:58:00Z\nheadline: Overnight\n"
      "body: More.\n" },
    { "ISO and day-month-year stamps",
      "2025-12-02T10:46:00+01:00\nOne\nA.\n2 December 2025 09:30 GMT\nTwo\n"
      "B.\n",
      0, 0, 0, 0, 0,
      "entry 0 stamp 2025-12-02T09:46:00Z\nheadline: One\nbody: A.\n"
      "entry 1 stamp 2025-12-02T09:30:00Z\nheadline: Two\nbody: B.\n" },
    { "Guardian time-only stamps on the opts date",
      "Summary first.\n3.27pm BST\nLatest\nNews.\n2.55pm BST\nEarlier\n"
      "Older news.\n",
      2013, 9, 18, 0, 0,
      "entry 0 lead 2013-09-17T23:00:00Z\nheadline: Summary first.\n"
      "body: \n"
      "entry 1 stamp 2013-09-18T14:27:00Z\nheadline: Latest\nbody: News.\n"
      "entry 2 stamp 2013-09-18T13:55:00Z\nheadline: Earlier\n"
      "body: Older news.\n" },
    { "newest first across midnight",
      "00:40 GMT\nD\nd.\n00:20 GMT\nC\nc.\n23:50 GMT\nB\nb.\n23:30 GMT\nA\n"
      "a.\n",
      2025, 12, 2, 0, 0,
      "entry 0 stamp 2025-12-02T00:40:00Z\nheadline: D\nbody: d.\n"
      "entry 1 stamp 2025-12-02T00:20:00Z\nheadline: C\nbody: c.\n"
      "entry 2 stamp 2025-12-01T23:50:00Z\nheadline: B\nbody: b.\n"
      "entry 3 stamp 2025-12-01T23:30:00Z\nheadline: A\nbody: a.\n" },
    { "oldest first across midnight",
      "23:30\nA\na.\n23:50\nB\nb.\n00:20\nC\nc.\n00:40\nD\nd.\n", 2025, 12, 1,
      0, 0,
      "entry 0 stamp 2025-12-01T23:30:00Z\nheadline: A\nbody: a.\n"
      "entry 1 stamp 2025-12-01T23:50:00Z\nheadline: B\nbody: b.\n"
      "entry 2 stamp 2025-12-02T00:20:00Z\nheadline: C\nbody: c.\n"
      "entry 3 stamp 2025-12-02T00:40:00Z\nheadline: D\nbody: d.\n" },
    { "day headers date the stamps under them",
      "Tuesday 2 December 2025\n09:00 GMT\nTue\nt.\n"
      "Monday 1 December 2025\n22:00 GMT\nMon\nm.\n21:00 GMT\nMon2\nm2.\n",
      0, 0, 0, 0, 0,
      "entry 0 stamp 2025-12-02T09:00:00Z\nheadline: Tue\nbody: t.\n"
      "entry 1 stamp 2025-12-01T22:00:00Z\nheadline: Mon\nbody: m.\n"
      "entry 2 stamp 2025-12-01T21:00:00Z\nheadline: Mon2\nbody: m2.\n" },
    { "day header in the lead is no text",
      "December 2, 2025\nLead text.\n10:00 GMT\nH\nB.\n", 0, 0, 0, 0, 0,
      "entry 0 lead 2025-12-02T10:00:00Z\nheadline: Lead text.\nbody: \n"
      "entry 1 stamp 2025-12-02T10:00:00Z\nheadline: H\nbody: B.\n" },
    { "time-only stamps above a full stamp, newest first",
      "00:10\nA0\nz.\n00:05\nA\nx.\nDec 01, 2025 at 11:55 PM GMT\nB\ny.\n", 0,
      0, 0, 0, 0,
      "entry 0 stamp 2025-12-02T00:10:00Z\nheadline: A0\nbody: z.\n"
      "entry 1 stamp 2025-12-02T00:05:00Z\nheadline: A\nbody: x.\n"
      "entry 2 stamp 2025-12-01T23:55:00Z\nheadline: B\nbody: y.\n" },
    { "time-only stamps below a full stamp take its date and zone",
      "Dec 01, 2025 at 11:55 PM EST\nB\ny.\n11:20 PM\nA\nx.\n00:10\nC\n"
      "late.\n",
      0, 0, 0, 0, 0,
      "entry 0 stamp 2025-12-02T04:55:00Z\nheadline: B\nbody: y.\n"
      "entry 1 stamp 2025-12-02T04:20:00Z\nheadline: A\nbody: x.\n"
      "entry 2 stamp 2025-12-01T05:10:00Z\nheadline: C\nbody: late.\n" },
    { "metadata: title, date, zone",
      "Title: Storm live\nURL: https://example.com/live\nDate: 2025-12-02\n"
      "zone: CET\n\nLead text here. More.\n10:00\nFirst\nBody.\n09:30\n"
      "Second\nBody 2.\n",
      0, 0, 0, 0, 0,
      "entry 0 lead 2025-12-01T23:00:00Z\nheadline: Storm live\n"
      "body: Lead text here. More.\n"
      "entry 1 stamp 2025-12-02T09:00:00Z\nheadline: First\nbody: Body.\n"
      "entry 2 stamp 2025-12-02T08:30:00Z\nheadline: Second\n"
      "body: Body 2.\n" },
    { "metadata: a date-time dates the lead; opts win over Date:",
      "Date: 2025-12-02T10:00:00Z\n\nArticle text. More text.\n", 0, 0, 0, 0, 0,
      "entry 0 lead 2025-12-02T10:00:00Z\nheadline: Article text.\n"
      "body: More text.\n" },
    { "metadata: opts date over Date:",
      "Date: 2025-12-02T10:00:00Z\n\nArticle text.\n", 2024, 1, 5, 1, 3600,
      "entry 0 lead 2024-01-04T23:00:00Z\nheadline: Article text.\n"
      "body: \n" },
    { "metadata: Date: in words",
      "Title: T\nDate: December 2, 2025\nZone: ET\n\nText.\n09:46\nH\nB.\n", 0,
      0, 0, 0, 0,
      "entry 0 lead 2025-12-02T05:00:00Z\nheadline: T\nbody: Text.\n"
      "entry 1 stamp 2025-12-02T14:46:00Z\nheadline: H\nbody: B.\n" },
    { "not metadata: a Date: value that is no date",
      "Date: the night we met\n\nText.\n", 0, 0, 0, 0, 0,
      "entry 0 lead -\nheadline: Date: the night we met\nbody: Text.\n" },
    { "not metadata: an unknown key", "Author: X\nTitle: Y\n\nText.\n", 0, 0, 0,
      0, 0,
      "entry 0 lead -\nheadline: Author: X\nbody: Title: Y\n      Text.\n" },
    { "not metadata: a relative date", "Date: 24h\n\nText.\n", 0, 0, 0, 0, 0,
      "entry 0 lead -\nheadline: Date: 24h\nbody: Text.\n" },
    { "not metadata: an unknown zone", "Title: A\nZone: Mars time\n\nText.\n",
      0, 0, 0, 0, 0,
      "entry 0 lead -\nheadline: Title: A\nbody: Zone: Mars time\n"
      "      Text.\n" },
    { "metadata only", "Title: Nothing else\n\n", 0, 0, 0, 0, 0, "" },
    { "opts zone for stamps without one", "09:46\nH\nB.\n", 2025, 12, 2, 1,
      3600, "entry 0 stamp 2025-12-02T08:46:00Z\nheadline: H\nbody: B.\n" },
    { "zone of the page's other stamps", "10:00 BST\nA\nx.\n09:30\nB\ny.\n",
      2025, 6, 2, 0, 0,
      "entry 0 stamp 2025-06-02T09:00:00Z\nheadline: A\nbody: x.\n"
      "entry 1 stamp 2025-06-02T08:30:00Z\nheadline: B\nbody: y.\n" },
    { "no zone anywhere is UTC", "Lead.\n16:05\nH\nB.\n", 2025, 12, 2, 0, 0,
      "entry 0 lead 2025-12-02T00:00:00Z\nheadline: Lead.\nbody: \n"
      "entry 1 stamp 2025-12-02T16:05:00Z\nheadline: H\nbody: B.\n" },
    { "time-only stamps with no date at all", "Lead.\n16:05\nH\nB.\n", 0, 0, 0,
      0, 0,
      "entry 0 lead -\nheadline: Lead.\nbody: \n"
      "entry 1 stamp -\nheadline: H\nbody: B.\n" },
    { "article without stamps or title",
      "First sentence here, said Dr. Smith of the U.S. Navy. Second one.\n"
      "Second para.\n",
      0, 0, 0, 0, 0,
      "entry 0 lead -\nheadline: First sentence here, said Dr. Smith of "
      "the U.S. Navy.\nbody: Second one.\n      Second para.\n" },
    { "first sentence ends at a quote; e.g. does not end it",
      "\"Go now,\" he said. \"Why?\" she asked. Then e.g. this.\n", 0, 0, 0, 0,
      0,
      "entry 0 lead -\nheadline: \"Go now,\" he said.\n"
      "body: \"Why?\" she asked. Then e.g. this.\n" },
    { "article with a title", "Title: The title\n\nOne. Two.\n", 0, 0, 0, 0, 0,
      "entry 0 lead -\nheadline: The title\nbody: One. Two.\n" },
    { "stamp without headline, stamps in a row",
      "Lead.\n10:00 GMT\n09:00 GMT\nH\nB.\n08:00 GMT", 2025, 12, 2, 0, 0,
      "entry 0 lead 2025-12-02T00:00:00Z\nheadline: Lead.\nbody: \n"
      "entry 1 stamp 2025-12-02T10:00:00Z\nheadline: \nbody: \n"
      "entry 2 stamp 2025-12-02T09:00:00Z\nheadline: H\nbody: B.\n"
      "entry 3 stamp 2025-12-02T08:00:00Z\nheadline: \nbody: \n" },
    { "white space, blank lines, CRLF",
      "  Lead.  \r\n\r\n\r\n  10:00 GMT \r\n\r\n  Head  \r\n\r\n  Body.  \r\n"
      "\xC2\xA0 \xC2\xA0\r\n...\r\n",
      2025, 12, 2, 0, 0,
      "entry 0 lead 2025-12-02T00:00:00Z\nheadline: Lead.\nbody: \n"
      "entry 1 stamp 2025-12-02T10:00:00Z\nheadline: Head\nbody: Body.\n" },
    { "invalid UTF-8 and NUL", "Caf\xE9 lead.\n10:00 GMT\nH\xFF\nA\0B.\n", 2025,
      12, 2, 0, 0,
      "entry 0 lead 2025-12-02T00:00:00Z\nheadline: Caf\xEF\xBF\xBD lead.\n"
      "body: \n"
      "entry 1 stamp 2025-12-02T10:00:00Z\nheadline: H\xEF\xBF\xBD\n"
      "body: A B.\n" },
    { "boilerplate tail after the last entry",
      "Lead.\n10:00 GMT\nH\nBody.\nShare this article\nRecommended For You\n"
      "Foo 1 min read\n",
      2025, 12, 2, 0, 0,
      "entry 0 lead 2025-12-02T00:00:00Z\nheadline: Lead.\nbody: \n"
      "entry 1 stamp 2025-12-02T10:00:00Z\nheadline: H\nbody: Body.\n" },
    { "boilerplate glued to the last paragraph",
      "Lead.\n10:00 GMT\nH\nBody text.Request Reprint & Licensing\n", 2025, 12,
      2, 0, 0,
      "entry 0 lead 2025-12-02T00:00:00Z\nheadline: Lead.\nbody: \n"
      "entry 1 stamp 2025-12-02T10:00:00Z\nheadline: H\nbody: Body text.\n" },
    { "the last headline is never cut", "Lead.\n10:00 GMT\nTrending\nShare\n",
      2025, 12, 2, 0, 0,
      "entry 0 lead 2025-12-02T00:00:00Z\nheadline: Lead.\nbody: \n"
      "entry 1 stamp 2025-12-02T10:00:00Z\nheadline: Trending\nbody: \n" },
    { "boilerplate only article keeps its first line",
      "Share this article\nAdvertisement\n", 0, 0, 0, 0, 0,
      "entry 0 lead -\nheadline: Share this article\nbody: \n" },
    { "content that looks like boilerplate survives",
      "Lead.\n10:00 GMT\nH\nCopyright law was debated today.\nKey moments\n"
      "Goal by Smith\nRed card\n",
      2025, 12, 2, 0, 0,
      "entry 0 lead 2025-12-02T00:00:00Z\nheadline: Lead.\nbody: \n"
      "entry 1 stamp 2025-12-02T10:00:00Z\nheadline: H\n"
      "body: Copyright law was debated today.\n      Key moments\n"
      "      Goal by Smith\n      Red card\n" },
    { "empty page", "", 0, 0, 0, 0, 0, "" },
    { "blank page", "\n \n\t\n", 0, 0, 0, 0, 0, "" },
    { NULL, NULL, 0, 0, 0, 0, 0, NULL },
};

static dtl_status
read_row(const struct page_row *r, size_t len, dtl_page **page)
{
    struct dtl_text_opts o;

    memset(&o, 0, sizeof(o));
    o.year = r->year;
    o.month = r->month;
    o.day = r->day;
    o.has_tz = r->has_tz;
    o.tz_offset = r->tz;
    return dtl_text_read(r->in, len, &o, page, NULL);
}

/* The length of a row's input: rows may hold NUL bytes, so the one row
 * that does is measured by its known layout. */
static size_t
row_len(const struct page_row *r)
{
    size_t n = strlen(r->in);

    if (strncmp(r->in, "Caf\xE9", 4) == 0)
        n += 1 + strlen(r->in + n + 1);
    return n;
}

static void
test_pages(void)
{
    const struct page_row *r;

    for (r = page_rows; r->name; r++) {
        struct dtl_buf b = DTL_BUF_INIT;
        dtl_page *page = NULL;
        dtl_status st = read_row(r, row_len(r), &page);

        if (!tap_is_int(st, DTL_OK, r->name))
            continue;
        dtl_page_dump(page, &b);
        tap_is_str(dtl_buf_cstr(&b), r->dump, r->name);
        dtl_buf_release(&b);
        dtl_page_free(page);
    }
}

/* Accessors, offsets and counts the dump does not show. */
static void
test_accessors(void)
{
    static const char in[] =
        "Title: Storm live\nURL: https://example.com/live\n\n"
        "Lead\xFF.\r\n10:00 GMT\r\nH\r\nB.\n";
    const struct dtl_entry *e;
    dtl_page *page = NULL;
    size_t len = 99, first = 0;
    const char *s;

    tap_is_int(dtl_text_read(in, sizeof(in) - 1, NULL, &page, NULL), DTL_OK,
               "accessors: read");
    s = dtl_page_title(page, &len);
    tap_is_mem(s, len, "Storm live", "accessors: title");
    s = dtl_page_url(page, &len);
    tap_is_mem(s, len, "https://example.com/live", "accessors: url");
    tap_is_int((long long)dtl_page_bad_bytes(page, &first), 1,
               "accessors: one bad byte");
    tap_is_int((long long)first, 53, "accessors: first bad byte offset");
    tap_is_int((long long)dtl_page_entry_count(page), 2, "accessors: count");
    e = dtl_page_entry(page, 0);
    tap_ok(e && e->is_lead && e->offset == 49, "accessors: lead offset");
    e = dtl_page_entry(page, 1);
    tap_ok(e && !e->is_lead && e->offset == 57,
           "accessors: stamp offset in the input (CRLF counted)");
    tap_ok(dtl_page_entry(page, 2) == NULL, "accessors: out of range");
    dtl_page_free(page);

    tap_ok(dtl_page_entry(NULL, 0) == NULL && dtl_page_entry_count(NULL) == 0,
           "accessors: NULL page");
    s = dtl_page_title(NULL, &len);
    tap_ok(s && len == 0, "accessors: NULL page title");
    dtl_page_free(NULL);

    tap_is_int(dtl_text_read("Text.", 5, NULL, &page, NULL), DTL_OK,
               "accessors: no metadata");
    s = dtl_page_title(page, &len);
    tap_ok(s && len == 0, "accessors: empty title");
    tap_is_int((long long)dtl_page_bad_bytes(page, &first), 0,
               "accessors: no bad bytes");
    tap_ok(first == SIZE_MAX, "accessors: first bad is SIZE_MAX");
    dtl_page_free(page);
}

/* ---- the shared Newsweek live blog ---------------------------------- */

static char *
slurp(const char *path, size_t *len)
{
    struct dtl_buf b = DTL_BUF_INIT;
    char chunk[65536];
    size_t got;
    FILE *f = fopen(path, "rb");

    if (!f)
        return NULL;
    while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
        dtl_buf_add(&b, chunk, got);
    fclose(f);
    return dtl_buf_detach(&b, len);
}

static int
contains(const char *p, size_t n, const char *needle)
{
    size_t k = strlen(needle), i;

    for (i = 0; i + k <= n; i++)
        if (memcmp(p + i, needle, k) == 0)
            return 1;
    return 0;
}

static void
test_shared_corpus(void)
{
    static const char *const tail[] = {
        "Request Reprint",     "Licensing",
        "Submit Correction",   "preferred source",
        "Recommended For You", "min read",
        "Related Podcasts",    "Trending",
        "Top Stories",         NULL,
    };
    static const char lead_headline[] =
        "U.S. President Donald Trump's Special Envoy Steve Witkoff is in "
        "Moscow to meet with Russian President Vladimir Putin and discuss "
        "the evolving plan to bring peace to Ukraine.";
    static const char last_end[] =
        "bringing a just and lasting peace closer.\"";
    char path[4096], iso[32];
    const char *dir = getenv("DATELINE_SHARED"), *top;
    const struct dtl_entry *e;
    dtl_page *page = NULL;
    size_t len, i, k, clean = 0;
    char *text;

    if (dir) {
        snprintf(path, sizeof(path), "%s/corpus/000_1264d0ae378510b8.txt", dir);
    } else {
        top = getenv("top_srcdir");
        snprintf(path, sizeof(path),
                 "%s/../shared/corpus/000_1264d0ae378510b8.txt",
                 top ? top : ".");
    }
    text = slurp(path, &len);
    if (!text) {
        tap_ok(1, "shared live blog # SKIP not found at %s", path);
        return;
    }
    tap_is_int(dtl_text_read(text, len, NULL, &page, NULL), DTL_OK,
               "shared live blog: read");
    if (!page) {
        dtl_free(text);
        return;
    }
    tap_is_int((long long)dtl_page_entry_count(page), 3,
               "shared live blog: three entries");
    e = dtl_page_entry(page, 0);
    if (e) {
        tap_ok(e->is_lead, "shared live blog: lead first");
        tap_is_str(dtl_time_format_iso(e->ts, iso, sizeof(iso)),
                   "2025-12-02T09:46:00Z", "shared live blog: lead time");
        tap_is_mem(e->headline, e->headline_len, lead_headline,
                   "shared live blog: lead headline");
        tap_ok(e->body_len > 0 && memcmp(e->body, "A number of key", 15) == 0,
               "shared live blog: lead body starts after the headline");
        tap_is_int((long long)e->offset, 0, "shared live blog: lead offset");
    }
    e = dtl_page_entry(page, 1);
    if (e) {
        tap_ok(!e->is_lead, "shared live blog: entry 1 is a stamp");
        tap_is_str(dtl_time_format_iso(e->ts, iso, sizeof(iso)),
                   "2025-12-02T09:46:00Z", "shared live blog: entry 1 time");
        tap_is_mem(e->headline, e->headline_len,
                   "Military trainer from NATO ally accused of working for "
                   "Russia in Ukraine",
                   "shared live blog: entry 1 headline");
        tap_ok(e->offset < len && memcmp(text + e->offset, "...Dec 02", 9) == 0,
               "shared live blog: entry 1 offset");
    }
    e = dtl_page_entry(page, 2);
    if (e) {
        tap_is_str(dtl_time_format_iso(e->ts, iso, sizeof(iso)),
                   "2025-12-02T09:31:00Z", "shared live blog: entry 2 time");
        tap_is_mem(e->headline, e->headline_len,
                   "Ukraine defense minister meets with US ambassador to NATO",
                   "shared live blog: entry 2 headline");
        tap_ok(e->body_len >= sizeof(last_end) - 1 &&
                   memcmp(e->body + e->body_len - (sizeof(last_end) - 1),
                          last_end, sizeof(last_end) - 1) == 0,
               "shared live blog: entry 2 body ends with the quote");
    }
    for (i = 0; i < dtl_page_entry_count(page); i++) {
        e = dtl_page_entry(page, i);
        for (k = 0; tail[k]; k++)
            if (contains(e->headline, e->headline_len, tail[k]) ||
                contains(e->body, e->body_len, tail[k]))
                break;
        clean += !tail[k];
    }
    tap_is_int((long long)clean, 3,
               "shared live blog: no boilerplate in any entry");
    dtl_page_free(page);
    dtl_free(text);
}

/* ---- limits, linearity, out of memory ------------------------------- */

static void
test_limits(void)
{
    struct dtl_error err = DTL_ERROR_INIT;
    struct dtl_text_opts o;
    dtl_page *page = (dtl_page *)&err;
    struct dtl_buf b;
    size_t i;
    char *big;

    /* The size is checked before a byte is read. */
    tap_is_int(dtl_text_read("x", DTL_PAGE_MAX_BYTES + 1, NULL, &page, &err),
               DTL_ELIMIT, "limits: 64 MiB + 1 is refused");
    tap_ok(page == NULL && err.code == DTL_ELIMIT, "limits: out and err");
    tap_is_int(dtl_text_read(NULL, 1, NULL, &page, NULL), DTL_EINVAL,
               "limits: NULL input");
    tap_is_int(dtl_text_read("x", 1, NULL, NULL, NULL), DTL_EINVAL,
               "limits: NULL output");
    tap_is_int(dtl_text_read(NULL, 0, NULL, &page, NULL), DTL_OK,
               "limits: NULL empty input");
    tap_is_int((long long)dtl_page_entry_count(page), 0,
               "limits: empty page has no entries");
    dtl_page_free(page);
    memset(&o, 0, sizeof(o));
    o.year = 2025;
    o.month = 2;
    o.day = 30;
    tap_is_int(dtl_text_read("x", 1, &o, &page, NULL), DTL_EINVAL,
               "limits: bad opts date");
    o.day = 28;
    o.has_tz = 1;
    o.tz_offset = 15 * 3600;
    tap_is_int(dtl_text_read("x", 1, &o, &page, NULL), DTL_EINVAL,
               "limits: bad opts zone");

    /* Hostile pages of stamps are refused past DTL_TEXT_MAX_MARKS. */
    dtl_buf_init(&b);
    for (i = 0; i <= DTL_TEXT_MAX_MARKS; i++)
        dtl_buf_add(&b, "1am\n", 4);
    dtl_error_clear(&err);
    tap_is_int(dtl_text_read(b.p, b.len, NULL, &page, &err), DTL_ELIMIT,
               "limits: too many stamps");
    tap_ok(page == NULL && err.offset == b.len - 4,
           "limits: the first stamp too many is reported (%zu)", err.offset);
    dtl_buf_truncate(&b, b.len - 4);
    tap_is_int(dtl_text_read(b.p, b.len, NULL, &page, NULL), DTL_OK,
               "limits: as many stamps as allowed");
    tap_is_int((long long)dtl_page_entry_count(page),
               (long long)DTL_TEXT_MAX_MARKS, "limits: one entry each");
    dtl_page_free(page);
    dtl_buf_release(&b);

    big = dtl_malloc(DTL_PAGE_MAX_BYTES);
    if (big) {
        memset(big, 'a', DTL_PAGE_MAX_BYTES);
        tap_is_int(dtl_text_read(big, DTL_PAGE_MAX_BYTES, NULL, &page, NULL),
                   DTL_OK, "limits: exactly 64 MiB is read");
        tap_is_int((long long)dtl_page_entry_count(page), 1,
                   "limits: one line is one entry");
        dtl_page_free(page);
        dtl_free(big);
    }
}

/* Least CPU seconds of three reads of a page of `lines` copies of
 * `line`. */
static double
time_page(const char *line, size_t lines, size_t *entries)
{
    struct dtl_buf b = DTL_BUF_INIT;
    dtl_page *page = NULL;
    double s, best = 1e9;
    clock_t t0;
    size_t i;
    int run;

    for (i = 0; i < lines; i++)
        dtl_buf_adds(&b, line);
    for (run = 0; run < 3; run++) {
        t0 = clock();
        if (dtl_text_read(b.p, b.len, NULL, &page, NULL) != DTL_OK)
            page = NULL;
        s = (double)(clock() - t0) / CLOCKS_PER_SEC;
        best = s < best ? s : best;
        *entries = dtl_page_entry_count(page);
        dtl_page_free(page);
    }
    dtl_buf_release(&b);
    return best;
}

/* Eight times the input must not take much more than eight times as
 * long (a quadratic pass would take 64 times).  Under a second for the
 * whole page passes too: no quadratic pass gets through 10 MB that fast,
 * and tiny times are mostly noise. */
static void
test_linear(void)
{
    static const struct {
        const char *name, *line;
        size_t lines;
        size_t entries; /* for the big page */
    } cases[] = {
        { "1M short lines", "ab cd\n", 1 << 20, 1 },
        { "one 10 MB line", "word ", 2 << 20, 1 },
        { "100k entries", "10:00\nHeadline\nBody.\n", 100000, 100000 },
        { "a tail of 500k list items", "Story 2 min read\n", 1 << 19, 1 },
    };
    size_t i, n_small, n_big;
    double small, big;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        small = time_page(cases[i].line, cases[i].lines / 8, &n_small);
        big = time_page(cases[i].line, cases[i].lines, &n_big);
        tap_is_int((long long)n_big, (long long)cases[i].entries,
                   cases[i].name);
        tap_ok(big < 1.0 || big < 24 * small,
               "%s: linear (%.3fs for 1/8, %.3fs for all)", cases[i].name,
               small, big);
    }
}

static void
test_oom(void)
{
    static const char in[] =
        "Title: T\nDate: 2025-12-02\n\nLead.\nTuesday 2 December 2025\n"
        "10:00 GMT\nH\nBody \xFF.\n09:00\nH2\nB2.\nShare this article\n";
    struct dtl_error err;
    dtl_page *page;
    dtl_status st;
    long n;
    int ok = 1;

    for (n = 0; n < 200; n++) {
        dtl_error_clear(&err);
        page = (dtl_page *)&err;
        dtl_alloc_fail_after(n);
        st = dtl_text_read(in, sizeof(in) - 1, NULL, &page, &err);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK)
            break;
        if (st != DTL_ENOMEM || page != NULL || err.code != DTL_ENOMEM)
            ok = 0;
    }
    tap_ok(ok, "oom: every failure is DTL_ENOMEM with no page");
    tap_ok(st == DTL_OK && page && dtl_page_entry_count(page) == 3,
           "oom: succeeds once allocations do (%ld faults)", n);
    if (st == DTL_OK)
        dtl_page_free(page);
}

int
main(void)
{
    test_sanitise();
    test_classify();
    test_cut();
    test_pages();
    test_accessors();
    test_shared_corpus();
    test_limits();
    test_linear();
    test_oom();
    return tap_done();
}
