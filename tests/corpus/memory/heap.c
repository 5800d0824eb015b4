/* Heap objects: sizes from allocators, NULL checks, free states. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

struct rec {
    int id;
    char name[16];
};

void heap_memcpy_bad(const char *s)
{
    char *p = malloc(10);
    if (p == NULL)
        return;
    memcpy(p, s, 20); // expect: BW-BUFFER-OVERFLOW
    free(p);
}

void heap_memcpy_ok(const char *s)
{
    char *p = malloc(20);
    if (p == NULL)
        return;
    memcpy(p, s, 20);
    free(p);
}

void calloc_index_bad(void)
{
    int *a = calloc(4, sizeof(int));
    if (!a)
        return;
    a[4] = 1; // expect: BW-OFF-BY-ONE
    free(a);
}

void calloc_index_ok(void)
{
    int *a = calloc(4, sizeof(int));
    if (!a)
        return;
    a[3] = 1;
    free(a);
}

void unchecked_bad(size_t n)
{
    char *p = malloc(n);
    p[0] = 0; // expect: BW-UNCHECKED-ALLOC
    free(p);
}

void unchecked_ok(size_t n)
{
    char *p = malloc(n);
    if (p == NULL)
        return;
    p[0] = 0;
    free(p);
}

void unchecked_memset_bad(void)
{
    char *p = malloc(64);
    memset(p, 0, 64); // expect: BW-UNCHECKED-ALLOC
    free(p);
}

void unchecked_memset_ok(void)
{
    char *p = malloc(64);
    if (p != NULL)
        memset(p, 0, 64);
    free(p);
}

void strdup_unchecked_bad(const char *s)
{
    char *d = strdup(s);
    d[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    free(d);
}

void strdup_checked_ok(const char *s)
{
    char *d = strdup(s);
    if (!d)
        return;
    d[0] = 'x';
    free(d);
}

void realloc_self_bad(char *p, size_t n)
{
    p = realloc(p, n); // expect: BW-UNCHECKED-ALLOC
    if (p)
        p[0] = 0;
    free(p);
}

void realloc_tmp_ok(char *p, size_t n)
{
    char *t = realloc(p, n);
    if (t == NULL) {
        free(p);
        return;
    }
    t[0] = 0;
    free(t);
}

void struct_member_bad(void)
{
    struct rec *r = malloc(sizeof *r);
    if (r == NULL)
        return;
    strcpy(r->name, "a name that is far too long"); // expect: BW-BUFFER-OVERFLOW
    free(r);
}

void struct_member_ok(void)
{
    struct rec *r = malloc(sizeof *r);
    if (r == NULL)
        return;
    strcpy(r->name, "short");
    free(r);
}

void struct_member_arrow_unchecked_bad(void)
{
    struct rec *r = malloc(sizeof *r);
    r->id = 1; // expect: BW-UNCHECKED-ALLOC
    free(r);
}

void alloca_ok(void)
{
    char *p = alloca(32);
    memset(p, 0, 32);
    puts(p);
}

void alloca_bad(void)
{
    char *p = alloca(32);
    memset(p, 0, 33); // expect: BW-BUFFER-OVERFLOW
    puts(p);
}
