/* Dateline: functions that must not be used anywhere in the project.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Included last by every .c file; a banned call becomes a compile error
 * naming the function.  Idea after git's banned.h.
 */
#ifndef DTL_SRC_BANNED_H
#define DTL_SRC_BANNED_H

#define DTL_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) DTL_BANNED(strcpy)
#undef strcat
#define strcat(x, y) DTL_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) DTL_BANNED(strncpy)
#undef sprintf
#define sprintf(...) DTL_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) DTL_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) DTL_BANNED(strtok)
#undef gets
#define gets(x) DTL_BANNED(gets)

#endif
