/* Dateline: benchmark of the analyser (tokenise + fold + stem), in MB/s.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Not built by make.  From the top of the source tree, with a configured
 * build directory BUILD (for config.h):
 *
 *   gcc -O2 -std=c11 -D_DEFAULT_SOURCE -Iinclude -Isrc -I$BUILD \
 *       tools/bench-analyser.c src/analyse.c src/fold.c src/stem.c \
 *       src/alloc.c src/buf.c src/status.c -lstemmer -lutf8proc \
 *       -o /tmp/bench-analyser
 *   /tmp/bench-analyser [-l LANG] [-m MB] FILE...
 *
 * Each FILE is one document (one dtl_analyse() call, as the indexer makes
 * one call per entry); the files are analysed in turn, again and again,
 * until MB megabytes (default 100) have gone through.  With no FILE it
 * reads the .txt files of ../shared/corpus and the AEB ground-truth texts under
 * $DATELINE_SHARED (default ../shared/data).  It prints bytes, tokens,
 * and MB/s (1 MB = 10^6 bytes) for one thread, by wall-clock and by CPU
 * time (the latter is the fairer figure on a busy machine).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dateline/analyser.h"

struct doc {
    char *p;
    size_t n;
};

static struct doc *docs;
static size_t n_docs;

static int
add_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct doc d = {NULL, 0};
    size_t cap = 0, got;
    struct doc *nd;

    if (!f)
        return -1;
    for (;;) {
        if (d.n == cap) {
            char *np = realloc(d.p, cap = cap ? cap * 2 : 65536);
            if (!np)
                exit(1);
            d.p = np;
        }
        got = fread(d.p + d.n, 1, cap - d.n, f);
        if (!got)
            break;
        d.n += got;
    }
    fclose(f);
    if (!d.n) {
        free(d.p);
        return 0;
    }
    nd = realloc(docs, (n_docs + 1) * sizeof(*docs));
    if (!nd)
        exit(1);
    docs = nd;
    docs[n_docs++] = d;
    return 0;
}

static void
add_dir(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char path[4096];

    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name), sl = strlen(suffix);
        if (l < sl || strcmp(de->d_name + l - sl, suffix) != 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        add_file(path);
    }
    closedir(d);
}

static unsigned long long n_tokens, sink;

static dtl_status
count(void *ctx, const struct dtl_token *t)
{
    (void)ctx;
    n_tokens++;
    sink += t->term_len + t->stem_len + (unsigned char)t->stem[0];
    return DTL_OK;
}

int
main(int argc, char **argv)
{
    const char *lang = "english", *shared = getenv("DATELINE_SHARED");
    double mb = 100, secs, cpu;
    unsigned long long bytes = 0, target, total = 0;
    struct timespec t0, t1, c0, c1;
    dtl_analyser *a;
    struct dtl_error err = DTL_ERROR_INIT;
    char dir[4096];
    size_t i;
    int argi = 1;

    while (argi + 1 < argc && argv[argi][0] == '-') {
        if (strcmp(argv[argi], "-l") == 0)
            lang = argv[argi + 1];
        else if (strcmp(argv[argi], "-m") == 0)
            mb = atof(argv[argi + 1]);
        argi += 2;
    }
    for (; argi < argc; argi++)
        if (add_file(argv[argi]) != 0)
            fprintf(stderr, "cannot read %s\n", argv[argi]);
    if (!n_docs) {
        if (!shared)
            shared = "../shared/data";
        snprintf(dir, sizeof(dir), "%s/../corpus", shared);
        add_dir(dir, ".txt");
        snprintf(dir, sizeof(dir), "%s/extraction-dev/aeb/gt", shared);
        add_dir(dir, ".txt");
    }
    if (!n_docs) {
        fprintf(stderr, "no input: give files or set DATELINE_SHARED\n");
        return 2;
    }
    for (i = 0; i < n_docs; i++)
        total += docs[i].n;
    if (dtl_analyser_new(lang, &a, &err) != DTL_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    target = (unsigned long long)(mb * 1e6);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    for (i = 0; bytes < target; i = (i + 1) % n_docs) {
        if (dtl_analyse(a, docs[i].p, docs[i].n, count, NULL) != DTL_OK) {
            fprintf(stderr, "dtl_analyse failed\n");
            return 1;
        }
        bytes += docs[i].n;
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) +
           (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    cpu = (double)(c1.tv_sec - c0.tv_sec) +
          (double)(c1.tv_nsec - c0.tv_nsec) / 1e9;
    printf("%s: %zu documents (%llu bytes), %llu bytes analysed, "
           "%llu tokens\n  wall %.3f s, %.1f MB/s; cpu %.3f s, %.1f MB/s "
           "(%.1f Mtokens/s)\n",
           dtl_analyser_config(a), n_docs, total, bytes, n_tokens, secs,
           bytes / secs / 1e6, cpu, bytes / cpu / 1e6,
           n_tokens / cpu / 1e6);
    dtl_analyser_free(a);
    for (i = 0; i < n_docs; i++)
        free(docs[i].p);
    free(docs);
    return sink == 42;   /* keep the sink alive */
}
