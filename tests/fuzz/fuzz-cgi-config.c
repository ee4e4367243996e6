/* Dateline fuzz target: the search box's configuration file parser.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each input is parsed as a configuration file.  A file that parses must
 * name an index and keep the per-page default within its cap, and the
 * caps within their ranges; one that does not must say why in the error.
 * Everything is released either way.  A broken rule aborts.
 */
#include <config.h>
#include "fuzz.h"

#include <stdlib.h>

#include "cgi-config.h"

#define MAX_INPUT (2 * DTL_CGI_CONFIG_MAX)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dtl_cgi_config c;
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_status st;

    if (size > MAX_INPUT)
        return 0;
    dtl_cgi_config_init(&c);
    st = dtl_cgi_config_parse(&c, (const char *)data, size, "fuzz.conf",
                              &err);
    if (st == DTL_OK) {
        if (!c.index || !c.index[0] || c.per_page < 1 ||
            c.per_page > c.max_per_page || c.max_page < 1 ||
            c.max_query < 1 || c.max_terms < 1 || !(c.half_life > 0) ||
            !(c.time_limit >= 0))
            abort();
    } else if (err.code != st || !err.msg[0]) {
        abort();
    }
    dtl_cgi_config_release(&c);
    return 0;
}
