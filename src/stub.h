/* Dateline: the stub-file internals shared with index/shim-open.cc.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * src/stub.c is the one parser of stub files (fuzzed by
 * tests/fuzz/fuzz-stub.c).  The reader in index/shim-open.cc loads stubs
 * with dtl_stub_load() and splits `remote` arguments and tcp:// names
 * with dtl_stub_remote_split(), so both sides accept the same text.
 */
#ifndef DTL_SRC_STUB_H
#define DTL_SRC_STUB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A `remote` argument split into its parts (offsets into the text). */
struct dtl_stub_remote {
    int program;     /* 1 for ":PROGRAM ARGS", 0 for "HOST:PORT" */
    size_t name;     /* start of HOST (without [ ]) or PROGRAM */
    size_t name_len; /* its length, never 0 */
    unsigned port;   /* 1..65535 for HOST:PORT, else 0 */
    size_t args;     /* start of ARGS after PROGRAM (n when none) */
};

/* Split p[0..n), a stub's `remote` argument: ":PROGRAM [ARGS]" or
 * "HOST:PORT" (HOST may be "[v6]", PORT 1..65535, no blanks in HOST).
 * Returns 1 and fills *r, or 0 when the text is neither. */
int dtl_stub_remote_split(const char *p, size_t n, struct dtl_stub_remote *r);

#ifdef __cplusplus
}
#endif

#endif
