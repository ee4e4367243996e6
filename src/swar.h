/* Dateline: bytes tested eight at a time in a 64-bit word.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * For the loops that scan whole pages byte by byte (src/sanitise.c,
 * src/dom.c).  Each test marks the bytes it matches with 0x80 and leaves
 * the others 0; it is exact per byte (no carry crosses into the next
 * one), so the marks may be counted.  Pure functions, no state.
 */
#ifndef DTL_SRC_SWAR_H
#define DTL_SRC_SWAR_H

#include <stddef.h>
#include <stdint.h>

#define DTL_SWAR_ONES UINT64_C(0x0101010101010101)
#define DTL_SWAR_HIGH UINT64_C(0x8080808080808080)

/* 0x80 in each byte of w that equals c. */
static inline uint64_t
dtl_swar_eq(uint64_t w, unsigned char c)
{
    uint64_t x = w ^ (c * DTL_SWAR_ONES);

    return ~(((x & ~DTL_SWAR_HIGH) + ~DTL_SWAR_HIGH) | x) & DTL_SWAR_HIGH;
}

/* 0x80 in each byte of w below k (k <= 0x80). */
static inline uint64_t
dtl_swar_below(uint64_t w, unsigned char k)
{
    return ~(((w & ~DTL_SWAR_HIGH) + (0x80u - k) * DTL_SWAR_ONES) | w) &
           DTL_SWAR_HIGH;
}

/* The number of bytes marked in m: each byte of m >> 7 is 0 or 1, and
 * the multiply sums them into the top byte. */
static inline size_t
dtl_swar_count(uint64_t m)
{
    return (size_t)(((m >> 7) * DTL_SWAR_ONES) >> 56);
}

#endif /* DTL_SRC_SWAR_H */
