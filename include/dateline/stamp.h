/* Dateline: entry timestamps ("Dec 02, 2025 at 04:46 AM EST") and times.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Live-blog entries carry stamps in the many shapes news sites print.  This
 * module recognises a line that is a stamp, parses it into its parts, and
 * turns parts into UTC seconds.  It also parses the date expressions users
 * type (--since 2025-12-02, since:24h).  All functions are pure and
 * thread-safe; none allocates.
 */
#ifndef DTL_DATELINE_STAMP_H
#define DTL_DATELINE_STAMP_H

#include <stddef.h>
#include <stdint.h>

#include "dateline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** "No timestamp": used wherever an int64_t time is unknown. */
#define DTL_TS_NONE INT64_MIN

/** What a stamp line gave. */
enum dtl_stamp_kind {
    DTL_STAMP_NONE = 0,  /**< not a stamp */
    DTL_STAMP_FULL,      /**< date and time of day */
    DTL_STAMP_TIME,      /**< time of day only: needs the page's date */
    DTL_STAMP_DATE       /**< date only */
};

/** A parsed stamp, before it is resolved to UTC. */
struct dtl_stamp {
    enum dtl_stamp_kind kind;
    int year, month, day;       /* FULL and DATE: civil date as printed */
    int hour, minute, second;   /* FULL and TIME: 24-hour clock */
    int has_zone;               /* 1 if a zone name or offset was given */
    int utc_offset;             /* seconds east of UTC (when has_zone) */
    int zone_dst_rule;          /* DTL_DST_* for a regional zone such as
                                   "ET" or "UK time", whose offset depends
                                   on the date: utc_offset then holds the
                                   standard-time offset */
};

/** DST rules for regional zone names ("ET", "UK time", "CET" on its own
 *  is fixed; "Paris time"-like names are not supported). */
enum dtl_dst_rule {
    DTL_DST_NONE = 0,
    DTL_DST_US,   /**< 2nd Sunday of March 02:00 to 1st Sunday of Nov */
    DTL_DST_EU    /**< last Sunday of March 01:00 UTC to last of Oct */
};

/**
 * Parse a line that consists of one stamp and nothing else.  Leading and
 * trailing white space and a stray leading "..." or "…" are allowed.
 * Formats: "Dec 02, 2025 at 04:46 AM EST", "December 2, 2025, 4:46 a.m.
 * ET", "2 December 2025 09:46 GMT", ISO 8601 ("2025-12-02T09:46:00Z",
 * "+01:00" offsets), and time-only "09:46 GMT", "9.46am", "16:05".
 *
 * @return DTL_OK with *out filled, or DTL_ESYNTAX if the line is not a
 *         stamp (then out->kind is DTL_STAMP_NONE).  Never reads past n.
 */
DTL_API dtl_status dtl_stamp_parse_line(const char *p, size_t n,
                                        struct dtl_stamp *out);

/**
 * Look up a zone abbreviation or name (case-insensitive: "EST", "ET",
 * "GMT", "BST", "CEST", "MSK", "IST", "JST", "AEDT", "UTC", "Z", ...).
 * @return 1 and fills *offset (seconds east of UTC, standard time for a
 *         regional zone) and *dst_rule; 0 if the name is unknown.
 */
DTL_API int dtl_zone_lookup(const char *p, size_t n, int *offset,
                            int *dst_rule);

/** Seconds since the epoch for a proleptic-Gregorian civil time in UTC. */
DTL_API int64_t dtl_time_from_civil(int year, int month, int day,
                                    int hour, int minute, int second);

/** Break UTC seconds into civil parts (any pointer may be NULL). */
DTL_API void dtl_time_to_civil(int64_t t, int *year, int *month, int *day,
                               int *hour, int *minute, int *second);

/**
 * Resolve a FULL stamp to UTC seconds.  A stamp without a zone uses
 * default_offset (seconds east of UTC).  Regional zones get their DST
 * offset for the stamp's date.
 * @return the time, or DTL_TS_NONE if the stamp is not FULL or its fields
 *         are out of range.
 */
DTL_API int64_t dtl_stamp_to_utc(const struct dtl_stamp *s,
                                 int default_offset);

/** Write t as "2025-12-02T09:46:00Z" into buf (at least 32 bytes).
 *  DTL_TS_NONE writes "-".  Returns buf. */
DTL_API char *dtl_time_format_iso(int64_t t, char *buf, size_t size);

/**
 * Parse a duration: a number and a unit, "90s", "30m", "24h", "7d", "2w"
 * (also "1.5d").  @return DTL_OK and *seconds, or DTL_ESYNTAX.
 */
DTL_API dtl_status dtl_duration_parse(const char *p, size_t n,
                                      double *seconds);

/**
 * Parse the instant a user means by a date expression:
 * "2025-12-02" (midnight UTC), "2025-12-02T10:00" (UTC unless an offset
 * or Z follows), "2025-12-02 10:00:30", full ISO 8601 with offsets, a
 * Unix time "@1764668760", or a duration before `now` ("24h", "7d").
 * @return DTL_OK and *out, or DTL_ESYNTAX with a message in err.
 */
DTL_API dtl_status dtl_time_parse_user(const char *p, size_t n,
                                       int64_t now, int64_t *out,
                                       struct dtl_error *err);

#ifdef __cplusplus
}
#endif
#endif
