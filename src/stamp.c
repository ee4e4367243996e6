/* Dateline: stamp lines, durations and user date expressions.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The plain-text page reader calls dtl_stamp_parse_line() on every line of
 * every page to find the lines that open live-blog entries, so the parser
 * rejects ordinary text after a glance (length, then the first word) and
 * accepts only a line that is one stamp from end to end.  The query parser
 * and the command line call dtl_time_parse_user() for since:/until: and
 * --since.  Zone names, DST rules and the civil-time arithmetic
 * (dtl_time_from_civil() and friends) live in src/zone.c.  Nothing here
 * uses the locale, the TZ environment or libc time functions.
 *
 * Grammar of a stamp line (after trimming; case-insensitive words):
 *
 *   line     := dots? prefix? body
 *   dots     := ("." | "…")+
 *   prefix   := ("Updated" | "Posted" | "Published" | "Last updated")
 *               (":" | "at" | "on")?
 *   body     := date (sep time zone?)?
 *             | time zone? (tailsep date)?
 *   date     := iso-date | (weekday "."? ","? ("|" | "·" ...)?)? (mdy | dmy)
 *   mdy      := month "."? day ordinal? ","? year
 *   dmy      := day ordinal? "of"? month "."? ","? year
 *   iso-date := YYYY "-" MM "-" DD       (then "T" may replace sep)
 *   time     := H[H] ((":" | ".") MM ((":" | ".") SS frac?)?)? ampm?
 *   ampm     := "am" | "pm" | "a.m." | "p.m." ...
 *   zone     := "(" zone ")" | anything dtl_zone_scan() accepts
 *   sep      := ("," | " ")+ ("at" | "-" | "|" | "/" | "@" | "·" ...)?
 *   tailsep  := as sep, with "on" instead of "at"
 *
 * A time needs minutes or am/pm.  A time-only line with neither am/pm nor
 * a zone must be "HH:MM" ("16:05"): "9.46", "0:54" and "01:01:43" alone
 * are more often numbers and video lengths.  Purely numeric dates
 * ("02/12") are ambiguous and never accepted.  Times are validated (no
 * "25:00", no "12:00 pm" read as 24:00) and so are dates (no Feb 30).
 */
#include <config.h>
#include "dateline/stamp.h"

#include <string.h>

#include "status.h"
#include "zone.h"

#include "banned.h"

/* A stamp line is short; anything longer is text.  The bound is generous:
 * "Last updated: Wednesday, September 30, 2025, 10:46 a.m. Eastern
 * Daylight Time" is 77 bytes. */
#define STAMP_LINE_MAX 128

/* Longest duration dtl_duration_parse() accepts (about 31,700 years). */
#define DURATION_MAX 1e12

int64_t
dtl_stamp_to_utc(const struct dtl_stamp *s, int default_offset)
{
    int64_t wall;
    int off;

    if (!s || s->kind != DTL_STAMP_FULL)
        return DTL_TS_NONE;
    if (s->year < 1 || s->year > 9999 || s->month < 1 || s->month > 12 ||
        s->day < 1 || s->day > dtl_zone_month_days(s->year, s->month) ||
        s->hour < 0 || s->hour > 23 || s->minute < 0 || s->minute > 59 ||
        s->second < 0 || s->second > 59)
        return DTL_TS_NONE;
    wall = dtl_time_from_civil(s->year, s->month, s->day, s->hour,
                               s->minute, s->second);
    if (s->has_zone) {
        if (s->utc_offset <= -86400 || s->utc_offset >= 86400)
            return DTL_TS_NONE;
        if (s->zone_dst_rule != DTL_DST_NONE &&
            s->zone_dst_rule != DTL_DST_US && s->zone_dst_rule != DTL_DST_EU)
            return DTL_TS_NONE;
        off = dtl_zone_offset_at(s->zone_dst_rule, s->utc_offset, wall);
    } else {
        if (default_offset <= -86400 || default_offset >= 86400)
            return DTL_TS_NONE;
        off = default_offset;
    }
    return wall - off;
}

/* ---- the stamp-line scanner ------------------------------------------ */

/* A read position in the trimmed line.  Every read goes through at(), so
 * nothing past n is ever touched. */
struct cursor {
    const unsigned char *p;
    size_t n;           /* end of the (trimmed) text */
    size_t i;           /* read position */
    const char *why;    /* first semantic failure ("invalid date"), or NULL */
    size_t why_at;      /* where it was */
};

static int
at(const struct cursor *c, size_t k)
{
    return (c->i < c->n && k < c->n - c->i) ? c->p[c->i + k] : -1;
}

static int
is_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int
is_alpha(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int
lower(int ch)
{
    return (ch >= 'A' && ch <= 'Z') ? ch + ('a' - 'A') : ch;
}

static void
fail_why(struct cursor *c, const char *why, size_t where)
{
    if (!c->why) {
        c->why = why;
        c->why_at = where;
    }
}

/* Bytes of the white-space character at p[i] (ASCII blanks, NO-BREAK SPACE,
 * the U+2000..U+200A spaces, NARROW NO-BREAK SPACE that some sites put
 * before "PM"), or 0. */
static size_t
space_at(const unsigned char *p, size_t n, size_t i)
{
    if (i >= n)
        return 0;
    if (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n' ||
        p[i] == '\f' || p[i] == '\v')
        return 1;
    if (p[i] == 0xc2 && n - i >= 2 && p[i + 1] == 0xa0)
        return 2;
    if (p[i] == 0xe2 && n - i >= 3 && p[i + 1] == 0x80 &&
        ((p[i + 2] >= 0x80 && p[i + 2] <= 0x8a) || p[i + 2] == 0xaf))
        return 3;
    return 0;
}

/* The same, for the character that ends just before p[end]. */
static size_t
space_before(const unsigned char *p, size_t end)
{
    if (end >= 1 && space_at(p, end, end - 1) == 1)
        return 1;
    if (end >= 2 && space_at(p, end, end - 2) == 2)
        return 2;
    if (end >= 3 && space_at(p, end, end - 3) == 3)
        return 3;
    return 0;
}

static int
skip_ws(struct cursor *c)
{
    size_t start = c->i, k;

    while ((k = space_at(c->p, c->n, c->i)) != 0)
        c->i += k;
    return c->i > start;
}

/* Read a run of at most maxd digits at the cursor; the run must end there.
 * Returns the number of digits (0 if none or too many) and the value. */
static size_t
digits(struct cursor *c, size_t maxd, int *val)
{
    size_t k = 0;
    int v = 0;

    while (is_digit(at(c, k))) {
        if (k == maxd)
            return 0;
        v = v * 10 + (at(c, k) - '0');
        k++;
    }
    if (k)
        c->i += k;
    *val = v;
    return k;
}

/* The letters at the cursor, lower-cased into buf (NUL-terminated) when
 * they fit; returns the full length of the run without moving. */
static size_t
peek_word(const struct cursor *c, char *buf, size_t cap)
{
    size_t k = 0;

    while (is_alpha(at(c, k))) {
        if (k + 1 < cap)
            buf[k] = (char)lower(at(c, k));
        k++;
    }
    buf[k + 1 < cap ? k : cap - 1] = '\0';
    return k;
}

/* Consume the word w (lower case) if it is the whole letter run here. */
static int
take_word(struct cursor *c, const char *w)
{
    char buf[16];
    size_t len = peek_word(c, buf, sizeof(buf));

    if (len == 0 || len >= sizeof(buf) || strcmp(buf, w) != 0)
        return 0;
    c->i += len;
    return 1;
}

/* The words a stamp may open with or contain, for word_class(). */
enum word_kind { W_NONE, W_MONTH, W_WEEKDAY, W_PREFIX, W_LAST };

struct known_word {
    const char *w;
    unsigned char len;
    unsigned char kind;     /* enum word_kind */
    unsigned char month;    /* 1..12 for W_MONTH */
};

#define KW(w, kind, m) { w, sizeof(w) - 1, kind, m }

static const struct known_word known_words[] = {
    KW("jan", W_MONTH, 1),       KW("january", W_MONTH, 1),
    KW("feb", W_MONTH, 2),       KW("february", W_MONTH, 2),
    KW("mar", W_MONTH, 3),       KW("march", W_MONTH, 3),
    KW("apr", W_MONTH, 4),       KW("april", W_MONTH, 4),
    KW("may", W_MONTH, 5),       KW("jun", W_MONTH, 6),
    KW("june", W_MONTH, 6),      KW("jul", W_MONTH, 7),
    KW("july", W_MONTH, 7),      KW("aug", W_MONTH, 8),
    KW("august", W_MONTH, 8),    KW("sep", W_MONTH, 9),
    KW("sept", W_MONTH, 9),      KW("september", W_MONTH, 9),
    KW("oct", W_MONTH, 10),      KW("october", W_MONTH, 10),
    KW("nov", W_MONTH, 11),      KW("november", W_MONTH, 11),
    KW("dec", W_MONTH, 12),      KW("december", W_MONTH, 12),
    KW("mon", W_WEEKDAY, 0),     KW("monday", W_WEEKDAY, 0),
    KW("tue", W_WEEKDAY, 0),     KW("tues", W_WEEKDAY, 0),
    KW("tuesday", W_WEEKDAY, 0), KW("wed", W_WEEKDAY, 0),
    KW("weds", W_WEEKDAY, 0),    KW("wednesday", W_WEEKDAY, 0),
    KW("thu", W_WEEKDAY, 0),     KW("thur", W_WEEKDAY, 0),
    KW("thurs", W_WEEKDAY, 0),   KW("thursday", W_WEEKDAY, 0),
    KW("fri", W_WEEKDAY, 0),     KW("friday", W_WEEKDAY, 0),
    KW("sat", W_WEEKDAY, 0),     KW("saturday", W_WEEKDAY, 0),
    KW("sun", W_WEEKDAY, 0),     KW("sunday", W_WEEKDAY, 0),
    KW("updated", W_PREFIX, 0),  KW("posted", W_PREFIX, 0),
    KW("published", W_PREFIX, 0), KW("last", W_LAST, 0),
};

/* Longest known word ("september", "wednesday", "published"). */
#define WORD_MAX 9

/* Classify the lower-case word w[0..len): the length and first letter
 * filter out nearly every entry before any comparison. */
static const struct known_word *
word_class(const char *w, size_t len)
{
    size_t k;

    if (len == 0 || len > WORD_MAX)
        return NULL;
    for (k = 0; k < sizeof(known_words) / sizeof(known_words[0]); k++) {
        const struct known_word *kw = &known_words[k];

        if (kw->len == len && kw->w[0] == w[0] && memcmp(kw->w, w, len) == 0)
            return kw;
    }
    return NULL;
}

/* The class of the word at the cursor and its length, or NULL. */
static const struct known_word *
word_at(const struct cursor *c, size_t *len)
{
    char buf[WORD_MAX + 2];

    *len = peek_word(c, buf, sizeof(buf));
    return word_class(buf, *len);
}

/* A month name at the cursor, with an optional "." after it. */
static int
take_month(struct cursor *c)
{
    size_t len;
    const struct known_word *kw = word_at(c, &len);

    if (!kw || kw->kind != W_MONTH)
        return 0;
    c->i += len;
    if (at(c, 0) == '.')
        c->i++;
    return kw->month;
}

/* "st", "nd", "rd" or "th" after a day number. */
static void
skip_ordinal(struct cursor *c)
{
    char buf[4];
    size_t len = peek_word(c, buf, sizeof(buf));

    if (len == 2 && (strcmp(buf, "st") == 0 || strcmp(buf, "nd") == 0 ||
                     strcmp(buf, "rd") == 0 || strcmp(buf, "th") == 0))
        c->i += 2;
}

/* One of the separator symbols between a date and a time ("/" is safe
 * there: the date before it is written out). */
static int
take_symbol(struct cursor *c)
{
    int b = at(c, 0);

    if (b == '-' || b == '|' || b == '@' || b == '/') {
        c->i++;
        return 1;
    }
    if (b == 0xc2 && at(c, 1) == 0xb7) {                 /* · */
        c->i += 2;
        return 1;
    }
    if (b == 0xe2 && at(c, 1) == 0x80 &&
        (at(c, 2) == 0x93 || at(c, 2) == 0x94 || at(c, 2) == 0xa2)) {
        c->i += 3;                                       /* – — • */
        return 1;
    }
    return 0;
}

/* Between a date and a time (word "at") or a time and a date ("on"):
 * a comma and/or blanks, then optionally the word or a symbol and more
 * blanks.  Returns 0 if there is no comma or blank, so that digits and
 * dashes run together ("0.20.25-12-02") are not read as two parts. */
static int
skip_sep(struct cursor *c, const char *word)
{
    size_t save;
    int comma = at(c, 0) == ',';

    if (comma)
        c->i++;
    if (!skip_ws(c) && !comma)
        return 0;
    save = c->i;
    if (take_word(c, word)) {
        if (!skip_ws(c))
            c->i = save;
    } else if (take_symbol(c)) {
        skip_ws(c);
    }
    return 1;
}

/* A four-digit year that ends at a non-digit. */
static int
take_year(struct cursor *c, int *year)
{
    return digits(c, 4, year) == 4 && *year >= 1;
}

static int
check_date(struct cursor *c, size_t start, int y, int m, int d)
{
    if (m < 1 || m > 12 || d < 1 || d > dtl_zone_month_days(y, m)) {
        fail_why(c, "invalid date", start);
        return 0;
    }
    return 1;
}

/* "2025-12-02". */
static int
parse_iso_date(struct cursor *c, struct dtl_stamp *st)
{
    size_t start = c->i;

    if (digits(c, 4, &st->year) != 4 || at(c, 0) != '-')
        return 0;
    c->i++;
    if (digits(c, 2, &st->month) != 2 || at(c, 0) != '-')
        return 0;
    c->i++;
    if (digits(c, 2, &st->day) != 2)
        return 0;
    return st->year >= 1 && check_date(c, start, st->year, st->month,
                                       st->day);
}

/* A written date, optionally opened by a weekday. */
static int
parse_text_date(struct cursor *c, struct dtl_stamp *st)
{
    size_t start = c->i, len;
    const struct known_word *kw = word_at(c, &len);

    if (kw && kw->kind == W_WEEKDAY) {
        c->i += len;
        if (at(c, 0) == '.')
            c->i++;
        if (at(c, 0) == ',')
            c->i++;
        if (!skip_ws(c))
            return 0;
        if (take_symbol(c) && !skip_ws(c))     /* "Tuesday | April 26" */
            return 0;
    }
    if (is_digit(at(c, 0))) {
        /* dmy: "2 December 2025", "2nd of Dec, 2025" */
        if (digits(c, 2, &st->day) == 0)
            return 0;
        skip_ordinal(c);
        if (!skip_ws(c))
            return 0;
        if (take_word(c, "of") && !skip_ws(c))
            return 0;
        if ((st->month = take_month(c)) == 0)
            return 0;
        if (at(c, 0) == ',')
            c->i++;
        if (!skip_ws(c) || !take_year(c, &st->year))
            return 0;
    } else {
        /* mdy: "Dec 02, 2025", "December 2nd 2025" */
        if ((st->month = take_month(c)) == 0 || !skip_ws(c))
            return 0;
        if (digits(c, 2, &st->day) == 0)
            return 0;
        skip_ordinal(c);
        if (at(c, 0) == ',')
            c->i++;
        if (!skip_ws(c) || !take_year(c, &st->year))
            return 0;
    }
    if (is_alpha(at(c, 0)))
        return 0;
    return check_date(c, start, st->year, st->month, st->day);
}

/* A date of either kind: returns 2 for an ISO date, 1 for a written one,
 * 0 for none. */
static int
parse_date(struct cursor *c, struct dtl_stamp *st)
{
    if (is_digit(at(c, 0)) && is_digit(at(c, 1)) && is_digit(at(c, 2)) &&
        is_digit(at(c, 3)) && at(c, 4) == '-')
        return parse_iso_date(c, st) ? 2 : 0;
    return parse_text_date(c, st);
}

/* "am", "pm", "a.m.", "P.M", ... ending at a non-alphanumeric.  Returns
 * 1 for am, 2 for pm, 0 (cursor unmoved) if there is none. */
static int
take_ampm(struct cursor *c)
{
    size_t k = 1;
    int ap = lower(at(c, 0)), r;

    if (ap != 'a' && ap != 'p')
        return 0;
    r = ap == 'a' ? 1 : 2;
    if (at(c, k) == '.')
        k++;
    if (lower(at(c, k)) != 'm')
        return 0;
    k++;
    if (at(c, k) == '.')
        k++;
    if (is_alpha(at(c, k)) || is_digit(at(c, k)))
        return 0;
    c->i += k;
    return r;
}

/* How a time was written, for the stricter rule on time-only lines. */
enum {
    TIME_AMPM = 1,      /* am/pm given */
    TIME_DOTTED = 2,    /* "9.46" rather than "9:46" */
    TIME_SECONDS = 4,   /* seconds given */
    TIME_SHORT = 8      /* one-digit hour */
};

/* A time of day; *shape receives TIME_* flags. */
static int
parse_time(struct cursor *c, struct dtl_stamp *st, int *shape)
{
    size_t start = c->i, save;
    int has_min = 0, sep, ampm;

    st->minute = st->second = 0;
    *shape = 0;
    if (digits(c, 2, &st->hour) == 0)
        return 0;
    if (c->i - start == 1)
        *shape |= TIME_SHORT;
    sep = at(c, 0);
    if ((sep == ':' || sep == '.') && is_digit(at(c, 1)) &&
        is_digit(at(c, 2)) && !is_digit(at(c, 3))) {
        c->i++;
        digits(c, 2, &st->minute);
        has_min = 1;
        if (sep == '.')
            *shape |= TIME_DOTTED;
        if (at(c, 0) == sep && is_digit(at(c, 1)) && is_digit(at(c, 2)) &&
            !is_digit(at(c, 3))) {
            c->i++;
            digits(c, 2, &st->second);
            *shape |= TIME_SECONDS;
            /* Fractions of a second are read and dropped. */
            if ((at(c, 0) == '.' || at(c, 0) == ',') && is_digit(at(c, 1))) {
                c->i++;
                while (is_digit(at(c, 0)))
                    c->i++;
            }
        }
    }
    save = c->i;
    skip_ws(c);
    ampm = take_ampm(c);
    if (!ampm)
        c->i = save;
    else
        *shape |= TIME_AMPM;
    if (!has_min && !ampm)
        return 0;
    if (ampm) {
        if (st->hour < 1 || st->hour > 12) {
            fail_why(c, "invalid time", start);
            return 0;
        }
        st->hour = st->hour % 12 + (ampm == 2 ? 12 : 0);
    }
    if (st->hour > 23 || st->minute > 59 || st->second > 59) {
        fail_why(c, "invalid time", start);
        return 0;
    }
    return 1;
}

/* An optional zone after a time, possibly in parentheses. */
static void
parse_zone(struct cursor *c, struct dtl_stamp *st)
{
    size_t save = c->i, used;
    int paren, off = 0, rule = DTL_DST_NONE;

    skip_ws(c);
    paren = at(c, 0) == '(';
    if (paren) {
        c->i++;
        skip_ws(c);
    }
    used = c->i < c->n ? dtl_zone_scan((const char *)c->p + c->i,
                                       c->n - c->i, &off, &rule) : 0;
    if (used == 0) {
        c->i = save;
        return;
    }
    c->i += used;
    if (paren) {
        skip_ws(c);
        if (at(c, 0) != ')') {
            c->i = save;
            return;
        }
        c->i++;
    }
    st->has_zone = 1;
    st->utc_offset = off;
    st->zone_dst_rule = rule;
}

/* An optional leading "Updated", "Posted", "Published", "Last updated",
 * with ":" or "at"/"on" after it. */
static void
skip_prefix(struct cursor *c)
{
    size_t save = c->i, len;
    const struct known_word *kw = word_at(c, &len);

    if (!kw)
        return;
    if (kw->kind == W_LAST) {
        c->i += len;
        if (!skip_ws(c) || !take_word(c, "updated")) {
            c->i = save;
            return;
        }
    } else if (kw->kind == W_PREFIX) {
        c->i += len;
    } else {
        return;
    }
    if (at(c, 0) == ':') {
        c->i++;
        skip_ws(c);
        return;
    }
    if (!skip_ws(c)) {
        c->i = save;
        return;
    }
    save = c->i;
    if ((take_word(c, "at") || take_word(c, "on")) && !skip_ws(c))
        c->i = save;
}

/* The body after any prefix: see the grammar at the top. */
static int
parse_body(struct cursor *c, struct dtl_stamp *st)
{
    size_t start = c->i;
    int shape, date;

    /* Date first. */
    if ((date = parse_date(c, st)) != 0) {
        if (c->i == c->n) {
            st->kind = DTL_STAMP_DATE;
            return 1;
        }
        if (date == 2 && lower(at(c, 0)) == 't' && is_digit(at(c, 1))) {
            c->i++;                             /* ISO "T" */
        } else if (!skip_sep(c, "at")) {
            return 0;
        }
        if (!parse_time(c, st, &shape))
            return 0;
        parse_zone(c, st);
        if (c->i != c->n)
            return 0;
        st->kind = DTL_STAMP_FULL;
        return 1;
    }
    /* Time first: "09:46 GMT", "4:46 PM ET, Dec 2, 2025". */
    c->i = start;
    st->year = st->month = st->day = 0;
    if (!is_digit(at(c, 0)) || !parse_time(c, st, &shape))
        return 0;
    parse_zone(c, st);
    if (c->i == c->n) {
        /* Alone on a line, "9.46", "0:54" and "01:01:43" are more often
         * numbers and video lengths than times. */
        if (!(shape & TIME_AMPM) && !st->has_zone &&
            (shape & (TIME_DOTTED | TIME_SECONDS | TIME_SHORT)))
            return 0;
        st->kind = DTL_STAMP_TIME;
        return 1;
    }
    if (!skip_sep(c, "on") || !parse_date(c, st) || c->i != c->n)
        return 0;
    st->kind = DTL_STAMP_FULL;
    return 1;
}

/* Parse p[0..n) as a stamp line into *st; on failure *why may name the
 * reason (invalid date or time) and its offset. */
static int
parse_stamp(const char *p, size_t n, struct dtl_stamp *st, const char **why,
            size_t *why_at)
{
    struct cursor c;
    size_t k;
    int first;

    memset(st, 0, sizeof(*st));
    c.p = (const unsigned char *)p;
    c.n = n;
    c.i = 0;
    c.why = NULL;
    c.why_at = 0;
    *why = NULL;
    *why_at = 0;
    if (!p)
        return 0;
    while ((k = space_before(c.p, c.n)) != 0)
        c.n -= k;
    skip_ws(&c);
    if (c.n - c.i > STAMP_LINE_MAX || c.i == c.n)
        return 0;
    /* Cheap rejection of ordinary text: a stamp opens with a digit, a dot
     * or ellipsis, or a month, weekday or prefix word. */
    first = at(&c, 0);
    if (!is_digit(first) && !is_alpha(first) && first != '.' &&
        first != 0xe2)
        return 0;
    while (at(&c, 0) == '.' ||
           (at(&c, 0) == 0xe2 && at(&c, 1) == 0x80 && at(&c, 2) == 0xa6))
        c.i += at(&c, 0) == '.' ? 1 : 3;
    skip_ws(&c);
    if (is_alpha(at(&c, 0))) {
        if (!word_at(&c, &k))
            return 0;
        skip_prefix(&c);
    }
    if (parse_body(&c, st))
        return 1;
    memset(st, 0, sizeof(*st));
    *why = c.why;
    *why_at = c.why_at;
    return 0;
}

dtl_status
dtl_stamp_parse_line(const char *p, size_t n, struct dtl_stamp *out)
{
    struct dtl_stamp st;
    const char *why;
    size_t why_at;

    if (!out)
        return DTL_EINVAL;
    if (!parse_stamp(p, n, &st, &why, &why_at)) {
        memset(out, 0, sizeof(*out));
        out->kind = DTL_STAMP_NONE;
        return DTL_ESYNTAX;
    }
    *out = st;
    return DTL_OK;
}

/* ---- durations and user dates ---------------------------------------- */

struct unit {
    const char *name;
    double seconds;
};

static const struct unit units[] = {
    { "s", 1 },       { "sec", 1 },        { "secs", 1 },
    { "second", 1 },  { "seconds", 1 },    { "m", 60 },
    { "min", 60 },    { "mins", 60 },      { "minute", 60 },
    { "minutes", 60 }, { "h", 3600 },      { "hr", 3600 },
    { "hrs", 3600 },  { "hour", 3600 },    { "hours", 3600 },
    { "d", 86400 },   { "day", 86400 },    { "days", 86400 },
    { "w", 604800 },  { "wk", 604800 },    { "wks", 604800 },
    { "week", 604800 }, { "weeks", 604800 },
};

/* Trim ASCII and Unicode blanks from both ends of p[0..*n). */
static const char *
trim(const char *p, size_t *n)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t i = 0, end = *n, k;

    while ((k = space_at(u, end, i)) != 0)
        i += k;
    while (end > i && (k = space_before(u, end)) != 0)
        end -= k;
    *n = end - i;
    return p + i;
}

dtl_status
dtl_duration_parse(const char *p, size_t n, double *seconds)
{
    struct cursor c;
    char buf[12];
    double v = 0, scale = 1;
    size_t k, len, idigits = 0;

    if (seconds)
        *seconds = 0;
    if (!p || !seconds)
        return DTL_EINVAL;
    p = trim(p, &n);
    c.p = (const unsigned char *)p;
    c.n = n;
    c.i = 0;
    c.why = NULL;
    c.why_at = 0;
    /* Digits beyond the 15th only scale the value; DURATION_MAX rejects
     * such numbers anyway. */
    while (is_digit(at(&c, 0))) {
        v = v * 10 + (at(&c, 0) - '0');
        c.i++;
        if (++idigits > 15)
            return DTL_ESYNTAX;
    }
    if (idigits == 0)
        return DTL_ESYNTAX;
    if (at(&c, 0) == '.') {
        c.i++;
        if (!is_digit(at(&c, 0)))
            return DTL_ESYNTAX;
        for (k = 0; is_digit(at(&c, 0)); k++, c.i++) {
            if (k < 15) {
                scale /= 10;
                v += (at(&c, 0) - '0') * scale;
            }
        }
    }
    skip_ws(&c);
    len = peek_word(&c, buf, sizeof(buf));
    if (len == 0 || len >= sizeof(buf) || c.i + len != c.n)
        return DTL_ESYNTAX;
    for (k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
        if (strcmp(buf, units[k].name) == 0) {
            v *= units[k].seconds;
            if (v > DURATION_MAX)
                return DTL_ESYNTAX;
            *seconds = v;
            return DTL_OK;
        }
    }
    return DTL_ESYNTAX;
}

/* Case-insensitive comparison of p[0..n) with the lower-case word w. */
static int
word_is(const char *p, size_t n, const char *w)
{
    size_t k;

    for (k = 0; k < n; k++)
        if (w[k] == '\0' || lower((unsigned char)p[k]) != w[k])
            return 0;
    return w[n] == '\0';
}

/* "@1764668760" or "@-86400". */
static int
parse_unix(const char *p, size_t n, int64_t *out)
{
    size_t i = 1;
    int64_t v = 0;
    int neg = 0;

    if (i < n && p[i] == '-') {
        neg = 1;
        i++;
    }
    if (i == n || n - i > 12)
        return 0;
    for (; i < n; i++) {
        if (!is_digit((unsigned char)p[i]))
            return 0;
        v = v * 10 + (p[i] - '0');
    }
    *out = neg ? -v : v;
    return 1;
}

/* Quote at most this much of the user's text in an error message, cut at
 * a UTF-8 character boundary. */
#define QUOTE_MAX 64

static int
quote_len(const char *p, size_t n)
{
    size_t k = n;

    if (k > QUOTE_MAX) {
        k = QUOTE_MAX;
        while (k > 0 && ((unsigned char)p[k] & 0xc0) == 0x80)
            k--;
    }
    return (int)k;
}

dtl_status
dtl_time_parse_user(const char *p, size_t n, int64_t now, int64_t *out,
                    struct dtl_error *err)
{
    struct dtl_stamp st;
    const char *why, *text;
    size_t why_at, len = n;
    int64_t t, today;
    double dur;
    int q;

    if (out)
        *out = DTL_TS_NONE;
    if (!p || !out)
        return dtl_error_set(err, DTL_EINVAL, 0, "no date given");
    if (now < DTL_TIME_MIN || now > DTL_TIME_MAX)
        return dtl_error_set(err, DTL_EINVAL, 0,
                             "the current time is out of range");
    text = trim(p, &len);
    q = quote_len(text, len);
    if (len == 0)
        return dtl_error_set(err, DTL_ESYNTAX, 0, "empty date");
    today = now - ((now % 86400) + 86400) % 86400;
    if (word_is(text, len, "now")) {
        t = now;
    } else if (word_is(text, len, "today")) {
        t = today;
    } else if (word_is(text, len, "yesterday")) {
        t = today - 86400;
    } else if (text[0] == '@') {
        if (!parse_unix(text, len, &t))
            return dtl_error_set(err, DTL_ESYNTAX, (size_t)(text - p),
                                 "\"%.*s\" is not a Unix time", q, text);
    } else if (dtl_duration_parse(text, len, &dur) == DTL_OK) {
        t = now - (int64_t)(dur + 0.5);
    } else if (parse_stamp(text, len, &st, &why, &why_at)) {
        if (st.kind == DTL_STAMP_DATE) {
            t = dtl_time_from_civil(st.year, st.month, st.day, 0, 0, 0);
        } else if (st.kind == DTL_STAMP_FULL) {
            t = dtl_stamp_to_utc(&st, 0);
        } else {
            return dtl_error_set(err, DTL_ESYNTAX, (size_t)(text - p),
                                 "\"%.*s\" is a time of day without a date",
                                 q, text);
        }
    } else if (why) {
        return dtl_error_set(err, DTL_ESYNTAX, (size_t)(text - p) + why_at,
                             "%s in \"%.*s\"", why, q, text);
    } else {
        return dtl_error_set(err, DTL_ESYNTAX, (size_t)(text - p),
                             "cannot read \"%.*s\" as a date (try "
                             "2025-12-02, 2025-12-02T10:00Z, "
                             "@1764668760 or 24h)", q, text);
    }
    if (t == DTL_TS_NONE || t < DTL_TIME_MIN || t > DTL_TIME_MAX)
        return dtl_error_set(err, DTL_ESYNTAX, (size_t)(text - p),
                             "\"%.*s\" is outside years 1 to 9999", q,
                             text);
    *out = t;
    return DTL_OK;
}
