/* Dateline: `dateline side`, which builds the side database that holds
 * spelling data for shards on Xapian's remote backend.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Opens the shards as `dateline search` does (--db repeated: local
 * indexes, stub files, tcp://HOST:PORT) and calls dtl_index_side_build().
 * Run on the query host after each nightly indexing run (README,
 * "Deployment").
 */
#include <config.h>
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

static void
usage(FILE *f)
{
    fputs("usage: dateline side --side PATH [--timeout SECONDS]\n"
          "                     --db PATH|STUB|tcp://HOST:PORT...\n"
          "Build or refresh the side database PATH (spelling data for\n"
          "'Did you mean', which remote shards cannot serve) from every\n"
          "shard named.\n", f);
}

int
cli_side(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"side", required_argument, NULL, 'S'},
        {"timeout", required_argument, NULL, 'T'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    struct dtl_open_opts oo;
    struct dtl_error err = DTL_ERROR_INIT;
    const char **dbs;
    const char *side = NULL;
    size_t n_dbs = 0;
    dtl_index *ix = NULL;
    uint64_t words = 0;
    dtl_status st;
    int c, rc = CLI_ERROR;

    dtl_open_opts_init(&oo);
    dbs = calloc((size_t)argc + 1, sizeof(*dbs));
    if (!dbs) {
        cli_error("out of memory");
        return CLI_ERROR;
    }
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            dbs[n_dbs++] = optarg;
            break;
        case 'S':
            side = optarg;
            break;
        case 'T':
            if (cli_parse_timeout(optarg, &oo.timeout_ms)) {
                rc = CLI_USAGE;
                goto out;
            }
            break;
        case 'h':
            usage(stdout);
            rc = CLI_OK;
            goto out;
        default:
            usage(stderr);
            rc = CLI_USAGE;
            goto out;
        }
    }
    if (optind < argc || n_dbs == 0 || !side || !*side) {
        usage(stderr);
        rc = CLI_USAGE;
        goto out;
    }
    st = dtl_index_open_many(dbs, n_dbs, &oo, &ix, &err);
    if (st == DTL_OK)
        st = dtl_index_side_build(ix, side, &words, &err);
    if (st != DTL_OK) {
        cli_report("side", st, &err);
        rc = cli_exit_for(st);
        goto out;
    }
    fprintf(stderr, "dateline: side database %s: %llu words from %zu "
                    "shard%s\n", side, (unsigned long long)words,
            dtl_index_shard_count(ix),
            dtl_index_shard_count(ix) == 1 ? "" : "s");
    rc = CLI_OK;
out:
    dtl_index_close(ix, NULL);
    free(dbs);
    return rc;
}
