/* Dateline tests: opening many databases (index/shim-open.cc).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Table-driven: each row is the text of a stub file (written into a
 * temporary directory that also holds two small indexes, "one" and
 * "two", and a nested stub "inner.stub"), the status dtl_index_open_many()
 * must give, a piece of its message and the shard count.  Remote shards
 * point at port 1 on loopback, where nothing listens, so they fail fast
 * and show how a missing shard is kept and reported; the loopback tests
 * with real servers are tests/e2e/t0700-remote.sh.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dateline/analyser.h"
#include "dateline/index.h"
#include "dateline/query.h"
#include "dateline/stamp.h"
#include "tap.h"

static char dir[64];

struct row {
    const char *stub;     /* stub file text */
    dtl_status want;      /* status of dtl_index_open_many() */
    const char *msg;      /* piece of the message, or NULL */
    size_t shards;        /* shards named, when it opens */
    size_t missing;       /* of which out (searches then fail) */
};

static const struct row rows[] = {
    {"auto one\n", DTL_OK, NULL, 1, 0},
    {"# comment\n\n  auto one  \r\nglass two\n", DTL_OK, NULL, 2, 0},
    {"auto inner.stub\nauto two\n", DTL_OK, NULL, 2, 0},
    {"auto one\nremote 127.0.0.1:1\n", DTL_OK, NULL, 2, 1},
    {"remote [::1]:1\nauto one\n", DTL_OK, NULL, 2, 1},
    {"auto one\nauto nowhere\n", DTL_OK, NULL, 2, 1},
    {"auto nowhere\n", DTL_ENOTFOUND, "no index at", 0, 0},
    {"remote 127.0.0.1:1\n", DTL_EIO, "tcp://127.0.0.1:1", 0, 0},
    {"auto one\nremote 127.0.0.1\n", DTL_EINDEX,
     "t.stub: stub line 2: expected remote HOST:PORT", 0, 0},
    {"remote host:99999\n", DTL_EINDEX, "line 1: expected remote", 0, 0},
    {"remote host:12x\n", DTL_EINDEX, "line 1: expected remote", 0, 0},
    {"remote :\n", DTL_EINDEX, "line 1: expected remote", 0, 0},
    {"auto\n", DTL_EINDEX, "t.stub: stub line 1: 'auto' needs a path", 0, 0},
    {"auto one\ninmemory\n", DTL_EINDEX,
     "t.stub: stub line 2: an inmemory database holds no index", 0, 0},
    {"flint old\n", DTL_EINDEX,
     "t.stub: stub line 1: unknown database type 'flint'", 0, 0},
    {"auto one\nauto a\rb\n", DTL_EINDEX,
     "t.stub: stub line 2: carriage return", 0, 0},
    {"auto t.stub\n", DTL_ELIMIT, "nested more than", 0, 0},
    {"# nothing\n", DTL_EINDEX, "names no database", 0, 0},
    {NULL, DTL_OK, NULL, 0, 0}
};

static void
write_file(const char *name, const char *text)
{
    char path[128];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0)
        tap_diag("cannot write %s", path);
}

/* An empty index (layout set) at dir/name. */
static int
make_index(const char *name)
{
    char path[128];
    dtl_index *ix = NULL;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (dtl_index_open(path, DTL_INDEX_WRITE, &ix, NULL) != DTL_OK)
        return -1;
    return dtl_index_close(ix, NULL) == DTL_OK ? 0 : -1;
}

static void
test_rows(void)
{
    char stub[128];
    const char *dbs[1] = {stub};
    const struct row *r;

    snprintf(stub, sizeof(stub), "%s/t.stub", dir);
    for (r = rows; r->stub; r++) {
        struct dtl_error err = DTL_ERROR_INIT;
        dtl_index *ix = NULL;
        dtl_status st;
        size_t i, out = 0;

        write_file("t.stub", r->stub);
        st = dtl_index_open_many(dbs, 1, NULL, &ix, &err);
        tap_is_int(st, r->want, r->stub);
        if (r->msg)
            tap_ok(strstr(err.msg, r->msg) != NULL, "message '%s' has '%s'",
                   err.msg, r->msg);
        if (st != DTL_OK) {
            tap_ok(ix == NULL, "no handle on failure");
            continue;
        }
        tap_is_int((long long)dtl_index_shard_count(ix), (long long)r->shards,
                   "shards named");
        for (i = 0; i < dtl_index_shard_count(ix); i++) {
            const char *name, *why;
            if (dtl_index_shard(ix, i, &name, &why) == DTL_OK && why[0])
                out++;
        }
        tap_is_int((long long)out, (long long)r->missing, "shards out");
        dtl_index_close(ix, NULL);
    }
}

/* A search on a set with a shard out fails naming it, unless partial. */
static void
test_partial(void)
{
    char one[128], dead[] = "tcp://127.0.0.1:1";
    const char *dbs[2] = {one, dead};
    struct dtl_search_opts o;
    struct dtl_open_opts oo;
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_index *ix = NULL;
    dtl_hits *h = NULL;
    dtl_query *q = NULL;
    dtl_analyser *an = NULL;
    const char *name, *why;

    snprintf(one, sizeof(one), "%s/one", dir);
    dtl_open_opts_init(&oo);
    oo.timeout_ms = 2000;
    if (!tap_ok(dtl_index_open_many(dbs, 2, &oo, &ix, &err) == DTL_OK,
                "open a local index and a dead remote one: %s", err.msg))
        return;
    tap_ok(dtl_index_shard(ix, 1, &name, &why) == DTL_OK &&
               strcmp(name, dead) == 0 && why[0],
           "the dead shard is named, with why");
    tap_is_int(dtl_index_shard(ix, 2, &name, &why), DTL_EINVAL,
               "shard past the end");
    tap_ok(name == NULL && why == NULL, "... gives NULLs");
    if (dtl_analyser_new("english", &an, NULL) != DTL_OK ||
        dtl_query_parse("flood", 5, an, NULL, &q, NULL) != DTL_OK) {
        tap_ok(0, "parse a query");
        dtl_analyser_free(an);
        dtl_index_close(ix, NULL);
        return;
    }
    dtl_search_opts_init(&o);
    tap_is_int(dtl_index_search(ix, q, &o, &h, &err), DTL_EIO,
               "a search fails");
    tap_ok(strstr(err.msg, dead) != NULL, "naming the shard: %s", err.msg);
    o.partial = 1;
    tap_is_int(dtl_index_search(ix, q, &o, &h, NULL), DTL_OK,
               "partial: the search runs");
    tap_is_int((long long)dtl_hits_missing_count(h), 1, "one shard missing");
    tap_ok(dtl_hits_missing(h, 0) &&
               strncmp(dtl_hits_missing(h, 0), dead, strlen(dead)) == 0,
           "named first in its note");
    tap_ok(dtl_hits_missing(h, 1) == NULL, "missing past the end is NULL");
    dtl_hits_free(h);
    dtl_query_free(q);
    dtl_analyser_free(an);
    dtl_index_close(ix, NULL);
}

static void
test_args(void)
{
    const char *none[1] = {""};
    dtl_index *ix = (dtl_index *)1;

    tap_is_int(dtl_index_open_many(NULL, 1, NULL, &ix, NULL), DTL_EINVAL,
               "no names");
    tap_ok(ix == NULL, "out cleared");
    tap_is_int(dtl_index_open_many(none, 1, NULL, &ix, NULL), DTL_EINVAL,
               "an empty name");
    tap_is_int(dtl_index_open_many(none, 0, NULL, &ix, NULL), DTL_EINVAL,
               "zero names");
    tap_is_int((long long)dtl_index_shard_count(NULL), 0, "count of NULL");
}

int
main(void)
{
    char cmd[160];

    snprintf(dir, sizeof(dir), "/tmp/dtl-t-shards.XXXXXX");
    if (!mkdtemp(dir))
        tap_skip_all("no temporary directory");
    if (make_index("one") || make_index("two"))
        tap_skip_all("cannot create the test indexes");
    write_file("inner.stub", "auto one\n");
    test_rows();
    test_partial();
    test_args();
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        tap_diag("could not remove %s", dir);
    return tap_done();
}
