/* Dateline tests: URL identity (src/url.c, dtl_url_normalise).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A table from URL to its identity form (NULL: not an absolute URL),
 * the pairs that must be one page, and an out-of-memory loop.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "dateline/ingest.h"
#include "tap.h"

static const struct row {
    const char *in, *want;
} rows[] = {
    {"http://example.com/a", "https://example.com/a"},
    {"https://example.com/a", "https://example.com/a"},
    {"HTTPS://Example.COM/Path/X", "https://example.com/Path/X"},
    {"http://example.com", "https://example.com/"},
    {"http://example.com:80/a", "https://example.com/a"},
    {"https://example.com:443/a", "https://example.com/a"},
    {"http://example.com:8080/a", "https://example.com:8080/a"},
    {"http://example.com:/a", "https://example.com/a"},
    {"http://example.com./a", "https://example.com/a"},
    {"http://example.com/a#live-123", "https://example.com/a"},
    {"http://example.com/a?utm_source=x&utm_medium=y", "https://example.com/a"},
    {"http://example.com/a?id=5&utm_source=x", "https://example.com/a?id=5"},
    {"http://example.com/a?UTM_Campaign=x&id=5&fbclid=abc&gclid=z",
     "https://example.com/a?id=5"},
    {"http://example.com/a?", "https://example.com/a"},
    {"http://example.com/a?&&id=1&", "https://example.com/a?id=1"},
    {"http://example.com/a?x=1&y", "https://example.com/a?x=1&y"},
    {"http://example.com/a/./b/../c", "https://example.com/a/c"},
    {"http://example.com/../a", "https://example.com/a"},
    {"http://example.com/a/b/..", "https://example.com/a/"},
    {"http://example.com/%7euser/%2fx%zz", "https://example.com/~user/%2Fx%zz"},
    {"http://example.com/caf\xc3\xa9 x", "https://example.com/caf%C3%A9%20x"},
    {"  <http://example.com/a>  ", "https://example.com/a"},
    {"<https://example.com/a>", "https://example.com/a"},
    {"http://User:Pw@Example.com/a", "https://User:Pw@example.com/a"},
    {"http://[::1]:80/a", "https://[::1]/a"},
    {"http://[::1]/a", "https://[::1]/a"},
    {"ftp://Example.com:80/a#f", "ftp://example.com:80/a"},
    {"FTP://example.com/a?utm_source=x", "ftp://example.com/a?utm_source=x"},
    {"http://example.com?q=1", "https://example.com/?q=1"},
    {"http://example.com#frag", "https://example.com/"},
    {"/local/path.txt", NULL},
    {"example.com/a", NULL},
    {"http:/example.com", NULL},
    {"http://", NULL},
    {"http://:80/", NULL},
    {"", NULL},
    {"1http://example.com", NULL},
    {NULL, NULL}
};

static void
test_table(void)
{
    const struct row *r;

    for (r = rows; r->in; r++) {
        char *got = NULL;
        size_t n = 99;
        dtl_status st = dtl_url_normalise(r->in, strlen(r->in), &got, &n);

        if (!r->want) {
            tap_ok(st == DTL_EINVAL && !got && n == 0, "'%s' is refused",
                   r->in);
            continue;
        }
        tap_ok(st == DTL_OK && got && strlen(got) == n, "'%s' normalises",
               r->in);
        tap_is_str(got, r->want, r->in);
        dtl_free(got);
    }
}

/* Pairs that name the same article. */
static const char *const same[][2] = {
    {"http://www.example.com/news/story-1",
     "https://www.example.com/news/story-1?utm_source=twitter#comments"},
    {"https://www.example.com:443/news/story-1",
     "HTTP://WWW.EXAMPLE.COM/news/story-1?fbclid=IwAR0"},
    {NULL, NULL}
};

static void
test_same(void)
{
    size_t i;

    for (i = 0; same[i][0]; i++) {
        char *a = NULL, *b = NULL;
        size_t an, bn;

        dtl_url_normalise(same[i][0], strlen(same[i][0]), &a, &an);
        dtl_url_normalise(same[i][1], strlen(same[i][1]), &b, &bn);
        tap_ok(a && b && strcmp(a, b) == 0, "one identity: %s = %s",
               same[i][0], same[i][1]);
        dtl_free(a);
        dtl_free(b);
    }
}

static void
test_oom(void)
{
    const char *u = "HTTP://Example.com:80/a/../b?utm_x=1&k=v#f";
    long n;
    int ok = 1;

    for (n = 0; n < 100; n++) {
        char *got = NULL;
        size_t len;
        dtl_status st;

        dtl_alloc_fail_after(n);
        st = dtl_url_normalise(u, strlen(u), &got, &len);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK) {
            tap_is_str(got, "https://example.com/b?k=v", "oom: result");
            dtl_free(got);
            break;
        }
        if (st != DTL_ENOMEM || got)
            ok = 0;
    }
    tap_ok(ok && n < 100, "oom: DTL_ENOMEM until it succeeds (%ld faults)",
           n);
}

int
main(void)
{
    test_table();
    test_same();
    test_oom();
    return tap_done();
}
