/* Small helpers shared by the unit tests. */
#ifndef BW_TEST_HELPERS_H
#define BW_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Creates a fresh temporary directory; the caller removes it with rm_tree. */
static inline char *make_temp_dir(void)
{
    static char tmpl[64];
    snprintf(tmpl, sizeof tmpl, "/tmp/bwtest.XXXXXX");
    return mkdtemp(tmpl);
}

static inline void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        abort();
    fputs(text, f);
    fclose(f);
}

/* Reads a whole FILE* (after rewind) into a malloc'd string. */
static inline char *slurp(FILE *f)
{
    long n;
    fflush(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    if (s == NULL || fread(s, 1, (size_t)n, f) != (size_t)n)
        abort();
    s[n] = '\0';
    return s;
}

#endif
