/* The copy matrix: each memory-writing function into each kind of
 * destination (stack array, heap block, struct member, global array),
 * once with a length that does not fit (16-byte destination, 24 bytes)
 * and once with one that does.  Lengths are constants so the size
 * reasoning, not the taint reasoning, is what is tested here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec {
    char name[16];
    int id;
};

char g_buf[16];

void use(const char *p, size_t n);

void memcpy_stack_bad(const char *src)
{
    (void)src;
    char buf[16];
    memcpy(buf, src, 24); // expect: BW-BUFFER-OVERFLOW
    use(buf, 16);
}

void memcpy_stack_ok(const char *src)
{
    (void)src;
    char buf[16];
    memcpy(buf, src, 16);
    use(buf, 16);
}

void memcpy_heap_bad(const char *src)
{
    (void)src;
    char *buf = malloc(16);
    if (buf == NULL)
        return;
    memcpy(buf, src, 24); // expect: BW-BUFFER-OVERFLOW
    use(buf, 16);
    free(buf);
}

void memcpy_heap_ok(const char *src)
{
    (void)src;
    char *buf = malloc(16);
    if (buf == NULL)
        return;
    memcpy(buf, src, 16);
    use(buf, 16);
    free(buf);
}

void memcpy_member_bad(const char *src)
{
    (void)src;
    struct rec r;
    memcpy(r.name, src, 24); // expect: BW-BUFFER-OVERFLOW
    use(r.name, 16);
}

void memcpy_member_ok(const char *src)
{
    (void)src;
    struct rec r;
    memcpy(r.name, src, 16);
    use(r.name, 16);
}

void memcpy_global_bad(const char *src)
{
    (void)src;
    memcpy(g_buf, src, 24); // expect: BW-BUFFER-OVERFLOW
    use(g_buf, 16);
}

void memcpy_global_ok(const char *src)
{
    (void)src;
    memcpy(g_buf, src, 16);
    use(g_buf, 16);
}

void memmove_stack_bad(const char *src)
{
    (void)src;
    char buf[16];
    memmove(buf, src, 24); // expect: BW-BUFFER-OVERFLOW
    use(buf, 16);
}

void memmove_stack_ok(const char *src)
{
    (void)src;
    char buf[16];
    memmove(buf, src, 16);
    use(buf, 16);
}

void memmove_heap_bad(const char *src)
{
    (void)src;
    char *buf = malloc(16);
    if (buf == NULL)
        return;
    memmove(buf, src, 24); // expect: BW-BUFFER-OVERFLOW
    use(buf, 16);
    free(buf);
}

void memmove_heap_ok(const char *src)
{
    (void)src;
    char *buf = malloc(16);
    if (buf == NULL)
        return;
    memmove(buf, src, 16);
    use(buf, 16);
    free(buf);
}

void memmove_member_bad(const char *src)
{
    (void)src;
    struct rec r;
    memmove(r.name, src, 24); // expect: BW-BUFFER-OVERFLOW
    use(r.name, 16);
}

void memmove_member_ok(const char *src)
{
    (void)src;
    struct rec r;
    memmove(r.name, src, 16);
    use(r.name, 16);
}

void memmove_global_bad(const char *src)
{
    (void)src;
    memmove(g_buf, src, 24); // expect: BW-BUFFER-OVERFLOW
    use(g_buf, 16);
}

void memmove_global_ok(const char *src)
{
    (void)src;
    memmove(g_buf, src, 16);
    use(g_buf, 16);
}

void memset_stack_bad(const char *src)
{
    (void)src;
    char buf[16];
    memset(buf, 0, 24); // expect: BW-BUFFER-OVERFLOW
    use(buf, 16);
}

void memset_stack_ok(const char *src)
{
    (void)src;
    char buf[16];
    memset(buf, 0, 16);
    use(buf, 16);
}

void memset_heap_bad(const char *src)
{
    (void)src;
    char *buf = malloc(16);
    if (buf == NULL)
        return;
    memset(buf, 0, 24); // expect: BW-BUFFER-OVERFLOW
    use(buf, 16);
    free(buf);
}

void memset_heap_ok(const char *src)
{
    (void)src;
    char *buf = malloc(16);
    if (buf == NULL)
        return;
    memset(buf, 0, 16);
    use(buf, 16);
    free(buf);
}

void memset_member_bad(const char *src)
{
    (void)src;
    struct rec r;
    memset(r.name, 0, 24); // expect: BW-BUFFER-OVERFLOW
    use(r.name, 16);
}

void memset_member_ok(const char *src)
{
    (void)src;
    struct rec r;
    memset(r.name, 0, 16);
    use(r.name, 16);
}

void memset_global_bad(const char *src)
{
    (void)src;
    memset(g_buf, 0, 24); // expect: BW-BUFFER-OVERFLOW
    use(g_buf, 16);
}

void memset_global_ok(const char *src)
{
    (void)src;
    memset(g_buf, 0, 16);
    use(g_buf, 16);
}

void strncpy_stack_bad(const char *src)
{
    (void)src;
    char buf[16];
    strncpy(buf, src, 24); // expect: BW-BUFFER-OVERFLOW
    use(buf, 16);
}

void strncpy_stack_ok(const char *src)
{
    (void)src;
    char buf[16];
    strncpy(buf, src, 15);
    buf[15] = '\0';
    use(buf, 16);
}

void strncpy_heap_bad(const char *src)
{
    (void)src;
    char *buf = malloc(16);
    if (buf == NULL)
        return;
    strncpy(buf, src, 24); // expect: BW-BUFFER-OVERFLOW
    use(buf, 16);
    free(buf);
}

void strncpy_heap_ok(const char *src)
{
    (void)src;
    char *buf = malloc(16);
    if (buf == NULL)
        return;
    strncpy(buf, src, 15);
    buf[15] = '\0';
    use(buf, 16);
    free(buf);
}

void strncpy_member_bad(const char *src)
{
    (void)src;
    struct rec r;
    strncpy(r.name, src, 24); // expect: BW-BUFFER-OVERFLOW
    use(r.name, 16);
}

void strncpy_member_ok(const char *src)
{
    (void)src;
    struct rec r;
    strncpy(r.name, src, 15);
    r.name[15] = '\0';
    use(r.name, 16);
}

void strncpy_global_bad(const char *src)
{
    (void)src;
    strncpy(g_buf, src, 24); // expect: BW-BUFFER-OVERFLOW
    use(g_buf, 16);
}

void strncpy_global_ok(const char *src)
{
    (void)src;
    strncpy(g_buf, src, 15);
    g_buf[15] = '\0';
    use(g_buf, 16);
}

void snprintf_stack_bad(const char *src)
{
    (void)src;
    char buf[16];
    snprintf(buf, 24, "%s", src); // expect: BW-BUFFER-OVERFLOW
    use(buf, 16);
}

void snprintf_stack_ok(const char *src)
{
    (void)src;
    char buf[16];
    snprintf(buf, 16, "%s", src);
    use(buf, 16);
}

void snprintf_heap_bad(const char *src)
{
    (void)src;
    char *buf = malloc(16);
    if (buf == NULL)
        return;
    snprintf(buf, 24, "%s", src); // expect: BW-BUFFER-OVERFLOW
    use(buf, 16);
    free(buf);
}

void snprintf_heap_ok(const char *src)
{
    (void)src;
    char *buf = malloc(16);
    if (buf == NULL)
        return;
    snprintf(buf, 16, "%s", src);
    use(buf, 16);
    free(buf);
}

void snprintf_member_bad(const char *src)
{
    (void)src;
    struct rec r;
    snprintf(r.name, 24, "%s", src); // expect: BW-BUFFER-OVERFLOW
    use(r.name, 16);
}

void snprintf_member_ok(const char *src)
{
    (void)src;
    struct rec r;
    snprintf(r.name, 16, "%s", src);
    use(r.name, 16);
}

void snprintf_global_bad(const char *src)
{
    (void)src;
    snprintf(g_buf, 24, "%s", src); // expect: BW-BUFFER-OVERFLOW
    use(g_buf, 16);
}

void snprintf_global_ok(const char *src)
{
    (void)src;
    snprintf(g_buf, 16, "%s", src);
    use(g_buf, 16);
}

void fgets_stack_bad(const char *src)
{
    (void)src;
    char buf[16];
    if (fgets(buf, (int)(24), stdin) == NULL) // expect: BW-BUFFER-OVERFLOW
        buf[0] = '\0';
    use(buf, 16);
}

void fgets_stack_ok(const char *src)
{
    (void)src;
    char buf[16];
    if (fgets(buf, (int)(16), stdin) == NULL)
        buf[0] = '\0';
    use(buf, 16);
}

void fgets_heap_bad(const char *src)
{
    (void)src;
    char *buf = malloc(16);
    if (buf == NULL)
        return;
    if (fgets(buf, (int)(24), stdin) == NULL) // expect: BW-BUFFER-OVERFLOW
        buf[0] = '\0';
    use(buf, 16);
    free(buf);
}

void fgets_heap_ok(const char *src)
{
    (void)src;
    char *buf = malloc(16);
    if (buf == NULL)
        return;
    if (fgets(buf, (int)(16), stdin) == NULL)
        buf[0] = '\0';
    use(buf, 16);
    free(buf);
}

void fgets_member_bad(const char *src)
{
    (void)src;
    struct rec r;
    if (fgets(r.name, (int)(24), stdin) == NULL) // expect: BW-BUFFER-OVERFLOW
        r.name[0] = '\0';
    use(r.name, 16);
}

void fgets_member_ok(const char *src)
{
    (void)src;
    struct rec r;
    if (fgets(r.name, (int)(16), stdin) == NULL)
        r.name[0] = '\0';
    use(r.name, 16);
}

void fgets_global_bad(const char *src)
{
    (void)src;
    if (fgets(g_buf, (int)(24), stdin) == NULL) // expect: BW-BUFFER-OVERFLOW
        g_buf[0] = '\0';
    use(g_buf, 16);
}

void fgets_global_ok(const char *src)
{
    (void)src;
    if (fgets(g_buf, (int)(16), stdin) == NULL)
        g_buf[0] = '\0';
    use(g_buf, 16);
}
