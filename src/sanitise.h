/* Dateline: copy untrusted bytes to valid UTF-8 with LF line ends.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The plain-text page reader (src/textpage.c) runs every input through
 * dtl_sanitise_copy() once, so that the rest of the pipeline may assume
 * valid UTF-8 without NUL bytes and with '\n' as the only line end.
 * dtl_sanitise_map_offset() turns offsets in the sanitised copy back into
 * offsets in the original bytes.  Relies on src/buf.c only.
 */
#ifndef DTL_SRC_SANITISE_H
#define DTL_SRC_SANITISE_H

#include <stddef.h>

#include "buf.h"
#include "dateline/status.h"

/* What dtl_sanitise_copy() replaced. */
struct dtl_sanitise_stats {
    size_t bad;       /* invalid UTF-8 sequences and NUL bytes replaced */
    size_t first_bad; /* input offset of the first one, or SIZE_MAX */
};

/*
 * Append a sanitised copy of p[0..n) to out:
 *  - each maximal ill-formed subsequence (as Unicode 15, section 3.9,
 *    "U+FFFD Substitution of Maximal Subparts", defines it) becomes U+FFFD;
 *  - each NUL byte becomes a space;
 *  - CR LF and a lone CR become LF.
 * Replacements are counted in *stats (line-end changes are not).  Never
 * reads past n.  Returns DTL_OK or DTL_ENOMEM (out then holds its sticky
 * error and stats are still filled for the bytes seen).
 */
dtl_status dtl_sanitise_copy(const char *p, size_t n, struct dtl_buf *out,
                             struct dtl_sanitise_stats *stats);

/* Length of the leading run of p[0..n) that dtl_sanitise_copy() copies
 * unchanged: valid UTF-8 without NUL bytes or CR.  n for a clean input. */
size_t dtl_sanitise_clean_len(const char *p, size_t n);

/* A cursor that maps offsets in the copy dtl_sanitise_copy() made of
 * p[0..n) back to offsets in p.  Fields are private. */
struct dtl_sanitise_map {
    const unsigned char *p;
    size_t n;
    size_t i;    /* input offset of the current unit */
    size_t o;    /* its offset in the copy */
    size_t len;  /* its length in the input (0: not cut yet) */
    size_t olen; /* its length in the copy */
    int text;    /* it is copied unchanged */
};

/* Start mapping offsets of the copy of p[0..n) (p is borrowed). */
void dtl_sanitise_map_init(struct dtl_sanitise_map *m, const char *p, size_t n);

/*
 * The input offset of offset `off` of the copy.  Successive calls must
 * pass ascending offsets; all of them together walk p once.  An offset
 * inside a replacement maps to the start of what it replaced; an offset at
 * or past the end of the copy maps to n.
 */
size_t dtl_sanitise_map_offset(struct dtl_sanitise_map *m, size_t off);

#endif
