/* Dateline: time queries against an index through libdateline's public
 * API, for tools/bench.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A developer tool, never installed.  In one process it reads the queries
 * (one a line), opens the index, and
 *   1. runs every query once untimed (warm-up: the peers' drivers do the
 *      same, so no one pays for the first read of the index's blocks or,
 *      for Lucene, for the JIT);
 *   2. runs every query again on one thread, timing each with
 *      clock_gettime(CLOCK_MONOTONIC) around dtl_query_parse() and
 *      dtl_search() (top 10 results with their headlines and snippets, as
 *      `dateline search` shows them) and the freeing; the latencies, in
 *      microseconds, go to --lat, one a line, in query order;
 *   3. runs every query on each of --threads threads at once (each with
 *      its own index handle and analyser) and reports queries/s.
 * Prints "queries=N threads=T qps=Q results=R" on stdout, R being the
 * number of results of the timed pass (a check that the engines agree).
 * --hits-only calls dtl_index_search() instead of dtl_search(): the
 * ranked hits and their stored data without snippets (and without the
 * relaxed retry), to see where a query's time goes.
 *
 * Usage: bench-query --db PATH --queries FILE [--mode all|any]
 *                    [--rank blend|relevance] [--now UTC_SECONDS]
 *                    [--threads N] [--lat FILE] [--hits-only 1]
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dateline/dateline.h"

#include "bench-clock.h"

struct opts {
    const char *db, *queries, *lat;
    int any;
    enum dtl_sort sort;
    int64_t now;
    unsigned threads;
    int hits_only;
};

struct qlist {
    char **q;
    size_t *len;
    size_t n;
};

struct worker {
    const struct opts *o;
    const struct qlist *ql;
    double *lat;          /* per query microseconds, or NULL */
    size_t results;
    int failed;
    pthread_t tid;
};

static void
usage(void)
{
    fprintf(stderr, "usage: bench-query --db PATH --queries FILE "
            "[--mode all|any] [--rank blend|relevance] [--now SECONDS] "
            "[--threads N] [--lat FILE]\n");
    exit(2);
}

static int
read_queries(const char *path, struct qlist *ql)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0, alloc = 0;
    ssize_t got;

    if (!f) {
        fprintf(stderr, "bench-query: %s: %s\n", path, strerror(errno));
        return -1;
    }
    while ((got = getline(&line, &cap, f)) >= 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (got == 0)
            continue;
        if (ql->n == alloc) {
            size_t na = alloc ? alloc * 2 : 1024;
            char **nq = realloc(ql->q, na * sizeof *nq);
            size_t *nl;

            if (!nq)
                goto oom;
            ql->q = nq;
            nl = realloc(ql->len, na * sizeof *nl);
            if (!nl)
                goto oom;
            ql->len = nl;
            alloc = na;
        }
        ql->q[ql->n] = strdup(line);
        if (!ql->q[ql->n])
            goto oom;
        ql->len[ql->n++] = (size_t)got;
    }
    free(line);
    fclose(f);
    if (ql->n == 0) {
        fprintf(stderr, "bench-query: %s: no queries\n", path);
        return -1;
    }
    return 0;
oom:
    free(line);
    fclose(f);
    fprintf(stderr, "bench-query: out of memory reading %s\n", path);
    return -1;
}

/* Run every query once; time each into w->lat when it is set. */
static void *
run(void *arg)
{
    struct worker *w = arg;
    const struct opts *o = w->o;
    struct dtl_error err = {0};
    struct dtl_query_opts qo = {0};
    struct dtl_search_opts so;
    dtl_index *ix = NULL;
    dtl_analyser *a = NULL;
    size_t i;

    if (dtl_index_open(o->db, DTL_INDEX_READ, &ix, &err) != DTL_OK ||
        dtl_index_analyser(ix, NULL, &a, &err) != DTL_OK) {
        fprintf(stderr, "bench-query: %s: %s\n", o->db, err.msg);
        w->failed = 1;
        goto out;
    }
    qo.now = o->now;
    qo.default_or = o->any;
    dtl_search_opts_init(&so);
    so.sort = o->sort;
    so.now = o->now;
    so.limit = 10;
    for (i = 0; i < w->ql->n; i++) {
        double t0 = w->lat ? bench_now_us() : 0;
        dtl_query *q = NULL;
        dtl_results *res = NULL;
        dtl_hits *hits = NULL;
        dtl_status st;

        st = dtl_query_parse(w->ql->q[i], w->ql->len[i], a, &qo, &q, &err);
        if (st == DTL_OK)
            st = o->hits_only ? dtl_index_search(ix, q, &so, &hits, &err)
                              : dtl_search(ix, a, q, &so, &res, &err);
        if (st != DTL_OK) {
            fprintf(stderr, "bench-query: query %zu (%s): %s\n", i + 1,
                    w->ql->q[i], err.msg);
            dtl_query_free(q);
            w->failed = 1;
            goto out;
        }
        w->results += hits ? dtl_hits_count(hits) : dtl_results_count(res);
        dtl_hits_free(hits);
        dtl_results_free(res);
        dtl_query_free(q);
        if (w->lat)
            w->lat[i] = bench_now_us() - t0;
    }
out:
    dtl_analyser_free(a);
    dtl_index_close(ix, NULL);
    return NULL;
}

int
main(int argc, char **argv)
{
    struct opts o = {0};
    struct qlist ql = {0};
    struct worker one = {0}, *ws = NULL;
    double t0, wall;
    FILE *lf;
    unsigned t;
    size_t i;
    int i_arg, rc = 1;

    o.sort = DTL_SORT_BLEND;
    o.threads = 1;
    for (i_arg = 1; i_arg < argc; i_arg++) {
        const char *a = argv[i_arg];
        const char *v = i_arg + 1 < argc ? argv[i_arg + 1] : NULL;

        if (!v)
            usage();
        i_arg++;
        if (!strcmp(a, "--db"))
            o.db = v;
        else if (!strcmp(a, "--queries"))
            o.queries = v;
        else if (!strcmp(a, "--lat"))
            o.lat = v;
        else if (!strcmp(a, "--mode") && !strcmp(v, "all"))
            o.any = 0;
        else if (!strcmp(a, "--mode") && !strcmp(v, "any"))
            o.any = 1;
        else if (!strcmp(a, "--rank") && !strcmp(v, "blend"))
            o.sort = DTL_SORT_BLEND;
        else if (!strcmp(a, "--rank") && !strcmp(v, "relevance"))
            o.sort = DTL_SORT_RELEVANCE;
        else if (!strcmp(a, "--now"))
            o.now = strtoll(v, NULL, 10);
        else if (!strcmp(a, "--hits-only"))
            o.hits_only = atoi(v) != 0;
        else if (!strcmp(a, "--threads") && atoi(v) > 0)
            o.threads = (unsigned)atoi(v);
        else
            usage();
    }
    if (!o.db || !o.queries)
        usage();
    if (read_queries(o.queries, &ql) != 0)
        goto out;

    /* 1. warm-up, 2. timed, one thread */
    one.o = &o;
    one.ql = &ql;
    run(&one);
    if (one.failed)
        goto out;
    one.results = 0;
    one.lat = calloc(ql.n, sizeof *one.lat);
    if (!one.lat)
        goto out;
    run(&one);
    if (one.failed)
        goto out;
    if (o.lat) {
        lf = fopen(o.lat, "w");
        if (!lf) {
            fprintf(stderr, "bench-query: %s: %s\n", o.lat, strerror(errno));
            goto out;
        }
        for (i = 0; i < ql.n; i++)
            fprintf(lf, "%.1f\n", one.lat[i]);
        if (fclose(lf) != 0) {
            fprintf(stderr, "bench-query: %s: write failed\n", o.lat);
            goto out;
        }
    }

    /* 3. all threads at once */
    ws = calloc(o.threads, sizeof *ws);
    if (!ws)
        goto out;
    t0 = bench_now_us();
    for (t = 0; t < o.threads; t++) {
        ws[t].o = &o;
        ws[t].ql = &ql;
        if (pthread_create(&ws[t].tid, NULL, run, &ws[t]) != 0) {
            fprintf(stderr, "bench-query: cannot start a thread\n");
            o.threads = t;
            ws[0].failed = 1;
            break;
        }
    }
    for (t = 0; t < o.threads; t++)
        pthread_join(ws[t].tid, NULL);
    wall = (bench_now_us() - t0) / 1e6;
    for (t = 0; t < o.threads; t++)
        if (ws[t].failed)
            goto out;
    printf("queries=%zu threads=%u qps=%.1f results=%zu\n", ql.n, o.threads,
           (double)ql.n * o.threads / wall, one.results);
    rc = 0;
out:
    for (i = 0; i < ql.n; i++)
        free(ql.q[i]);
    free(ql.q);
    free(ql.len);
    free(one.lat);
    free(ws);
    return rc;
}
