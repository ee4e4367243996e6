/* Dateline: the search box's configuration file (dateline.cgi).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One file of `key = value` lines ('#' starts a comment line), named by
 * $DATELINE_CGI_CONFIG or DTL_CGI_CONFIG_DEFAULT; the keys are documented
 * in README.md ("The search box").  Parsed once per process by src/cgi.c
 * and by the fuzz target fuzz-cgi-config.  Nothing in it comes from a
 * request.
 */
#ifndef DTL_SRC_CGI_CONFIG_H
#define DTL_SRC_CGI_CONFIG_H

#include <stddef.h>

#include "dateline/index.h"
#include "dateline/status.h"

/* Longest configuration file and value accepted. */
#define DTL_CGI_CONFIG_MAX 65536
#define DTL_CGI_CONFIG_VALUE_MAX 1024

struct dtl_cgi_config {
    char *index;             /* index path (required) */
    char *site_title;        /* shown in titles and headings */
    char *lang;              /* the pages' lang attribute */
    char *theme;             /* folder with page.html and style.css */
    char *base_url;          /* absolute URL of the CGI, for OpenSearch */
    char *time_zone;         /* readers' zone (tz name) or NULL: UTC only */
    enum dtl_sort sort;      /* default sort */
    double half_life;        /* seconds */
    unsigned per_page;       /* results per page by default */
    unsigned max_per_page;   /* largest n= accepted */
    unsigned max_page;       /* largest page= accepted */
    unsigned max_query;      /* longest query in bytes */
    unsigned max_terms;      /* most words in a query */
    unsigned max_range_days; /* longest custom date range */
    unsigned collapse;       /* entries per page shown (0: all) */
    double time_limit;       /* seconds per search (0: none) */
    unsigned retry_after;    /* seconds, sent with 503 */
    /* Shards (issue 7). */
    int partial_results;     /* 1: answer from the shards that did */
    char *side;              /* side database (spelling, synonyms) or NULL */
    double shard_timeout;    /* seconds per exchange with a remote shard */
};

/* Defaults for every key but index. */
void dtl_cgi_config_init(struct dtl_cgi_config *c);
void dtl_cgi_config_release(struct dtl_cgi_config *c);

/*
 * Parse the text p[0..n) of the file named fname (for messages) into c,
 * over its defaults.  DTL_ESYNTAX with "FILE:LINE: ..." in err for an
 * unknown key, a malformed line or a bad value; DTL_ELIMIT for a file or
 * value over the caps; DTL_EINVAL when no index is named; DTL_ENOMEM.
 */
dtl_status dtl_cgi_config_parse(struct dtl_cgi_config *c, const char *p,
                                size_t n, const char *fname,
                                struct dtl_error *err);

/* Read and parse the file at path (DTL_EIO when it cannot be read). */
dtl_status dtl_cgi_config_load(struct dtl_cgi_config *c, const char *path,
                               struct dtl_error *err);

#endif
