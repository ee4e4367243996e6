/* Dateline: the one hash function of the index (FNV-1a, 128 bits).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Used by the indexer (src/indexer.c) for the ids it writes into the
 * index: page keys, entry identities and page hashes.  Those ids are part
 * of the on-disk format, so the function is fixed: FNV-1a with 128-bit
 * state, as specified in draft-eastlake-fnv (offset basis
 * 0x6c62272e07bb014262b821756295c58d, prime 2^88 + 0x13b), processing
 * bytes in order.  It is not a cryptographic hash; it only has to make
 * accidental collisions between pages vanishingly unlikely.
 *
 * Test vectors: "" -> 6c62272e07bb014262b821756295c58d,
 * "a" -> d228cb696f1a8caf78912b704e4a8964.
 *
 * Fields hashed together are framed by dtl_hash_add_field(): an 8-byte
 * little-endian length, then the bytes, so ("ab", "c") and ("a", "bc")
 * hash differently.  Nothing here allocates.
 */
#ifndef DTL_SRC_HASH_H
#define DTL_SRC_HASH_H

#include <stddef.h>
#include <stdint.h>

/* A running FNV-1a 128 state. */
struct dtl_hash {
    uint64_t hi, lo;   /* the 128-bit state, most significant half first */
};

/* Room for the hex form of a full hash and its NUL. */
#define DTL_HASH_HEX_LEN 32
/* Hex digits of the short (64-bit) form. */
#define DTL_HASH_SHORT_HEX_LEN 16

/* Start a hash (the FNV offset basis). */
void dtl_hash_init(struct dtl_hash *h);

/* Hash n more bytes of p (p may be NULL when n is 0). */
void dtl_hash_add(struct dtl_hash *h, const void *p, size_t n);

/* Hash a framed field: its length as 8 little-endian bytes, then p[0..n). */
void dtl_hash_add_field(struct dtl_hash *h, const void *p, size_t n);

/* Hash a 64-bit number as 8 little-endian bytes. */
void dtl_hash_add_u64(struct dtl_hash *h, uint64_t v);

/* Write the 32 lower-case hex digits of the state (most significant
 * first) and a NUL into out. */
void dtl_hash_hex(const struct dtl_hash *h, char out[DTL_HASH_HEX_LEN + 1]);

/* Write 16 lower-case hex digits of the high 64 bits and a NUL. */
void dtl_hash_hex_short(const struct dtl_hash *h,
                        char out[DTL_HASH_SHORT_HEX_LEN + 1]);

#endif
