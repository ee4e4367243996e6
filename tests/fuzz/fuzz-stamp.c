/* Dateline fuzz target: stamp lines, zones, durations and user dates.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Feeds the input to dtl_stamp_parse_line(), dtl_zone_lookup(),
 * dtl_duration_parse() and dtl_time_parse_user() from an exact-size copy, so
 * that ASan reports any read past n even under the replay driver.  It also
 * checks the invariants the page reader relies on and aborts if one breaks:
 * an accepted stamp has fields in range, a FULL stamp resolves to an
 * instant, and that instant, formatted as ISO 8601, reads back the same
 * through dtl_time_parse_user().
 */
#include <config.h>
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "dateline/stamp.h"

/* Stamp lines are short; a larger input only repeats the rejection path. */
#define FUZZ_MAX_INPUT (64 * 1024)

/* 2025-12-02T09:46:00Z: a fixed "now" keeps runs reproducible. */
#define FUZZ_NOW INT64_C(1764668760)

static void
check_stamp(const struct dtl_stamp *s)
{
    char iso[32];
    int64_t t, back;

    if (s->kind == DTL_STAMP_NONE)
        abort();
    if (s->kind != DTL_STAMP_DATE &&
        (s->hour < 0 || s->hour > 23 || s->minute < 0 || s->minute > 59 ||
         s->second < 0 || s->second > 59))
        abort();
    if (s->kind != DTL_STAMP_TIME &&
        (s->year < 1 || s->year > 9999 || s->month < 1 || s->month > 12 ||
         s->day < 1 || s->day > 31))
        abort();
    if (s->has_zone && (s->utc_offset < -14 * 3600 ||
                        s->utc_offset > 14 * 3600))
        abort();
    if (s->kind != DTL_STAMP_FULL)
        return;
    t = dtl_stamp_to_utc(s, 0);
    if (t == DTL_TS_NONE)
        abort();
    dtl_time_format_iso(t, iso, sizeof(iso));
    /* A stamp late on 9999-12-31 west of UTC lands in year 10000, which
     * user dates do not accept; everything else must round-trip. */
    if (t <= INT64_C(253402300799) && t >= INT64_C(-62135596800) &&
        (dtl_time_parse_user(iso, strlen(iso), FUZZ_NOW, &back, NULL) !=
             DTL_OK ||
         back != t))
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dtl_error err = DTL_ERROR_INIT;
    struct dtl_stamp s;
    char *copy;
    int64_t t;
    double secs;
    int off, rule;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    if (size)
        memcpy(copy, data, size);

    if (dtl_stamp_parse_line(copy, size, &s) == DTL_OK)
        check_stamp(&s);
    else if (s.kind != DTL_STAMP_NONE)
        abort();

    if (dtl_zone_lookup(copy, size, &off, &rule) &&
        (off < -14 * 3600 || off > 14 * 3600 || rule < DTL_DST_NONE ||
         rule > DTL_DST_EU))
        abort();

    if (dtl_duration_parse(copy, size, &secs) == DTL_OK &&
        !(secs >= 0 && secs <= 1e12))
        abort();

    if (dtl_time_parse_user(copy, size, FUZZ_NOW, &t, &err) == DTL_OK) {
        if (t == DTL_TS_NONE || err.code != DTL_OK)
            abort();
    } else if (t != DTL_TS_NONE || err.code == DTL_OK ||
               memchr(err.msg, '\0', sizeof(err.msg)) == NULL) {
        abort();
    }

    free(copy);
    return 0;
}
