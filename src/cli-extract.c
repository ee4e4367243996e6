/* Dateline: `dateline extract`: an HTML page's main text and entries.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Nothing is indexed: the page is read with dtl_html_read() (metadata and
 * entries) and dtl_html_text() (the cleaned text), and printed as text or,
 * with --json, as one JSON object written with jansson.
 */
#include <config.h>
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "banned.h"

static void
usage(FILE *f)
{
    fputs("usage: dateline extract [--json] [--url URL] [--charset NAME] "
          "FILE\n\n"
          "Print the main text of an HTML page (FILE may be gzip'd; - is\n"
          "standard input), or its live-blog entries, as `dateline index`\n"
          "would index them.  --json prints metadata, entries and text.\n",
          f);
}

static json_t *
jstr(const char *p, size_t n)
{
    json_t *v = json_stringn(p ? p : "", p ? n : 0);

    return v ? v : json_null();
}

static json_t *
jtime(int64_t t)
{
    char buf[40];

    if (t == DTL_TS_NONE)
        return json_null();
    return json_string(dtl_time_format_iso(t, buf, sizeof(buf)));
}

static int
print_json(const dtl_page *pg, const char *text, size_t text_len)
{
    static const struct {
        const char *key;
        enum dtl_page_field f;
    } fields[] = {
        {"url", DTL_PAGE_URL},       {"canonical", DTL_PAGE_CANONICAL},
        {"title", DTL_PAGE_TITLE},   {"site", DTL_PAGE_SITE},
        {"author", DTL_PAGE_AUTHOR}, {"language", DTL_PAGE_LANGUAGE},
        {"description", DTL_PAGE_DESCRIPTION},
    };
    json_t *o = json_object(), *entries = json_array(), *e;
    const struct dtl_entry *en;
    const char *s;
    size_t i, len;
    int rc = CLI_OK;

    if (!o || !entries) {
        json_decref(o);
        json_decref(entries);
        cli_error("out of memory");
        return CLI_ERROR;
    }
    for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        s = dtl_page_field(pg, fields[i].f, &len);
        json_object_set_new(o, fields[i].key, jstr(s, len));
    }
    {
        static const char *const how_names[] = {"default", "declared",
                                                "detected", "corrected"};
        enum dtl_lang_how how = DTL_LANG_DEFAULT;
        const char *lang = dtl_index_page_lang(pg, NULL, &how);

        /* The language the indexer would stem the page in (an index in
         * english, the default) and how it was found. */
        json_object_set_new(o, "stem_language", json_string(lang));
        json_object_set_new(o, "language_from", json_string(how_names[how]));
    }
    json_object_set_new(o, "published", jtime(dtl_page_published(pg)));
    json_object_set_new(o, "modified", jtime(dtl_page_modified(pg)));
    for (i = 0; i < dtl_page_entry_count(pg); i++) {
        en = dtl_page_entry(pg, i);
        e = json_object();
        if (!e)
            continue;
        json_object_set_new(e, "time", jtime(en->ts));
        json_object_set_new(e, "headline",
                            jstr(en->headline, en->headline_len));
        json_object_set_new(e, "body", jstr(en->body, en->body_len));
        json_object_set_new(e, "url", jstr(en->url, en->url_len));
        json_array_append_new(entries, e);
    }
    json_object_set_new(o, "entries", entries);
    json_object_set_new(o, "text", jstr(text, text_len));
    if (json_dumpf(o, stdout, JSON_INDENT(2) | JSON_ENSURE_ASCII) != 0 ||
        fputc('\n', stdout) == EOF)
        rc = CLI_ERROR;
    json_decref(o);
    return rc;
}

static void
print_text(const dtl_page *pg, const char *text, size_t text_len)
{
    const struct dtl_entry *en;
    char buf[40];
    size_t i, n = dtl_page_entry_count(pg);

    if (n <= 1) {
        fwrite(text, 1, text_len, stdout);
        if (text_len > 0 && text[text_len - 1] != '\n')
            fputc('\n', stdout);
        return;
    }
    for (i = 0; i < n; i++) {
        en = dtl_page_entry(pg, i);
        if (i > 0)
            fputc('\n', stdout);
        printf("%s\n", dtl_time_format_iso(en->ts, buf, sizeof(buf)));
        if (en->headline_len > 0)
            printf("%.*s\n", (int)en->headline_len, en->headline);
        if (en->body_len > 0)
            printf("%.*s\n", (int)en->body_len, en->body);
    }
}

int
cli_extract(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'},
        {"url", required_argument, NULL, 'u'},
        {"charset", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    struct dtl_html_opts opts = {NULL, NULL, DTL_TS_NONE};
    struct dtl_error err = DTL_ERROR_INIT;
    const char *path;
    char msg[4096], *data = NULL, *text = NULL;
    size_t len = 0, text_len = 0;
    dtl_page *pg = NULL;
    dtl_status st;
    int c, json = 0, rc = CLI_OK;

    optind = 1;
    while ((c = getopt_long(argc, argv, "ju:c:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = 1;
            break;
        case 'u':
            opts.url = optarg;
            break;
        case 'c':
            opts.charset = optarg;
            break;
        case 'h':
            usage(stdout);
            return CLI_OK;
        default:
            usage(stderr);
            return CLI_USAGE;
        }
    }
    if (optind + 1 != argc) {
        usage(stderr);
        return CLI_USAGE;
    }
    path = argv[optind];
    if (cli_read_file(strcmp(path, "-") == 0 ? "/dev/stdin" : path,
                      DTL_HTML_MAX_BYTES, &data, &len, msg,
                      sizeof(msg)) != 0) {
        cli_error("%s", msg);
        return CLI_ERROR;
    }
    st = dtl_html_read(data, len, &opts, &pg, &err);
    if (st == DTL_OK)
        st = dtl_html_text(data, len, &opts, &text, &text_len, &err);
    if (st != DTL_OK) {
        cli_report(path, st, &err);
        rc = cli_exit_for(st);
        goto out;
    }
    if (json)
        rc = print_json(pg, text, text_len);
    else
        print_text(pg, text, text_len);
    if (fflush(stdout) != 0) {
        cli_error("writing the output failed");
        rc = CLI_ERROR;
    }
out:
    dtl_html_text_free(text);
    dtl_page_free(pg);
    free(data);
    return rc;
}
