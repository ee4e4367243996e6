/* Dateline: status texts and error recording, used by every module.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <config.h>
#include "status.h"

#include <stdio.h>

#include "banned.h"

const char *
dtl_status_str(dtl_status st)
{
    switch (st) {
    case DTL_OK:        return "success";
    case DTL_ENOMEM:    return "out of memory";
    case DTL_EINVAL:    return "invalid argument";
    case DTL_ESYNTAX:   return "syntax error";
    case DTL_ELIMIT:    return "limit exceeded";
    case DTL_EIO:       return "input/output error";
    case DTL_ECORRUPT:  return "corrupt data";
    case DTL_EINDEX:    return "index error";
    case DTL_ENOTFOUND: return "not found";
    case DTL_ELOCKED:   return "index is locked by another indexer";
    case DTL_EINTERNAL: return "internal error";
    }
    return "unknown status";
}

void
dtl_error_clear(struct dtl_error *err)
{
    if (!err)
        return;
    err->code = DTL_OK;
    err->offset = (size_t)-1;
    err->msg[0] = '\0';
}

dtl_status
dtl_error_set(struct dtl_error *err, dtl_status code, size_t offset,
              const char *fmt, ...)
{
    va_list ap;

    if (!err || err->code != DTL_OK)
        return code;
    err->code = code;
    err->offset = offset;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return code;
}
