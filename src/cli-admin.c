/* Dateline: `dateline stats|check|delete|compact` and opening a writer.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The maintenance commands of a nightly archive (README "Nightly
 * indexing").  They work on an unsharded index (one database) and on a
 * sharded one (a directory with a Xapian stub file, include/dateline/
 * admin.h) alike, shard by shard.  cli_open_writer() is also how `dateline
 * index` opens its index: waiting for another writer with --wait, and
 * writing by month into a sharded index.
 */
#include <config.h>
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "banned.h"

/* Poll interval while waiting for another writer, in microseconds. */
#define WAIT_STEP_US 200000

int
cli_parse_wait(const char *arg, struct cli_open_opts *o)
{
    char *end;
    double v;

    o->wait = 1;
    if (!arg)
        return 0;
    errno = 0;
    v = strtod(arg, &end);
    if (errno || end == arg || *end || !(v >= 0) || v > 1e9) {
        cli_error("--wait=%s: not a number of seconds", arg);
        return -1;
    }
    o->wait_secs = v;
    return 0;
}

/* The last shard's name in a sharded index's stub, month part only. */
static char *
last_shard_name(const char *db)
{
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_stub *stub = NULL;
    char path[4096], *name = NULL;
    size_t n;

    snprintf(path, sizeof(path), "%s/%s", db, DTL_STUB_NAME);
    if (dtl_stub_load(path, &stub, &err) != DTL_OK)
        return NULL;
    n = dtl_stub_count(stub);
    if (n > 0) {
        const char *a = dtl_stub_get(stub, n - 1)->arg;
        name = strndup(a, strcspn(a, "."));
    }
    dtl_stub_free(stub);
    return name;
}

char *
cli_existing_db(const char *db_opt, int *rc)
{
    char *db = cli_db_path(db_opt);

    *rc = CLI_ERROR;
    if (!db)
        return NULL;
    if (!dtl_index_is_sharded(db) && access(db, F_OK) != 0) {
        cli_error("no index at %s", db);
        free(db);
        *rc = CLI_NOINDEX;
        return NULL;
    }
    *rc = CLI_OK;
    return db;
}

dtl_status
cli_open_writer(const char *db, const struct cli_open_opts *o,
                dtl_index **out, struct dtl_error *err)
{
    struct timespec t0, now;
    char month[8], *maint = NULL;
    int said = 0;
    dtl_status st;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (o->shard_by || dtl_index_is_sharded(db)) {
        if (o->maint)
            maint = last_shard_name(db);
        if (dtl_shard_name_month(o->when != DTL_TS_NONE
                                     ? o->when
                                     : (int64_t)time(NULL),
                                 month) != DTL_OK) {
            if (err && err->code == DTL_OK) {
                err->code = DTL_EINVAL;
                snprintf(err->msg, sizeof(err->msg), "no month for the "
                         "shard (date out of range)");
            }
            return DTL_EINVAL;
        }
    }
    for (;;) {
        struct dtl_error e = DTL_ERROR_INIT;

        if (o->shard_by || dtl_index_is_sharded(db))
            st = dtl_index_open_sharded(db, maint ? maint : month, out, &e);
        else
            st = dtl_index_open(db, DTL_INDEX_WRITE, out, &e);
        if (st != DTL_ELOCKED || !o->wait) {
            if (st != DTL_OK && err && err->code == DTL_OK)
                *err = e;
            break;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (o->wait_secs >= 0 &&
            (double)(now.tv_sec - t0.tv_sec) +
                    (double)(now.tv_nsec - t0.tv_nsec) / 1e9 >=
                o->wait_secs) {
            if (err && err->code == DTL_OK)
                *err = e;
            break;
        }
        if (!said) {
            cli_error("%s: another indexer is writing; waiting", db);
            said = 1;
        }
        usleep(WAIT_STEP_US);
    }
    free(maint);
    return st;
}

/* ---- the databases behind an index path ---------------------------------- */

struct shard_list {
    char **name;    /* as in the stub, or the path for one database */
    char **path;    /* the database's directory */
    size_t n;
};

static void
shard_list_release(struct shard_list *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        free(l->name[i]);
        free(l->path[i]);
    }
    free(l->name);
    free(l->path);
    memset(l, 0, sizeof(*l));
}

static int
shard_list_add(struct shard_list *l, const char *name, const char *path)
{
    char **nn = realloc(l->name, (l->n + 1) * sizeof(*nn)), **np;

    if (!nn)
        return -1;
    l->name = nn;
    np = realloc(l->path, (l->n + 1) * sizeof(*np));
    if (!np)
        return -1;
    l->path = np;
    l->name[l->n] = strdup(name);
    l->path[l->n] = strdup(path);
    if (!l->name[l->n] || !l->path[l->n]) {
        free(l->name[l->n]);
        free(l->path[l->n]);
        return -1;
    }
    l->n++;
    return 0;
}

/* The databases of db: its shards, or db itself.  Remote shards are
 * skipped with a note.  Returns a status; messages go to err. */
static dtl_status
list_shards(const char *db, struct shard_list *l, struct dtl_error *err)
{
    dtl_stub *stub = NULL;
    char path[4096];
    struct stat sb;
    size_t i;
    dtl_status st;

    memset(l, 0, sizeof(*l));
    if (!dtl_index_is_sharded(db)) {
        if (stat(db, &sb) != 0) {
            err->code = DTL_ENOTFOUND;
            snprintf(err->msg, sizeof(err->msg), "no index there");
            return DTL_ENOTFOUND;
        }
        return shard_list_add(l, db, db) == 0 ? DTL_OK : DTL_ENOMEM;
    }
    snprintf(path, sizeof(path), "%s/%s", db, DTL_STUB_NAME);
    st = dtl_stub_load(path, &stub, err);
    for (i = 0; st == DTL_OK && i < dtl_stub_count(stub); i++) {
        const struct dtl_stub_shard *s = dtl_stub_get(stub, i);

        if (strcmp(s->type, "glass") && strcmp(s->type, "auto")) {
            cli_error("%s: shard '%s %s' is not local; left out", db,
                      s->type, s->arg);
            continue;
        }
        if (s->arg[0] == '/')
            snprintf(path, sizeof(path), "%s", s->arg);
        else
            snprintf(path, sizeof(path), "%s/%s", db, s->arg);
        if (shard_list_add(l, s->arg, path) != 0)
            st = DTL_ENOMEM;
    }
    dtl_stub_free(stub);
    if (st != DTL_OK)
        shard_list_release(l);
    return st;
}

/* Most languages `dateline stats` lists (libstemmer has about 30). */
#define DTL_LANGS_SHOWN 64

/* The lang= part of an analyser record, into out. */
static void
lang_of(const char *db, char *out, size_t n)
{
    dtl_index *ix = NULL;
    char *an = NULL;
    const char *p;

    snprintf(out, n, "unknown");
    if (dtl_index_open(db, DTL_INDEX_READ, &ix, NULL) != DTL_OK)
        return;
    if (dtl_index_get_meta(ix, "dateline.analyser", &an, NULL, NULL) ==
            DTL_OK &&
        (p = strstr(an, "lang=")) != NULL)
        snprintf(out, n, "%.*s", (int)strcspn(p + 5, " "), p + 5);
    else if (an && !an[0])
        snprintf(out, n, "none");
    dtl_free_string(an);
    dtl_index_close(ix, NULL);
}

/* The languages an index holds, most entries first, then by name. */
struct lang_count {
    char code[32];
    unsigned long long entries;
};

struct lang_list {
    struct lang_count v[DTL_LANGS_SHOWN];
    size_t n;
};

static dtl_status
add_lang(void *ctx, const char *code, uint64_t entries)
{
    struct lang_list *l = ctx;

    if (l->n < DTL_LANGS_SHOWN && entries > 0) {
        snprintf(l->v[l->n].code, sizeof(l->v[l->n].code), "%s", code);
        l->v[l->n++].entries = (unsigned long long)entries;
    }
    return DTL_OK;
}

/* A language code's name for people: the libstemmer name. */
static const char *
lang_name(const char *code)
{
    const char *name = dtl_lang_from_tag(code, strlen(code));

    return name ? name : code;
}

static int
cmp_lang(const void *a, const void *b)
{
    const struct lang_count *x = a, *y = b;

    if (x->entries != y->entries)
        return x->entries > y->entries ? -1 : 1;
    return strcmp(lang_name(x->code), lang_name(y->code));
}

static void
langs_of(const char *db, struct lang_list *l)
{
    dtl_index *ix = NULL;

    l->n = 0;
    if (dtl_index_open(db, DTL_INDEX_READ, &ix, NULL) != DTL_OK)
        return;
    if (dtl_index_languages(ix, add_lang, l, NULL) != DTL_OK)
        l->n = 0;
    dtl_index_close(ix, NULL);
    qsort(l->v, l->n, sizeof(l->v[0]), cmp_lang);
}

static void
print_langs(const struct lang_list *l, int json)
{
    size_t i;

    if (json) {
        printf(",\n  \"languages\": [");
        for (i = 0; i < l->n; i++)
            printf("%s{\"language\": \"%s\", \"code\": \"%s\", "
                   "\"entries\": %llu}", i ? ", " : "",
                   lang_name(l->v[i].code), l->v[i].code, l->v[i].entries);
        printf("]");
        return;
    }
    printf("languages:");
    for (i = 0; i < l->n; i++)
        printf("%s %s %llu", i ? "," : "", lang_name(l->v[i].code),
               l->v[i].entries);
    printf("%s\n", l->n ? "" : " -");
}

static void
time_or_none(int64_t t, char out[32])
{
    if (t == DTL_TS_NONE)
        snprintf(out, 32, "-");
    else
        dtl_time_format_iso(t, out, 32);
}

/* Common options of the maintenance commands (json, list: NULL when
 * the command has no such option). */
static int
parse_db_only(int argc, char **argv, const char *usage, const char **db,
              int *json, int *list)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"list", no_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "d:jlh", longopts, NULL)) != -1) {
        if (c == 'd') {
            *db = optarg;
        } else if (c == 'j' && json) {
            *json = 1;
        } else if (c == 'l' && list) {
            *list = 1;
        } else {
            fputs(usage, c == 'h' ? stdout : stderr);
            return c == 'h' ? CLI_OK : CLI_USAGE;
        }
    }
    if (optind != argc) {
        fputs(usage, stderr);
        return CLI_USAGE;
    }
    return -1;
}

/* One line per entry: source, time, id, content hash. */
static void
on_entry(void *ctx, const struct dtl_entry_info *e)
{
    char when[32];

    (void)ctx;
    time_or_none(e->ts, when);
    printf("%s\t%s\t%s\t%s\n", e->source, when, e->unique,
           e->hash[0] ? e->hash : "-");
}

/* stats --list: every entry of every shard. */
static int
list_entries(const char *db, const struct shard_list *l)
{
    struct dtl_error err = DTL_ERROR_INIT;
    size_t i;
    dtl_status st;

    for (i = 0; i < l->n; i++) {
        st = dtl_db_list(l->path[i], on_entry, NULL, &err);
        if (st != DTL_OK) {
            cli_report(l->path[i], st, &err);
            return cli_exit_for(st);
        }
    }
    (void)db;
    return CLI_OK;
}

/* ---- stats --------------------------------------------------------------- */

int
cli_stats(int argc, char **argv)
{
    static const char usage[] =
        "usage: dateline stats [--db PATH] [--json | --list]\n";
    struct dtl_error err = DTL_ERROR_INIT;
    struct dtl_db_stats *s = NULL, tot;
    struct shard_list l;
    const char *db_opt = NULL;
    char *db, a[32], b[32], lang[40];
    struct lang_list langs;
    int json = 0, list = 0, rc;
    size_t i;
    dtl_status st;

    rc = parse_db_only(argc, argv, usage, &db_opt, &json, &list);
    if (rc >= 0)
        return rc;
    db = cli_db_path(db_opt);
    if (!db)
        return CLI_ERROR;
    st = list_shards(db, &l, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        free(db);
        return cli_exit_for(st);
    }
    if (list) {
        rc = list_entries(db, &l);
        s = NULL;
        goto out;
    }
    s = calloc(l.n ? l.n : 1, sizeof(*s));
    memset(&tot, 0, sizeof(tot));
    tot.first = tot.last = DTL_TS_NONE;
    for (i = 0; s && st == DTL_OK && i < l.n; i++) {
        st = dtl_db_stats_get(l.path[i], &s[i], &err);
        if (st != DTL_OK)
            break;
        tot.entries += s[i].entries;
        tot.pages += s[i].pages;
        tot.timed += s[i].timed;
        tot.bytes += s[i].bytes;
        if (s[i].first != DTL_TS_NONE &&
            (tot.first == DTL_TS_NONE || s[i].first < tot.first))
            tot.first = s[i].first;
        if (s[i].last != DTL_TS_NONE &&
            (tot.last == DTL_TS_NONE || s[i].last > tot.last))
            tot.last = s[i].last;
    }
    if (!s || st != DTL_OK) {
        cli_report(i < l.n ? l.path[i] : db, s ? st : DTL_ENOMEM, &err);
        rc = cli_exit_for(s ? st : DTL_ENOMEM);
        goto out;
    }
    lang_of(db, lang, sizeof(lang));
    langs_of(db, &langs);
    if (json) {
        printf("{\n  \"index\": ");
        cli_json_str(stdout, db, strlen(db));
        printf(",\n  \"sharded\": %s,\n  \"language\": \"%s\"",
               dtl_index_is_sharded(db) ? "true" : "false", lang);
        print_langs(&langs, 1);
        printf(",\n  \"shards\": [");
    } else {
        printf("index:     %s%s\nlanguage:  %s\n", db,
               dtl_index_is_sharded(db) ? " (sharded)" : "", lang);
        print_langs(&langs, 0);
    }
    for (i = 0; i <= l.n; i++) {
        const struct dtl_db_stats *x = i < l.n ? &s[i] : &tot;
        const char *name = i < l.n ? l.name[i] : "total";

        time_or_none(x->first, a);
        time_or_none(x->last, b);
        if (json) {
            printf("%s\n    {\"name\": ", i == l.n ? "\n  ],\n  \"total\":"
                                          : i ? "," : "");
            cli_json_str(stdout, name, strlen(name));
            printf(", \"entries\": %llu, \"pages\": %llu, \"timed\": %llu, "
                   "\"first\": \"%s\", \"last\": \"%s\", \"bytes\": %llu, "
                   "\"revision\": %llu}",
                   (unsigned long long)x->entries,
                   (unsigned long long)x->pages,
                   (unsigned long long)x->timed, a, b,
                   (unsigned long long)x->bytes,
                   (unsigned long long)x->revision);
        } else if (l.n > 1 || i == l.n) {
            printf("%-10s entries %llu, pages %llu, dated %llu, %s .. %s, "
                   "%.1f MB\n", i < l.n ? name : "total:",
                   (unsigned long long)x->entries,
                   (unsigned long long)x->pages,
                   (unsigned long long)x->timed, a, b,
                   (double)x->bytes / 1e6);
        }
    }
    if (json)
        printf("\n}\n");
    rc = CLI_OK;
out:
    free(s);
    shard_list_release(&l);
    free(db);
    return rc;
}

/* ---- check --------------------------------------------------------------- */

struct check_ctx {
    const char *name;
    uint64_t shown;
};

static void
on_problem(void *ctx, const char *msg)
{
    struct check_ctx *c = ctx;

    if (c->shown++ < 50)
        printf("%s: %s\n", c->name, msg);
}

int
cli_check(int argc, char **argv)
{
    static const char usage[] = "usage: dateline check [--db PATH]\n";
    struct dtl_error err = DTL_ERROR_INIT;
    struct shard_list l;
    const char *db_opt = NULL;
    uint64_t total = 0;
    char *db;
    int rc;
    size_t i;
    dtl_status st;

    rc = parse_db_only(argc, argv, usage, &db_opt, NULL, NULL);
    if (rc >= 0)
        return rc;
    db = cli_db_path(db_opt);
    if (!db)
        return CLI_ERROR;
    st = list_shards(db, &l, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        free(db);
        return cli_exit_for(st);
    }
    rc = CLI_OK;
    for (i = 0; i < l.n; i++) {
        struct check_ctx c = {l.name[i], 0};
        uint64_t n = 0;

        dtl_error_clear(&err);
        st = dtl_db_check(l.path[i], on_problem, &c, &n, &err);
        if (st != DTL_OK) {
            cli_report(l.path[i], st, &err);
            rc = st == DTL_ENOTFOUND ? CLI_NOINDEX : CLI_ERROR;
            total++;
            continue;
        }
        total += n;
    }
    if (total == 0)
        printf("%s: %zu database%s checked, no problems\n", db, l.n,
               l.n == 1 ? "" : "s");
    else
        printf("%s: %llu problem%s\n", db, (unsigned long long)total,
               total == 1 ? "" : "s");
    if (total && rc == CLI_OK)
        rc = CLI_NONE;
    shard_list_release(&l);
    free(db);
    return rc;
}

/* ---- delete -------------------------------------------------------------- */

int
cli_delete(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"source", required_argument, NULL, 's'},
        {"url-prefix", required_argument, NULL, 'u'},
        {"before", required_argument, NULL, 'b'},
        {"dry-run", no_argument, NULL, 'n'},
        {"wait", optional_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    static const char usage[] =
        "usage: dateline delete [--db PATH] [--dry-run] [--wait[=SECONDS]]\n"
        "                       [--source SOURCE] [--url-prefix PREFIX]\n"
        "                       [--before DATE]\n";
    struct dtl_delete_spec spec = {NULL, NULL, DTL_TS_NONE, 0};
    struct cli_open_opts oo = {0, -1, NULL, DTL_TS_NONE, 1};
    struct dtl_write_counts wc = {0, 0, 0, 0};
    struct dtl_error err = DTL_ERROR_INIT;
    const char *db_opt = NULL;
    dtl_index *ix = NULL;
    uint64_t pages = 0;
    char *db;
    int c, rc = CLI_OK;
    dtl_status st;

    optind = 1;
    while ((c = getopt_long(argc, argv, "d:s:u:b:nh", longopts, NULL)) !=
           -1) {
        switch (c) {
        case 'd':
            db_opt = optarg;
            break;
        case 's':
            spec.source = optarg;
            break;
        case 'u':
            spec.url_prefix = optarg;
            break;
        case 'b':
            if (dtl_time_parse_user(optarg, strlen(optarg),
                                    (int64_t)time(NULL), &spec.before,
                                    &err) != DTL_OK) {
                cli_error("--before %s: %s", optarg, err.msg);
                return CLI_USAGE;
            }
            break;
        case 'n':
            spec.dry_run = 1;
            break;
        case 'w':
            if (cli_parse_wait(optarg, &oo) != 0)
                return CLI_USAGE;
            break;
        default:
            fputs(usage, c == 'h' ? stdout : stderr);
            return c == 'h' ? CLI_OK : CLI_USAGE;
        }
    }
    if (optind != argc || (!spec.source && !spec.url_prefix &&
                           spec.before == DTL_TS_NONE)) {
        fputs(usage, stderr);
        return CLI_USAGE;
    }
    if (spec.source && spec.url_prefix) {
        cli_error("give --source or --url-prefix, not both");
        return CLI_USAGE;
    }
    db = cli_existing_db(db_opt, &rc);
    if (!db)
        return rc;
    st = cli_open_writer(db, &oo, &ix, &err);
    if (st == DTL_OK)
        st = dtl_index_delete_where(ix, &spec, &wc, &pages, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
    } else {
        printf("%s %llu entries of %llu pages\n",
               spec.dry_run ? "would delete" : "deleted",
               (unsigned long long)wc.deleted, (unsigned long long)pages);
    }
    dtl_error_clear(&err);
    st = dtl_index_close(ix, &err);
    if (st != DTL_OK && rc == CLI_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
    }
    free(db);
    return rc;
}

/* ---- compact ------------------------------------------------------------- */

/* Remove a database directory (glass keeps its files at the top). */
static int
remove_db_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char p[4096];

    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
        unlink(p);
    }
    closedir(d);
    return rmdir(dir);
}

/* A new shard name in db: the month part of base + ".c" + the time and
 * a number that makes it unused. */
static void
compacted_name(const char *db, const char *base, char *out, size_t n)
{
    char p[4096];
    unsigned seq;

    for (seq = 0; seq < 1000; seq++) {
        snprintf(out, n, "%.*s.c%lld-%u", (int)strcspn(base, "."), base,
                 (long long)time(NULL), seq);
        snprintf(p, sizeof(p), "%s/%s", db, out);
        if (access(p, F_OK) != 0)
            break;
    }
}

/* Compact every shard of the sharded index db on its own (merge = 0) or
 * all into one (merge = 1), switching the stub atomically. */
static int
compact_sharded(const char *db, int merge, const struct shard_list *l)
{
    struct dtl_error err = DTL_ERROR_INIT;
    char stub_path[4096], dest[4096], name[256];
    dtl_stub *stub = NULL;
    size_t i, groups = merge ? 1 : l->n;
    dtl_status st = DTL_OK;

    snprintf(stub_path, sizeof(stub_path), "%s/%s", db, DTL_STUB_NAME);
    for (i = 0; i < groups && st == DTL_OK; i++) {
        const char *const *srcs = (const char *const *)l->path + i;
        size_t n = merge ? l->n : 1, k;
        long at;

        compacted_name(db, l->name[merge ? l->n - 1 : i], name,
                       sizeof(name));
        snprintf(dest, sizeof(dest), "%s/%s", db, name);
        st = dtl_db_compact(srcs, n, dest, &err);
        if (st == DTL_OK)
            st = dtl_stub_load(stub_path, &stub, &err);
        for (k = 0; st == DTL_OK && k < n; k++) {
            at = dtl_stub_find(stub, l->name[merge ? k : i]);
            if (at >= 0)
                st = dtl_stub_remove(stub, (size_t)at);
        }
        if (st == DTL_OK)
            st = dtl_stub_add(stub, "glass", name);
        if (st == DTL_OK)
            st = dtl_stub_save(stub_path, stub, &err);
        dtl_stub_free(stub);
        stub = NULL;
        if (st != DTL_OK) {
            cli_report(dest, st, &err);
            remove_db_dir(dest);
            break;
        }
        /* Readers that opened the old stub keep their open files. */
        for (k = 0; k < n; k++)
            remove_db_dir(l->path[merge ? k : i]);
        printf("compacted %s into %s\n",
               merge ? "all shards" : l->name[i], name);
    }
    return st == DTL_OK ? CLI_OK : cli_exit_for(st);
}

int
cli_compact(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"merge", no_argument, NULL, 'm'},
        {"output", required_argument, NULL, 'o'},
        {"wait", optional_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    static const char usage[] =
        "usage: dateline compact [--db PATH] [--wait[=SECONDS]]\n"
        "                        [--merge | --output NEWPATH]\n";
    struct cli_open_opts oo = {0, -1, NULL, DTL_TS_NONE, 1};
    struct dtl_error err = DTL_ERROR_INIT;
    const char *db_opt = NULL, *output = NULL;
    struct shard_list l;
    dtl_index *ix = NULL;
    int c, merge = 0, rc;
    char *db;
    dtl_status st;

    memset(&l, 0, sizeof(l));
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:mo:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db_opt = optarg;
            break;
        case 'm':
            merge = 1;
            break;
        case 'o':
            output = optarg;
            break;
        case 'w':
            if (cli_parse_wait(optarg, &oo) != 0)
                return CLI_USAGE;
            break;
        default:
            fputs(usage, c == 'h' ? stdout : stderr);
            return c == 'h' ? CLI_OK : CLI_USAGE;
        }
    }
    if (optind != argc || (merge && output)) {
        fputs(usage, stderr);
        return CLI_USAGE;
    }
    db = cli_db_path(db_opt);
    if (!db)
        return CLI_ERROR;
    st = list_shards(db, &l, &err);
    if (st == DTL_OK && !dtl_index_is_sharded(db) && !output) {
        cli_error("%s is one database: give --output NEWPATH for the "
                  "compacted copy (a sharded index is compacted in "
                  "place)", db);
        rc = CLI_USAGE;
        goto out;
    }
    /* Hold the writer lock(s) so no indexer changes what is copied. */
    if (st == DTL_OK)
        st = cli_open_writer(db, &oo, &ix, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
        goto out;
    }
    if (output) {
        st = dtl_db_compact((const char *const *)l.path, l.n, output, &err);
        if (st != DTL_OK)
            cli_report(output, st, &err);
        rc = cli_exit_for(st);
    } else {
        rc = compact_sharded(db, merge, &l);
    }
out:
    dtl_index_close(ix, NULL);
    shard_list_release(&l);
    free(db);
    return rc;
}
