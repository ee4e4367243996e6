/* Dateline fuzz target: the HTML reader (dtl_html_read, dtl_html_text).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Feeds arbitrary bytes to dtl_html_read() and dtl_html_text() and checks
 * what html.h and page.h promise: every text is valid UTF-8 without NUL
 * bytes, headlines are one line, the text's length is its strlen.  A
 * broken promise aborts, so the fuzzer reports it like a crash.  The
 * first byte, when it is 0x01..0x03, selects options (a page URL, an HTTP
 * charset) so that those paths are reached too.  Seeds:
 * tests/fuzz/corpus/html/.
 */
#include <config.h>
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "dateline/html.h"
#include "dateline/page.h"

/* Keep each run fast; the reader's own limit is tested by the unit test. */
#define FUZZ_MAX_INPUT ((size_t)1 << 20)

static int
valid_text(const char *p, size_t n)
{
    return memchr(p, '\0', n) == NULL && dtl_charset_utf8_errors(p, n) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dtl_html_opts opts = {NULL, NULL, DTL_TS_NONE};
    const char *p = (const char *)data, *s;
    dtl_page *page = NULL;
    char *text = NULL;
    size_t i, n, len;
    int f;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    if (size > 0 && data[0] >= 1 && data[0] <= 3) {
        if (data[0] & 1)
            opts.url = "https://fuzz.example/live/2025/12/02/page";
        if (data[0] & 2)
            opts.charset = "iso-8859-2";
        opts.fetched = 1764668760;
        p++;
        size--;
    }
    if (dtl_html_read(p, size, &opts, &page, NULL) == DTL_OK) {
        n = dtl_page_entry_count(page);
        for (i = 0; i < n; i++) {
            const struct dtl_entry *e = dtl_page_entry(page, i);
            if (!valid_text(e->headline, e->headline_len) ||
                memchr(e->headline, '\n', e->headline_len) ||
                !valid_text(e->body, e->body_len) ||
                !valid_text(e->url ? e->url : "", e->url ? e->url_len : 0))
                abort();
        }
        for (f = 0; f < DTL_PAGE_N_FIELDS; f++) {
            s = dtl_page_field(page, (enum dtl_page_field)f, &len);
            if (!valid_text(s, len))
                abort();
        }
        dtl_page_free(page);
    }
    if (dtl_html_text(p, size, &opts, &text, &len, NULL) == DTL_OK) {
        if (strlen(text) != len || !valid_text(text, len))
            abort();
        dtl_html_text_free(text);
    }
    return 0;
}
