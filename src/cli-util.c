/* Dateline: helpers shared by the subcommands of `dateline`.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Index path defaults, error reporting, exit statuses, whole-file reading
 * through zlib (so .gz pages need no special case) and JSON strings.
 */
#include <config.h>
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "banned.h"

void
cli_error(const char *fmt, ...)
{
    va_list ap;

    fputs("dateline: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static char *
join_path(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);

    if (p)
        snprintf(p, n, "%s/%s", a, b);
    return p;
}

char *
cli_db_path(const char *opt)
{
    const char *env;
    char *base, *p;

    if (opt && *opt)
        return strdup(opt);
    env = getenv("DATELINE_DB");
    if (env && *env)
        return strdup(env);
    env = getenv("XDG_DATA_HOME");
    if (env && *env)
        return join_path(env, "dateline/default.db");
    env = getenv("HOME");
    if (!env || !*env) {
        cli_error("no --db given and neither DATELINE_DB nor HOME is set");
        return NULL;
    }
    base = join_path(env, ".local/share");
    if (!base)
        return NULL;
    p = join_path(base, "dateline/default.db");
    free(base);
    return p;
}

int
cli_make_parents(const char *path)
{
    char *p = strdup(path), *s;
    int rc = 0;

    if (!p)
        return -1;
    for (s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            cli_error("cannot create directory %s: %s", p, strerror(errno));
            rc = -1;
            break;
        }
        *s = '/';
    }
    free(p);
    return rc;
}

int
cli_exit_for(dtl_status st)
{
    switch (st) {
    case DTL_OK:
        return CLI_OK;
    case DTL_ENOTFOUND:
        return CLI_NOINDEX;
    case DTL_ELOCKED:
        return CLI_LOCKED;
    case DTL_EINVAL:
        return CLI_USAGE;
    default:
        return CLI_ERROR;
    }
}

void
cli_report(const char *what, dtl_status st, const struct dtl_error *err)
{
    if (err && err->code != DTL_OK && err->msg[0])
        cli_error("%s: %s", what, err->msg);
    else
        cli_error("%s: %s", what, dtl_status_str(st));
}

int
cli_read_file(const char *path, size_t max, char **out, size_t *len,
              char *msg, size_t msg_size)
{
    gzFile gz = NULL;
    char *buf = NULL, *nb;
    size_t used = 0, cap = 0;
    int got, errnum, rc = -1;

    *out = NULL;
    *len = 0;
    gz = gzopen(path, "rb");
    if (!gz) {
        snprintf(msg, msg_size, "%s: cannot open: %s", path,
                 errno ? strerror(errno) : "out of memory");
        return -1;
    }
    gzbuffer(gz, 128 * 1024);
    for (;;) {
        if (cap - used < 65536) {
            cap = cap ? cap * 2 : 262144;
            nb = realloc(buf, cap + 1);
            if (!nb) {
                snprintf(msg, msg_size, "%s: out of memory", path);
                goto out;
            }
            buf = nb;
        }
        got = gzread(gz, buf + used, (unsigned)(cap - used));
        if (got < 0) {
            const char *zmsg = gzerror(gz, &errnum);
            snprintf(msg, msg_size, "%s: byte %zu: %s", path, used,
                     errnum == Z_ERRNO ? strerror(errno) : zmsg);
            goto out;
        }
        if (got == 0)
            break;
        used += (size_t)got;
        if (used > max) {
            snprintf(msg, msg_size,
                     "%s: larger than %zu MiB; skipped", path, max >> 20);
            goto out;
        }
    }
    /* gzread reports a truncated stream only through gzerror. */
    {
        const char *zmsg = gzerror(gz, &errnum);
        if (errnum != Z_OK && errnum != Z_STREAM_END) {
            snprintf(msg, msg_size, "%s: byte %zu: %s", path, used,
                     errnum == Z_ERRNO ? strerror(errno) : zmsg);
            goto out;
        }
    }
    if (!buf) {
        buf = malloc(1);
        if (!buf) {
            snprintf(msg, msg_size, "%s: out of memory", path);
            goto out;
        }
    }
    buf[used] = '\0';
    *out = buf;
    *len = used;
    buf = NULL;
    rc = 0;
out:
    free(buf);
    gzclose(gz);
    return rc;
}

void
cli_json_str(FILE *f, const char *s, size_t n)
{
    size_t i;

    fputc('"', f);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        default:
            if (c < 0x20 || c == 0x7f)
                fprintf(f, "\\u%04x", c);
            else
                fputc(c, f);
        }
    }
    fputc('"', f);
}

int
cli_parse_timeout(const char *s, unsigned *ms)
{
    char *end;
    double secs = strtod(s, &end);

    if (end == s || *end || !(secs > 0) || secs > 3600) {
        cli_error("--timeout %s: expected seconds, more than 0 and at most "
                  "3600", s);
        return -1;
    }
    *ms = secs * 1000 < 1 ? 1 : (unsigned)(secs * 1000);
    return 0;
}
