/* Dateline: status codes and error details shared by every public call.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every fallible function in libdateline returns a dtl_status; DTL_OK is 0.
 * Parsers and the index additionally fill an optional struct dtl_error with
 * a human-readable message and, where it makes sense, the byte offset of the
 * problem in the input.  The first error recorded wins.
 */
#ifndef DTL_DATELINE_STATUS_H
#define DTL_DATELINE_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DTL_API __attribute__((visibility("default")))
#else
#define DTL_API
#endif

/** Result of every fallible call.  Values are stable (part of the ABI). */
typedef enum dtl_status {
    DTL_OK = 0,
    DTL_ENOMEM,     /**< an allocation failed; nothing leaked */
    DTL_EINVAL,     /**< bad argument or option */
    DTL_ESYNTAX,    /**< input could not be parsed at all */
    DTL_ELIMIT,     /**< input exceeds a hard limit (size, depth, terms) */
    DTL_EIO,        /**< reading or writing a file failed */
    DTL_ECORRUPT,   /**< input or index data is damaged */
    DTL_EINDEX,     /**< the index refused the operation */
    DTL_ENOTFOUND,  /**< no such index or object */
    DTL_ELOCKED,    /**< the index is locked by another writer */
    DTL_EINTERNAL   /**< a bug or an unexpected failure in a library */
} dtl_status;

/** Size of the message buffer inside struct dtl_error. */
#define DTL_ERROR_MSG_MAX 256

/** Details of the first error seen by a call.  Callers may pass NULL
 *  wherever a struct dtl_error * is taken.  Initialise with
 *  DTL_ERROR_INIT (or dtl_error_clear()); a call only writes the struct if
 *  code is still DTL_OK, so the first error is kept. */
struct dtl_error {
    dtl_status code;              /* DTL_OK while no error was recorded */
    size_t offset;                /* byte offset in the input, or SIZE_MAX */
    char msg[DTL_ERROR_MSG_MAX];  /* NUL-terminated, never NULL */
};

#define DTL_ERROR_INIT { DTL_OK, (size_t)-1, "" }

/** Static English text for a status; never NULL, never freed. */
DTL_API const char *dtl_status_str(dtl_status st);

/** Reset err (which may be NULL) to DTL_ERROR_INIT. */
DTL_API void dtl_error_clear(struct dtl_error *err);

#ifdef __cplusplus
}
#endif
#endif
