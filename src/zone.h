/* Dateline: time-zone names, DST rules and the calendar (private).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * src/zone.c holds the table of zone names news sites print after a time
 * ("EST", "UK time", "GMT+05:30"), the two daylight-saving rules Dateline
 * knows (US and EU) and the civil-time arithmetic.  src/stamp.c calls
 * dtl_zone_scan() while it parses a stamp line, dtl_zone_month_days() to
 * validate dates and dtl_zone_offset_at() when it resolves a regional zone.
 * The public functions implemented there (dtl_zone_lookup(),
 * dtl_time_from_civil(), dtl_time_to_civil(), dtl_time_format_iso()) are
 * declared in dateline/stamp.h.
 */
#ifndef DTL_SRC_ZONE_H
#define DTL_SRC_ZONE_H

#include <stddef.h>
#include <stdint.h>

#include "dateline/stamp.h"

/* Largest numeric offset accepted ("UTC+14" is the easternmost zone). */
#define DTL_ZONE_MAX_OFFSET (14 * 3600)

/* The first and last seconds of years 1 and 9999, the range in which
 * dates are parsed and DST is applied. */
#define DTL_TIME_MIN INT64_C(-62135596800)    /* 0001-01-01T00:00:00Z */
#define DTL_TIME_MAX INT64_C(253402300799)    /* 9999-12-31T23:59:59Z */

/* Days in month m (1..12) of proleptic-Gregorian year y; 0 if m is out of
 * range. */
int dtl_zone_month_days(int y, int m);

/* Recognise a zone at the start of p[0..n): a name of one to three words
 * from the table (the longest match wins), "UTC"/"GMT" followed by a
 * numeric offset, or a bare "+01:00"/"+0100"/"+01".  The match must end at
 * a word boundary.  Returns the number of bytes consumed (0 if there is no
 * zone there) and fills *offset (seconds east of UTC; the standard-time
 * offset for a regional zone) and *dst_rule (DTL_DST_*).  Never reads past
 * n. */
size_t dtl_zone_scan(const char *p, size_t n, int *offset, int *dst_rule);

/* The UTC offset in force under dst_rule for a zone whose standard offset is
 * std_offset, at the wall-clock time `wall` (local civil time counted as if
 * it were UTC seconds).  A wall time skipped by the spring change takes the
 * standard offset; a wall time repeated in the autumn takes the summer
 * offset (the first occurrence).  DTL_DST_NONE returns std_offset. */
int dtl_zone_offset_at(int dst_rule, int std_offset, int64_t wall);

/* Tests only: 1 if the name table is strictly sorted, as the binary search
 * needs; 0 otherwise. */
int dtl_zone_table_ok(void);

#endif
