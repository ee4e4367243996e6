/* Dateline: the query client of tools/bench-remote.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A developer tool, never installed.  Opens the databases named with
 * --db (as `dateline search` does: local, stub, tcp://HOST:PORT) once,
 * like a long-lived reader (FastCGI), then runs every query of a file
 * (one per line) through dtl_search() and prints each query's wall-clock
 * latency in microseconds, one per line, after --warm untimed queries.
 *
 * Usage: bench-remote-client [--sort blend|relevance|date] [--now WHEN]
 *                            [--warm N] --db X [--db X]... QUERYFILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dateline/dateline.h"

static double
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
fail(const char *what, const struct dtl_error *err)
{
    fprintf(stderr, "bench-remote-client: %s: %s\n", what, err->msg);
    return 1;
}

int
main(int argc, char **argv)
{
    struct dtl_search_opts so;
    struct dtl_error err = DTL_ERROR_INIT;
    const char *dbs[64];
    size_t n_dbs = 0;
    long warm = 20, done = 0;
    const char *qfile = NULL;
    dtl_index *ix = NULL;
    dtl_analyser *an = NULL;
    char line[1024];
    FILE *f;
    int i;

    dtl_search_opts_init(&so);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc && n_dbs < 64) {
            dbs[n_dbs++] = argv[++i];
        } else if (strcmp(argv[i], "--sort") == 0 && i + 1 < argc) {
            i++;
            so.sort = strcmp(argv[i], "date") == 0        ? DTL_SORT_DATE
                      : strcmp(argv[i], "relevance") == 0 ? DTL_SORT_RELEVANCE
                                                          : DTL_SORT_BLEND;
        } else if (strcmp(argv[i], "--now") == 0 && i + 1 < argc) {
            i++;
            if (dtl_time_parse_user(argv[i], strlen(argv[i]), so.now,
                                    &so.now, &err) != DTL_OK)
                return fail("--now", &err);
        } else if (strcmp(argv[i], "--warm") == 0 && i + 1 < argc) {
            warm = atol(argv[++i]);
        } else if (!qfile && argv[i][0] != '-') {
            qfile = argv[i];
        } else {
            fprintf(stderr, "usage: bench-remote-client [--sort S] "
                            "[--now WHEN] [--warm N] --db X... QUERYFILE\n");
            return 2;
        }
    }
    if (!qfile || n_dbs == 0)
        return fail("usage", &(struct dtl_error){DTL_EINVAL, 0,
                                                 "--db and a query file"});
    if (dtl_index_open_many(dbs, n_dbs, NULL, &ix, &err) != DTL_OK)
        return fail("open", &err);
    if (dtl_index_analyser(ix, NULL, &an, &err) != DTL_OK)
        return fail("analyser", &err);
    f = fopen(qfile, "r");
    if (!f) {
        perror(qfile);
        return 1;
    }
    while (fgets(line, sizeof(line), f)) {
        dtl_query *q = NULL;
        dtl_results *res = NULL;
        struct dtl_query_opts qo;
        size_t n = strcspn(line, "\n");
        double t0;

        line[n] = '\0';
        if (n == 0)
            continue;
        memset(&qo, 0, sizeof(qo));
        qo.now = so.now;
        t0 = now_us();
        if (dtl_query_parse(line, n, an, &qo, &q, &err) != DTL_OK ||
            dtl_search(ix, an, q, &so, &res, &err) != DTL_OK) {
            fclose(f);
            return fail(line, &err);
        }
        if (done++ >= warm)
            printf("%.0f\n", now_us() - t0);
        dtl_results_free(res);
        dtl_query_free(q);
    }
    fclose(f);
    dtl_analyser_free(an);
    dtl_index_close(ix, NULL);
    return 0;
}
