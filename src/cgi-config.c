/* Dateline: parsing the search box's configuration file.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * See cgi-config.h.  A table maps each key to its field and kind (text,
 * bounded count, duration, sort, seconds, yes/no); parse() walks the
 * lines once.
 */
#include <config.h>
#include "cgi-config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "cgi-param.h"
#include "dateline/stamp.h"
#include "status.h"
#include "banned.h"

enum kind { K_TEXT, K_COUNT, K_DURATION, K_SORT, K_SECONDS, K_ZONE, K_BOOL,
            K_TIMEOUT };

struct key {
    const char *name;
    enum kind kind;
    size_t off;         /* of the field in struct dtl_cgi_config */
    unsigned lo, hi;    /* K_COUNT bounds */
};

#define F(field) offsetof(struct dtl_cgi_config, field)
static const struct key keys[] = {
    {"index", K_TEXT, F(index), 0, 0},
    {"site_title", K_TEXT, F(site_title), 0, 0},
    {"lang", K_TEXT, F(lang), 0, 0},
    {"theme", K_TEXT, F(theme), 0, 0},
    {"base_url", K_TEXT, F(base_url), 0, 0},
    {"time_zone", K_ZONE, F(time_zone), 0, 0},
    {"default_sort", K_SORT, F(sort), 0, 0},
    {"half_life", K_DURATION, F(half_life), 0, 0},
    {"results_per_page", K_COUNT, F(per_page), 1, 100},
    {"max_results_per_page", K_COUNT, F(max_per_page), 1, 100},
    {"max_page", K_COUNT, F(max_page), 1, 1000},
    {"max_query_bytes", K_COUNT, F(max_query), 1, 8192},
    {"max_terms", K_COUNT, F(max_terms), 1, 256},
    {"max_range_days", K_COUNT, F(max_range_days), 1, 366000},
    {"per_page_collapse", K_COUNT, F(collapse), 0, 1000},
    {"time_limit", K_SECONDS, F(time_limit), 0, 0},
    {"retry_after", K_COUNT, F(retry_after), 1, 86400},
    {"partial_results", K_BOOL, F(partial_results), 0, 0},
    {"side", K_TEXT, F(side), 0, 0},
    {"shard_timeout", K_TIMEOUT, F(shard_timeout), 0, 0},
};
#undef F

void
dtl_cgi_config_init(struct dtl_cgi_config *c)
{
    memset(c, 0, sizeof(*c));
    c->sort = DTL_SORT_BLEND;
    c->half_life = DTL_DEFAULT_HALF_LIFE;
    c->per_page = 10;
    c->max_per_page = 50;
    c->max_page = 100;
    c->max_query = 512;
    c->max_terms = 32;
    c->max_range_days = 36600;
    c->collapse = 0;
    c->time_limit = 2.0;
    c->retry_after = 30;
    c->partial_results = 0;
    c->shard_timeout = DTL_DEFAULT_TIMEOUT_MS / 1000.0;
}

void
dtl_cgi_config_release(struct dtl_cgi_config *c)
{
    dtl_free(c->index);
    dtl_free(c->site_title);
    dtl_free(c->lang);
    dtl_free(c->theme);
    dtl_free(c->base_url);
    dtl_free(c->time_zone);
    dtl_free(c->side);
    dtl_cgi_config_init(c);
}

/* A zone name as in the tz database: Area/Place, letters, digits, '_',
 * '-', '+', no "..". */
static int
zone_ok(const char *v, size_t n)
{
    size_t i;

    if (n == 0 || n > 64 || v[0] == '/' || strstr(v, ".."))
        return 0;
    for (i = 0; i < n; i++) {
        char ch = v[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '/' || ch == '_' ||
              ch == '-' || ch == '+'))
            return 0;
    }
    return 1;
}

/* Set key k from v[0..n) (NUL-terminated). */
static dtl_status
set_value(struct dtl_cgi_config *c, const struct key *k, const char *v,
          size_t n, const char *fname, unsigned line, struct dtl_error *err)
{
    char *field = (char *)c + k->off;
    char *end;
    unsigned long long u;
    double d;

    switch (k->kind) {
    case K_ZONE:
        if (!zone_ok(v, n))
            return dtl_error_set(err, DTL_ESYNTAX, line,
                                 "%s:%u: time_zone: expected a zone name "
                                 "such as Europe/London", fname, line);
        /* fall through */
    case K_TEXT: {
        char *s = dtl_strndup(v, n);
        char **slot = (char **)(void *)field;

        if (!s)
            return dtl_error_set(err, DTL_ENOMEM, line, "out of memory");
        dtl_free(*slot);
        *slot = s;
        return DTL_OK;
    }
    case K_COUNT:
        errno = 0;
        u = strtoull(v, &end, 10);
        if (errno || end == v || *end || v[0] == '-' || u < k->lo ||
            u > k->hi)
            return dtl_error_set(err, DTL_ESYNTAX, line,
                                 "%s:%u: %s: expected a number from %u to "
                                 "%u", fname, line, k->name, k->lo, k->hi);
        *(unsigned *)(void *)field = (unsigned)u;
        return DTL_OK;
    case K_DURATION:
        if (dtl_duration_parse(v, n, &d) != DTL_OK || !(d > 0))
            return dtl_error_set(err, DTL_ESYNTAX, line,
                                 "%s:%u: %s: expected a duration such as "
                                 "7d, 12h or 90m", fname, line, k->name);
        *(double *)(void *)field = d;
        return DTL_OK;
    case K_SECONDS:
        d = strtod(v, &end);
        if (end == v || *end || !(d >= 0) || d > 600)
            return dtl_error_set(err, DTL_ESYNTAX, line,
                                 "%s:%u: %s: expected seconds from 0 to 600",
                                 fname, line, k->name);
        *(double *)(void *)field = d;
        return DTL_OK;
    case K_TIMEOUT:
        d = strtod(v, &end);
        if (end == v || *end || !(d >= 0.001) || d > 600)
            return dtl_error_set(err, DTL_ESYNTAX, line,
                                 "%s:%u: %s: expected seconds, more than 0 "
                                 "and at most 600", fname, line, k->name);
        *(double *)(void *)field = d;
        return DTL_OK;
    case K_BOOL:
        if (strcmp(v, "yes") == 0)
            *(int *)(void *)field = 1;
        else if (strcmp(v, "no") == 0)
            *(int *)(void *)field = 0;
        else
            return dtl_error_set(err, DTL_ESYNTAX, line,
                                 "%s:%u: %s: expected yes or no", fname,
                                 line, k->name);
        return DTL_OK;
    case K_SORT: {
        enum dtl_sort *s = (enum dtl_sort *)(void *)field;

        if (strcmp(v, "best") == 0 || strcmp(v, "blend") == 0)
            *s = DTL_SORT_BLEND;
        else if (strcmp(v, "newest") == 0 || strcmp(v, "date") == 0)
            *s = DTL_SORT_DATE;
        else if (strcmp(v, "relevance") == 0)
            *s = DTL_SORT_RELEVANCE;
        else
            return dtl_error_set(err, DTL_ESYNTAX, line,
                                 "%s:%u: default_sort: expected best, newest "
                                 "or relevance", fname, line);
        return DTL_OK;
    }
    }
    return DTL_EINTERNAL;
}

static int
is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

dtl_status
dtl_cgi_config_parse(struct dtl_cgi_config *c, const char *p, size_t n,
                     const char *fname, struct dtl_error *err)
{
    struct dtl_buf val = DTL_BUF_INIT;
    size_t at = 0, i;
    unsigned line = 0;
    dtl_status st = DTL_OK;

    if (n > DTL_CGI_CONFIG_MAX)
        return dtl_error_set(err, DTL_ELIMIT, SIZE_MAX,
                             "%s: too long (over %d bytes)", fname,
                             DTL_CGI_CONFIG_MAX);
    if (!dtl_cgi_utf8_valid(p, n))
        return dtl_error_set(err, DTL_ESYNTAX, SIZE_MAX,
                             "%s: not valid UTF-8", fname);
    while (at < n && st == DTL_OK) {
        const char *s = p + at, *nl = memchr(s, '\n', n - at), *eq;
        size_t len = nl ? (size_t)(nl - s) : n - at, a = 0, b, ka, kb;
        const struct key *k = NULL;

        line++;
        at += len + 1;
        while (a < len && is_space(s[a]))
            a++;
        if (a == len || s[a] == '#')
            continue;
        if (memchr(s, '\0', len)) {
            st = dtl_error_set(err, DTL_ESYNTAX, line,
                               "%s:%u: NUL byte in the line", fname, line);
            break;
        }
        eq = memchr(s, '=', len);
        if (!eq) {
            st = dtl_error_set(err, DTL_ESYNTAX, line,
                               "%s:%u: expected 'key = value'", fname, line);
            break;
        }
        ka = a;
        kb = (size_t)(eq - s);
        while (kb > ka && is_space(s[kb - 1]))
            kb--;
        for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
            if (strlen(keys[i].name) == kb - ka &&
                memcmp(keys[i].name, s + ka, kb - ka) == 0)
                k = &keys[i];
        if (!k) {
            st = dtl_error_set(err, DTL_ESYNTAX, line,
                               "%s:%u: unknown key '%.*s'", fname, line,
                               (int)(kb - ka > 40 ? 40 : kb - ka), s + ka);
            break;
        }
        a = (size_t)(eq - s) + 1;
        b = len;
        while (a < b && is_space(s[a]))
            a++;
        while (b > a && is_space(s[b - 1]))
            b--;
        if (b - a > DTL_CGI_CONFIG_VALUE_MAX) {
            st = dtl_error_set(err, DTL_ELIMIT, line,
                               "%s:%u: %s: value too long", fname, line,
                               k->name);
            break;
        }
        dtl_buf_truncate(&val, 0);
        dtl_buf_add(&val, s + a, b - a);
        if (dtl_buf_status(&val) != DTL_OK) {
            st = dtl_error_set(err, DTL_ENOMEM, line, "out of memory");
            break;
        }
        st = set_value(c, k, dtl_buf_cstr(&val), b - a, fname, line, err);
    }
    dtl_buf_release(&val);
    if (st == DTL_OK && (!c->index || !c->index[0]))
        st = dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                           "%s: no 'index = PATH' line", fname);
    if (st == DTL_OK && c->per_page > c->max_per_page)
        st = dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                           "%s: results_per_page is over "
                           "max_results_per_page", fname);
    return st;
}

dtl_status
dtl_cgi_config_load(struct dtl_cgi_config *c, const char *path,
                    struct dtl_error *err)
{
    struct dtl_buf text = DTL_BUF_INIT;
    char chunk[4096];
    size_t got;
    dtl_status st;
    FILE *f = fopen(path, "rb");

    if (!f)
        return dtl_error_set(err, DTL_EIO, SIZE_MAX, "%s: cannot read: %s",
                             path, strerror(errno));
    while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
           text.len <= DTL_CGI_CONFIG_MAX)
        dtl_buf_add(&text, chunk, got);
    if (ferror(f))
        st = dtl_error_set(err, DTL_EIO, SIZE_MAX, "%s: read error", path);
    else if (dtl_buf_status(&text) != DTL_OK)
        st = dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
    else
        st = dtl_cgi_config_parse(c, text.p ? text.p : "", text.len, path,
                                  err);
    fclose(f);
    dtl_buf_release(&text);
    return st;
}
