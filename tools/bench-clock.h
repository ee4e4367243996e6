/* Dateline: the clock of tools/bench's C query drivers.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef DTL_TOOLS_BENCH_CLOCK_H
#define DTL_TOOLS_BENCH_CLOCK_H

#include <time.h>

/* Microseconds on the monotonic clock. */
static inline double
bench_now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

#endif
