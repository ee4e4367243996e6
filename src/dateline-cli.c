/* Dateline: the `dateline` program: dispatch to subcommands, help.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.  See COPYING.
 */
#include <config.h>
#include "cli.h"

#include <string.h>

#include "banned.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"index", cli_index, "add pages (files or directories) to an index"},
    {"search", cli_search, "search an index"},
    {"info", cli_info, "show what an index holds"},
    {"extract", cli_extract, "print an HTML page's main text and entries"},
    {"side", cli_side, "build the side database for remote shards"},
    {"stats", cli_stats, "entries, pages, dates and sizes, per shard"},
    {"check", cli_check, "check an index's consistency"},
    {"delete", cli_delete, "delete entries by source, URL or date"},
    {"compact", cli_compact, "compact an index or merge its shards"},
    {"synonyms", cli_synonyms, "store a synonym file in an index"},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
help(FILE *f)
{
    size_t i;

    fputs("usage: dateline COMMAND [OPTIONS] [ARGS]\n\n"
          "Full-text search for news archives.\n\ncommands:\n", f);
    for (i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("  help     show this help, or `dateline help COMMAND`\n\n"
          "The index is --db PATH, else $DATELINE_DB, else\n"
          "$XDG_DATA_HOME/dateline/default.db "
          "(~/.local/share/dateline/default.db).\n"
          "See dateline(1) for the query syntax and the ranking.\n", f);
}

int
main(int argc, char **argv)
{
    size_t i;

    if (argc < 2) {
        help(stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 ||
        strcmp(argv[1], "version") == 0) {
        printf("dateline %s\n", dtl_version());
        return CLI_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        help(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "help") == 0) {
        if (argc == 2) {
            help(stdout);
            return CLI_OK;
        }
        for (i = 0; i < N_COMMANDS; i++) {
            if (strcmp(argv[2], commands[i].name) == 0) {
                char *hargv[] = {argv[2], (char *)"--help", NULL};
                return commands[i].run(2, hargv);
            }
        }
        cli_error("no such command: %s", argv[2]);
        return CLI_USAGE;
    }
    for (i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    cli_error("no such command: %s (try `dateline --help`)", argv[1]);
    return CLI_USAGE;
}
