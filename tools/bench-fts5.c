/* Dateline: the SQLite FTS5 peer of tools/bench, indexing and querying.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A developer tool, never installed; a small program against Debian's
 * libsqlite3, set up as an FTS5 user would: one table
 *     CREATE VIRTUAL TABLE entries USING fts5(id UNINDEXED, ts UNINDEXED,
 *         headline, body, tokenize = 'porter unicode61')
 * (English stemming; positions kept, FTS5's default detail=full; the
 * ranking is FTS5's built-in bm25).
 *
 * index: reads entries (bench-entries' entries.tsv: id, ts, headline,
 * text) and inserts them in one transaction, each with a rowid derived
 * from its id (64-bit FNV-1a, made positive).  A new database is created
 * (an existing file is removed) unless --append, which replaces the
 * entries whose rowid is already there (INSERT OR REPLACE, as a user
 * re-indexing a page would) and adds the others.
 *
 * query: as bench-query.c does, one untimed warm-up pass, one timed pass
 * on one thread (microseconds per query to --lat), then every query on
 * each of --threads threads (one connection each) for queries/s.  Each
 * query's words are quoted and joined by spaces (all words) or OR (any
 * word); SELECT id, headline ... ORDER BY rank LIMIT 10.
 *
 * Usage: bench-fts5 index [--append] --db FILE ENTRIES.tsv...
 *        bench-fts5 query --db FILE --queries FILE [--mode all|any]
 *                   [--threads N] [--lat FILE]
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "bench-clock.h"

static void
usage(void)
{
    fprintf(stderr,
            "usage: bench-fts5 index [--append] --db FILE ENTRIES.tsv...\n"
            "       bench-fts5 query --db FILE --queries FILE "
            "[--mode all|any] [--threads N] [--lat FILE]\n");
    exit(2);
}

static int
fail(sqlite3 *db, const char *what)
{
    fprintf(stderr, "bench-fts5: %s: %s\n", what,
            db ? sqlite3_errmsg(db) : "cannot open");
    return 1;
}

/* Run a statement that returns no rows; ready it for the next binding. */
static int
step_done(sqlite3_stmt *st)
{
    int s = sqlite3_step(st);

    sqlite3_reset(st);
    return s == SQLITE_DONE;
}

/* The entry's rowid: 64-bit FNV-1a of its id, made positive. */
static sqlite3_int64
rowid_of(const char *id)
{
    unsigned long long h = 14695981039346656037ULL;

    for (; *id; id++) {
        h ^= (unsigned char)*id;
        h *= 1099511628211ULL;
    }
    return (sqlite3_int64)(h >> 1);
}

/* Split line at tabs into at most n fields; returns the count. */
static int
split(char *line, char **f, int n)
{
    int k = 0;

    f[k++] = line;
    while (k < n) {
        char *t = strchr(f[k - 1], '\t');

        if (!t)
            break;
        *t = '\0';
        f[k++] = t + 1;
    }
    return k;
}

static int
do_index(const char *path, int append, char **files, int n_files)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *ins = NULL;
    char *line = NULL;
    size_t cap = 0;
    long entries = 0;
    int i, rc = 1;

    if (!append && unlink(path) != 0 && errno != ENOENT) {
        fprintf(stderr, "bench-fts5: %s: %s\n", path, strerror(errno));
        return 1;
    }
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        rc = fail(db, path);
        goto out;
    }
    if (sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE IF NOT EXISTS entries USING "
                     "fts5(id UNINDEXED, ts UNINDEXED, headline, body, "
                     "tokenize = 'porter unicode61');"
                     "BEGIN;",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           append ? "INSERT OR REPLACE INTO entries(rowid, "
                                    "id, ts, headline, body) "
                                    "VALUES (?, ?, ?, ?, ?)"
                                  : "INSERT INTO entries(rowid, id, ts, "
                                    "headline, body) VALUES (?, ?, ?, ?, ?)",
                           -1, &ins, NULL) != SQLITE_OK) {
        rc = fail(db, path);
        goto out;
    }
    for (i = 0; i < n_files; i++) {
        FILE *in = fopen(files[i], "r");
        ssize_t got;
        long no = 0;

        if (!in) {
            fprintf(stderr, "bench-fts5: %s: %s\n", files[i],
                    strerror(errno));
            goto out;
        }
        while ((got = getline(&line, &cap, in)) >= 0) {
            char *f[4];
            int k;

            no++;
            if (got > 0 && line[got - 1] == '\n')
                line[--got] = '\0';
            k = split(line, f, 4);
            if (k != 4) {
                fprintf(stderr, "bench-fts5: %s:%ld: expected 4 fields\n",
                        files[i], no);
                fclose(in);
                goto out;
            }
            sqlite3_bind_int64(ins, 1, rowid_of(f[0]));
            sqlite3_bind_text(ins, 2, f[0], -1, SQLITE_STATIC);
            sqlite3_bind_int64(ins, 3, strtoll(f[1], NULL, 10));
            sqlite3_bind_text(ins, 4, f[2], -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 5, f[3], -1, SQLITE_STATIC);
            if (!step_done(ins)) {
                fclose(in);
                rc = fail(db, files[i]);
                goto out;
            }
            entries++;
        }
        fclose(in);
    }
    if (sqlite3_exec(db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK) {
        rc = fail(db, path);
        goto out;
    }
    fprintf(stderr, "bench-fts5: indexed %ld entries\n", entries);
    rc = 0;
out:
    free(line);
    sqlite3_finalize(ins);
    sqlite3_close(db);
    return rc;
}

struct worker {
    const char *db;
    char **q;        /* FTS5 match expressions */
    size_t n;
    double *lat;
    size_t results;
    int failed;
    pthread_t tid;
};

static void *
run(void *arg)
{
    struct worker *w = arg;
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    size_t i;

    if (sqlite3_open_v2(w->db, &db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT id, headline FROM entries WHERE entries "
                           "MATCH ? ORDER BY rank LIMIT 10",
                           -1, &st, NULL) != SQLITE_OK) {
        fail(db, w->db);
        w->failed = 1;
        goto out;
    }
    for (i = 0; i < w->n; i++) {
        double t0 = w->lat ? bench_now_us() : 0;
        int s;

        sqlite3_bind_text(st, 1, w->q[i], -1, SQLITE_STATIC);
        while ((s = sqlite3_step(st)) == SQLITE_ROW)
            w->results += sqlite3_column_bytes(st, 1) > 0;
        if (s != SQLITE_DONE) {
            fail(db, w->q[i]);
            w->failed = 1;
            goto out;
        }
        sqlite3_reset(st);
        if (w->lat)
            w->lat[i] = bench_now_us() - t0;
    }
out:
    sqlite3_finalize(st);
    sqlite3_close(db);
    return NULL;
}

/* "a b" -> "\"a\" \"b\"" or "\"a\" OR \"b\"" (words never hold quotes:
 * bench-entries writes letters only). */
static char *
match_expr(const char *q, int any)
{
    size_t n = strlen(q), cap = 4 * n + 16, len = 0;
    char *out = malloc(cap);
    const char *p = q;

    if (!out)
        return NULL;
    while (*p) {
        size_t w;

        while (*p == ' ')
            p++;
        w = strcspn(p, " \"");
        if (w == 0) {
            if (*p)
                p++;
            continue;
        }
        if (len)
            len += (size_t)snprintf(out + len, cap - len, "%s",
                                    any ? " OR " : " ");
        len += (size_t)snprintf(out + len, cap - len, "\"%.*s\"", (int)w, p);
        p += w;
    }
    out[len] = '\0';
    return out;
}

static int
do_query(int argc, char **argv)
{
    const char *path = NULL, *qfile = NULL, *latfile = NULL;
    unsigned threads = 1, t;
    int any = 0, i, rc = 1;
    char **q = NULL, *line = NULL;
    size_t n = 0, alloc = 0, cap = 0, k;
    struct worker one = {0}, *ws = NULL;
    ssize_t got;
    FILE *f;
    double t0, wall;

    for (i = 0; i < argc; i += 2) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

        if (!v)
            usage();
        if (!strcmp(a, "--db"))
            path = v;
        else if (!strcmp(a, "--queries"))
            qfile = v;
        else if (!strcmp(a, "--lat"))
            latfile = v;
        else if (!strcmp(a, "--mode") && !strcmp(v, "all"))
            any = 0;
        else if (!strcmp(a, "--mode") && !strcmp(v, "any"))
            any = 1;
        else if (!strcmp(a, "--threads") && atoi(v) > 0)
            threads = (unsigned)atoi(v);
        else
            usage();
    }
    if (!path || !qfile)
        usage();
    f = fopen(qfile, "r");
    if (!f) {
        fprintf(stderr, "bench-fts5: %s: %s\n", qfile, strerror(errno));
        return 1;
    }
    while ((got = getline(&line, &cap, f)) >= 0) {
        if (got > 0 && line[got - 1] == '\n')
            line[--got] = '\0';
        if (got == 0)
            continue;
        if (n == alloc) {
            char **nq;

            alloc = alloc ? 2 * alloc : 1024;
            nq = realloc(q, alloc * sizeof *q);
            if (!nq)
                goto oom;
            q = nq;
        }
        q[n] = match_expr(line, any);
        if (!q[n])
            goto oom;
        n++;
    }
    fclose(f);
    f = NULL;
    if (n == 0) {
        fprintf(stderr, "bench-fts5: %s: no queries\n", qfile);
        goto out;
    }
    one.db = path;
    one.q = q;
    one.n = n;
    run(&one);
    one.results = 0;
    one.lat = calloc(n, sizeof *one.lat);
    if (!one.lat)
        goto oom;
    if (!one.failed)
        run(&one);
    if (one.failed)
        goto out;
    if (latfile) {
        f = fopen(latfile, "w");
        if (!f) {
            fprintf(stderr, "bench-fts5: %s: %s\n", latfile,
                    strerror(errno));
            goto out;
        }
        for (k = 0; k < n; k++)
            fprintf(f, "%.1f\n", one.lat[k]);
        k = (size_t)fclose(f);
        f = NULL;
        if (k != 0)
            goto out;
    }
    ws = calloc(threads, sizeof *ws);
    if (!ws)
        goto oom;
    t0 = bench_now_us();
    for (t = 0; t < threads; t++) {
        ws[t].db = path;
        ws[t].q = q;
        ws[t].n = n;
        if (pthread_create(&ws[t].tid, NULL, run, &ws[t]) != 0) {
            fprintf(stderr, "bench-fts5: cannot start a thread\n");
            threads = t;
            one.failed = 1;
            break;
        }
    }
    for (t = 0; t < threads; t++)
        pthread_join(ws[t].tid, NULL);
    wall = (bench_now_us() - t0) / 1e6;
    for (t = 0; t < threads; t++)
        one.failed |= ws[t].failed;
    if (one.failed)
        goto out;
    printf("queries=%zu threads=%u qps=%.1f results=%zu\n", n, threads,
           (double)n * threads / wall, one.results);
    rc = 0;
    goto out;
oom:
    fprintf(stderr, "bench-fts5: out of memory\n");
out:
    if (f)
        fclose(f);
    for (k = 0; k < n; k++)
        free(q[k]);
    free(q);
    free(line);
    free(one.lat);
    free(ws);
    return rc;
}

int
main(int argc, char **argv)
{
    int i, append = 0;
    const char *db = NULL;

    if (argc < 2)
        usage();
    if (!strcmp(argv[1], "query"))
        return do_query(argc - 2, argv + 2);
    if (strcmp(argv[1], "index") != 0)
        usage();
    for (i = 2; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--append"))
            append = 1;
        else if (!strcmp(argv[i], "--db") && i + 1 < argc)
            db = argv[++i];
        else
            usage();
    }
    if (!db || i >= argc)
        usage();
    return do_index(db, append, argv + i, argc - i);
}
