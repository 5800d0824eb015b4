/* Allocators known by their alloc_size attribute, written directly or
 * through a macro as Linux writes kmalloc's (`__alloc_size(1)`), on a
 * prototype or on an inline wrapper: the block's size is the argument the
 * attribute names (or the product of the two). */
#include <stddef.h>
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
