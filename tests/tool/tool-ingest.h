/* Dateline test tool: dumps of the input readers (tests/tool/tool-ingest.c).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef DTL_TESTS_TOOL_INGEST_H
#define DTL_TESTS_TOOL_INGEST_H

/* dtl-test-tool warc [--payload] FILE: one line per WARC record (and its
 * payload), then the error. */
int tool_cmd_warc(int argc, char **argv);

/* dtl-test-tool source FILE: the kind, then one line per item. */
int tool_cmd_source(int argc, char **argv);

/* dtl-test-tool url URL...: the identity form of each URL. */
int tool_cmd_url(int argc, char **argv);

#endif
