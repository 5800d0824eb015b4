/* Allocators known by their alloc_size attribute, written directly or
 * through a macro as Linux writes kmalloc's (`__alloc_size(1)`), on a
 * prototype or on an inline wrapper: the block's size is the argument the
 * attribute names (or the product of the two). */
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define __alloc_size(x, ...) __attribute__((__alloc_size__(x, ##__VA_ARGS__)))

void *pool_get(size_t size, int flags) __attribute__((alloc_size(1)));
void *pool_get_array(size_t n, size_t size, int flags) __alloc_size(1, 2);
void *__pool_kmalloc(size_t size, int flags) __alloc_size(1);

static inline __alloc_size(1) void *kmalloc(size_t size, int flags)
{
    return __pool_kmalloc(size, flags);
}

void copy_into_pool_bad(const char *src)
{
    char *p = pool_get(8, 0);
    if (p == NULL)
        return;
    memcpy(p, src, 16); // expect: BW-BUFFER-OVERFLOW
    puts(p);
}

void copy_into_pool_ok(const char *src)
{
    char *p = pool_get(16, 0);
    if (p == NULL)
        return;
    memcpy(p, src, 16);
    puts(p);
}

void fill_array_bad(void)
{
    int *v = pool_get_array(4, sizeof(int), 0);
    if (v == NULL)
        return;
    for (int i = 0; i <= 4; i++)
        v[i] = i; // expect: BW-OFF-BY-ONE
}

void fill_array_ok(void)
{
    int *v = pool_get_array(4, sizeof(int), 0);
    if (v == NULL)
        return;
    for (int i = 0; i < 4; i++)
        v[i] = i;
}

char *devpath_env_ok(const char *devpath)
{
    char *s = kmalloc(strlen(devpath) + 15, 0);
    if (s == NULL)
        return NULL;
    sprintf(s, "DEVPATH_OLD=%s", devpath);
    return s;
}

char *devpath_env_bad(const char *devpath)
{
    char *s = kmalloc(strlen(devpath) + 11, 0);
    if (s == NULL)
        return NULL;
    sprintf(s, "DEVPATH_OLD=%s", devpath); // expect: BW-BUFFER-OVERFLOW
    return s;
}

void unchecked_bad(void)
{
    char *p = kmalloc(4, 0);
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    puts(p);
}

void unchecked_ok(void)
{
    char *p = kmalloc(4, 0);
    if (p == NULL)
        return;
    p[0] = 'x';
    p[1] = '\0';
    puts(p);
}

/* likely()/unlikely() wrap the check in __builtin_expect */
#define unlikely(x) __builtin_expect(!!(x), 0)
#define likely(x) __builtin_expect(!!(x), 1)

void unlikely_checked_ok(void)
{
    char *p = kmalloc(4, 0);
    if (unlikely(!p))
        return;
    p[0] = 'x';
    p[1] = '\0';
    puts(p);
}

void likely_checked_ok(void)
{
    char *p = kmalloc(4, 0);
    if (likely(p)) {
        p[0] = 'x';
        p[1] = '\0';
        puts(p);
    }
}

/* unlikely() around a check of another pointer */
void unlikely_other_bad(char *q)
{
    char *p = kmalloc(4, 0);
    if (unlikely(!q))
        return;
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    q[0] = 'y';
}

/* an alloc_size function whose body never returns NULL, or declared
 * returns_nonnull, needs no check */
__attribute__((alloc_size(1))) void *must_get(size_t n)
{
    void *p = malloc(n);
    if (p == NULL)
        abort();
    return p;
}

void *sure_get(size_t n) __attribute__((returns_nonnull, alloc_size(1)));

void nonnull_alloc_ok(void)
{
    char *p = must_get(4);
    char *q = sure_get(4);
    p[0] = 'x';
    q[0] = 'y';
    free(p);
}

void nonnull_alloc_bad(void)
{
    char *p = must_get(4);
    p[4] = 'x'; // expect: BW-OFF-BY-ONE
    free(p);
}

/* "alloc_size" in a parameter's name or on a parameter's type is not the
 * function's attribute */
void *sized_get(size_t n, int alloc_size_hint) __attribute__((alloc_size(1)));
int register_allocator(void *(*fn)(size_t) __attribute__((alloc_size(1))), int n);
void *plain_get(size_t n);

void param_named_bad(void)
{
    char *p = sized_get(4, 0);
    if (p == NULL)
        return;
    p[4] = 0; // expect: BW-OFF-BY-ONE
}

void param_typed_ok(void)
{
    int r = register_allocator(plain_get, 4);
    int *v = &r;
    v[0] = 1;
}

void likely_compare_ok(void)
{
    char *p = kmalloc(4, 0);
    if (likely(p != NULL)) {
        p[0] = 'x';
        p[1] = '\0';
        puts(p);
    }
}

/* a body whose result the analysis cannot follow (the slab allocator
 * behind kmalloc) says nothing about NULL: the attribute's block may be */
void *backend_get(size_t n);

__attribute__((alloc_size(1))) void *opaque_get(size_t n)
{
    return backend_get(n);
}

void opaque_unchecked_bad(void)
{
    char *p = opaque_get(4);
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    free(p);
}

void opaque_checked_ok(void)
{
    char *p = opaque_get(4);
    if (p == NULL)
        return;
    p[0] = 'x';
    free(p);
}
