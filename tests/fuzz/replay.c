/* Dateline fuzz targets: replay a seed corpus without libFuzzer.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Linked with a fuzz-<target>.c when --enable-fuzzing is off; `make check`
 * runs it with the target's corpus directory (argv[1]) and reports each
 * file as a TAP line.  A crash or sanitizer report fails the test.
 */
#include <config.h>
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data = NULL;
    size_t len = 0, cap = 0, got;

    if (!f)
        return -1;
    for (;;) {
        if (len == cap) {
            unsigned char *nd;
            cap = cap ? cap * 2 : 4096;
            nd = realloc(data, cap);
            if (!nd) {
                free(data);
                fclose(f);
                return -1;
            }
            data = nd;
        }
        got = fread(data + len, 1, cap - len, f);
        if (got == 0)
            break;
        len += got;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(data, len);
    free(data);
    return 0;
}

int
main(int argc, char **argv)
{
    char **names = NULL;
    size_t n = 0, i;
    struct dirent *de;
    DIR *d;
    int failed = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS-DIR\n", argv[0]);
        return 2;
    }
    d = opendir(argv[1]);
    if (!d) {
        printf("1..0 # SKIP no corpus at %s\n", argv[1]);
        return 0;
    }
    while ((de = readdir(d)) != NULL) {
        char **nn;
        if (de->d_name[0] == '.')
            continue;
        nn = realloc(names, (n + 1) * sizeof(*names));
        if (!nn)
            return 1;
        names = nn;
        names[n] = malloc(strlen(argv[1]) + strlen(de->d_name) + 2);
        if (!names[n])
            return 1;
        snprintf(names[n], strlen(argv[1]) + strlen(de->d_name) + 2, "%s/%s",
                 argv[1], de->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof(*names), cmp_names);
    /* The empty input is always a case worth running. */
    LLVMFuzzerTestOneInput((const uint8_t *)"", 0);
    printf("ok 1 - empty input\n");
    for (i = 0; i < n; i++) {
        int r = replay_file(names[i]);
        printf("%sok %zu - %s\n", r ? "not " : "", i + 2, names[i]);
        if (r)
            failed++;
        free(names[i]);
    }
    free(names);
    printf("1..%zu\n", n + 1);
    return failed ? 1 : 0;
}
