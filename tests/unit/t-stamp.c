/* Dateline tests: stamp lines, zones, DST, civil time and user dates.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Table-driven: every row gives an input and the exact expected result (a
 * UTC ISO string for full stamps).  The shared live blog
 * ($DATELINE_SHARED/corpus, default $top_srcdir/../shared) is read line by
 * line: its two stamp lines must parse and every other line be rejected.
 * Inputs are copied into exact-size heap blocks so that, under ASan, any
 * read past n is caught.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "dateline/stamp.h"
#include "tap.h"
#include "zone.h"

#define NOW INT64_C(1764668760) /* 2025-12-02T09:46:00Z */

struct row {
    const char *in;
    const char *want;   /* NULL: must be rejected */
};

/* The parse of a line as text: a FULL stamp as its UTC instant (no zone:
 * UTC), "date Y-M-D", "time H:M:S[ +HHMM[ US|EU]]", or NULL if rejected. */
static const char *
describe(const char *line, size_t n, char *buf, size_t size)
{
    struct dtl_stamp s;
    char *copy = malloc(n ? n : 1);
    dtl_status st;
    int off;

    memcpy(copy, line, n);
    st = dtl_stamp_parse_line(copy, n, &s);
    free(copy);
    if (st != DTL_OK) {
        if (st != DTL_ESYNTAX || s.kind != DTL_STAMP_NONE)
            return "bad failure";
        return NULL;
    }
    switch (s.kind) {
    case DTL_STAMP_FULL:
        return dtl_time_format_iso(dtl_stamp_to_utc(&s, 0), buf, size);
    case DTL_STAMP_DATE:
        snprintf(buf, size, "date %04d-%02d-%02d", s.year, s.month, s.day);
        return buf;
    case DTL_STAMP_TIME:
        off = s.utc_offset < 0 ? -s.utc_offset : s.utc_offset;
        if (!s.has_zone)
            snprintf(buf, size, "time %02d:%02d:%02d", s.hour, s.minute,
                     s.second);
        else
            snprintf(buf, size, "time %02d:%02d:%02d %c%02d%02d%s", s.hour,
                     s.minute, s.second, s.utc_offset < 0 ? '-' : '+',
                     off / 3600, off / 60 % 60,
                     s.zone_dst_rule == DTL_DST_US   ? " US"
                     : s.zone_dst_rule == DTL_DST_EU ? " EU"
                                                     : "");
        return buf;
    case DTL_STAMP_NONE:
        break;
    }
    return "kind NONE with DTL_OK";
}

static void
run_rows(const char *what, const struct row *rows)
{
    char buf[64];
    size_t i;

    for (i = 0; rows[i].in; i++) {
        const char *got = describe(rows[i].in, strlen(rows[i].in), buf,
                                   sizeof(buf));
        char name[160];

        snprintf(name, sizeof(name), "%s: \"%s\"", what, rows[i].in);
        if (rows[i].want)
            tap_is_str(got, rows[i].want, name);
        else
            tap_ok(got == NULL, "%s is rejected (got %s)", name,
                   got ? got : "-");
    }
}

/* Formats news sites print; FULL rows give the instant in UTC. */
static const struct row format_rows[] = {
    { "Dec 02, 2025 at 04:46 AM EST", "2025-12-02T09:46:00Z" },
    { "...Dec 02, 2025 at 04:46 AM EST", "2025-12-02T09:46:00Z" },
    { "\xe2\x80\xa6" "Dec 02, 2025 at 04:31 AM EST", "2025-12-02T09:31:00Z" },
    { "... Dec 02, 2025 at 04:31 AM EST", "2025-12-02T09:31:00Z" },
    { "  Dec 02, 2025 at 04:31 AM EST \r", "2025-12-02T09:31:00Z" },
    { "Dec 2, 2025 4:46 PM", "2025-12-02T16:46:00Z" },
    { "December 2, 2025, 4:46 a.m. ET", "2025-12-02T09:46:00Z" },
    { "Tuesday, December 2, 2025 4:46 AM EST", "2025-12-02T09:46:00Z" },
    { "Tue 2 Dec 2025 09.46 GMT", "2025-12-02T09:46:00Z" },
    { "Tue, 2 Dec 2025 09:46:30 GMT", "2025-12-02T09:46:30Z" },
    { "2 December 2025 09:46 GMT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025, 9.46am GMT", "2025-12-02T09:46:00Z" },
    { "Dec. 2, 2025, 4:46 p.m. ET", "2025-12-02T21:46:00Z" },
    { "DECEMBER 2, 2025 4:46 AM EST", "2025-12-02T09:46:00Z" },
    { "dec 2 2025 4:46am est", "2025-12-02T09:46:00Z" },
    { "December 2nd, 2025 at 4:46 PM ET", "2025-12-02T21:46:00Z" },
    { "2nd of December 2025 - 09:46 GMT", "2025-12-02T09:46:00Z" },
    { "Dec 2, 2025 | 4:46 PM ET", "2025-12-02T21:46:00Z" },
    { "Dec 2, 2025 \xc2\xb7 4:46 PM ET", "2025-12-02T21:46:00Z" },
    { "Dec 2, 2025 \xe2\x80\x94 4:46 PM ET", "2025-12-02T21:46:00Z" },
    { "Dec 2, 2025 4:46\xe2\x80\xafPM EST", "2025-12-02T21:46:00Z" },
    { "Dec\xc2\xa0" "2,\xc2\xa0" "2025 4:46 PM EST", "2025-12-02T21:46:00Z" },
    { "Dec 2, 2025 4 PM ET", "2025-12-02T21:00:00Z" },
    { "Dec 2, 2025 4:46 PM (ET)", "2025-12-02T21:46:00Z" },
    { "Sept 30, 2025 at 10:46 AM EDT", "2025-09-30T14:46:00Z" },
    { "Sep. 30, 2025 10:46 AM ET", "2025-09-30T14:46:00Z" },
    { "Jul 2, 2025 4:46 a.m. ET", "2025-07-02T08:46:00Z" },
    { "Updated: Dec 2, 2025 at 4:46 PM EST", "2025-12-02T21:46:00Z" },
    { "UPDATED Dec 2, 2025 4:46 PM EST", "2025-12-02T21:46:00Z" },
    { "Last updated 2 December 2025 at 09:46 GMT", "2025-12-02T09:46:00Z" },
    { "Last Updated: Tuesday, December 2, 2025, 4:46 a.m. Eastern Time",
      "2025-12-02T09:46:00Z" },
    { "Published on 2nd December 2025, 09:46 GMT", "2025-12-02T09:46:00Z" },
    { "Posted at 09:46 GMT, 2 Dec 2025", "2025-12-02T09:46:00Z" },
    { "...Updated Dec 2, 2025 4:46 PM EST", "2025-12-02T21:46:00Z" },
    /* Time first, then the date. */
    { "4:46 PM ET, Dec 2, 2025", "2025-12-02T21:46:00Z" },
    { "09:46 GMT 2 December 2025", "2025-12-02T09:46:00Z" },
    { "09:46, Tuesday 2 December 2025", "2025-12-02T09:46:00Z" },
    { "Updated 4:46 AM EST, Tue December 2, 2025", "2025-12-02T09:46:00Z" },
    { "Updated 4:46 a.m. ET, December 2, 2025", "2025-12-02T09:46:00Z" },
    { "Nov 8, 2023 / 04:43 PM CST", "2023-11-08T22:43:00Z" },
    { "Tuesday | April 26, 2022 | 9:52 PM", "2022-04-26T21:52:00Z" },
    { "8 Oct, 2025 @ 2:53pm", "2025-10-08T14:53:00Z" },
    { "Mon Jan 22, 2024 6:07 pm", "2024-01-22T18:07:00Z" },
    { "10:46 CET on 2 Dec 2025", "2025-12-02T09:46:00Z" },
    /* ISO 8601. */
    { "2025-12-02T09:46:00Z", "2025-12-02T09:46:00Z" },
    { "2025-12-02T09:46Z", "2025-12-02T09:46:00Z" },
    { "2025-12-02t09:46:00z", "2025-12-02T09:46:00Z" },
    { "2025-12-02T10:46:00+01:00", "2025-12-02T09:46:00Z" },
    { "2025-12-02T10:46:00+0100", "2025-12-02T09:46:00Z" },
    { "2025-12-02T10:46:00+01", "2025-12-02T09:46:00Z" },
    { "2025-12-02T04:46:00-05:00", "2025-12-02T09:46:00Z" },
    { "2025-12-02T15:16:00+05:30", "2025-12-02T09:46:00Z" },
    { "2025-12-02T09:46:00.123456Z", "2025-12-02T09:46:00Z" },
    { "2025-12-02T09:46:59,5Z", "2025-12-02T09:46:59Z" },
    { "2025-12-02 09:46", "2025-12-02T09:46:00Z" },
    { "2025-12-02 09:46:30 UTC", "2025-12-02T09:46:30Z" },
    { "2025-12-02 04:46 EST", "2025-12-02T09:46:00Z" },
    /* Noon and midnight on the 12-hour clock. */
    { "Dec 2, 2025 12:00 PM", "2025-12-02T12:00:00Z" },
    { "Dec 2, 2025 12:30 AM", "2025-12-02T00:30:00Z" },
    { "Dec 2, 2025 12:00 a.m. EST", "2025-12-02T05:00:00Z" },
    { "Dec 2, 2025 12:59 p.m.", "2025-12-02T12:59:00Z" },
    { "Dec 2, 2025 11:59 PM", "2025-12-02T23:59:00Z" },
    { "Dec 2, 2025 00:00", "2025-12-02T00:00:00Z" },
    { "Dec 2, 2025 23:59:59", "2025-12-02T23:59:59Z" },
    /* Calendar edges. */
    { "Feb 29, 2024 12:00 GMT", "2024-02-29T12:00:00Z" },
    { "29 February 2000 12:00 GMT", "2000-02-29T12:00:00Z" },
    { "Dec 31, 2025 11:30 PM EST", "2026-01-01T04:30:00Z" },
    { "Jan 1, 2026 00:30 CET", "2025-12-31T23:30:00Z" },
    { "Jan 1, 1000 00:00 UTC", "1000-01-01T00:00:00Z" },
    { "Dec 31, 9999 23:59 UTC", "9999-12-31T23:59:00Z" },
    { "1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z" },
    /* Date only. */
    { "Dec 02, 2025", "date 2025-12-02" },
    { "2 December 2025", "date 2025-12-02" },
    { "Tuesday 2 December 2025", "date 2025-12-02" },
    { "Tuesday, December 2, 2025", "date 2025-12-02" },
    { "Tues. 2 Dec. 2025", "date 2025-12-02" },
    { "2025-12-02", "date 2025-12-02" },
    { "December 2nd, 2025", "date 2025-12-02" },
    { "2nd of December 2025", "date 2025-12-02" },
    { "Updated Dec 2, 2025", "date 2025-12-02" },
    { "...2 Dec 2025", "date 2025-12-02" },
    { "Feb 29, 2000", "date 2000-02-29" },
    { "May 5, 2025", "date 2025-05-05" },
    /* Time only. */
    { "09:46 GMT", "time 09:46:00 +0000" },
    { "9.46am", "time 09:46:00" },
    { "9:46 a.m.", "time 09:46:00" },
    { "9:46 a.m", "time 09:46:00" },
    { "16:05", "time 16:05:00" },
    { "16:05:30 GMT", "time 16:05:30 +0000" },
    { "9:46 GMT", "time 09:46:00 +0000" },
    { "9:46:30 pm", "time 21:46:30" },
    { "4:46 PM ET", "time 16:46:00 -0500 US" },
    { "4:46 P.M. Eastern", "time 16:46:00 -0500 US" },
    { "12:00pm", "time 12:00:00" },
    { "12:30am", "time 00:30:00" },
    { "12am", "time 00:00:00" },
    { "4 PM", "time 16:00:00" },
    { "09.46 GMT", "time 09:46:00 +0000" },
    { "16.05 BST", "time 16:05:00 +0100" },
    { "Updated 4:46 PM EST", "time 16:46:00 -0500" },
    { "Updated at 4:46 PM", "time 16:46:00" },
    { "09:46 UK time", "time 09:46:00 +0000 EU" },
    { "9:46\xe2\x80\xaf" "AM", "time 09:46:00" },
    { "10:46 (CET)", "time 10:46:00 +0100" },
    { "15:16 UTC+5:30", "time 15:16:00 +0530" },
    { "09:46Z", "time 09:46:00 +0000" },
    { "00:00", "time 00:00:00" },
    { "23:59", "time 23:59:00" },
    { NULL, NULL }
};

/* Lines that are not stamps: invalid dates and times, ambiguous numeric
 * dates, and the headlines and sentences a live blog is made of. */
static const struct row reject_rows[] = {
    { "", NULL }, { "   ", NULL }, { "...", NULL }, { "\xe2\x80\xa6", NULL },
    { "Updated", NULL }, { "Last updated:", NULL },
    { "25:00", NULL }, { "9:61", NULL }, { "24:00", NULL },
    { "23:60", NULL }, { "12:00:60", NULL }, { "13:00 pm", NULL },
    { "0:30 am", NULL }, { "00:30 AM", NULL }, { "9.46", NULL },
    { "16.05", NULL }, { "1:1", NULL }, { "1:1 pm", NULL },
    { "123:45", NULL }, { "9:466", NULL }, { "16:05:30", NULL },
    { "0:54", NULL }, { "1:41", NULL }, { "01:01:43", NULL },
    { "9:46", NULL },
    { "Feb 30, 2025", NULL }, { "Feb 29, 2025", NULL },
    { "Feb 29, 1900", NULL }, { "Apr 31, 2025 10:00", NULL },
    { "2025-02-29", NULL }, { "2025-13-01", NULL }, { "2025-00-10", NULL },
    { "2025-12-00", NULL }, { "2025-12-32", NULL }, { "Dec 32, 2025", NULL },
    { "0 Dec 2025", NULL }, { "Dec 0, 2025", NULL }, { "0000-01-01", NULL },
    { "Dec 2, 2025 25:00", NULL }, { "Dec 2, 2025 9:61 PM", NULL },
    { "02/12", NULL }, { "02/12/2025", NULL }, { "12/02/2025 09:46", NULL },
    { "2025/12/02", NULL }, { "02.12.2025", NULL }, { "2.12.", NULL },
    { "2025", NULL }, { "4", NULL }, { "20251202", NULL },
    { "2025-12", NULL }, { "2025-12-2", NULL }, { "2025-12-02T", NULL },
    { "2025-12-02T09", NULL }, { "2025-12-02T09:46+1", NULL },
    { "2025-12-0209:46", NULL }, { "2025-12-02T09:46:00ZZ", NULL },
    { "0.20.25-12-0225-12-02", NULL }, { "2025-12-02-09:46", NULL },
    { "Dec 2, 2025at 4:46 PM", NULL },
    { "Dec 2025", NULL }, { "December 2", NULL }, { "Dec 2 4:46 PM", NULL },
    { "2 December", NULL }, { "Dec 2, 25", NULL }, { "Dec 2, 02025", NULL },
    { "Dec 2 , 2025", NULL }, { "Decem 2, 2025", NULL },
    { "Dec 02, 2025 at", NULL }, { "Dec 02, 2025 at 04:46 AM XYZ", NULL },
    { "Dec 02, 2025 at 04:46 AMEST", NULL },
    { "Dec 02, 2025 at 04:46 AM EST.", NULL },
    { "Dec 02, 2025 at 04:46 AM EST EST", NULL },
    { "Dec 02, 2025 at 04:46 AM EST and more", NULL },
    { "Dec 02, 2025 at 04:46 AM (EST", NULL },
    { "4:46 PM EST5EDT", NULL }, { "9:46 local time", NULL },
    { "UTC", NULL }, { "GMT+1", NULL }, { "Tuesday", NULL },
    { "Tuesday, December 2", NULL }, { "Witkoff", NULL },
    { "On Dec 2, 2025, Putin met Witkoff", NULL },
    { "Dec 2, 2025: Putin meets Witkoff in Moscow", NULL },
    { "Trump met Putin on Dec 2, 2025", NULL },
    { "Witkoff and Putin are due to meet at around 5 p.m.", NULL },
    { "The meeting is at 5 p.m. local time (10 a.m. ET).", NULL },
    { "1 min read", NULL }, { "3 min read", NULL },
    { "May I ask a question?", NULL }, { "March on Washington", NULL },
    { "Sunday Times", NULL }, { "Sun 2 Dec", NULL }, { "3-1", NULL },
    { "12.5", NULL }, { "12.5%", NULL }, { "$4.46", NULL },
    { "Posted 4 hours ago", NULL }, { "Updated 5 min ago", NULL },
    { "2 hours ago", NULL }, { "10 things to know", NULL },
    { "5 p.m. is when it starts", NULL },
    { "What To Know", NULL }, { "Trending", NULL },
    { "Live Blog", NULL }, { "- Witkoff", NULL },
    { "...Ukrainian defense minister Denys Shmyhal said", NULL },
    { "2025 was a year of war", NULL }, { "2 December 2025 was cold", NULL },
    { "December 2, 2025 09:46 GMT: a stamp inside a sentence", NULL },
    { "Dec 02, 2025 at 04:46 AM EST                                       "
      "                                                              ",
      "2025-12-02T09:46:00Z" },
    { "Dec 02, 2025 at 04:46 AM EST and then a long tail of words that "
      "makes the line far longer than any stamp a news site prints, so "
      "it is text", NULL },
    { NULL, NULL }
};

/* Every zone family; 09:46Z in each zone's own clock (Dec: no DST). */
static const struct row zone_rows[] = {
    { "2 Dec 2025 09:46 UTC", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 09:46 UT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 09:46 Z", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 09:46 Greenwich Mean Time", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 09:46 British time", "2025-12-02T09:46:00Z" },
    { "2 July 2025 09:46 UK time", "2025-07-02T08:46:00Z" },
    { "2 July 2025 09:46 BST", "2025-07-02T08:46:00Z" },
    { "2 July 2025 09:46 British Summer Time", "2025-07-02T08:46:00Z" },
    { "2 Dec 2025 09:46 WET", "2025-12-02T09:46:00Z" },
    { "2 Jul 2025 10:46 WEST", "2025-07-02T09:46:00Z" },
    { "2 Dec 2025 10:46 CET", "2025-12-02T09:46:00Z" },
    { "2 Jul 2025 11:46 CEST", "2025-07-02T09:46:00Z" },
    { "2 Jul 2025 10:46 CET", "2025-07-02T09:46:00Z" },
    { "2 Dec 2025 11:46 EET", "2025-12-02T09:46:00Z" },
    { "2 Jul 2025 12:46 EEST", "2025-07-02T09:46:00Z" },
    { "2 Dec 2025 11:46 KALT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 12:46 MSK", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 13:46 SAMT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 14:46 YEKT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 15:46 OMST", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 16:46 KRAT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 17:46 IRKT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 18:46 YAKT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 19:46 VLAT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 20:46 MAGT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 21:46 PETT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 14:46 PKT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 15:16 IST", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 16:46 ICT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 17:46 HKT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 17:46 SGT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 17:46 PHT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 18:46 JST", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 18:46 KST", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 10:46 WAT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 11:46 SAST", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 12:46 EAT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 17:46 AWST", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 19:16 ACST", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 20:16 ACDT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 19:46 AEST", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 20:46 AEDT", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 21:46 NZST", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 22:46 NZDT", "2025-12-02T09:46:00Z" },
    { "Dec 2, 2025 4:46 AM EST", "2025-12-02T09:46:00Z" },
    { "Dec 2, 2025 5:46 AM EDT", "2025-12-02T09:46:00Z" },
    { "Dec 2, 2025 3:46 AM CST", "2025-12-02T09:46:00Z" },
    { "Dec 2, 2025 4:46 AM CDT", "2025-12-02T09:46:00Z" },
    { "Dec 2, 2025 2:46 AM MST", "2025-12-02T09:46:00Z" },
    { "Dec 2, 2025 3:46 AM MDT", "2025-12-02T09:46:00Z" },
    { "Dec 2, 2025 1:46 AM PST", "2025-12-02T09:46:00Z" },
    { "Dec 2, 2025 2:46 AM PDT", "2025-12-02T09:46:00Z" },
    { "Dec 2, 2025 12:46 AM AKST", "2025-12-02T09:46:00Z" },
    { "Dec 2, 2025 1:46 AM AKDT", "2025-12-02T09:46:00Z" },
    { "Dec 1, 2025 11:46 PM HST", "2025-12-02T09:46:00Z" },
    { "Dec 2, 2025 4:46 AM Eastern Standard Time", "2025-12-02T09:46:00Z" },
    { "Jul 2, 2025 4:46 AM Eastern Daylight Time", "2025-07-02T08:46:00Z" },
    { "Dec 2, 2025 1:46 AM Pacific Standard Time", "2025-12-02T09:46:00Z" },
    /* US regional names follow the date. */
    { "Dec 2, 2025 3:46 AM CT", "2025-12-02T09:46:00Z" },
    { "Jul 2, 2025 3:46 AM CT", "2025-07-02T08:46:00Z" },
    { "Dec 2, 2025 2:46 AM MT", "2025-12-02T09:46:00Z" },
    { "Jul 2, 2025 2:46 AM Mountain Time", "2025-07-02T08:46:00Z" },
    { "Dec 2, 2025 1:46 AM PT", "2025-12-02T09:46:00Z" },
    { "Jul 2, 2025 1:46 AM Pacific", "2025-07-02T08:46:00Z" },
    { "Jul 2, 2025 4:46 AM Eastern", "2025-07-02T08:46:00Z" },
    { "Jul 2, 2025 3:46 AM Central Time", "2025-07-02T08:46:00Z" },
    /* Numeric offsets. */
    { "Dec 2, 2025 10:46 UTC+1", "2025-12-02T09:46:00Z" },
    { "Dec 2, 2025 10:46 UTC +1", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 15:16 GMT+05:30", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 15:16 GMT+0530", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 10:46 +01:00", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 04:46 GMT-5", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 04:46 UTC\xe2\x88\x92" "5", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 04:46 (UTC-05:00)", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 23:46 UTC+14", "2025-12-02T09:46:00Z" },
    { "2 Dec 2025 10:46 UTC+15", NULL },
    { "2 Dec 2025 10:46 UTC+1:60", NULL },
    { "2 Dec 2025 10:46 +1", NULL },
    { "2 Dec 2025 10:46 +123", NULL },
    { NULL, NULL }
};

/* DST edges; expected values agree with the tz database (Python zoneinfo
 * for America/New_York and Europe/London).  Skipped spring times read as
 * standard time, repeated autumn times as summer time. */
static const struct row dst_rows[] = {
    { "Mar 8, 2025 11:00 PM ET", "2025-03-09T04:00:00Z" },
    { "Mar 9, 2025 1:59 AM ET", "2025-03-09T06:59:00Z" },
    { "Mar 9, 2025 2:30 AM ET", "2025-03-09T07:30:00Z" },
    { "Mar 9, 2025 3:00 AM ET", "2025-03-09T07:00:00Z" },
    { "Nov 1, 2025 1:30 AM ET", "2025-11-01T05:30:00Z" },
    { "Nov 2, 2025 12:59 AM ET", "2025-11-02T04:59:00Z" },
    { "Nov 2, 2025 1:30 AM ET", "2025-11-02T05:30:00Z" },
    { "Nov 2, 2025 1:59 AM ET", "2025-11-02T05:59:00Z" },
    { "Nov 2, 2025 2:00 AM ET", "2025-11-02T07:00:00Z" },
    { "Mar 10, 2024 1:00 AM ET", "2024-03-10T06:00:00Z" },
    { "Mar 10, 2024 3:00 AM ET", "2024-03-10T07:00:00Z" },
    { "Nov 3, 2024 2:00 AM ET", "2024-11-03T07:00:00Z" },
    { "Mar 1, 2026 3:00 AM ET", "2026-03-01T08:00:00Z" },
    { "Mar 8, 2026 3:00 AM ET", "2026-03-08T07:00:00Z" },
    { "Oct 31, 2026 2:00 AM ET", "2026-10-31T06:00:00Z" },
    { "Nov 1, 2026 2:00 AM ET", "2026-11-01T07:00:00Z" },
    { "Mar 9, 2025 3:00 AM PT", "2025-03-09T10:00:00Z" },
    { "Nov 2, 2025 2:00 AM PT", "2025-11-02T10:00:00Z" },
    { "30 March 2025 00:59 UK time", "2025-03-30T00:59:00Z" },
    { "30 March 2025 01:30 UK time", "2025-03-30T01:30:00Z" },
    { "30 March 2025 02:00 UK time", "2025-03-30T01:00:00Z" },
    { "26 October 2025 00:59 UK time", "2025-10-25T23:59:00Z" },
    { "26 October 2025 01:30 UK time", "2025-10-26T00:30:00Z" },
    { "26 October 2025 02:00 UK time", "2025-10-26T02:00:00Z" },
    { "25 October 2025 12:00 UK time", "2025-10-25T11:00:00Z" },
    { "31 March 2024 02:00 UK time", "2024-03-31T01:00:00Z" },
    { "27 October 2024 02:00 UK time", "2024-10-27T02:00:00Z" },
    { "28 March 2027 01:00 UK time", "2027-03-28T01:00:00Z" },
    { "31 October 2027 01:30 UK time", "2027-10-31T00:30:00Z" },
    { NULL, NULL }
};

struct zone_row {
    const char *name;
    int ok, offset, rule;
};

static const struct zone_row zone_lookup_rows[] = {
    { "UTC", 1, 0, DTL_DST_NONE },      { "z", 1, 0, DTL_DST_NONE },
    { "gmt", 1, 0, DTL_DST_NONE },      { "BST", 1, 3600, DTL_DST_NONE },
    { "UK time", 1, 0, DTL_DST_EU },    { "uk  TIME", 1, 0, DTL_DST_EU },
    { "British time", 1, 0, DTL_DST_EU },
    { "EST", 1, -18000, DTL_DST_NONE }, { "edt", 1, -14400, DTL_DST_NONE },
    { "CST", 1, -21600, DTL_DST_NONE }, { "CDT", 1, -18000, DTL_DST_NONE },
    { "MST", 1, -25200, DTL_DST_NONE }, { "MDT", 1, -21600, DTL_DST_NONE },
    { "PST", 1, -28800, DTL_DST_NONE }, { "PDT", 1, -25200, DTL_DST_NONE },
    { "AKST", 1, -32400, DTL_DST_NONE }, { "AKDT", 1, -28800, DTL_DST_NONE },
    { "HST", 1, -36000, DTL_DST_NONE },
    { "ET", 1, -18000, DTL_DST_US },    { "CT", 1, -21600, DTL_DST_US },
    { "MT", 1, -25200, DTL_DST_US },    { "PT", 1, -28800, DTL_DST_US },
    { "Eastern", 1, -18000, DTL_DST_US },
    { "Eastern Time", 1, -18000, DTL_DST_US },
    { "Pacific", 1, -28800, DTL_DST_US },
    { "Pacific Time", 1, -28800, DTL_DST_US },
    { "WET", 1, 0, DTL_DST_NONE },      { "WEST", 1, 3600, DTL_DST_NONE },
    { "CET", 1, 3600, DTL_DST_NONE },   { "CEST", 1, 7200, DTL_DST_NONE },
    { "EET", 1, 7200, DTL_DST_NONE },   { "EEST", 1, 10800, DTL_DST_NONE },
    { "MSK", 1, 10800, DTL_DST_NONE },  { "KALT", 1, 7200, DTL_DST_NONE },
    { "SAMT", 1, 14400, DTL_DST_NONE }, { "YEKT", 1, 18000, DTL_DST_NONE },
    { "OMST", 1, 21600, DTL_DST_NONE }, { "KRAT", 1, 25200, DTL_DST_NONE },
    { "IRKT", 1, 28800, DTL_DST_NONE }, { "YAKT", 1, 32400, DTL_DST_NONE },
    { "VLAT", 1, 36000, DTL_DST_NONE }, { "MAGT", 1, 39600, DTL_DST_NONE },
    { "PETT", 1, 43200, DTL_DST_NONE }, { "IST", 1, 19800, DTL_DST_NONE },
    { "PKT", 1, 18000, DTL_DST_NONE },  { "JST", 1, 32400, DTL_DST_NONE },
    { "KST", 1, 32400, DTL_DST_NONE },  { "HKT", 1, 28800, DTL_DST_NONE },
    { "SGT", 1, 28800, DTL_DST_NONE },  { "AEST", 1, 36000, DTL_DST_NONE },
    { "AEDT", 1, 39600, DTL_DST_NONE }, { "ACST", 1, 34200, DTL_DST_NONE },
    { "ACDT", 1, 37800, DTL_DST_NONE }, { "AWST", 1, 28800, DTL_DST_NONE },
    { "NZST", 1, 43200, DTL_DST_NONE }, { "NZDT", 1, 46800, DTL_DST_NONE },
    { "UTC+1", 1, 3600, DTL_DST_NONE }, { "utc-5", 1, -18000, DTL_DST_NONE },
    { "GMT+05:30", 1, 19800, DTL_DST_NONE },
    { "GMT +0530", 1, 19800, DTL_DST_NONE },
    { "+01:00", 1, 3600, DTL_DST_NONE }, { "+0100", 1, 3600, DTL_DST_NONE },
    { "-05", 1, -18000, DTL_DST_NONE }, { "-09:30", 1, -34200, DTL_DST_NONE },
    { "UTC+14", 1, 50400, DTL_DST_NONE }, { " EST ", 1, -18000, 0 },
    { "", 0, 0, 0 },        { "   ", 0, 0, 0 },      { "XYZ", 0, 0, 0 },
    { "ESTX", 0, 0, 0 },    { "E ST", 0, 0, 0 },     { "EST EST", 0, 0, 0 },
    { "uk time zone", 0, 0, 0 }, { "UK", 0, 0, 0 },  { "time", 0, 0, 0 },
    { "Paris time", 0, 0, 0 }, { "UTC+15", 0, 0, 0 }, { "+1", 0, 0, 0 },
    { "+123", 0, 0, 0 },    { "+01:60", 0, 0, 0 },   { "UTC+", 0, 0, 0 },
    { "EST5EDT", 0, 0, 0 }, { "AST", 0, 0, 0 },      { "UTC+1x", 0, 0, 0 },
    { "+01:00:00", 0, 0, 0 },
    { NULL, 0, 0, 0 }
};

static void
test_zone_lookup(void)
{
    size_t i;

    tap_ok(dtl_zone_table_ok(), "zone table is sorted for binary search");
    for (i = 0; zone_lookup_rows[i].name; i++) {
        const struct zone_row *r = &zone_lookup_rows[i];
        int off = 99, rule = 99;
        int ok = dtl_zone_lookup(r->name, strlen(r->name), &off, &rule);

        tap_ok(ok == r->ok && off == r->offset && rule == r->rule,
               "zone \"%s\": ok %d offset %d rule %d", r->name, ok, off,
               rule);
    }
    tap_ok(dtl_zone_lookup("ESTX", 3, NULL, NULL) == 1,
           "zone lookup stops at n and takes NULL outputs");
}

/* Civil arithmetic: fixed points, then every day of years 1..9999 against
 * a naive calendar counter. */
static void
test_civil(void)
{
    static const struct {
        int y, mo, d, h, mi, s;
        int64_t t;
    } pts[] = {
        { 1970, 1, 1, 0, 0, 0, 0 },
        { 2025, 12, 2, 9, 46, 0, INT64_C(1764668760) },
        { 2000, 3, 1, 0, 0, 0, INT64_C(951868800) },
        { 1969, 12, 31, 23, 59, 59, -1 },
        { 1, 1, 1, 0, 0, 0, INT64_C(-62135596800) },
        { 9999, 12, 31, 23, 59, 59, INT64_C(253402300799) },
        { 1600, 2, 29, 12, 0, 0, INT64_C(-11670955200) },
        { 2038, 1, 19, 3, 14, 8, INT64_C(2147483648) },
    };
    static const int dim[12] = { 31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31 };
    char buf[32];
    size_t i;
    int64_t t;
    int y = 1, mo = 1, d = 1, bad = 0;

    for (i = 0; i < sizeof(pts) / sizeof(pts[0]); i++) {
        int gy, gmo, gd, gh, gmi, gs;

        tap_is_int(dtl_time_from_civil(pts[i].y, pts[i].mo, pts[i].d,
                                       pts[i].h, pts[i].mi, pts[i].s),
                   pts[i].t, "from_civil fixed point");
        dtl_time_to_civil(pts[i].t, &gy, &gmo, &gd, &gh, &gmi, &gs);
        tap_ok(gy == pts[i].y && gmo == pts[i].mo && gd == pts[i].d &&
                   gh == pts[i].h && gmi == pts[i].mi && gs == pts[i].s,
               "to_civil(%lld) = %d-%d-%d %d:%d:%d", (long long)pts[i].t,
               gy, gmo, gd, gh, gmi, gs);
    }
    tap_is_int(dtl_time_from_civil(2025, 13, 1, 0, 0, 0),
               dtl_time_from_civil(2026, 1, 1, 0, 0, 0),
               "month 13 carries into the next year");
    tap_is_int(dtl_time_from_civil(2025, 0, 1, 0, 0, 0),
               dtl_time_from_civil(2024, 12, 1, 0, 0, 0),
               "month 0 borrows from the year before");
    tap_is_int(dtl_time_from_civil(2025, 12, 2, 25, 0, -1),
               dtl_time_from_civil(2025, 12, 3, 0, 59, 59),
               "hours and seconds out of range are linear");
    for (t = INT64_C(-62135596800); t <= INT64_C(253402300799);
         t += 86400) {
        int gy, gmo, gd, gh, gmi, gs, ly;

        dtl_time_to_civil(t + 45296, &gy, &gmo, &gd, &gh, &gmi, &gs);
        if (!bad && (gy != y || gmo != mo || gd != d || gh != 12 ||
                     gmi != 34 || gs != 56 ||
                     dtl_time_from_civil(y, mo, d, 12, 34, 56) !=
                         t + 45296)) {
            tap_diag("civil mismatch at %d-%d-%d: got %d-%d-%d", y, mo, d,
                     gy, gmo, gd);
            bad = 1;
        }
        ly = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (++d > dim[mo - 1] + (mo == 2 && ly)) {
            d = 1;
            if (++mo > 12) {
                mo = 1;
                y++;
            }
        }
    }
    tap_ok(!bad && y == 10000, "every day of years 1..9999 round-trips");
    tap_is_str(dtl_time_format_iso(DTL_TS_NONE, buf, sizeof(buf)), "-",
               "DTL_TS_NONE formats as -");
    tap_is_str(dtl_time_format_iso(-1, buf, sizeof(buf)),
               "1969-12-31T23:59:59Z", "format before the epoch");
    tap_is_str(dtl_time_format_iso(INT64_C(-62135596800), buf, sizeof(buf)),
               "0001-01-01T00:00:00Z", "format year 1");
    tap_is_str(dtl_time_format_iso(NOW, buf, 5), "2025",
               "format truncates to the buffer");
    buf[0] = 'x';
    dtl_time_format_iso(NOW, buf, 0);
    tap_ok(buf[0] == 'x', "format with size 0 writes nothing");
    dtl_time_to_civil(INT64_MAX, &y, NULL, NULL, NULL, NULL, NULL);
    tap_ok(y > 9999, "to_civil(INT64_MAX) saturates (year %d)", y);
    dtl_time_to_civil(DTL_TS_NONE, &y, NULL, NULL, NULL, NULL, NULL);
    tap_ok(y < 1, "to_civil(INT64_MIN) saturates (year %d)", y);
}

static void
test_to_utc(void)
{
    struct dtl_stamp s;

    memset(&s, 0, sizeof(s));
    s.kind = DTL_STAMP_FULL;
    s.year = 2025;
    s.month = 12;
    s.day = 2;
    s.hour = 10;
    s.minute = 46;
    tap_is_int(dtl_stamp_to_utc(&s, 3600), NOW,
               "no zone: default_offset applies");
    s.has_zone = 1;
    s.utc_offset = 7200;
    tap_is_int(dtl_stamp_to_utc(&s, 3600), NOW - 3600,
               "a zone overrides default_offset");
    s.day = 31;
    tap_is_int(dtl_stamp_to_utc(&s, 0), NOW + 29 * 86400 - 3600,
               "Dec 31 is valid");
    s.month = 11;
    tap_is_int(dtl_stamp_to_utc(&s, 0), DTL_TS_NONE, "Nov 31 is not");
    s.month = 12;
    s.hour = 24;
    tap_is_int(dtl_stamp_to_utc(&s, 0), DTL_TS_NONE, "hour 24 is not");
    s.hour = 10;
    s.utc_offset = 86400;
    tap_is_int(dtl_stamp_to_utc(&s, 0), DTL_TS_NONE, "offset of a day");
    s.utc_offset = 0;
    s.zone_dst_rule = 7;
    tap_is_int(dtl_stamp_to_utc(&s, 0), DTL_TS_NONE, "unknown DST rule");
    s.kind = DTL_STAMP_TIME;
    s.zone_dst_rule = 0;
    tap_is_int(dtl_stamp_to_utc(&s, 0), DTL_TS_NONE, "TIME is not FULL");
    tap_is_int(dtl_stamp_to_utc(NULL, 0), DTL_TS_NONE, "NULL stamp");
    tap_is_int(dtl_zone_offset_at(DTL_DST_US, -18000, INT64_MAX), -18000,
               "DST rule outside years 1..9999 gives standard time");
}

struct dur_row {
    const char *in;
    double want;    /* < 0: rejected */
};

static const struct dur_row dur_rows[] = {
    { "90s", 90 },        { "30m", 1800 },        { "24h", 86400 },
    { "7d", 604800 },     { "2w", 1209600 },      { "1.5d", 129600 },
    { "0.5h", 1800 },     { "3 hours", 10800 },   { "2 days", 172800 },
    { "1 week", 604800 }, { "45 minutes", 2700 }, { "10 secs", 10 },
    { "1H", 3600 },       { " 5h ", 18000 },      { "0s", 0 },
    { "2 wks", 1209600 }, { "1 hr", 3600 },       { "1.25m", 75 },
    { "", -1 },     { "h", -1 },     { "5", -1 },       { "5x", -1 },
    { "-5h", -1 },  { ".5h", -1 },   { "5.h", -1 },     { "5hh", -1 },
    { "5 h ago", -1 }, { "1e3s", -1 }, { "5h30m", -1 }, { "5 months", -1 },
    { "9999999999999999d", -1 }, { "40000000w", -1 }, { "1,5d", -1 },
    { NULL, 0 }
};

static void
test_durations(void)
{
    size_t i;

    for (i = 0; dur_rows[i].in; i++) {
        double got = -7;
        dtl_status st = dtl_duration_parse(dur_rows[i].in,
                                           strlen(dur_rows[i].in), &got);

        if (dur_rows[i].want >= 0)
            tap_ok(st == DTL_OK && got == dur_rows[i].want,
                   "duration \"%s\" = %g (got %g)", dur_rows[i].in,
                   dur_rows[i].want, got);
        else
            tap_ok(st == DTL_ESYNTAX && got == 0,
                   "duration \"%s\" is rejected", dur_rows[i].in);
    }
}

/* User dates against NOW; rejected rows give a fragment of the message. */
static const struct row user_rows[] = {
    { "2025-12-02", "2025-12-02T00:00:00Z" },
    { "  2025-12-02  ", "2025-12-02T00:00:00Z" },
    { "2025-12-02T10:00", "2025-12-02T10:00:00Z" },
    { "2025-12-02T10:00Z", "2025-12-02T10:00:00Z" },
    { "2025-12-02T10:00+01:00", "2025-12-02T09:00:00Z" },
    { "2025-12-02 10:00:30", "2025-12-02T10:00:30Z" },
    { "2025-12-02T10:00:30.5-05:00", "2025-12-02T15:00:30Z" },
    { "@1764668760", "2025-12-02T09:46:00Z" },
    { "@0", "1970-01-01T00:00:00Z" },
    { "@-86400", "1969-12-31T00:00:00Z" },
    { "24h", "2025-12-01T09:46:00Z" },
    { "7d", "2025-11-25T09:46:00Z" },
    { "90s", "2025-12-02T09:44:30Z" },
    { "1.5d", "2025-11-30T21:46:00Z" },
    { "2 weeks", "2025-11-18T09:46:00Z" },
    { "now", "2025-12-02T09:46:00Z" },
    { "NOW", "2025-12-02T09:46:00Z" },
    { "today", "2025-12-02T00:00:00Z" },
    { "Yesterday", "2025-12-01T00:00:00Z" },
    { "Dec 2, 2025", "2025-12-02T00:00:00Z" },
    { "Dec 2, 2025 4:46 PM EST", "2025-12-02T21:46:00Z" },
    { "", "!empty date" },
    { "   ", "!empty date" },
    { "tomorrow", "!cannot read \"tomorrow\" as a date" },
    { "2025-02-30", "!invalid date in \"2025-02-30\"" },
    { "2025-12-02T25:00", "!invalid time in \"2025-12-02T25:00\"" },
    { "10:00", "!\"10:00\" is a time of day without a date" },
    { "@", "!\"@\" is not a Unix time" },
    { "@12x", "!\"@12x\" is not a Unix time" },
    { "@9999999999999", "!\"@9999999999999\" is not a Unix time" },
    { "@999999999999", "!\"@999999999999\" is outside years 1 to 9999" },
    { "1000000w", "!\"1000000w\" is outside years 1 to 9999" },
    { "0001-01-01T00:00+01:00", "!is outside years 1 to 9999" },
    { "2025", "!cannot read \"2025\"" },
    { "2025-12-02 and more", "!cannot read \"2025-12-02 and more\"" },
    { NULL, NULL }
};

static void
test_user(void)
{
    char buf[32];
    size_t i;

    for (i = 0; user_rows[i].in; i++) {
        struct dtl_error err = DTL_ERROR_INIT;
        const char *in = user_rows[i].in, *want = user_rows[i].want;
        int64_t t = 42;
        dtl_status st = dtl_time_parse_user(in, strlen(in), NOW, &t, &err);

        if (want[0] != '!') {
            tap_ok(st == DTL_OK && err.code == DTL_OK &&
                       strcmp(dtl_time_format_iso(t, buf, sizeof(buf)),
                              want) == 0,
                   "user date \"%s\" = %s (got %s)", in, want,
                   dtl_time_format_iso(t, buf, sizeof(buf)));
        } else {
            tap_ok(st == DTL_ESYNTAX && err.code == DTL_ESYNTAX &&
                       t == DTL_TS_NONE && strstr(err.msg, want + 1),
                   "user date \"%s\" fails with \"%s\" (got \"%s\")", in,
                   want + 1, err.msg);
        }
    }
    {
        struct dtl_error err = DTL_ERROR_INIT;
        int64_t t;
        char long_text[200];

        memset(long_text, 'x', sizeof(long_text));
        dtl_time_parse_user(long_text, sizeof(long_text), NOW, &t, &err);
        tap_ok(strlen(err.msg) < 160, "a long bad date is quoted short");
        dtl_time_parse_user("bad", 3, NOW, &t, &err);
        tap_ok(strstr(err.msg, "bad") == NULL, "the first error wins");
        dtl_error_clear(&err);
        tap_is_int(dtl_time_parse_user("  x", 3, NOW, &t, &err),
                   DTL_ESYNTAX, "bad date with leading blanks");
        tap_is_int((long long)err.offset, 2, "error offset skips blanks");
        tap_is_int(dtl_time_parse_user("now", 3, DTL_TS_NONE, &t, NULL),
                   DTL_EINVAL, "now out of range is EINVAL");
        tap_is_int(dtl_time_parse_user(NULL, 0, NOW, &t, NULL), DTL_EINVAL,
                   "NULL text is EINVAL");
        tap_is_int(dtl_time_parse_user("now", 3, 0, &t, NULL), DTL_OK,
                   "now = 0 (the epoch) is fine");
    }
}

/* Inputs cut short: every prefix of every accepted row is parsed from an
 * exact-size copy (ASan catches an over-read), and bytes past n must not
 * change the answer. */
static void
test_bounds(void)
{
    static const struct row cut[] = {
        { "Dec 02, 2025 at 04:46 AM ESTX", "2025-12-02T09:46:00Z" },
        { "2025-12-02T09:46:00Z9", "2025-12-02T09:46:00Z" },
        { "4:46 PMX", "time 16:46:00" },
        { "16:0512", NULL },
        { "2 Dec 2025 10:46 +01:001", "2025-12-02T09:46:00Z" },
        { "9:46 a.m.", "time 09:46:00" },
        { "Dec 02, 2025 at 04:46 AM UK timeless", NULL },
        { NULL, NULL }
    };
    char buf[64];
    size_t i, k, calls = 0;

    for (i = 0; cut[i].in; i++) {
        const char *got = describe(cut[i].in, strlen(cut[i].in) - 1, buf,
                                   sizeof(buf));

        if (cut[i].want)
            tap_is_str(got, cut[i].want, cut[i].in);
        else
            tap_ok(got == NULL, "cut \"%s\" is rejected", cut[i].in);
    }
    tap_is_str(describe("Dec 02, 2025 at 04:46 AM UK timeless",
                        strlen("Dec 02, 2025 at 04:46 AM UK time"), buf,
                        sizeof(buf)),
               "2025-12-02T04:46:00Z", "zone name cut at n");
    for (i = 0; format_rows[i].in; i++) {
        size_t len = strlen(format_rows[i].in);

        for (k = 0; k <= len; k++, calls++)
            describe(format_rows[i].in, k, buf, sizeof(buf));
    }
    for (i = 0; user_rows[i].in; i++) {
        size_t len = strlen(user_rows[i].in);

        for (k = 0; k <= len; k++, calls++) {
            char *copy = malloc(k ? k : 1);
            int64_t t;
            double d;

            memcpy(copy, user_rows[i].in, k);
            dtl_time_parse_user(copy, k, NOW, &t, NULL);
            dtl_duration_parse(copy, k, &d);
            dtl_zone_lookup(copy, k, NULL, NULL);
            free(copy);
        }
    }
    tap_ok(calls > 1000, "every prefix parsed within bounds (%zu calls)",
           calls);
}

/* The shared live blog: exactly its two stamp lines are stamps. */
static void
test_corpus(void)
{
    const char *dir = getenv("DATELINE_SHARED");
    const char *top = getenv("top_srcdir");
    char path[4096], buf[64];
    char *data = NULL;
    size_t len = 0, start, nlines = 0, nstamps = 0;
    FILE *f;
    int bad = 0;

    if (dir)
        snprintf(path, sizeof(path),
                 "%s/corpus/000_1264d0ae378510b8.txt", dir);
    else
        snprintf(path, sizeof(path),
                 "%s/../shared/corpus/000_1264d0ae378510b8.txt",
                 top ? top : ".");
    f = fopen(path, "rb");
    if (!f) {
        tap_ok(1, "shared live blog # SKIP %s not found", path);
        return;
    }
    data = malloc(1 << 20);
    if (data)
        len = fread(data, 1, 1 << 20, f);
    fclose(f);
    for (start = 0; data && start < len; nlines++) {
        const char *nl = memchr(data + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - data) : len;
        const char *got = describe(data + start, end - start, buf,
                                   sizeof(buf));

        if (got) {
            const char *want = nstamps == 0   ? "2025-12-02T09:46:00Z"
                               : nstamps == 1 ? "2025-12-02T09:31:00Z"
                                              : "no third stamp";
            if (strcmp(got, want) != 0) {
                tap_diag("line %zu: \"%.*s\" gave %s", nlines + 1,
                         (int)(end - start), data + start, got);
                bad = 1;
            }
            nstamps++;
        }
        start = end + 1;
    }
    free(data);
    tap_ok(nlines > 40 && nstamps == 2 && !bad,
           "shared live blog: %zu lines, %zu stamps at 09:46Z and 09:31Z",
           nlines, nstamps);
}

/* The module promises never to allocate, and rejection must be cheap. */
static void
test_no_alloc_and_speed(void)
{
    static const char *const lines[] = {
        "Military trainer from NATO ally accused of working for Russia",
        "The British national, named in the Ukrainian media as Ross David "
        "Cutmore, had arrived in 2024 to help train Ukrainian forces. He had "
        "earlier served in the Middle East with the British military.",
        "Dec 02, 2025 at 04:31 AM EST",
        "",
        "Trending",
        "NewsWhite House Reveals New Details on Donald Trump's MRI5 min read",
    };
    struct dtl_stamp s;
    size_t i, bytes = 0, rounds = 200000;
    clock_t t0;
    double secs;
    int64_t t;
    double d;

    dtl_alloc_fail_after(-1);
    dtl_stamp_parse_line("Dec 2, 2025 4:46 PM ET", 22, &s);
    dtl_time_parse_user("24h", 3, NOW, &t, NULL);
    dtl_time_parse_user("junk", 4, NOW, &t, NULL);
    dtl_duration_parse("1.5d", 4, &d);
    dtl_zone_lookup("UK time", 7, NULL, NULL);
    tap_is_int(dtl_alloc_fail_after(-1), 0, "the module never allocates");

    t0 = clock();
    for (i = 0; i < rounds; i++) {
        const char *l = lines[i % (sizeof(lines) / sizeof(lines[0]))];
        size_t n = strlen(l);

        dtl_stamp_parse_line(l, n, &s);
        bytes += n;
    }
    secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    tap_diag("stamp_parse_line: %.0f MB/s over %zu lines of page text",
             secs > 0 ? bytes / secs / 1e6 : 0.0, rounds);
    tap_ok(1, "speed measured");
}

int
main(void)
{
    run_rows("format", format_rows);
    run_rows("reject", reject_rows);
    run_rows("zone", zone_rows);
    run_rows("dst", dst_rows);
    test_zone_lookup();
    test_civil();
    test_to_utc();
    test_durations();
    test_user();
    test_bounds();
    test_corpus();
    test_no_alloc_and_speed();
    return tap_done();
}
