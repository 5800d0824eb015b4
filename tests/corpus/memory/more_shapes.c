/* More shapes: sizeof(pointer) used as a buffer size, allocation sizes
 * computed without an overflow check, reads of freed blocks, and writes
 * before the start of a buffer; each bad case beside its safe twin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

struct node {
    int id;
    char name[16];
};

void use(const void *p, size_t n);

void sizeof_ptr_memset_bad(const char *s)
{
    (void)s;
    char *d = malloc(32);
    if (d == NULL)
        return;
    memset(d, 0, sizeof(d)); // expect: BW-OFF-BY-ONE
    use(d, 32);
    free(d);
}

void sizeof_ptr_memset_ok(const char *s)
{
    (void)s;
    char *d = malloc(32);
    if (d == NULL)
        return;
    memset(d, 0, 32);
    use(d, 32);
    free(d);
}

void sizeof_ptr_memcpy_bad(const char *s)
{
    (void)s;
    char *d = malloc(32);
    if (d == NULL)
        return;
    memcpy(d, s, sizeof(d)); // expect: BW-OFF-BY-ONE
    use(d, 32);
    free(d);
}

void sizeof_ptr_memcpy_ok(const char *s)
{
    (void)s;
    char *d = malloc(32);
    if (d == NULL)
        return;
    memcpy(d, s, 32);
    use(d, 32);
    free(d);
}

void sizeof_ptr_strncpy_bad(const char *s)
{
    (void)s;
    char *d = malloc(32);
    if (d == NULL)
        return;
    strncpy(d, s, sizeof(d)); // expect: BW-OFF-BY-ONE
    use(d, 32);
    free(d);
}

void sizeof_ptr_strncpy_ok(const char *s)
{
    (void)s;
    char *d = malloc(32);
    if (d == NULL)
        return;
    strncpy(d, s, 31);
    d[31] = '\0';
    use(d, 32);
    free(d);
}

void sizeof_ptr_memmove_bad(const char *s)
{
    (void)s;
    char *d = malloc(32);
    if (d == NULL)
        return;
    memmove(d, s, sizeof(d)); // expect: BW-OFF-BY-ONE
    use(d, 32);
    free(d);
}

void sizeof_ptr_memmove_ok(const char *s)
{
    (void)s;
    char *d = malloc(32);
    if (d == NULL)
        return;
    memmove(d, s, 32);
    use(d, 32);
    free(d);
}


void alloc_realloc_mul_bad(size_t n, size_t m)
{
    void *p = realloc(NULL, n * m); // expect: BW-ALLOC-SIZE-OVERFLOW
    use(p, 0);
    free(p);
}

void alloc_paren_mul_bad(size_t n, size_t m)
{
    void *p = malloc((n + 1) * m); // expect: BW-ALLOC-SIZE-OVERFLOW
    use(p, 0);
    free(p);
}

void alloc_reallocarray_ok(size_t n, size_t m)
{
    void *p = reallocarray(NULL, n, m);
    use(p, 0);
    free(p);
}

void freed_read_strlen_bad(void)
{
    char *p = calloc(1, sizeof(struct node));
    if (p == NULL)
        return;
    free(p);
    use(p, strlen(p)); // expect: BW-USE-AFTER-FREE
}

void read_before_free_strlen_ok(void)
{
    char *p = calloc(1, sizeof(struct node));
    if (p == NULL)
        return;
    use(p, strlen(p));
    free(p);
}

void freed_read_puts_bad(void)
{
    char *p = calloc(1, sizeof(struct node));
    if (p == NULL)
        return;
    free(p);
    puts(p); // expect: BW-USE-AFTER-FREE
}

void read_before_free_puts_ok(void)
{
    char *p = calloc(1, sizeof(struct node));
    if (p == NULL)
        return;
    puts(p);
    free(p);
}

void freed_read_member_bad(void)
{
    char *p = calloc(1, sizeof(struct node));
    if (p == NULL)
        return;
    free(p);
    use(&((struct node *)p)->id, 4); // expect: BW-USE-AFTER-FREE
}

void read_before_free_member_ok(void)
{
    char *p = calloc(1, sizeof(struct node));
    if (p == NULL)
        return;
    use(&((struct node *)p)->id, 4);
    free(p);
}

void freed_read_memcpy_src_bad(void)
{
    char copy[8];
    char *p = calloc(1, sizeof(struct node));
    if (p == NULL)
        return;
    free(p);
    memcpy(copy, p, 8); // expect: BW-USE-AFTER-FREE
    use(copy, 8);
}

void read_before_free_memcpy_src_ok(void)
{
    char *p = calloc(1, sizeof(struct node));
    if (p == NULL)
        return;
    char copy[8];
    memcpy(copy, p, 8);
    use(copy, 8);
    free(p);
}

void pointer_below_bad(void)
{
    char a[8];
    char *p = a;
    p--;
    *p = 0; // expect: BW-BUFFER-UNDERWRITE
    use(a, sizeof a);
}

void pointer_inside_ok(void)
{
    char a[8];
    char *p = a + 1;
    p--;
    *p = 0;
    use(a, sizeof a);
}

void memset_before_bad(void)
{
    char a[8];
    memset(a - 1, 0, 4); // expect: BW-BUFFER-UNDERWRITE
    use(a, sizeof a);
}

void memset_inside_ok(void)
{
    char a[8];
    memset(a + 1, 0, 4);
    use(a, sizeof a);
}

struct wide_rec {
    wchar_t label[16];
};
wchar_t g_label[16];

void wcscpy_heap_bad(const wchar_t *s)
{
    wchar_t *d = malloc(16 * sizeof(wchar_t));
    if (d == NULL)
        return;
    wcscpy(d, s); // expect: BW-DANGEROUS-API
    use(d, 16);
    free(d);
}

void wcsncpy_heap_ok(const wchar_t *s)
{
    wchar_t *d = malloc(16 * sizeof(wchar_t));
    if (d == NULL)
        return;
    wcsncpy(d, s, 15);
    d[15] = L'\0';
    use(d, 16);
    free(d);
}

void wcscpy_member_bad(const wchar_t *s)
{
    struct wide_rec r;
    wcscpy(r.label, s); // expect: BW-DANGEROUS-API
    use(&r, sizeof r);
}

void wcscpy_global_bad(const wchar_t *s)
{
    wcscpy(g_label, s); // expect: BW-DANGEROUS-API
    use(g_label, sizeof g_label);
}

void wcscpy_literal_ok(void)
{
    wcscpy(g_label, L"fits");
    use(g_label, sizeof g_label);
}

void strcat_heap_bad(const char *s)
{
    char *d = calloc(16, 1);
    if (d == NULL)
        return;
    strcat(d, s); // expect: BW-DANGEROUS-API
    use(d, 16);
    free(d);
}

void strncat_heap_ok(const char *s)
{
    char *d = calloc(16, 1);
    if (d == NULL)
        return;
    strncat(d, s, 15);
    use(d, 16);
    free(d);
}

/* a product inside a sum: n * m overflows before the header is added */
void *alloc_mul_plus_header_bad(size_t n, size_t m)
{
    return malloc(n * m + 8); // expect: BW-ALLOC-SIZE-OVERFLOW
}

void *alloc_mul_plus_header_ok(size_t n, size_t m)
{
    size_t body;
    if (__builtin_mul_overflow(n, m, &body) || body > (size_t)-1 - 8)
        return NULL;
    return malloc(body + 8);
}
