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
 *
 * Then, for the language of pages (issue 4): how many pages declare a
 * language libstemmer has, how often dtl_lang_detect() on their text
 * (title and entries, as much as the indexer looks at) agrees with the
 * declaration, for how many the indexer overrides the declaration
 * (dtl_index_page_lang(): DTL_LANG_CORRECTED), what the undeclared ones
 * get, and what dtl_index_page_lang() costs per page (it scores every
 * page's text) against the time reading took.
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

/* Bytes of a page's text handed to detection (the indexer looks at no
 * more; see src/langdetect.h). */
#define LANG_TEXT_MAX 6144

static void
add_text(char *buf, size_t *len, const char *p, size_t n)
{
    if (!p || *len >= LANG_TEXT_MAX)
        return;
    if (n > LANG_TEXT_MAX - *len - 1)
        n = LANG_TEXT_MAX - *len - 1;
    memcpy(buf + *len, p, n);
    *len += n;
    buf[(*len)++] = '\n';
}

static double cpu_seconds(void);

/* The language summary (see the top of the file). */
static void
languages(double read_seconds)
{
    static char buf[LANG_TEXT_MAX + 1];
    size_t k, i, declared = 0, agree = 0, detected = 0, undecided = 0;
    size_t corrected = 0;
    enum dtl_lang_how how = DTL_LANG_DEFAULT;
    size_t len, n;
    double t = 0, t0;
    int rep;

    for (k = 0; k < n_pages; k++) {
        dtl_page *pg = NULL;
        const char *tag, *want, *got = NULL, *p;

        if (dtl_html_read(pages[k].p, pages[k].n, NULL, &pg, NULL) != DTL_OK)
            continue;
        len = 0;
        p = dtl_page_title(pg, &n);
        add_text(buf, &len, p, n);
        for (i = 0; i < dtl_page_entry_count(pg); i++) {
            const struct dtl_entry *e = dtl_page_entry(pg, i);

            add_text(buf, &len, e->headline, e->headline_len);
            add_text(buf, &len, e->body, e->body_len);
        }
        got = dtl_lang_detect(buf, len);
        t0 = cpu_seconds();
        for (rep = 0; rep < 10; rep++)
            dtl_index_page_lang(pg, "english", &how);
        t += (cpu_seconds() - t0) / 10;
        corrected += how == DTL_LANG_CORRECTED;
        tag = dtl_page_field(pg, DTL_PAGE_LANGUAGE, &n);
        want = dtl_lang_from_tag(tag, tag ? n : 0);
        if (want) {
            declared++;
            agree += got == want;
        } else if (got) {
            detected++;
        } else {
            undecided++;
        }
        dtl_page_free(pg);
    }
    printf("languages: %zu pages declare one libstemmer has, detection "
           "agrees on %zu (%.1f%%), overrides %zu; of %zu others %zu "
           "detected, %zu left to the default\n"
           "detection: %.1f us per page, %.2f%% of the reading time\n",
           declared, agree, declared ? 100.0 * agree / declared : 0.0,
           corrected, detected + undecided, detected, undecided,
           n_pages ? t / n_pages * 1e6 : 0.0,
           read_seconds > 0 ? 100.0 * t / read_seconds : 0.0);
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
    languages(best);
    for (k = 0; k < n_pages; k++)
        free(pages[k].p);
    free(pages);
    return failed ? 1 : 0;
}
