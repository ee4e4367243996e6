/* Dateline fuzz target: the plain-text page reader (dtl_text_read).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Feeds arbitrary bytes to dtl_text_read() as a live-blog page and checks
 * what page.h promises of every entry: texts are valid UTF-8 without NUL
 * bytes, headlines are one line, offsets lie in the input and ascend.  A
 * broken promise aborts, so the fuzzer reports it like a crash.  The first
 * byte, when it is 0x01..0x03, selects options (opts date, opts zone) so
 * that those paths are reached too.  Seeds: tests/fuzz/corpus/liveblog/.
 */
#include <config.h>
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "dateline/page.h"

/* Keep each run fast; the reader's own limit is tested by the unit test. */
#define FUZZ_MAX_INPUT ((size_t)1 << 20)

/* 1 if s[0..n) is valid UTF-8 without NUL bytes. */
static int
valid_text(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, k, need;
    unsigned char lo, hi;

    while (i < n) {
        if (s[i] == 0)
            return 0;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        lo = 0x80;
        hi = 0xBF;
        if (s[i] >= 0xC2 && s[i] <= 0xDF)
            need = 1;
        else if (s[i] >= 0xE0 && s[i] <= 0xEF)
            need = 2;
        else if (s[i] >= 0xF0 && s[i] <= 0xF4)
            need = 3;
        else
            return 0;
        if (s[i] == 0xE0)
            lo = 0xA0;
        else if (s[i] == 0xED)
            hi = 0x9F;
        else if (s[i] == 0xF0)
            lo = 0x90;
        else if (s[i] == 0xF4)
            hi = 0x8F;
        for (k = 1; k <= need; k++) {
            if (i + k >= n || s[i + k] < lo || s[i + k] > hi)
                return 0;
            lo = 0x80;
            hi = 0xBF;
        }
        i += need + 1;
    }
    return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dtl_text_opts opts;
    const struct dtl_text_opts *o = NULL;
    dtl_page *page = NULL;
    const char *p = (const char *)data, *s;
    size_t i, n, len, prev = 0;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    memset(&opts, 0, sizeof(opts));
    if (size > 0 && data[0] >= 1 && data[0] <= 3) {
        if (data[0] & 1) {
            opts.year = 2025;
            opts.month = 12;
            opts.day = 2;
        }
        if (data[0] & 2) {
            opts.has_tz = 1;
            opts.tz_offset = -5 * 3600;
        }
        o = &opts;
        p++;
        size--;
    }
    if (dtl_text_read(p, size, o, &page, NULL) != DTL_OK)
        return 0;
    n = dtl_page_entry_count(page);
    for (i = 0; i < n; i++) {
        const struct dtl_entry *e = dtl_page_entry(page, i);

        if (!valid_text(e->headline, e->headline_len) ||
            memchr(e->headline, '\n', e->headline_len) ||
            !valid_text(e->body, e->body_len) || e->offset > size ||
            e->offset < prev || (e->is_lead && i != 0))
            abort();
        prev = e->offset;
    }
    s = dtl_page_title(page, &len);
    if (!valid_text(s, len))
        abort();
    s = dtl_page_url(page, &len);
    if (!valid_text(s, len))
        abort();
    (void)dtl_page_bad_bytes(page, NULL);
    dtl_page_free(page);
    return 0;
}
