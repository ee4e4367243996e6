/* Dateline: internal helpers to record errors into struct dtl_error.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef DTL_SRC_STATUS_H
#define DTL_SRC_STATUS_H

#include <stdarg.h>
#include <stddef.h>

#include "dateline/status.h"

/* Record (code, offset, printf-style message) in err unless err is NULL or
 * already holds an error.  Returns code so callers can write
 * `return dtl_error_set(err, DTL_ESYNTAX, off, "...")`. */
dtl_status dtl_error_set(struct dtl_error *err, dtl_status code,
                         size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif
