/* Dateline: the identity form of a URL (dtl_url_normalise).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The indexer (src/indexer.c) keys a page by the normalised form of its
 * URL, so that the same article crawled twice, once with tracking
 * parameters, once over http and once over https, or with a fragment, is
 * one page.  The rules follow RFC 3986 section 6 (case, percent-encoding
 * and path-segment normalisation, default ports) plus the removal of the
 * query parameters that only say where a reader came from.
 */
#include <config.h>
#include "dateline/ingest.h"

#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "banned.h"

/* Query parameters that track the reader, not the content (compared
 * without case; an entry ending in '*' is a prefix). */
static const char *const tracking[] = {
    "utm_*", "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid",
    "msclkid", "yclid", "twclid", "ttclid", "igshid", "mc_cid", "mc_eid",
    "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
    "oly_enc_id", "vero_id", "rb_clickid", "s_kwcid", "wt.mc_id",
    "xtor", "at_medium", "at_campaign", "at_custom*", "smid", "smtyp",
    "cmpid", "ocid", "ns_mchannel", "ns_source", "ns_campaign",
    "ns_linkname", "ns_fee", "sr_share", "fb_action_ids",
    "fb_action_types", "fb_source", "fb_ref", "__twitter_impression",
    "li_fat_id", "mbid", "ito", NULL
};

static int
lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int
hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = lower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static int
is_unreserved(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
           c == '~';
}

static int
is_tracking(const char *p, size_t n)
{
    size_t i, k;

    for (i = 0; tracking[i]; i++) {
        const char *t = tracking[i];
        size_t tl = strlen(t);
        int prefix = t[tl - 1] == '*';

        if (prefix)
            tl--;
        if (n < tl || (!prefix && n != tl))
            continue;
        for (k = 0; k < tl; k++)
            if (lower((unsigned char)p[k]) != t[k])
                break;
        if (k == tl)
            return 1;
    }
    return 0;
}

/* Append p[0..n) with percent escapes normalised: hex in upper case,
 * escapes of unreserved characters decoded, bytes that must not appear
 * raw (space, controls, non-ASCII) escaped. */
static void
add_escaped(struct dtl_buf *b, const char *p, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];

        if (c == '%' && i + 2 < n && hexval((unsigned char)p[i + 1]) >= 0 &&
            hexval((unsigned char)p[i + 2]) >= 0) {
            int v = hexval((unsigned char)p[i + 1]) * 16 +
                    hexval((unsigned char)p[i + 2]);
            if (is_unreserved(v)) {
                dtl_buf_addc(b, (char)v);
            } else {
                dtl_buf_addc(b, '%');
                dtl_buf_addc(b, hex[v >> 4]);
                dtl_buf_addc(b, hex[v & 15]);
            }
            i += 2;
        } else if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' ||
                   c == '>' || c == '\\' || c == '^' || c == '`' ||
                   c == '{' || c == '|' || c == '}') {
            dtl_buf_addc(b, '%');
            dtl_buf_addc(b, hex[c >> 4]);
            dtl_buf_addc(b, hex[c & 15]);
        } else {
            dtl_buf_addc(b, (char)c);
        }
    }
}

/* Append the path p[0..n) with "." and ".." segments resolved
 * (RFC 3986 5.2.4) and escapes normalised. */
static void
add_path(struct dtl_buf *b, const char *p, size_t n)
{
    size_t base = b->len, i = 0;

    if (n == 0 || p[0] != '/') {
        dtl_buf_addc(b, '/');
        if (n == 0)
            return;
    }
    while (i < n) {
        size_t j = i, seg;
        int slash = p[i] == '/';

        if (slash)
            j++;
        seg = j;
        while (j < n && p[j] != '/')
            j++;
        if (slash && j - seg == 1 && p[seg] == '.') {
            if (j == n)
                dtl_buf_addc(b, '/');
        } else if (slash && j - seg == 2 && p[seg] == '.' &&
                   p[seg + 1] == '.') {
            /* Drop the last output segment. */
            while (b->len > base && b->p[b->len - 1] != '/')
                b->len--;
            if (b->len > base)
                b->len--;
            if (!b->err && b->p)
                b->p[b->len] = '\0';
            if (j == n)
                dtl_buf_addc(b, '/');
        } else {
            if (slash)
                dtl_buf_addc(b, '/');
            add_escaped(b, p + seg, j - seg);
        }
        i = j;
    }
    if (b->len == base)
        dtl_buf_addc(b, '/');
}

/* Append the query p[0..n) without tracking parameters; nothing at all
 * if none is left. */
static void
add_query(struct dtl_buf *b, const char *p, size_t n)
{
    size_t i = 0;
    int first = 1;

    while (i <= n) {
        const char *amp = memchr(p + i, '&', n - i), *eq;
        size_t end = amp ? (size_t)(amp - p) : n, klen;

        eq = memchr(p + i, '=', end - i);
        klen = eq ? (size_t)(eq - (p + i)) : end - i;
        if (end > i && !is_tracking(p + i, klen)) {
            dtl_buf_addc(b, first ? '?' : '&');
            add_escaped(b, p + i, end - i);
            first = 0;
        }
        i = end + 1;
    }
}

dtl_status
dtl_url_normalise(const char *p, size_t n, char **out, size_t *len)
{
    struct dtl_buf b = DTL_BUF_INIT;
    size_t i, scheme_end, auth, auth_end, host_end, path_end, q_end;
    const char *at, *port = NULL;
    int web;

    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!out || (!p && n))
        return DTL_EINVAL;
    while (n && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' ||
                 p[n - 1] == '\n'))
        n--;
    if (n >= 2 && p[0] == '<' && p[n - 1] == '>')
        p++, n -= 2;

    /* scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) "://" */
    for (i = 0; i < n; i++) {
        int c = lower((unsigned char)p[i]);
        if (!((c >= 'a' && c <= 'z') ||
              (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' ||
                         c == '.'))))
            break;
    }
    scheme_end = i;
    if (scheme_end == 0 || n - scheme_end < 3 ||
        memcmp(p + scheme_end, "://", 3) != 0)
        return DTL_EINVAL;
    web = (scheme_end == 4 && lower(p[0]) == 'h' && lower(p[1]) == 't' &&
           lower(p[2]) == 't' && lower(p[3]) == 'p') ||
          (scheme_end == 5 && lower(p[0]) == 'h' && lower(p[1]) == 't' &&
           lower(p[2]) == 't' && lower(p[3]) == 'p' && lower(p[4]) == 's');

    auth = scheme_end + 3;
    for (auth_end = auth; auth_end < n; auth_end++)
        if (p[auth_end] == '/' || p[auth_end] == '?' || p[auth_end] == '#')
            break;
    for (path_end = auth_end; path_end < n; path_end++)
        if (p[path_end] == '?' || p[path_end] == '#')
            break;
    for (q_end = path_end; q_end < n; q_end++)
        if (p[q_end] == '#')
            break;

    /* scheme */
    if (web) {
        dtl_buf_adds(&b, "https");
    } else {
        for (i = 0; i < scheme_end; i++)
            dtl_buf_addc(&b, (char)lower((unsigned char)p[i]));
    }
    dtl_buf_adds(&b, "://");

    /* authority: userinfo kept, host lower case, default port dropped */
    at = NULL;
    for (i = auth; i < auth_end; i++)
        if (p[i] == '@')
            at = p + i;
    if (at) {
        dtl_buf_add(&b, p + auth, (size_t)(at - (p + auth)) + 1);
        auth = (size_t)(at - p) + 1;
    }
    host_end = auth_end;
    for (i = auth_end; i > auth; i--) {
        if (p[i - 1] == ']')
            break;
        if (p[i - 1] == ':') {
            host_end = i - 1;
            port = p + i;
            break;
        }
    }
    if (host_end > auth && p[host_end - 1] == '.')
        host_end--;
    if (host_end == auth) {
        dtl_buf_release(&b);
        return DTL_EINVAL;
    }
    for (i = auth; i < host_end; i++)
        dtl_buf_addc(&b, (char)lower((unsigned char)p[i]));
    if (port) {
        size_t plen = (size_t)(p + auth_end - port);
        int dflt = plen == 0 ||
                   (web && ((plen == 2 && memcmp(port, "80", 2) == 0) ||
                            (plen == 3 && memcmp(port, "443", 3) == 0)));
        if (!dflt) {
            dtl_buf_addc(&b, ':');
            dtl_buf_add(&b, port, plen);
        }
    }

    add_path(&b, p + auth_end, path_end - auth_end);
    if (q_end > path_end + 1) {
        if (web)
            add_query(&b, p + path_end + 1, q_end - path_end - 1);
        else {
            dtl_buf_addc(&b, '?');
            add_escaped(&b, p + path_end + 1, q_end - path_end - 1);
        }
    }
    if (b.err) {
        dtl_buf_release(&b);
        return DTL_ENOMEM;
    }
    *out = dtl_buf_detach(&b, len);
    return *out ? DTL_OK : DTL_ENOMEM;
}
