/* Dateline: shared pieces of the `dateline` command-line program.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The program only parses arguments and prints; every decision is made in
 * libdateline.  It uses the public API alone (include/dateline/).
 */
#ifndef DTL_SRC_CLI_H
#define DTL_SRC_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "dateline/dateline.h"

/* Exit statuses (documented in the README and dateline(1)). */
enum cli_exit {
    CLI_OK = 0,        /* success; for search: at least one hit */
    CLI_NONE = 1,      /* search: no hits; index: some files failed */
    CLI_USAGE = 2,     /* bad command line */
    CLI_NOINDEX = 3,   /* no index at the path */
    CLI_LOCKED = 4,    /* another indexer holds the index */
    CLI_ERROR = 5,     /* any other failure */
    CLI_INTERRUPTED = 130, /* stopped by SIGINT (work so far committed) */
    CLI_TERMINATED = 143   /* stopped by SIGTERM (work so far committed) */
};

/* Subcommands: argv[0] is the subcommand's name. */
int cli_index(int argc, char **argv);
int cli_search(int argc, char **argv);
int cli_info(int argc, char **argv);
int cli_extract(int argc, char **argv);
int cli_stats(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_delete(int argc, char **argv);
int cli_compact(int argc, char **argv);

/* How `dateline index` and the maintenance commands open a writer
 * (src/cli-admin.c): wait for another writer's lock (for at most
 * wait_secs; < 0: forever), and shard by month (the month of when, or of
 * now).  A sharded index is always written by month. */
struct cli_open_opts {
    int wait;
    double wait_secs;
    const char *shard_by;
    int64_t when;
    int maint;     /* a sharded index: no new shard, use the last one */
};
dtl_status cli_open_writer(const char *db, const struct cli_open_opts *o,
                           dtl_index **out, struct dtl_error *err);

/* The --db path (or the default) of an index that must exist: NULL with
 * *rc an exit status (message printed) when it does not. */
char *cli_existing_db(const char *db_opt, int *rc);

/* --wait[=SECONDS] into o; 0 on success, else -1 (message printed). */
int cli_parse_wait(const char *arg, struct cli_open_opts *o);

/* Options of `dateline search --batch` (src/cli-batch.c). */
struct cli_batch_opts {
    int docid_name;          /* docno: 1 = the source's name, 0 = source */
    const char *run_tag;     /* last column of the TREC run */
};

/* Run every topic ("id<TAB>query" lines) of path ("-" = stdin) against
 * ix with the options of a single search and print a TREC run.  Returns
 * an exit status: CLI_OK, CLI_USAGE if a topic was bad (the others ran),
 * else that of the library error that stopped it. */
int cli_search_batch(dtl_index *ix, dtl_analyser *an, const char *path,
                     const struct dtl_search_opts *so,
                     const struct dtl_query_opts *qo,
                     const struct cli_batch_opts *bo);
int cli_side(int argc, char **argv);
int cli_synonyms(int argc, char **argv);

/* Print "dateline: <fmt>" and a newline on stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* The index path: opt if given, else $DATELINE_DB, else
 * $XDG_DATA_HOME/dateline/default.db, else ~/.local/share/dateline/
 * default.db.  Returns a malloc'd string or NULL (message printed). */
char *cli_db_path(const char *opt);

/* Create the parent directories of path (like mkdir -p of dirname). */
int cli_make_parents(const char *path);

/* Map a library status to an exit status. */
int cli_exit_for(dtl_status st);

/* Print a library error: "dateline: <what>: <message>". */
void cli_report(const char *what, dtl_status st,
                const struct dtl_error *err);

/* Read a whole file (gzip decompressed transparently) into a malloc'd
 * buffer of at most max bytes.  On failure returns -1 and writes a message
 * naming the file and byte offset into msg. */
int cli_read_file(const char *path, size_t max, char **out, size_t *len,
                  char *msg, size_t msg_size);

/* --timeout SECONDS (decimal, > 0, at most an hour) into *ms; -1 with a
 * message when malformed. */
int cli_parse_timeout(const char *s, unsigned *ms);

/* Write s[0..n) as a JSON string literal, quotes included. */
void cli_json_str(FILE *f, const char *s, size_t n);

#endif
