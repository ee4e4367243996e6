/* Dateline: `dateline synonyms`, which stores a synonym file in an index.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Opens the index for writing as the maintenance commands do
 * (cli_open_writer(): every shard of a sharded index), parses the file
 * with the index's analyser (dtl_synonyms_load()) and replaces the
 * index's synonyms with it (dtl_index_set_synonyms()).  Searches of the
 * index then find a word's synonyms; `dateline side` copies them into
 * the side database for searches over remote shards (README,
 * "Synonyms").
 */
#include <config.h>
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "dateline/synonyms.h"
#include "banned.h"

static const char usage[] =
    "usage: dateline synonyms [--db PATH] [--wait[=SECONDS]] FILE\n"
    "Replace the index's synonyms with those of FILE: lines\n"
    "'WORD: SYNONYM, SYNONYM...' (a synonym may be a phrase); '#' starts\n"
    "a comment line.  An empty FILE removes them all.\n";

int
cli_synonyms(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"wait", optional_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    struct cli_open_opts oo = {0, -1, NULL, DTL_TS_NONE, 1};
    struct dtl_error err = DTL_ERROR_INIT;
    const char *db_opt = NULL;
    dtl_synonyms *syn = NULL;
    dtl_analyser *an = NULL;
    dtl_index *ix = NULL;
    size_t keys = 0;
    char *db = NULL;
    int c, rc = CLI_OK;
    dtl_status st;

    optind = 1;
    while ((c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db_opt = optarg;
            break;
        case 'w':
            if (cli_parse_wait(optarg, &oo))
                return CLI_USAGE;
            break;
        default:
            fputs(usage, c == 'h' ? stdout : stderr);
            return c == 'h' ? CLI_OK : CLI_USAGE;
        }
    }
    if (optind + 1 != argc) {
        fputs(usage, stderr);
        return CLI_USAGE;
    }
    db = cli_existing_db(db_opt, &rc);
    if (!db)
        return rc;
    st = cli_open_writer(db, &oo, &ix, &err);
    if (st == DTL_OK)
        st = dtl_index_analyser(ix, NULL, &an, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
        goto out;
    }
    st = dtl_synonyms_load(argv[optind], an, &syn, &err);
    if (st != DTL_OK) {
        cli_error("%s", err.msg);
        /* A missing file is no missing index. */
        rc = st == DTL_ESYNTAX || st == DTL_ELIMIT ? CLI_USAGE
             : st == DTL_ENOTFOUND                 ? CLI_ERROR
                                                   : cli_exit_for(st);
        goto out;
    }
    st = dtl_index_set_synonyms(ix, syn, &keys, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
        goto out;
    }
    printf("stored %zu synonyms of %zu words\n", dtl_synonyms_count(syn),
           keys);
out:
    dtl_error_clear(&err);
    st = dtl_index_close(ix, &err);
    if (st != DTL_OK && rc == CLI_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
    }
    dtl_synonyms_free(syn);
    dtl_analyser_free(an);
    free(db);
    return rc;
}
