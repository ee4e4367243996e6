/* Dateline: the library's version string.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * dtl_version() (include/dateline/dateline.h) for `dateline --version`
 * and programs linking the library; the string is configure's
 * PACKAGE_VERSION from config.h.
 */
#include <config.h>
#include "dateline/dateline.h"

#include "banned.h"

const char *
dtl_version(void)
{
    return PACKAGE_VERSION;
}
