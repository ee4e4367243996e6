/* Dateline developer tool: how fast dtl_html_read() turns HTML into pages.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Usage: tools/bench-html [-r ROUNDS] DIR|FILE...
 * Loads every *.html and *.html.gz page below the arguments into memory
 * (gzip inflated there, outside the timing), then reads each page with
 * dtl_html_read() ROUNDS times (default 3) and prints the pages, the
 * megabytes of HTML and the best round's speed in MB/s of HTML per core
 * (process CPU time, one thread).  Built on demand: make tools/bench-html.
 */
#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zlib.h>

#include "dateline/dateline.h"

struct page {
    char *p;
    size_t n;
};

static struct page *pages;
static size_t n_pages, cap_pages, total;

static int
ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);

    return a >= b && strcmp(s + a - b, suf) == 0;
}

static void
load(const char *path)
{
    gzFile gz = gzopen(path, "rb");
    char *buf = NULL, *nb;
    size_t used = 0, cap = 0;
    int got;

    if (!gz)
        return;
    for (;;) {
        if (cap - used < 65536) {
            cap = cap ? cap * 2 : 1 << 20;
            nb = realloc(buf, cap);
            if (!nb)
                break;
            buf = nb;
        }
        got = gzread(gz, buf + used, (unsigned)(cap - used));
        if (got <= 0)
            break;
        used += (size_t)got;
    }
    gzclose(gz);
    if (n_pages == cap_pages) {
        cap_pages = cap_pages ? cap_pages * 2 : 256;
        pages = realloc(pages, cap_pages * sizeof(*pages));
        if (!pages) {
            fputs("bench-html: out of memory\n", stderr);
            exit(1);
        }
    }
    pages[n_pages].p = buf;
    pages[n_pages].n = used;
    n_pages++;
    total += used;
}

static void
walk(const char *path)
{
    struct stat sb;
    struct dirent *de;
    DIR *d;
    char sub[4096];

    if (stat(path, &sb) != 0)
        return;
    if (!S_ISDIR(sb.st_mode)) {
        load(path);
        return;
    }
    d = opendir(path);
    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
        if (ends_with(de->d_name, ".html") ||
            ends_with(de->d_name, ".html.gz") || stat(sub, &sb) == 0) {
            if (ends_with(de->d_name, ".html") ||
                ends_with(de->d_name, ".html.gz"))
                load(sub);
            else if (S_ISDIR(sb.st_mode))
                walk(sub);
        }
    }
    closedir(d);
}

static double
cpu_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
    int rounds = 3, r, i = 1, failed = 0;
    double best = 0, t0, t;
    size_t k, entries = 0;

    if (argc > 2 && strcmp(argv[1], "-r") == 0) {
        rounds = atoi(argv[2]);
        i = 3;
    }
    if (i >= argc || rounds < 1) {
        fputs("usage: bench-html [-r ROUNDS] DIR|FILE...\n", stderr);
        return 2;
    }
    for (; i < argc; i++)
        walk(argv[i]);
    for (r = 0; r < rounds; r++) {
        t0 = cpu_seconds();
        for (k = 0; k < n_pages; k++) {
            dtl_page *pg = NULL;
            if (dtl_html_read(pages[k].p, pages[k].n, NULL, &pg, NULL) !=
                DTL_OK)
                failed++;
            else if (r == 0)
                entries += dtl_page_entry_count(pg);
            dtl_page_free(pg);
        }
        t = cpu_seconds() - t0;
        if (r == 0 || t < best)
            best = t;
    }
    printf("%zu pages, %.1f MB of HTML, %zu entries, %d failed\n"
           "best of %d rounds: %.2f s CPU, %.1f MB/s per core\n",
           n_pages, (double)total / 1e6, entries, failed, rounds, best,
           best > 0 ? (double)total / 1e6 / best : 0.0);
    for (k = 0; k < n_pages; k++)
        free(pages[k].p);
    free(pages);
    return failed ? 1 : 0;
}
