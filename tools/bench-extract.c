/* Dateline: time the HTML reader on a generated HTML archive, for
 * tools/bench.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A developer tool, never installed.  Reads each file named on standard
 * input (one path a line) into memory, then times dtl_html_read() on it
 * (libdateline's public API: parsing, main-text extraction, stamps and
 * entries) with clock_gettime(CLOCK_MONOTONIC); reading the file and
 * freeing the page are not timed.  Prints
 *     files=N bytes=B seconds=S mb_per_s=X entries=E
 * on stdout, S being the time spent in dtl_html_read() alone.
 *
 * Usage: bench-extract <FILE-LIST
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dateline/dateline.h"
#include "dateline/html.h"

#include "bench-clock.h"

static int
slurp(const char *path, char **buf, size_t *cap, size_t *n)
{
    FILE *f = fopen(path, "rb");
    size_t got;

    if (!f) {
        fprintf(stderr, "bench-extract: %s: %s\n", path, strerror(errno));
        return -1;
    }
    *n = 0;
    for (;;) {
        if (*cap - *n < 65536) {
            size_t nc = *cap ? *cap * 2 : 1 << 20;
            char *nb = realloc(*buf, nc);

            if (!nb) {
                fclose(f);
                fprintf(stderr, "bench-extract: out of memory\n");
                return -1;
            }
            *buf = nb;
            *cap = nc;
        }
        got = fread(*buf + *n, 1, *cap - *n, f);
        *n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "bench-extract: %s: read error\n", path);
        fclose(f);
        return -1;
    }
    fclose(f);
    return 0;
}

int
main(void)
{
    char *line = NULL, *buf = NULL;
    size_t lcap = 0, cap = 0, n, files = 0, bytes = 0, entries = 0;
    double secs = 0;
    ssize_t got;
    int rc = 1;

    while ((got = getline(&line, &lcap, stdin)) >= 0) {
        struct dtl_error err = {0};
        dtl_page *page = NULL;
        double t0;
        dtl_status s;

        if (got > 0 && line[got - 1] == '\n')
            line[--got] = '\0';
        if (got == 0)
            continue;
        if (slurp(line, &buf, &cap, &n) != 0)
            goto out;
        t0 = bench_now_us();
        s = dtl_html_read(buf, n, NULL, &page, &err);
        secs += (bench_now_us() - t0) / 1e6;
        if (s != DTL_OK) {
            fprintf(stderr, "bench-extract: %s: %s\n", line, err.msg);
            goto out;
        }
        entries += dtl_page_entry_count(page);
        dtl_page_free(page);
        files++;
        bytes += n;
    }
    if (files == 0) {
        fprintf(stderr, "bench-extract: no files on standard input\n");
        goto out;
    }
    printf("files=%zu bytes=%zu seconds=%.3f mb_per_s=%.2f entries=%zu\n",
           files, bytes, secs, secs > 0 ? (double)bytes / 1e6 / secs : 0.0,
           entries);
    rc = 0;
out:
    free(line);
    free(buf);
    return rc;
}
