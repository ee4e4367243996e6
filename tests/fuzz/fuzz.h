/* Dateline fuzz targets: the libFuzzer entry point every target defines.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef DTL_TESTS_FUZZ_H
#define DTL_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
