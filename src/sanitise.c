/* Dateline: copy untrusted bytes to valid UTF-8 with LF line ends.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Called by the plain-text page reader (src/textpage.c) on every input.
 * The input is cut into units: a run of valid text (copied as is), an
 * ill-formed sequence (U+FFFD), a NUL byte (space) or a line end (LF).
 * Copying and offset mapping walk the same units, so they always agree.
 * Relies on src/buf.c.
 */
#include <config.h>
#include "sanitise.h"
#include "swar.h"

#include <stdint.h>
#include <string.h>

#include "banned.h"

enum unit_kind {
    UNIT_TEXT, /* valid UTF-8 without NUL or CR: copied unchanged */
    UNIT_BAD,  /* one maximal ill-formed subpart: U+FFFD */
    UNIT_NUL,  /* a NUL byte: a space */
    UNIT_CR    /* CR LF or a lone CR: LF */
};

static const char replacement[3] = { '\xEF', '\xBF', '\xBD' };

/*
 * Length of the well-formed UTF-8 sequence starting at s[i] (a byte >=
 * 0x80), or 0 if it is ill-formed; then *bad receives the length of its
 * maximal subpart (at least 1).  Ranges from Unicode Table 3-7.
 */
static size_t
seq_len(const unsigned char *s, size_t n, size_t i, size_t *bad)
{
    unsigned char c = s[i], lo = 0x80, hi = 0xBF;
    size_t need, k;

    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *bad = 1;
        return 0;
    }
    for (k = 1; k <= need; k++) {
        unsigned char d;

        if (i + k >= n) {
            *bad = k;
            return 0;
        }
        d = s[i + k];
        if (d < lo || d > hi) {
            *bad = k;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return need + 1;
}

/* Length of the run of ASCII bytes other than NUL and CR at s[0..n),
 * eight bytes at a time: most of a page is such a run. */
static size_t
ascii_run(const unsigned char *s, size_t n)
{
    size_t i = 0;
    uint64_t w;

    while (n - i >= 8) {
        memcpy(&w, s + i, 8);
        if ((w & DTL_SWAR_HIGH) | dtl_swar_eq(w, '\0') |
            dtl_swar_eq(w, '\r'))
            break;
        i += 8;
    }
    while (i < n && s[i] < 0x80 && s[i] != '\0' && s[i] != '\r')
        i++;
    return i;
}

size_t
dtl_sanitise_clean_len(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t j = 0, l, bad;

    for (;;) {
        j += ascii_run(s + j, n - j);
        if (j >= n || s[j] < 0x80)
            return j;   /* the end, a NUL or a CR */
        l = seq_len(s, n, j, &bad);
        if (!l)
            return j;
        j += l;
    }
}

/*
 * Cut the unit starting at s[i] (i < n): returns its kind and sets *len to
 * the number of input bytes it covers.
 */
static enum unit_kind
next_unit(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    size_t j, bad;

    j = dtl_sanitise_clean_len((const char *)s + i, n - i);
    if (j > 0) {
        *len = j;
        return UNIT_TEXT;
    }
    if (s[i] == '\0') {
        *len = 1;
        return UNIT_NUL;
    }
    if (s[i] == '\r') {
        *len = (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
        return UNIT_CR;
    }
    seq_len(s, n, i, &bad);
    *len = bad;
    return UNIT_BAD;
}

dtl_status
dtl_sanitise_copy(const char *p, size_t n, struct dtl_buf *out,
                  struct dtl_sanitise_stats *stats)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, len;

    stats->bad = 0;
    stats->first_bad = SIZE_MAX;
    /* Most inputs are clean: one allocation of the right size. */
    dtl_buf_grow(out, n);
    while (i < n) {
        switch (next_unit(s, n, i, &len)) {
        case UNIT_TEXT:
            dtl_buf_add(out, p + i, len);
            break;
        case UNIT_BAD:
        case UNIT_NUL:
            if (!stats->bad++)
                stats->first_bad = i;
            if (s[i] == '\0')
                dtl_buf_addc(out, ' ');
            else
                dtl_buf_add(out, replacement, sizeof(replacement));
            break;
        case UNIT_CR:
            dtl_buf_addc(out, '\n');
            break;
        }
        i += len;
    }
    return dtl_buf_status(out);
}

void
dtl_sanitise_map_init(struct dtl_sanitise_map *m, const char *p, size_t n)
{
    m->p = (const unsigned char *)p;
    m->n = n;
    m->i = 0;
    m->o = 0;
    m->len = 0;
    m->olen = 0;
    m->text = 0;
}

size_t
dtl_sanitise_map_offset(struct dtl_sanitise_map *m, size_t off)
{
    for (;;) {
        enum unit_kind kind;

        if (!m->len) {
            if (m->i >= m->n)
                return m->n;
            kind = next_unit(m->p, m->n, m->i, &m->len);
            m->text = kind == UNIT_TEXT;
            m->olen = kind == UNIT_TEXT  ? m->len
                      : kind == UNIT_BAD ? sizeof(replacement)
                                         : 1;
        }
        if (off < m->o + m->olen)
            return m->text ? m->i + (off - m->o) : m->i;
        m->i += m->len;
        m->o += m->olen;
        m->len = 0;
    }
}
