/* The allocation matrix: each allocator's result used without a NULL
 * check (bad) and after one (ok), through a store, memcpy and memset. */
#include <stdlib.h>
#include <string.h>

void keep(char *p);

void malloc_deref_bad(const char *src)
{
    (void)src;
    char *p = malloc(32);
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void malloc_deref_ok(const char *src)
{
    (void)src;
    char *p = malloc(32);
    if (p == NULL)
        return;
    p[0] = 'x';
    keep(p);
}

void malloc_memcpy_bad(const char *src)
{
    (void)src;
    char *p = malloc(32);
    memcpy(p, "abc", 4); // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void malloc_memcpy_ok(const char *src)
{
    (void)src;
    char *p = malloc(32);
    if (p == NULL)
        return;
    memcpy(p, "abc", 4);
    keep(p);
}

void malloc_strcpy_into_bad(const char *src)
{
    (void)src;
    char *p = malloc(32);
    memset(p, 0, 4); // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void malloc_strcpy_into_ok(const char *src)
{
    (void)src;
    char *p = malloc(32);
    if (p == NULL)
        return;
    memset(p, 0, 4);
    keep(p);
}

void calloc_deref_bad(const char *src)
{
    (void)src;
    char *p = calloc(8, 4);
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void calloc_deref_ok(const char *src)
{
    (void)src;
    char *p = calloc(8, 4);
    if (p == NULL)
        return;
    p[0] = 'x';
    keep(p);
}

void calloc_memcpy_bad(const char *src)
{
    (void)src;
    char *p = calloc(8, 4);
    memcpy(p, "abc", 4); // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void calloc_memcpy_ok(const char *src)
{
    (void)src;
    char *p = calloc(8, 4);
    if (p == NULL)
        return;
    memcpy(p, "abc", 4);
    keep(p);
}

void calloc_strcpy_into_bad(const char *src)
{
    (void)src;
    char *p = calloc(8, 4);
    memset(p, 0, 4); // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void calloc_strcpy_into_ok(const char *src)
{
    (void)src;
    char *p = calloc(8, 4);
    if (p == NULL)
        return;
    memset(p, 0, 4);
    keep(p);
}

void realloc_deref_bad(const char *src)
{
    (void)src;
    char *p = realloc(NULL, 32);
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void realloc_deref_ok(const char *src)
{
    (void)src;
    char *p = realloc(NULL, 32);
    if (p == NULL)
        return;
    p[0] = 'x';
    keep(p);
}

void realloc_memcpy_bad(const char *src)
{
    (void)src;
    char *p = realloc(NULL, 32);
    memcpy(p, "abc", 4); // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void realloc_memcpy_ok(const char *src)
{
    (void)src;
    char *p = realloc(NULL, 32);
    if (p == NULL)
        return;
    memcpy(p, "abc", 4);
    keep(p);
}

void realloc_strcpy_into_bad(const char *src)
{
    (void)src;
    char *p = realloc(NULL, 32);
    memset(p, 0, 4); // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void realloc_strcpy_into_ok(const char *src)
{
    (void)src;
    char *p = realloc(NULL, 32);
    if (p == NULL)
        return;
    memset(p, 0, 4);
    keep(p);
}

void strdup_deref_bad(const char *src)
{
    (void)src;
    char *p = strdup(src);
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void strdup_deref_ok(const char *src)
{
    (void)src;
    char *p = strdup(src);
    if (p == NULL)
        return;
    p[0] = 'x';
    keep(p);
}

void strdup_memcpy_bad(const char *src)
{
    (void)src;
    char *p = strdup(src);
    memcpy(p, "abc", 4); // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void strdup_memcpy_ok(const char *src)
{
    (void)src;
    char *p = strdup(src);
    if (p == NULL)
        return;
    memcpy(p, "abc", 4);
    keep(p);
}

void strdup_strcpy_into_bad(const char *src)
{
    (void)src;
    char *p = strdup(src);
    memset(p, 0, 4); // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void strdup_strcpy_into_ok(const char *src)
{
    (void)src;
    char *p = strdup(src);
    if (p == NULL)
        return;
    memset(p, 0, 4);
    keep(p);
}

void strndup_deref_bad(const char *src)
{
    (void)src;
    char *p = strndup(src, 31);
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void strndup_deref_ok(const char *src)
{
    (void)src;
    char *p = strndup(src, 31);
    if (p == NULL)
        return;
    p[0] = 'x';
    keep(p);
}

void strndup_memcpy_bad(const char *src)
{
    (void)src;
    char *p = strndup(src, 31);
    memcpy(p, "abc", 4); // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void strndup_memcpy_ok(const char *src)
{
    (void)src;
    char *p = strndup(src, 31);
    if (p == NULL)
        return;
    memcpy(p, "abc", 4);
    keep(p);
}

void strndup_strcpy_into_bad(const char *src)
{
    (void)src;
    char *p = strndup(src, 31);
    memset(p, 0, 4); // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

void strndup_strcpy_into_ok(const char *src)
{
    (void)src;
    char *p = strndup(src, 31);
    if (p == NULL)
        return;
    memset(p, 0, 4);
    keep(p);
}
