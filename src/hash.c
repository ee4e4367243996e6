/* Dateline: FNV-1a 128 (see hash.h for the specification and vectors).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Called by the indexer for page keys, entry ids and page hashes.  Written
 * in portable C on two 64-bit halves: the FNV prime is 2^88 + 0x13b, so a
 * multiply is a shift plus a multiply by a 9-bit constant, and only the
 * high half of one 64 x 9-bit product needs care.
 */
#include <config.h>
#include "hash.h"

#include "banned.h"

#define FNV128_BASIS_HI UINT64_C(0x6c62272e07bb0142)
#define FNV128_BASIS_LO UINT64_C(0x62b821756295c58d)
#define FNV128_PRIME_LOW 0x13bu  /* the prime is 2^88 + this */

void
dtl_hash_init(struct dtl_hash *h)
{
    h->hi = FNV128_BASIS_HI;
    h->lo = FNV128_BASIS_LO;
}

/* High 64 bits of lo * FNV128_PRIME_LOW, from 32-bit halves: each partial
 * product is below 2^41, so nothing overflows. */
static inline uint64_t
mulhi_prime(uint64_t lo)
{
    uint64_t a = lo >> 32, b = lo & UINT64_C(0xffffffff);
    uint64_t t = a * FNV128_PRIME_LOW + ((b * FNV128_PRIME_LOW) >> 32);

    return t >> 32;
}

void
dtl_hash_add(struct dtl_hash *h, const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t hi = h->hi, lo = h->lo;
    size_t i;

    for (i = 0; i < n; i++) {
        uint64_t nlo;

        lo ^= s[i];
        /* (hi:lo) * (2^88 + c) mod 2^128: the 2^88 term only adds
         * lo << 24 to the high half. */
        nlo = lo * FNV128_PRIME_LOW;
        hi = hi * FNV128_PRIME_LOW + mulhi_prime(lo) + (lo << 24);
        lo = nlo;
    }
    h->hi = hi;
    h->lo = lo;
}

void
dtl_hash_add_u64(struct dtl_hash *h, uint64_t v)
{
    unsigned char b[8];
    int i;

    for (i = 0; i < 8; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    dtl_hash_add(h, b, sizeof(b));
}

void
dtl_hash_add_field(struct dtl_hash *h, const void *p, size_t n)
{
    dtl_hash_add_u64(h, (uint64_t)n);
    dtl_hash_add(h, p, n);
}

static void
put_hex64(uint64_t v, char *out)
{
    static const char digits[] = "0123456789abcdef";
    int i;

    for (i = 15; i >= 0; i--) {
        out[i] = digits[v & 0xf];
        v >>= 4;
    }
}

void
dtl_hash_hex(const struct dtl_hash *h, char out[DTL_HASH_HEX_LEN + 1])
{
    put_hex64(h->hi, out);
    put_hex64(h->lo, out + 16);
    out[DTL_HASH_HEX_LEN] = '\0';
}

void
dtl_hash_hex_short(const struct dtl_hash *h,
                   char out[DTL_HASH_SHORT_HEX_LEN + 1])
{
    put_hex64(h->hi, out);
    out[DTL_HASH_SHORT_HEX_LEN] = '\0';
}
