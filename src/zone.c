/* Dateline: time arithmetic: the zone table, the DST rules, civil time.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Stamp lines end with a zone in whatever form the site prints: an
 * abbreviation ("EST", "BST", "IST"), a regional name whose offset depends
 * on the date ("ET", "Eastern", "UK time"), or a numeric offset ("UTC+1",
 * "GMT+05:30", "+01:00").  src/stamp.c scans for one with dtl_zone_scan()
 * and resolves regional names with dtl_zone_offset_at(); dtl_zone_lookup()
 * is the public whole-string lookup.  This file also holds the public
 * civil-time functions (dtl_time_from_civil(), dtl_time_to_civil(),
 * dtl_time_format_iso()): proleptic-Gregorian day arithmetic after Howard
 * Hinnant's "chrono-Compatible Low-Level Date Algorithms", exact for any
 * year, with no use of timegm/gmtime, the locale or TZ.  Pure code: no
 * allocation, no global state.
 */
#include <config.h>
#include "zone.h"

#include <stdio.h>
#include <string.h>

#include "banned.h"

/* The table, sorted by lower-case name (bytewise, so "uk time" sorts
 * before "ut"), searched with a binary search.  Offsets are seconds east
 * of UTC; a regional name (rule != DTL_DST_NONE) stores its standard-time
 * offset and gains an hour while the rule's summer time is in force.
 *
 * Families:
 *   universal  UTC, UT, Z, GMT, "Greenwich Mean Time"
 *   British    BST (+1, fixed), "UK time"/"British time" (0, EU rule)
 *   US         EST EDT CST CDT MST MDT PST PDT AKST AKDT HST (fixed);
 *              ET CT MT PT, "Eastern", "Eastern Time", "Central", ...
 *              (regional, US rule); the spelled-out "Eastern Standard
 *              Time"-style names are fixed like their abbreviations
 *   European   WET WEST CET CEST EET EEST (fixed: a site printing "CET"
 *              means +1 whatever the date)
 *   Russian    KALT +2, MSK +3, SAMT +4, YEKT +5, OMST +6, KRAT +7,
 *              IRKT +8, YAKT +9, VLAT +10, MAGT +11, PETT +12
 *   Asian      PKT +5, IST +5:30, ICT +7, HKT SGT PHT +8, JST KST +9
 *   African    WAT +1, SAST +2, EAT +3
 *   Oceanian   AWST +8, ACST +9:30, ACDT +10:30, AEST +10, AEDT +11,
 *              NZST +12, NZDT +13
 *
 * Ambiguous abbreviations get the reading an English-language news site
 * most likely means:
 *   IST  India (+5:30), not Irish Summer Time or Israel;
 *   CST  US Central (-6), not China Standard Time (+8);
 *   BST  British Summer Time (+1), not Bangladesh.
 * AST (Atlantic or Arabia), GST (Gulf or South Georgia) and other
 * abbreviations with no dominant reading are left out on purpose: an
 * unknown zone makes the line "not a stamp" rather than a wrong time. */
struct zone {
    const char *name;   /* lower case, words separated by one space */
    int offset;         /* seconds east of UTC (standard time if regional) */
    int rule;           /* DTL_DST_* */
};

#define H(h) ((h) * 3600)
#define HM(h, m) ((h) * 3600 + (m) * 60)

static const struct zone zones[] = {
    { "acdt", HM(10, 30), DTL_DST_NONE },
    { "acst", HM(9, 30), DTL_DST_NONE },
    { "aedt", H(11), DTL_DST_NONE },
    { "aest", H(10), DTL_DST_NONE },
    { "akdt", H(-8), DTL_DST_NONE },
    { "akst", H(-9), DTL_DST_NONE },
    { "awst", H(8), DTL_DST_NONE },
    { "british summer time", H(1), DTL_DST_NONE },
    { "british time", 0, DTL_DST_EU },
    { "bst", H(1), DTL_DST_NONE },
    { "cdt", H(-5), DTL_DST_NONE },
    { "central", H(-6), DTL_DST_US },
    { "central daylight time", H(-5), DTL_DST_NONE },
    { "central standard time", H(-6), DTL_DST_NONE },
    { "central time", H(-6), DTL_DST_US },
    { "cest", H(2), DTL_DST_NONE },
    { "cet", H(1), DTL_DST_NONE },
    { "cst", H(-6), DTL_DST_NONE },
    { "ct", H(-6), DTL_DST_US },
    { "eastern", H(-5), DTL_DST_US },
    { "eastern daylight time", H(-4), DTL_DST_NONE },
    { "eastern standard time", H(-5), DTL_DST_NONE },
    { "eastern time", H(-5), DTL_DST_US },
    { "eat", H(3), DTL_DST_NONE },
    { "edt", H(-4), DTL_DST_NONE },
    { "eest", H(3), DTL_DST_NONE },
    { "eet", H(2), DTL_DST_NONE },
    { "est", H(-5), DTL_DST_NONE },
    { "et", H(-5), DTL_DST_US },
    { "gmt", 0, DTL_DST_NONE },
    { "greenwich mean time", 0, DTL_DST_NONE },
    { "hkt", H(8), DTL_DST_NONE },
    { "hst", H(-10), DTL_DST_NONE },
    { "ict", H(7), DTL_DST_NONE },
    { "irkt", H(8), DTL_DST_NONE },
    { "ist", HM(5, 30), DTL_DST_NONE },
    { "jst", H(9), DTL_DST_NONE },
    { "kalt", H(2), DTL_DST_NONE },
    { "krat", H(7), DTL_DST_NONE },
    { "kst", H(9), DTL_DST_NONE },
    { "magt", H(11), DTL_DST_NONE },
    { "mdt", H(-6), DTL_DST_NONE },
    { "mountain", H(-7), DTL_DST_US },
    { "mountain daylight time", H(-6), DTL_DST_NONE },
    { "mountain standard time", H(-7), DTL_DST_NONE },
    { "mountain time", H(-7), DTL_DST_US },
    { "msk", H(3), DTL_DST_NONE },
    { "mst", H(-7), DTL_DST_NONE },
    { "mt", H(-7), DTL_DST_US },
    { "nzdt", H(13), DTL_DST_NONE },
    { "nzst", H(12), DTL_DST_NONE },
    { "omst", H(6), DTL_DST_NONE },
    { "pacific", H(-8), DTL_DST_US },
    { "pacific daylight time", H(-7), DTL_DST_NONE },
    { "pacific standard time", H(-8), DTL_DST_NONE },
    { "pacific time", H(-8), DTL_DST_US },
    { "pdt", H(-7), DTL_DST_NONE },
    { "pett", H(12), DTL_DST_NONE },
    { "pht", H(8), DTL_DST_NONE },
    { "pkt", H(5), DTL_DST_NONE },
    { "pst", H(-8), DTL_DST_NONE },
    { "pt", H(-8), DTL_DST_US },
    { "samt", H(4), DTL_DST_NONE },
    { "sast", H(2), DTL_DST_NONE },
    { "sgt", H(8), DTL_DST_NONE },
    { "uk time", 0, DTL_DST_EU },
    { "ut", 0, DTL_DST_NONE },
    { "utc", 0, DTL_DST_NONE },
    { "vlat", H(10), DTL_DST_NONE },
    { "wat", H(1), DTL_DST_NONE },
    { "west", H(1), DTL_DST_NONE },
    { "wet", 0, DTL_DST_NONE },
    { "yakt", H(9), DTL_DST_NONE },
    { "yekt", H(5), DTL_DST_NONE },
    { "z", 0, DTL_DST_NONE },
};

#define NZONES (sizeof(zones) / sizeof(zones[0]))

/* Longest word of any table name ("greenwich") and most words in one. */
#define ZONE_WORD_MAX 9
#define ZONE_WORDS_MAX 3
#define ZONE_KEY_MAX (ZONE_WORDS_MAX * (ZONE_WORD_MAX + 1))

static int
is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int
to_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static const struct zone *
find(const char *key, size_t len)
{
    size_t lo = 0, hi = NZONES;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *name = zones[mid].name;
        size_t nlen = strlen(name);
        int c = memcmp(key, name, len < nlen ? len : nlen);

        if (c == 0)
            c = (len > nlen) - (len < nlen);
        if (c == 0)
            return &zones[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* Length of a minus or plus sign at p[i] (ASCII or U+2212 MINUS SIGN), and
 * its sign in *neg; 0 if there is none. */
static size_t
sign_at(const unsigned char *p, size_t n, size_t i, int *neg)
{
    if (i < n && (p[i] == '+' || p[i] == '-')) {
        *neg = p[i] == '-';
        return 1;
    }
    if (i < n && n - i >= 3 && p[i] == 0xe2 && p[i + 1] == 0x88 &&
        p[i + 2] == 0x92) {
        *neg = 1;
        return 3;
    }
    return 0;
}

/* A numeric offset at p[i]: sign, then H or HH (one digit only when
 * one_digit is allowed, i.e. after "UTC"), then optional ":MM", or HHMM.
 * Returns the index after it, or 0 if there is none. */
static size_t
scan_offset(const unsigned char *p, size_t n, size_t i, int one_digit,
            int *offset)
{
    size_t j, k, sl;
    int neg = 0, h, m = 0;

    sl = sign_at(p, n, i, &neg);
    if (!sl)
        return 0;
    j = i + sl;
    for (k = 0; j + k < n && is_digit(p[j + k]) && k < 5; k++)
        ;
    if (k == 1 && one_digit) {
        h = p[j] - '0';
    } else if (k == 2) {
        h = (p[j] - '0') * 10 + (p[j + 1] - '0');
    } else if (k == 4) {
        h = (p[j] - '0') * 10 + (p[j + 1] - '0');
        m = (p[j + 2] - '0') * 10 + (p[j + 3] - '0');
    } else {
        return 0;
    }
    j += k;
    if (k != 4 && n - j >= 3 && p[j] == ':' && is_digit(p[j + 1]) &&
        is_digit(p[j + 2])) {
        m = (p[j + 1] - '0') * 10 + (p[j + 2] - '0');
        j += 3;
    }
    if (j < n && (is_digit(p[j]) || is_alpha(p[j])))
        return 0;
    if (m > 59 || h * 3600 + m * 60 > DTL_ZONE_MAX_OFFSET)
        return 0;
    *offset = (neg ? -1 : 1) * (h * 3600 + m * 60);
    return j;
}

/* Is the zone one that may carry a numeric suffix ("UTC+1")? */
static int
takes_suffix(const struct zone *z)
{
    return strcmp(z->name, "utc") == 0 || strcmp(z->name, "gmt") == 0 ||
           strcmp(z->name, "ut") == 0;
}

size_t
dtl_zone_scan(const char *cp, size_t n, int *offset, int *dst_rule)
{
    const unsigned char *p = (const unsigned char *)cp;
    char key[ZONE_KEY_MAX];
    size_t keylen[ZONE_WORDS_MAX], ends[ZONE_WORDS_MAX];
    size_t i = 0, len = 0, nwords = 0, w;
    int off = 0;

    *offset = 0;
    *dst_rule = DTL_DST_NONE;
    if (n == 0)
        return 0;
    if (!is_alpha(p[0])) {
        i = scan_offset(p, n, 0, 0, &off);
        if (i)
            *offset = off;
        return i;
    }
    /* Collect up to three words, each joined to the key by one space. */
    while (nwords < ZONE_WORDS_MAX && i < n && is_alpha(p[i])) {
        size_t start = i;

        while (i < n && is_alpha(p[i]))
            i++;
        if (i - start > ZONE_WORD_MAX || (i < n && is_digit(p[i])))
            break;
        if (nwords)
            key[len++] = ' ';
        for (; start < i; start++)
            key[len++] = (char)to_lower(p[start]);
        keylen[nwords] = len;
        ends[nwords++] = i;
        while (i < n && (p[i] == ' ' || p[i] == '\t'))
            i++;
    }
    /* The longest run of words that names a zone wins. */
    for (w = nwords; w > 0; w--) {
        const struct zone *z = find(key, keylen[w - 1]);
        size_t end = ends[w - 1], j;

        if (!z)
            continue;
        *offset = z->offset;
        *dst_rule = z->rule;
        if (!takes_suffix(z))
            return end;
        for (j = end; j < n && p[j] == ' '; j++)
            ;
        if (j < n && !is_alpha(p[j]) && !is_digit(p[j]) && p[j] != ' ' &&
            (j = scan_offset(p, n, j, 1, &off)) != 0) {
            *offset = off;
            return j;
        }
        return end;
    }
    return 0;
}

int
dtl_zone_lookup(const char *p, size_t n, int *offset, int *dst_rule)
{
    int off = 0, rule = DTL_DST_NONE;
    size_t used;

    if (offset)
        *offset = 0;
    if (dst_rule)
        *dst_rule = DTL_DST_NONE;
    if (!p)
        return 0;
    while (n > 0 && (p[0] == ' ' || p[0] == '\t')) {
        p++;
        n--;
    }
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    used = dtl_zone_scan(p, n, &off, &rule);
    if (used == 0 || used != n)
        return 0;
    if (offset)
        *offset = off;
    if (dst_rule)
        *dst_rule = rule;
    return 1;
}

/* ---- civil time ---------------------------------------------------- */

/* dtl_time_to_civil() saturates beyond this (about 142 million years),
 * which keeps the year inside an int. */
#define TS_CIVIL_LIMIT (INT64_C(1) << 52)

static int64_t
floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;

    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* Days from 1970-01-01 to y-m-d (m in 1..12; y any value whose days fit,
 * which every int year does). */
static int64_t
days_from_civil(int64_t y, int64_t m, int64_t d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = floor_div(y, 400);
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int
is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
dtl_zone_month_days(int y, int m)
{
    static const int dim[12] = { 31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31 };

    if (m < 1 || m > 12)
        return 0;
    return dim[m - 1] + (m == 2 && is_leap(y));
}

int64_t
dtl_time_from_civil(int year, int month, int day, int hour, int minute,
                    int second)
{
    /* Out-of-range months carry into the year, and the other fields are
     * linear, as with timegm(); int64 arithmetic cannot overflow here. */
    int64_t y = (int64_t)year + floor_div((int64_t)month - 1, 12);
    int64_t m = (int64_t)month - 1 - floor_div((int64_t)month - 1, 12) * 12;
    int64_t days = days_from_civil(y, m + 1, 1) + (int64_t)day - 1;

    return days * 86400 + (int64_t)hour * 3600 + (int64_t)minute * 60 +
           (int64_t)second;
}

void
dtl_time_to_civil(int64_t t, int *year, int *month, int *day, int *hour,
                  int *minute, int *second)
{
    int64_t days, secs, z, era, doe, yoe, doy, mp, y, m, d;

    if (t > TS_CIVIL_LIMIT)
        t = TS_CIVIL_LIMIT;
    if (t < -TS_CIVIL_LIMIT)
        t = -TS_CIVIL_LIMIT;
    days = floor_div(t, 86400);
    secs = t - days * 86400;
    z = days + 719468;
    era = floor_div(z, 146097);
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = yoe + era * 400 + (m <= 2);
    if (year)
        *year = (int)y;
    if (month)
        *month = (int)m;
    if (day)
        *day = (int)d;
    if (hour)
        *hour = (int)(secs / 3600);
    if (minute)
        *minute = (int)(secs / 60 % 60);
    if (second)
        *second = (int)(secs % 60);
}

char *
dtl_time_format_iso(int64_t t, char *buf, size_t size)
{
    int y, mo, d, h, mi, s;

    if (!buf || size == 0)
        return buf;
    if (t == DTL_TS_NONE) {
        snprintf(buf, size, "-");
        return buf;
    }
    dtl_time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi,
             s);
    return buf;
}

/* ---- daylight-saving time ------------------------------------------ */

/* Days since 1970-01-01 of a civil date, and the weekday (0 = Sunday) of
 * such a day number. */
static int64_t
day_number(int year, int month, int day)
{
    return days_from_civil(year, month, day);
}

static int
weekday(int64_t days)
{
    return (int)(((days % 7) + 7 + 4) % 7);
}

int
dtl_zone_offset_at(int dst_rule, int std_offset, int64_t wall)
{
    int64_t start, end, d, u;
    int year;

    if (dst_rule == DTL_DST_NONE || wall < DTL_TIME_MIN ||
        wall > DTL_TIME_MAX || std_offset < -DTL_ZONE_MAX_OFFSET ||
        std_offset > DTL_ZONE_MAX_OFFSET)
        return std_offset;
    dtl_time_to_civil(wall, &year, NULL, NULL, NULL, NULL, NULL);
    if (dst_rule == DTL_DST_US) {
        /* 2nd Sunday of March 02:00 standard time to the 1st Sunday of
         * November 02:00 summer time, both local. */
        d = day_number(year, 3, 1);
        d += (7 - weekday(d)) % 7 + 7;
        start = d * 86400 + 7200 - std_offset;
        d = day_number(year, 11, 1);
        d += (7 - weekday(d)) % 7;
        end = d * 86400 + 7200 - (std_offset + 3600);
    } else if (dst_rule == DTL_DST_EU) {
        /* Last Sundays of March and October, 01:00 UTC. */
        d = day_number(year, 3, 31);
        start = (d - weekday(d)) * 86400 + 3600;
        d = day_number(year, 10, 31);
        end = (d - weekday(d)) * 86400 + 3600;
    } else {
        return std_offset;
    }
    /* Read the wall time as summer time; if that instant is inside the
     * summer period, it is summer time.  This puts skipped spring times in
     * standard time and repeated autumn times in summer time. */
    u = wall - std_offset - 3600;
    return (u >= start && u < end) ? std_offset + 3600 : std_offset;
}

int
dtl_zone_table_ok(void)
{
    size_t i;

    for (i = 1; i < NZONES; i++)
        if (strcmp(zones[i - 1].name, zones[i].name) >= 0)
            return 0;
    for (i = 0; i < NZONES; i++) {
        size_t len = strlen(zones[i].name);

        if (len >= ZONE_KEY_MAX || find(zones[i].name, len) != &zones[i])
            return 0;
    }
    return 1;
}
