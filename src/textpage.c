/* Dateline: the plain-text page reader and the page object.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * dtl_text_read() (include/dateline/page.h) is called by the indexer for
 * every plain-text page and by `dtl-test-tool split`.  It relies on
 * src/sanitise.c (valid UTF-8, LF line ends), src/boiler.c (where the
 * boilerplate tail starts) and the stamp API (src/stamp.c, src/zone.c).
 *
 * Reading a page takes these passes, each linear in the page:
 *  1. sanitise the input into the page's one copy of the text;
 *  2. read the metadata header (Title:, URL:, Date:, Zone:, then a blank
 *     line; any other line, a repeated key or a value that does not parse
 *     means there is no header, so ordinary text is never taken for one);
 *  3. find the marks: lines that are a stamp (FULL or TIME: they open
 *     entries) or a date (DATE: a day header, part of no text);
 *  4. cut the boilerplate tail, never above the last entry's headline;
 *  5. date the stamps (below);
 *  6. build the entries, compacting each entry's lines in place (trimmed,
 *     a stray leading "..." dropped, blank and day-header lines left out,
 *     paragraphs joined with '\n'), so the entries point into the text;
 *  7. map the entries' offsets back to the input.
 *
 * Dating.  A stamp without a zone takes opts->tz_offset (has_tz), else the
 * Zone: line, else the zone of the nearest stamp that has one (the one
 * above it first), else UTC.  The page runs newest first unless its stamps
 * (FULL by instant, TIME by time of day) and day headers mostly rise.  A
 * TIME stamp takes its day from what dates it above: a FULL stamp, a day
 * header or the TIME stamp before it, and crosses midnight when the clock
 * goes the wrong way for the page's direction (later than the entry above
 * on a newest-first page: the day before).  TIME stamps above any of
 * those take the page's date (opts, else Date:), else the date of the
 * first FULL stamp or day header below, walking upwards with the mirrored
 * rule.  The printed stamps are more specific than the page's date, so
 * they win over it below them.
 *
 * Limits: DTL_PAGE_MAX_BYTES of input and DTL_TEXT_MAX_MARKS stamp and
 * date lines (DTL_ELIMIT); every pass is linear, and the boilerplate rules
 * look at no more than the end of each line.
 *
 * The lead (the text before the first stamp) is dated by the page's date
 * (opts: that day at 00:00 in the page zone; Date: likewise, or its
 * instant if it gives a time), else by the newest entry.  Without a
 * Title: its first sentence is its headline.
 */
#include <config.h>
#include "textpage.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "boiler.h"
#include "page.h"
#include "sanitise.h"
#include "status.h"

#include "banned.h"

/* Lines longer than this are text, never a stamp. */
#define STAMP_LINE_MAX 160
#define SECONDS_PER_DAY 86400

/* A zone for stamps printed without one. */
struct zone {
    int known;
    int offset; /* seconds east of UTC (standard time) */
    int rule;   /* DTL_DST_* */
};

/* A line that is a stamp or a date. */
struct mark {
    size_t start;        /* first byte of the trimmed line */
    size_t end;          /* the '\n' ending the line, or the end */
    struct dtl_stamp st; /* FULL, TIME or DATE */
    struct zone dz;      /* zone for it if it has none */
    int64_t ts;          /* resolved FULL/TIME, else DTL_TS_NONE */
};

/* What dates a TIME stamp: the day, and the clock of the stamp it came
 * from (has_tod) when midnight crossings are to be detected. */
struct anchor {
    int ok;
    int y, m, d;
    int has_tod;
    long tod;
};

struct reader {
    const struct dtl_text_opts *opts;
    dtl_page *page;
    char *t; /* page->text */
    size_t n;
    size_t body;        /* first byte after the header */
    const char *date_v; /* Date: value, or NULL */
    size_t date_len;
    struct zone zone; /* opts tz, else Zone: */
    struct mark *marks;
    size_t n_marks;
    size_t cap_marks;
    size_t n_stamps; /* FULL and TIME marks */
    int newest_first;
    int has_pdate; /* the page's date: opts, else Date: */
    int py, pm, pd;
    int64_t pinstant; /* Date: gave a time: its instant */
    size_t fail_at;   /* the line past DTL_TEXT_MAX_MARKS */
};

static const char empty[] = "";

static int
is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* Trim white space (ASCII and U+00A0) from both ends of t[*a..*b). */
static void
trim(const char *t, size_t *a, size_t *b)
{
    const unsigned char *s = (const unsigned char *)t;

    for (;;) {
        if (*a < *b && is_space(s[*a]))
            (*a)++;
        else if (*a + 1 < *b && s[*a] == 0xC2 && s[*a + 1] == 0xA0)
            *a += 2;
        else
            break;
    }
    for (;;) {
        if (*b > *a && is_space(s[*b - 1]))
            (*b)--;
        else if (*b >= *a + 2 && s[*b - 2] == 0xC2 && s[*b - 1] == 0xA0)
            *b -= 2;
        else
            break;
    }
}

/* Trim, then drop a stray leading "..." (or more dots) or U+2026. */
static void
trim_dots(const char *t, size_t *a, size_t *b)
{
    trim(t, a, b);
    if (*b - *a >= 3 && t[*a] == '.' && t[*a + 1] == '.' && t[*a + 2] == '.') {
        while (*a < *b && t[*a] == '.')
            (*a)++;
    } else if (*b - *a >= 3 && memcmp(t + *a, "\xE2\x80\xA6", 3) == 0) {
        *a += 3;
    } else {
        return;
    }
    trim(t, a, b);
}

/* End of the line starting at i in t[0..n): its '\n' or n. */
static size_t
line_end(const char *t, size_t i, size_t n)
{
    const char *nl = i < n ? memchr(t + i, '\n', n - i) : NULL;

    return nl ? (size_t)(nl - t) : n;
}

/* ---- civil dates and zones ------------------------------------------ */

static int
valid_date(int y, int m, int d)
{
    int yy, mm, dd;

    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    dtl_time_to_civil(dtl_time_from_civil(y, m, d, 12, 0, 0), &yy, &mm, &dd,
                      NULL, NULL, NULL);
    return yy == y && mm == m && dd == d;
}

static void
shift_day(int *y, int *m, int *d, int delta)
{
    int64_t t = dtl_time_from_civil(*y, *m, *d, 12, 0, 0);

    dtl_time_to_civil(t + (int64_t)delta * SECONDS_PER_DAY, y, m, d, NULL, NULL,
                      NULL);
}

/* UTC of a FULL stamp, giving it zone z if it was printed without one. */
static int64_t
resolve(struct dtl_stamp st, const struct zone *z)
{
    if (!st.has_zone && z->known) {
        st.has_zone = 1;
        st.utc_offset = z->offset;
        st.zone_dst_rule = z->rule;
    }
    st.kind = DTL_STAMP_FULL;
    return dtl_stamp_to_utc(&st, 0);
}

/* UTC of y-m-d hh:mm:ss as a clock in zone z shows it. */
static int64_t
resolve_civil(int y, int m, int d, long tod, const struct zone *z)
{
    struct dtl_stamp st;

    memset(&st, 0, sizeof(st));
    st.year = y;
    st.month = m;
    st.day = d;
    st.hour = (int)(tod / 3600);
    st.minute = (int)(tod / 60 % 60);
    st.second = (int)(tod % 60);
    return resolve(st, z);
}

/* The civil date of instant t on a clock in zone z. */
static void
local_date(int64_t t, const struct zone *z, int *y, int *m, int *d)
{
    int64_t off = z->known ? z->offset : 0;

    if (z->known && z->rule != DTL_DST_NONE) {
        int yy, mm, dd, h, mi, s;
        int64_t u;

        dtl_time_to_civil(t + off, &yy, &mm, &dd, &h, &mi, &s);
        u = resolve_civil(yy, mm, dd, (long)h * 3600 + mi * 60 + s, z);
        if (u != DTL_TS_NONE)
            off += t - u;
    }
    dtl_time_to_civil(t + off, y, m, d, NULL, NULL, NULL);
}

static long
tod_of(const struct dtl_stamp *st)
{
    return (long)st->hour * 3600 + st->minute * 60 + st->second;
}

/* ---- the header ----------------------------------------------------- */

/* The metadata keys, in the order of their bits in `seen`. */
enum { KEY_TITLE, KEY_URL, KEY_DATE, KEY_ZONE, N_KEYS };

static const char *const key_names[N_KEYS] = { "title", "url", "date", "zone" };

/* Which metadata key opens t[a..b) (-1 if none), and where its value
 * starts. */
static int
meta_key(const char *t, size_t a, size_t b, size_t *value)
{
    size_t k, len;
    int i;

    for (i = 0; i < N_KEYS; i++) {
        len = strlen(key_names[i]);
        if (b - a <= len || t[a + len] != ':')
            continue;
        for (k = 0; k < len; k++)
            if ((t[a + k] | 0x20) != key_names[i][k])
                break;
        if (k == len) {
            *value = a + len + 1;
            return i;
        }
    }
    return -1;
}

/* 1 if the Date: value v[0..n) is a date or date-time we can use. */
static int
date_ok(const char *v, size_t n)
{
    struct dtl_stamp st;
    double secs;
    int64_t ts;

    if (dtl_duration_parse(v, n, &secs) == DTL_OK)
        return 0; /* "24h" is relative to now: not a page's date */
    if (dtl_stamp_parse_line(v, n, &st) == DTL_OK &&
        (st.kind == DTL_STAMP_FULL || st.kind == DTL_STAMP_DATE))
        return 1;
    return dtl_time_parse_user(v, n, 0, &ts, NULL) == DTL_OK;
}

/* Read the header, if the page has one; sets r->body. */
static void
read_header(struct reader *r)
{
    const char *t = r->t, *val[N_KEYS] = { NULL, NULL, NULL, NULL };
    size_t len[N_KEYS] = { 0, 0, 0, 0 };
    size_t pos = 0, i, e, a, b, v;
    int seen = 0, key, off = 0, rule = 0;

    if (r->n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    r->body = pos;
    for (i = pos; i < r->n; i = e + 1) {
        e = line_end(t, i, r->n);
        a = i;
        b = e;
        trim(t, &a, &b);
        if (a == b) {
            if (seen)
                break;
            continue;
        }
        key = meta_key(t, a, b, &v);
        if (key < 0 || (seen & (1 << key)))
            return;
        trim(t, &v, &b);
        if (v == b)
            return;
        seen |= 1 << key;
        val[key] = t + v;
        len[key] = b - v;
    }
    if (!seen || (val[KEY_DATE] && !date_ok(val[KEY_DATE], len[KEY_DATE])))
        return;
    if (val[KEY_ZONE] &&
        !dtl_zone_lookup(val[KEY_ZONE], len[KEY_ZONE], &off, &rule))
        return;
    if (val[KEY_TITLE]) {
        r->page->field[DTL_PAGE_TITLE] =
            (struct dtl_page_str){ val[KEY_TITLE], len[KEY_TITLE] };
    }
    if (val[KEY_URL]) {
        r->page->field[DTL_PAGE_URL] =
            (struct dtl_page_str){ val[KEY_URL], len[KEY_URL] };
    }
    r->date_v = val[KEY_DATE];
    r->date_len = len[KEY_DATE];
    if (val[KEY_ZONE] && !r->zone.known) {
        r->zone.known = 1;
        r->zone.offset = off;
        r->zone.rule = rule;
    }
    r->body = i < r->n ? i : r->n;
}

/* ---- marks ---------------------------------------------------------- */

static dtl_status
add_mark(struct reader *r, size_t start, size_t end, const struct dtl_stamp *st)
{
    struct mark *m;

    if (r->n_marks == DTL_TEXT_MAX_MARKS)
        return DTL_ELIMIT;
    if (r->n_marks == r->cap_marks) {
        size_t cap = r->cap_marks ? r->cap_marks * 2 : 16;

        if (cap > SIZE_MAX / sizeof(*m))
            return DTL_ENOMEM;
        m = dtl_realloc(r->marks, cap * sizeof(*m));
        if (!m)
            return DTL_ENOMEM;
        r->marks = m;
        r->cap_marks = cap;
    }
    m = &r->marks[r->n_marks++];
    m->start = start;
    m->end = end;
    m->st = *st;
    m->ts = DTL_TS_NONE;
    m->dz.known = 0;
    if (st->kind != DTL_STAMP_DATE)
        r->n_stamps++;
    return DTL_OK;
}

static dtl_status
find_marks(struct reader *r)
{
    struct dtl_stamp st;
    size_t i, e, a, b;
    dtl_status rc;

    for (i = r->body; i < r->n; i = e + 1) {
        e = line_end(r->t, i, r->n);
        a = i;
        b = e;
        trim(r->t, &a, &b);
        if (a == b || b - a > STAMP_LINE_MAX)
            continue;
        if (dtl_stamp_parse_line(r->t + a, b - a, &st) != DTL_OK ||
            st.kind == DTL_STAMP_NONE)
            continue;
        rc = add_mark(r, a, e, &st);
        if (rc != DTL_OK) {
            r->fail_at = a;
            return rc;
        }
    }
    return DTL_OK;
}

static int
is_stamp(const struct mark *m)
{
    return m->st.kind == DTL_STAMP_FULL || m->st.kind == DTL_STAMP_TIME;
}

/* Cut the boilerplate tail; returns where the page's text ends. */
static size_t
cut_tail(struct reader *r)
{
    size_t floor = r->body, i, e, a, b, k, cut;

    /* Protect the last stamp and its headline line. */
    for (k = r->n_marks; k-- > 0;)
        if (is_stamp(&r->marks[k]))
            break;
    i = k != (size_t)-1 ? r->marks[k].end : r->body;
    floor = i;
    for (; i < r->n; i = e + 1) {
        e = line_end(r->t, i, r->n);
        a = i;
        b = e;
        trim_dots(r->t, &a, &b);
        if (a < b) {
            floor = e;
            break;
        }
    }
    cut = r->body +
          dtl_boiler_cut(r->t + r->body, r->n - r->body, floor - r->body);
    /* Only day headers can lie past the floor. */
    while (r->n_marks && r->marks[r->n_marks - 1].start >= cut)
        r->n_marks--;
    return cut;
}

/* ---- dating --------------------------------------------------------- */

/* Give every mark the zone its stamp takes when it was printed without
 * one: the page's, else the nearest zoned stamp's (above first). */
static void
assign_zones(struct reader *r)
{
    struct zone z = { 0, 0, 0 };
    size_t k;

    if (r->zone.known) {
        for (k = 0; k < r->n_marks; k++)
            r->marks[k].dz = r->zone;
        return;
    }
    for (k = r->n_marks; k-- > 0;) {
        struct mark *m = &r->marks[k];

        if (m->st.has_zone && m->st.kind != DTL_STAMP_DATE) {
            z.known = 1;
            z.offset = m->st.utc_offset;
            z.rule = m->st.zone_dst_rule;
        }
        m->dz = z;
    }
    z.known = 0;
    for (k = 0; k < r->n_marks; k++) {
        struct mark *m = &r->marks[k];

        if (z.known)
            m->dz = z;
        if (m->st.has_zone && m->st.kind != DTL_STAMP_DATE) {
            z.known = 1;
            z.offset = m->st.utc_offset;
            z.rule = m->st.zone_dst_rule;
        }
    }
}

static int
cmp_long(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

/* Decide from the marks' order whether the page runs newest first. */
static int
runs_newest_first(const struct reader *r)
{
    const struct mark *prev = NULL, *prev_day = NULL;
    long votes = 0;
    size_t k;
    int c;

    for (k = 0; k < r->n_marks; k++) {
        const struct mark *m = &r->marks[k];

        if (m->st.kind == DTL_STAMP_DATE) {
            if (prev_day) {
                c = cmp_long(dtl_time_from_civil(m->st.year, m->st.month,
                                                 m->st.day, 0, 0, 0),
                             dtl_time_from_civil(prev_day->st.year,
                                                 prev_day->st.month,
                                                 prev_day->st.day, 0, 0, 0));
                votes -= c;
            }
            prev_day = m;
            prev = NULL;
            continue;
        }
        if (prev) {
            if (m->st.kind == DTL_STAMP_FULL &&
                prev->st.kind == DTL_STAMP_FULL && m->ts != DTL_TS_NONE &&
                prev->ts != DTL_TS_NONE)
                c = cmp_long(m->ts, prev->ts);
            else
                c = cmp_long(tod_of(&m->st), tod_of(&prev->st));
            votes -= c;
        }
        prev = m;
    }
    return votes >= 0;
}

static void
anchor_at(struct anchor *a, const struct mark *m)
{
    a->ok = 1;
    a->y = m->st.year;
    a->m = m->st.month;
    a->d = m->st.day;
    a->has_tod = m->st.kind != DTL_STAMP_DATE;
    a->tod = a->has_tod ? tod_of(&m->st) : 0;
}

/* Date the TIME mark m from anchor a (the mark above it when down is 1,
 * below it when down is 0), then make m the anchor. */
static void
date_time_mark(struct reader *r, struct anchor *a, struct mark *m, int down)
{
    long tod = tod_of(&m->st);
    int y = a->y, mo = a->m, d = a->d, later;

    if (a->has_tod && tod != a->tod) {
        /* Reading down a newest-first page, time goes back. */
        later = tod > a->tod;
        if (down && later == r->newest_first)
            shift_day(&y, &mo, &d, r->newest_first ? -1 : 1);
        else if (!down && later != r->newest_first)
            shift_day(&y, &mo, &d, r->newest_first ? 1 : -1);
    }
    m->st.year = y;
    m->st.month = mo;
    m->st.day = d;
    m->ts = valid_date(y, mo, d) ? resolve(m->st, &m->dz) : DTL_TS_NONE;
    a->ok = 1;
    a->y = y;
    a->m = mo;
    a->d = d;
    a->has_tod = 1;
    a->tod = tod;
}

/* The page's date: opts, else the Date: line (in the lead's zone). */
static void
page_date(struct reader *r, const struct zone *lz)
{
    const struct dtl_text_opts *o = r->opts;
    struct dtl_stamp st;
    int64_t ts;

    r->pinstant = DTL_TS_NONE;
    if (o && o->year) {
        r->has_pdate = 1;
        r->py = o->year;
        r->pm = o->month;
        r->pd = o->day;
        return;
    }
    if (!r->date_v)
        return;
    /* Stamp forms first: they tell a date from a date-time. */
    if (dtl_stamp_parse_line(r->date_v, r->date_len, &st) == DTL_OK &&
        (st.kind == DTL_STAMP_DATE || st.kind == DTL_STAMP_FULL)) {
        r->has_pdate = 1;
        r->py = st.year;
        r->pm = st.month;
        r->pd = st.day;
        if (st.kind == DTL_STAMP_FULL)
            r->pinstant = resolve(st, lz);
        return;
    }
    if (dtl_time_parse_user(r->date_v, r->date_len, 0, &ts, NULL) != DTL_OK)
        return;
    r->has_pdate = 1;
    r->pinstant = ts;
    local_date(ts, lz, &r->py, &r->pm, &r->pd);
}

/* Resolve every stamp to UTC; returns the lead's time. */
static int64_t
date_stamps(struct reader *r)
{
    struct anchor a = { 0, 0, 0, 0, 0, 0 };
    struct zone lz = r->zone;
    size_t k, first = SIZE_MAX;
    int64_t newest = DTL_TS_NONE;

    assign_zones(r);
    /* The lead's zone: the page's, else the first stamp's that has one. */
    for (k = 0; k < r->n_marks && !lz.known; k++) {
        const struct dtl_stamp *st = &r->marks[k].st;

        if (st->has_zone && st->kind != DTL_STAMP_DATE) {
            lz.known = 1;
            lz.offset = st->utc_offset;
            lz.rule = st->zone_dst_rule;
        }
    }
    for (k = 0; k < r->n_marks; k++)
        if (r->marks[k].st.kind == DTL_STAMP_FULL)
            r->marks[k].ts = resolve(r->marks[k].st, &r->marks[k].dz);
    r->newest_first = runs_newest_first(r);
    page_date(r, &lz);

    for (k = 0; k < r->n_marks; k++) {
        struct mark *m = &r->marks[k];

        if (m->st.kind != DTL_STAMP_TIME) {
            anchor_at(&a, m);
            if (first == SIZE_MAX)
                first = k;
        } else if (a.ok) {
            date_time_mark(r, &a, m, 1);
        }
    }
    if (first == SIZE_MAX)
        first = r->n_marks;
    if (r->has_pdate) {
        a.ok = 1;
        a.y = r->py;
        a.m = r->pm;
        a.d = r->pd;
        a.has_tod = 0;
        for (k = 0; k < first; k++)
            date_time_mark(r, &a, &r->marks[k], 1);
    } else if (first < r->n_marks) {
        anchor_at(&a, &r->marks[first]);
        for (k = first; k-- > 0;)
            date_time_mark(r, &a, &r->marks[k], 0);
    }

    if (r->has_pdate)
        return r->pinstant != DTL_TS_NONE
                   ? r->pinstant
                   : resolve_civil(r->py, r->pm, r->pd, 0, &lz);
    for (k = 0; k < r->n_marks; k++)
        if (is_stamp(&r->marks[k]) && r->marks[k].ts != DTL_TS_NONE &&
            (newest == DTL_TS_NONE || r->marks[k].ts > newest))
            newest = r->marks[k].ts;
    return newest;
}

/* ---- entries -------------------------------------------------------- */

/*
 * Compact the lines of t[from..to) in place, from `from` on: trimmed, a
 * leading "..." dropped, blank lines and day headers left out, joined with
 * '\n'.  Writing never overtakes reading, as every kept line loses at
 * least its '\n' or nothing.  *mi walks the marks; *first receives the
 * offset of the first kept line (SIZE_MAX if none).  Returns the length.
 */
static size_t
compact(struct reader *r, size_t from, size_t to, size_t *mi, size_t *first)
{
    char *t = r->t;
    size_t w = from, i, e, a, b;

    *first = SIZE_MAX;
    for (i = from; i < to; i = e + 1) {
        e = line_end(t, i, to);
        while (*mi < r->n_marks && r->marks[*mi].start < i)
            (*mi)++;
        if (*mi < r->n_marks && r->marks[*mi].start < e)
            continue;
        a = i;
        b = e;
        trim_dots(t, &a, &b);
        if (a == b)
            continue;
        if (*first == SIZE_MAX)
            *first = a;
        else
            t[w++] = '\n';
        memmove(t + w, t + a, b - a);
        w += b - a;
    }
    return w - from;
}

/* A '.' at s[i] that ends an abbreviation or an initial, not a sentence. */
static int
is_abbrev(const char *s, size_t i)
{
    static const char *const words[] = {
        "adm", "apr",  "approx", "aug",  "capt", "cmdr", "co",   "col",  "corp",
        "dec", "dept", "dr",     "feb",  "ft",   "gen",  "gov",  "hon",  "inc",
        "jan", "jr",   "jul",    "jun",  "lt",   "ltd",  "maj",  "mar",  "mr",
        "mrs", "ms",   "mt",     "no",   "nov",  "oct",  "pres", "prof", "rep",
        "rev", "sen",  "sep",    "sept", "sgt",  "sr",   "st",   "supt", "vs",
    };
    size_t w = i, k, len;

    while (w > 0 && ((s[w - 1] | 0x20) >= 'a' && (s[w - 1] | 0x20) <= 'z'))
        w--;
    len = i - w;
    if (len == 0)
        return 0;
    if (len == 1 && s[w] >= 'A' && s[w] <= 'Z')
        return 1; /* "J. Smith", the "S" of "U.S." */
    if (w > 0 && s[w - 1] == '.')
        return 1; /* "a.m." */
    for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
        size_t j;

        if (strlen(words[k]) != len)
            continue;
        for (j = 0; j < len && (s[w + j] | 0x20) == words[k][j]; j++)
            ;
        if (j == len)
            return 1;
    }
    return 0;
}

/* Length of the first sentence of s[0..n) (at most its first line),
 * with its closing punctuation and quotes. */
static size_t
first_sentence(const char *s, size_t n)
{
    size_t i, e, end;

    for (i = 0; i < n && s[i] != '\n'; i++) {
        if (s[i] != '.' && s[i] != '!' && s[i] != '?')
            continue;
        e = i + 1;
        while (e < n && (s[e] == '"' || s[e] == '\'' || s[e] == ')' ||
                         (e + 2 < n && s[e] == '\xE2' && s[e + 1] == '\x80' &&
                          (s[e + 2] == '\x9D' || s[e + 2] == '\x99'))))
            e += s[e] == '\xE2' ? 3 : 1;
        end = e;
        if (e == n || s[e] == '\n')
            return end;
        if (s[e] != ' ' && s[e] != '\t')
            continue; /* "3.5", "U.S" */
        if (s[i] == '.' && is_abbrev(s, i))
            continue;
        while (e < n && (s[e] == ' ' || s[e] == '\t'))
            e++;
        if (e < n && s[e] >= 'a' && s[e] <= 'z')
            continue; /* "e.g. this" */
        return end;
    }
    return i;
}

/* Split compacted text at s[0..n) into headline (its first line) and
 * body (the rest). */
static void
split_first_line(struct dtl_entry *en, const char *s, size_t n)
{
    const char *nl = memchr(s, '\n', n);
    size_t h = nl ? (size_t)(nl - s) : n;

    en->headline = s;
    en->headline_len = h;
    en->body = s + (h < n ? h + 1 : n);
    en->body_len = h < n ? n - h - 1 : 0;
}

static void
make_lead(struct reader *r, struct dtl_entry *en, size_t len, size_t off,
          int64_t ts)
{
    const char *s = r->t + r->body;
    const struct dtl_page_str *title = &r->page->field[DTL_PAGE_TITLE];
    size_t h, b;

    if (title->n) {
        *en = (struct dtl_entry){ ts, title->p, title->n, s, len, 1, off,
                                  NULL, 0 };
        return;
    }
    h = first_sentence(s, len);
    b = h;
    while (b < len && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n'))
        b++;
    *en = (struct dtl_entry){ ts, s, h, s + b, len - b, 1, off, NULL, 0 };
}

static dtl_status
build_entries(struct reader *r, size_t cut, int64_t lead_ts)
{
    dtl_page *page = r->page;
    size_t k, mi = 0, len, first, end, next;

    page->entries = dtl_calloc(r->n_stamps + 1, sizeof(*page->entries));
    if (!page->entries)
        return DTL_ENOMEM;
    page->cap_entries = r->n_stamps + 1;
    for (k = 0; k < r->n_marks && !is_stamp(&r->marks[k]); k++)
        ;
    end = k < r->n_marks ? r->marks[k].start : cut;
    len = compact(r, r->body, end, &mi, &first);
    if (len)
        make_lead(r, &page->entries[page->n_entries++], len, first, lead_ts);
    while (k < r->n_marks) {
        struct mark *m = &r->marks[k];
        struct dtl_entry *en = &page->entries[page->n_entries++];

        for (next = k + 1; next < r->n_marks && !is_stamp(&r->marks[next]);
             next++)
            ;
        end = next < r->n_marks ? r->marks[next].start : cut;
        len = m->end < end ? compact(r, m->end, end, &mi, &first) : 0;
        *en = (struct dtl_entry){ m->ts, empty, 0, empty, 0, 0, m->start,
                                  NULL, 0 };
        if (len)
            split_first_line(en, r->t + m->end, len);
        k = next;
    }
    return DTL_OK;
}

/* ---- the public interface ------------------------------------------- */

static dtl_status
check_opts(const struct dtl_text_opts *o)
{
    if (!o)
        return DTL_OK;
    if ((o->year || o->month || o->day) &&
        !valid_date(o->year, o->month, o->day))
        return DTL_EINVAL;
    if (o->has_tz && (o->tz_offset < -14 * 3600 || o->tz_offset > 14 * 3600))
        return DTL_EINVAL;
    return DTL_OK;
}

dtl_status
dtl_text_read(const char *p, size_t n, const struct dtl_text_opts *opts,
              dtl_page **out, struct dtl_error *err)
{
    struct dtl_buf text = DTL_BUF_INIT;
    struct dtl_sanitise_stats stats;
    struct dtl_sanitise_map map;
    struct reader r;
    dtl_page *page = NULL;
    dtl_status rc;
    size_t cut, i;
    int64_t lead_ts;

    if (out)
        *out = NULL;
    if (!out || (!p && n))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_text_read: no input or no output");
    if (n > DTL_PAGE_MAX_BYTES)
        return dtl_error_set(err, DTL_ELIMIT, SIZE_MAX,
                             "page of %zu bytes exceeds the limit of %zu", n,
                             DTL_PAGE_MAX_BYTES);
    rc = check_opts(opts);
    if (rc != DTL_OK)
        return dtl_error_set(err, rc, SIZE_MAX,
                             "dtl_text_read: bad date or zone in options");

    memset(&r, 0, sizeof(r));
    r.opts = opts;
    page = dtl_page_alloc();
    if (!page) {
        rc = DTL_ENOMEM;
        goto out;
    }
    rc = dtl_sanitise_copy(p ? p : empty, n, &text, &stats);
    if (rc != DTL_OK)
        goto out;
    page->bad = stats.bad;
    page->first_bad = stats.first_bad;
    page->text = dtl_buf_detach(&text, &page->text_len);
    if (!page->text) {
        rc = DTL_ENOMEM;
        goto out;
    }
    r.page = page;
    r.t = page->text;
    r.n = page->text_len;
    if (opts && opts->has_tz) {
        r.zone.known = 1;
        r.zone.offset = opts->tz_offset;
    }

    read_header(&r);
    rc = find_marks(&r);
    if (rc == DTL_ELIMIT) {
        dtl_sanitise_map_init(&map, p, n);
        dtl_error_set(err, rc, dtl_sanitise_map_offset(&map, r.fail_at),
                      "more than %zu stamp and date lines in a page",
                      DTL_TEXT_MAX_MARKS);
    }
    if (rc != DTL_OK)
        goto out;
    cut = cut_tail(&r);
    lead_ts = date_stamps(&r);
    rc = build_entries(&r, cut, lead_ts);
    if (rc != DTL_OK)
        goto out;

    dtl_sanitise_map_init(&map, p ? p : empty, n);
    for (i = 0; i < page->n_entries; i++)
        page->entries[i].offset =
            dtl_sanitise_map_offset(&map, page->entries[i].offset);
    *out = page;
    page = NULL;
out:
    dtl_buf_release(&text);
    dtl_free(r.marks);
    dtl_page_free(page);
    if (rc == DTL_ENOMEM)
        dtl_error_set(err, rc, SIZE_MAX, "out of memory reading a page");
    return rc;
}

void
dtl_page_dump(const dtl_page *page, struct dtl_buf *out)
{
    char iso[32];
    size_t i, k, s;

    if (!page)
        return;
    for (i = 0; i < page->n_entries; i++) {
        const struct dtl_entry *en = &page->entries[i];

        dtl_buf_addf(out, "entry %zu %s %s\nheadline: ", i,
                     en->is_lead ? "lead" : "stamp",
                     dtl_time_format_iso(en->ts, iso, sizeof(iso)));
        dtl_buf_add(out, en->headline, en->headline_len);
        dtl_buf_add(out, "\nbody: ", 7);
        for (s = k = 0; k < en->body_len; k++) {
            if (en->body[k] != '\n')
                continue;
            dtl_buf_add(out, en->body + s, k - s);
            dtl_buf_add(out, "\n      ", 7);
            s = k + 1;
        }
        dtl_buf_add(out, en->body + s, en->body_len - s);
        dtl_buf_addc(out, '\n');
    }
}
