/* Dateline: decoding the search box's form parameters.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * See cgi-param.h.  One pass over the form: split at '&' (';' is not a
 * separator), split each pair at the first '=', decode the name to match
 * it against the known names, then decode the value into its buffer.
 */
#include <config.h>
#include "cgi-param.h"

#include <string.h>

#include "status.h"
#include "banned.h"

const char *const dtl_cgi_param_names[DTL_CGI_NKEYS] = {
    "q", "page", "n", "sort", "when", "since", "until", "format", "lang"
};

void
dtl_cgi_params_init(struct dtl_cgi_params *p)
{
    int k;

    for (k = 0; k < DTL_CGI_NKEYS; k++) {
        p->present[k] = 0;
        dtl_buf_init(&p->val[k]);
    }
}

void
dtl_cgi_params_release(struct dtl_cgi_params *p)
{
    int k;

    for (k = 0; k < DTL_CGI_NKEYS; k++) {
        p->present[k] = 0;
        dtl_buf_release(&p->val[k]);
    }
}

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int
dtl_cgi_utf8_valid(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        unsigned c = u[i], cp, need, k;

        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (n - i <= need)
            return 0;
        for (k = 1; k <= need; k++) {
            if ((u[i + k] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (u[i + k] & 0x3f);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        i += need + 1;
    }
    return 1;
}

/* Decode p[0..n) (at form offset base) into out; out is truncated first. */
static dtl_status
decode(struct dtl_buf *out, const char *p, size_t n, size_t base,
       const char *what, struct dtl_error *err)
{
    size_t i;

    dtl_buf_truncate(out, 0);
    for (i = 0; i < n; i++) {
        char c = p[i];
        size_t at = i;      /* where the byte's spelling starts */

        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            int hi = i + 2 < n ? hexval(p[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(p[i + 2]) : -1;

            if (hi < 0 || lo < 0)
                return dtl_error_set(err, DTL_ESYNTAX, base + i,
                                     "%s: '%%' must be followed by two hex "
                                     "digits", what);
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        if ((unsigned char)c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return dtl_error_set(err, DTL_ESYNTAX, base + at,
                                 "%s: control character in the value", what);
        dtl_buf_addc(out, c);
    }
    if (dtl_buf_status(out) != DTL_OK)
        return dtl_error_set(err, DTL_ENOMEM, base, "out of memory");
    if (!dtl_cgi_utf8_valid(out->p ? out->p : "", out->len))
        return dtl_error_set(err, DTL_ESYNTAX, base,
                             "%s: the value is not valid UTF-8", what);
    return DTL_OK;
}

dtl_status
dtl_cgi_params_parse(struct dtl_cgi_params *p, const char *form, size_t n,
                     struct dtl_error *err)
{
    struct dtl_buf name = DTL_BUF_INIT;
    size_t at = 0;
    dtl_status st = DTL_OK;
    int k;

    if (n > DTL_CGI_FORM_MAX)
        return dtl_error_set(err, DTL_ELIMIT, DTL_CGI_FORM_MAX,
                             "the request is too long (over %d bytes)",
                             DTL_CGI_FORM_MAX);
    while (at < n && st == DTL_OK) {
        const char *pair = form + at, *amp, *eq;
        size_t len, nlen;

        amp = memchr(pair, '&', n - at);
        len = amp ? (size_t)(amp - pair) : n - at;
        eq = memchr(pair, '=', len);
        nlen = eq ? (size_t)(eq - pair) : len;
        if (len == 0) {
            at++;
            continue;
        }
        st = decode(&name, pair, nlen, at, "parameter name", err);
        if (st != DTL_OK)
            break;
        for (k = 0; k < DTL_CGI_NKEYS; k++)
            if (strcmp(dtl_buf_cstr(&name), dtl_cgi_param_names[k]) == 0)
                break;
        if (k < DTL_CGI_NKEYS) {
            size_t vlen = eq ? len - nlen - 1 : 0;

            if (p->present[k] == 2) {
                st = dtl_error_set(err, DTL_ESYNTAX, at,
                                   "parameter '%s' is given twice",
                                   dtl_cgi_param_names[k]);
                break;
            }
            if (vlen > DTL_CGI_VALUE_MAX) {
                st = dtl_error_set(err, DTL_ELIMIT, at,
                                   "parameter '%s' is too long (over %d "
                                   "bytes)", dtl_cgi_param_names[k],
                                   DTL_CGI_VALUE_MAX);
                break;
            }
            st = decode(&p->val[k], eq ? eq + 1 : pair + len, vlen,
                        at + nlen + 1, dtl_cgi_param_names[k], err);
            /* 2: given by this form (a repeat is an error). */
            p->present[k] = 2;
        }
        at += len + 1;
    }
    for (k = 0; k < DTL_CGI_NKEYS; k++)
        if (p->present[k])
            p->present[k] = 1;
    dtl_buf_release(&name);
    return st;
}

void
dtl_cgi_url_encode(struct dtl_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
            c == '~') {
            dtl_buf_addc(b, (char)c);
        } else if (c == ' ') {
            dtl_buf_addc(b, '+');
        } else {
            dtl_buf_addc(b, '%');
            dtl_buf_addc(b, hex[c >> 4]);
            dtl_buf_addc(b, hex[c & 15]);
        }
    }
}
