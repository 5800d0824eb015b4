/* Wide characters, realloc, terminators and helper functions: the wchar_t
 * copy functions into each kind of destination; `p = realloc(p, n)` for
 * several pointer types; a terminator written one past the end; and
 * allocation, release and use through same-file helper functions (their
 * summaries decide); each bad case beside its safe twin. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

struct wrec {
    wchar_t name[8];
    int id;
};
struct item {
    int id;
    double price;
};

wchar_t g_wide[8];
void use(const void *p, size_t n);

void wmemcpy_stack_bad(const wchar_t *s)
{
    wchar_t b[8];
    wmemcpy(b, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(b, sizeof b);
}

void wmemcpy_stack_ok(const wchar_t *s)
{
    wchar_t b[8];
    wmemcpy(b, s, 8);
    use(b, sizeof b);
}

void wmemcpy_heap_bad(const wchar_t *s)
{
    wchar_t *b = malloc(8 * sizeof(wchar_t));
    if (b == NULL)
        return;
    wmemcpy(b, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(b, 8);
    free(b);
}

void wmemcpy_heap_ok(const wchar_t *s)
{
    wchar_t *b = malloc(8 * sizeof(wchar_t));
    if (b == NULL)
        return;
    wmemcpy(b, s, 8);
    use(b, 8);
    free(b);
}

void wmemcpy_member_bad(const wchar_t *s)
{
    struct wrec r;
    wmemcpy(r.name, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(&r, sizeof r);
}

void wmemcpy_member_ok(const wchar_t *s)
{
    struct wrec r;
    wmemcpy(r.name, s, 8);
    use(&r, sizeof r);
}

void wmemcpy_global_bad(const wchar_t *s)
{
    wmemcpy(g_wide, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(g_wide, sizeof g_wide);
}

void wmemcpy_global_ok(const wchar_t *s)
{
    wmemcpy(g_wide, s, 8);
    use(g_wide, sizeof g_wide);
}

void wmemmove_stack_bad(const wchar_t *s)
{
    wchar_t b[8];
    wmemmove(b, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(b, sizeof b);
}

void wmemmove_stack_ok(const wchar_t *s)
{
    wchar_t b[8];
    wmemmove(b, s, 8);
    use(b, sizeof b);
}

void wmemmove_heap_bad(const wchar_t *s)
{
    wchar_t *b = malloc(8 * sizeof(wchar_t));
    if (b == NULL)
        return;
    wmemmove(b, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(b, 8);
    free(b);
}

void wmemmove_heap_ok(const wchar_t *s)
{
    wchar_t *b = malloc(8 * sizeof(wchar_t));
    if (b == NULL)
        return;
    wmemmove(b, s, 8);
    use(b, 8);
    free(b);
}

void wmemmove_member_bad(const wchar_t *s)
{
    struct wrec r;
    wmemmove(r.name, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(&r, sizeof r);
}

void wmemmove_member_ok(const wchar_t *s)
{
    struct wrec r;
    wmemmove(r.name, s, 8);
    use(&r, sizeof r);
}

void wmemmove_global_bad(const wchar_t *s)
{
    wmemmove(g_wide, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(g_wide, sizeof g_wide);
}

void wmemmove_global_ok(const wchar_t *s)
{
    wmemmove(g_wide, s, 8);
    use(g_wide, sizeof g_wide);
}

void wcsncpy_stack_bad(const wchar_t *s)
{
    wchar_t b[8];
    wcsncpy(b, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(b, sizeof b);
}

void wcsncpy_stack_ok(const wchar_t *s)
{
    wchar_t b[8];
    wcsncpy(b, s, 7);
    b[7] = L'\0';
    use(b, sizeof b);
}

void wcsncpy_heap_bad(const wchar_t *s)
{
    wchar_t *b = malloc(8 * sizeof(wchar_t));
    if (b == NULL)
        return;
    wcsncpy(b, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(b, 8);
    free(b);
}

void wcsncpy_heap_ok(const wchar_t *s)
{
    wchar_t *b = malloc(8 * sizeof(wchar_t));
    if (b == NULL)
        return;
    wcsncpy(b, s, 7);
    b[7] = L'\0';
    use(b, 8);
    free(b);
}

void wcsncpy_member_bad(const wchar_t *s)
{
    struct wrec r;
    wcsncpy(r.name, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(&r, sizeof r);
}

void wcsncpy_member_ok(const wchar_t *s)
{
    struct wrec r;
    wcsncpy(r.name, s, 7);
    r.name[7] = L'\0';
    use(&r, sizeof r);
}

void wcsncpy_global_bad(const wchar_t *s)
{
    wcsncpy(g_wide, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(g_wide, sizeof g_wide);
}

void wcsncpy_global_ok(const wchar_t *s)
{
    wcsncpy(g_wide, s, 7);
    g_wide[7] = L'\0';
    use(g_wide, sizeof g_wide);
}

void realloc_char_bad(char *p, size_t n)
{
    p = realloc(p, n * sizeof *p); // expect: BW-UNCHECKED-ALLOC
    use(p, n);
    free(p);
}

void realloc_char_ok(char *p, size_t n)
{
    char *q = realloc(p, n * sizeof *p);
    if (q == NULL) {
        free(p);
        return;
    }
    use(q, n);
    free(q);
}

void realloc_int_bad(int *p, size_t n)
{
    p = realloc(p, n * sizeof *p); // expect: BW-UNCHECKED-ALLOC
    use(p, n);
    free(p);
}

void realloc_int_ok(int *p, size_t n)
{
    int *q = realloc(p, n * sizeof *p);
    if (q == NULL) {
        free(p);
        return;
    }
    use(q, n);
    free(q);
}

void realloc_item_bad(struct item *p, size_t n)
{
    p = realloc(p, n * sizeof *p); // expect: BW-UNCHECKED-ALLOC
    use(p, n);
    free(p);
}

void realloc_item_ok(struct item *p, size_t n)
{
    struct item *q = realloc(p, n * sizeof *p);
    if (q == NULL) {
        free(p);
        return;
    }
    use(q, n);
    free(q);
}

void realloc_double_bad(double *p, size_t n)
{
    p = realloc(p, n * sizeof *p); // expect: BW-UNCHECKED-ALLOC
    use(p, n);
    free(p);
}

void realloc_double_ok(double *p, size_t n)
{
    double *q = realloc(p, n * sizeof *p);
    if (q == NULL) {
        free(p);
        return;
    }
    use(q, n);
    free(q);
}

void terminator_4_bad(void)
{
    char b[4];
    for (int i = 0; i < 4; i++)
        b[i] = 'a';
    b[4] = '\0'; // expect: BW-OFF-BY-ONE
    use(b, sizeof b);
}

void terminator_4_ok(void)
{
    char b[4];
    for (int i = 0; i < 4 - 1; i++)
        b[i] = 'a';
    b[4 - 1] = '\0';
    use(b, sizeof b);
}

void terminator_8_bad(void)
{
    char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = 'a';
    b[8] = '\0'; // expect: BW-OFF-BY-ONE
    use(b, sizeof b);
}

void terminator_8_ok(void)
{
    char b[8];
    for (int i = 0; i < 8 - 1; i++)
        b[i] = 'a';
    b[8 - 1] = '\0';
    use(b, sizeof b);
}

void terminator_16_bad(void)
{
    char b[16];
    for (int i = 0; i < 16; i++)
        b[i] = 'a';
    b[16] = '\0'; // expect: BW-OFF-BY-ONE
    use(b, sizeof b);
}

void terminator_16_ok(void)
{
    char b[16];
    for (int i = 0; i < 16 - 1; i++)
        b[i] = 'a';
    b[16 - 1] = '\0';
    use(b, sizeof b);
}

void terminator_32_bad(void)
{
    char b[32];
    for (int i = 0; i < 32; i++)
        b[i] = 'a';
    b[32] = '\0'; // expect: BW-OFF-BY-ONE
    use(b, sizeof b);
}

void terminator_32_ok(void)
{
    char b[32];
    for (int i = 0; i < 32 - 1; i++)
        b[i] = 'a';
    b[32 - 1] = '\0';
    use(b, sizeof b);
}

static char *make_buffer(size_t n)
{
    return malloc(n);
}

static char *make_buffer_or_die(size_t n)
{
    char *p = malloc(n);
    if (p == NULL)
        abort();
    return p;
}

static void drop_buffer(char *p)
{
    free(p);
}

void helper_unchecked_store_bad(void)
{
    char *p = make_buffer(16);
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    drop_buffer(p);
}

void helper_checked_store_ok(void)
{
    char *p = make_buffer(16);
    if (p == NULL)
        return;
    p[0] = 'x';
    drop_buffer(p);
}

void helper_or_die_store_ok(void)
{
    char *p = make_buffer_or_die(16);
    p[0] = 'x';
    drop_buffer(p);
}

void helper_dropped_store_bad(void)
{
    char *p = make_buffer_or_die(16);
    drop_buffer(p);
    p[0] = 'x'; // expect: BW-USE-AFTER-FREE
}

void helper_unchecked_memcpy_bad(void)
{
    char *p = make_buffer(16);
    memcpy(p, "abc", 4); // expect: BW-UNCHECKED-ALLOC
    drop_buffer(p);
}

void helper_checked_memcpy_ok(void)
{
    char *p = make_buffer(16);
    if (p == NULL)
        return;
    memcpy(p, "abc", 4);
    drop_buffer(p);
}

void helper_or_die_memcpy_ok(void)
{
    char *p = make_buffer_or_die(16);
    memcpy(p, "abc", 4);
    drop_buffer(p);
}

void helper_dropped_memcpy_bad(void)
{
    char *p = make_buffer_or_die(16);
    drop_buffer(p);
    memcpy(p, "abc", 4); // expect: BW-USE-AFTER-FREE
}

void helper_unchecked_memset_bad(void)
{
    char *p = make_buffer(16);
    memset(p, 0, 16); // expect: BW-UNCHECKED-ALLOC
    drop_buffer(p);
}

void helper_checked_memset_ok(void)
{
    char *p = make_buffer(16);
    if (p == NULL)
        return;
    memset(p, 0, 16);
    drop_buffer(p);
}

void helper_or_die_memset_ok(void)
{
    char *p = make_buffer_or_die(16);
    memset(p, 0, 16);
    drop_buffer(p);
}

void helper_dropped_memset_bad(void)
{
    char *p = make_buffer_or_die(16);
    drop_buffer(p);
    memset(p, 0, 16); // expect: BW-USE-AFTER-FREE
}

void helper_double_drop_bad(void)
{
    char *p = make_buffer_or_die(16);
    drop_buffer(p);
    drop_buffer(p); // expect: BW-DOUBLE-FREE
}

void helper_drop_then_free_bad(void)
{
    char *p = make_buffer_or_die(16);
    drop_buffer(p);
    free(p); // expect: BW-DOUBLE-FREE
}

void helper_single_drop_ok(void)
{
    char *p = make_buffer_or_die(16);
    drop_buffer(p);
    p = NULL;
    drop_buffer(p);
}
