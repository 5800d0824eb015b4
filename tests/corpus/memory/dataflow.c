/* Data flow: copies, aliases, struct members, arrays of buffers, wchar_t. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

struct rec {
    int id;
    char name[16];
    wchar_t wname[8];
};

void alias_bad(const char *s)
{
    char b[8];
    char *p = b;
    memcpy(p, s, 9); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void alias_ok(const char *s)
{
    char b[8];
    char *p = b;
    memcpy(p, s, 8);
    puts(b);
}

void alias_offset_bad(const char *s)
{
    char b[16];
    char *p = b + 8;
    memcpy(p, s, 12); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void alias_offset_ok(const char *s)
{
    char b[16];
    char *p = b + 8;
    memcpy(p, s, 8);
    puts(b);
}

void len_copy_bad(const char *s)
{
    char b[10];
    size_t n = 20;
    size_t m = n;
    memcpy(b, s, m); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void len_copy_ok(const char *s)
{
    char b[10];
    size_t n = sizeof b;
    size_t m = n;
    memcpy(b, s, m);
    puts(b);
}

void len_arith_bad(const char *s)
{
    char b[10];
    size_t n = 4;
    memcpy(b, s, n * 3); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void len_arith_ok(const char *s)
{
    char b[12];
    size_t n = 4;
    memcpy(b, s, n * 3);
    puts(b);
}

void member_bad(struct rec *r, const char *s)
{
    memcpy(r->name, s, 32); // expect: BW-BUFFER-OVERFLOW
}

void member_ok(struct rec *r, const char *s)
{
    memcpy(r->name, s, sizeof r->name);
}

void member_dot_bad(const char *s)
{
    struct rec r;
    memset(r.name, 0, 17); // expect: BW-BUFFER-OVERFLOW
    strncpy(r.name, s, sizeof r.name - 1);
    puts(r.name);
}

void member_dot_ok(const char *s)
{
    struct rec r;
    memset(r.name, 0, sizeof r.name);
    strncpy(r.name, s, sizeof r.name - 1);
    puts(r.name);
}

void member_index_bad(void)
{
    struct rec r;
    r.name[16] = 0; // expect: BW-OFF-BY-ONE
    puts(r.name);
}

void member_index_ok(void)
{
    struct rec r;
    r.name[15] = 0;
    puts(r.name);
}

void struct_strcpy_literal_bad(struct rec *r)
{
    strcpy(r->name, "seventeen chars!!"); // expect: BW-BUFFER-OVERFLOW
}

void struct_strcpy_literal_ok(struct rec *r)
{
    strcpy(r->name, "sixteen chars!!");
}

void wide_member_bad(struct rec *r, const wchar_t *s)
{
    wmemcpy(r->wname, s, 9); // expect: BW-BUFFER-OVERFLOW
}

void wide_member_ok(struct rec *r, const wchar_t *s)
{
    wmemcpy(r->wname, s, 8);
}

void wide_bytes_vs_chars_bad(const wchar_t *s)
{
    wchar_t w[8];
    wmemcpy(w, s, sizeof w); // expect: BW-BUFFER-OVERFLOW
    wprintf(L"%ls\n", w);
}

void wide_bytes_vs_chars_ok(const wchar_t *s)
{
    wchar_t w[8];
    wmemcpy(w, s, sizeof w / sizeof w[0]);
    wprintf(L"%ls\n", w);
}

void wide_memcpy_bad(const wchar_t *s)
{
    wchar_t w[8];
    memcpy(w, s, 8 * sizeof(wchar_t) + 4); // expect: BW-BUFFER-OVERFLOW
    wprintf(L"%ls\n", w);
}

void wide_memcpy_ok(const wchar_t *s)
{
    wchar_t w[8];
    memcpy(w, s, 8 * sizeof(wchar_t));
    wprintf(L"%ls\n", w);
}

void wide_wcscpy_literal_bad(void)
{
    wchar_t w[4];
    wcscpy(w, L"long wide"); // expect: BW-BUFFER-OVERFLOW
    wprintf(L"%ls\n", w);
}

void wide_wcscpy_literal_ok(void)
{
    wchar_t w[16];
    wcscpy(w, L"long wide");
    wprintf(L"%ls\n", w);
}

void int_array_memset_bad(void)
{
    int a[10];
    memset(a, 0, 10 * sizeof(int) + 1); // expect: BW-BUFFER-OVERFLOW
    printf("%d\n", a[0]);
}

void int_array_memset_ok(void)
{
    int a[10];
    memset(a, 0, sizeof a);
    printf("%d\n", a[0]);
}

void heap_alias_bad(const char *s)
{
    char *p = malloc(16);
    if (p == NULL)
        return;
    char *q = p;
    memcpy(q, s, 17); // expect: BW-BUFFER-OVERFLOW
    free(p);
}

void heap_alias_ok(const char *s)
{
    char *p = malloc(16);
    if (p == NULL)
        return;
    char *q = p;
    memcpy(q, s, 16);
    free(p);
}

void heap_alias_uaf_bad(void)
{
    char *p = malloc(16);
    if (p == NULL)
        return;
    char *q = p;
    free(p);
    q[0] = 0; // expect: BW-USE-AFTER-FREE
}

void heap_alias_double_free_bad(void)
{
    char *p = malloc(16);
    char *q = p;
    free(p);
    free(q); // expect: BW-DOUBLE-FREE
}

void heap_alias_free_once_ok(void)
{
    char *p = malloc(16);
    char *q = p;
    free(q);
}

void strlen_known_bad(void)
{
    const char *s = "0123456789";
    char b[8];
    memcpy(b, s, strlen(s)); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void strlen_known_ok(void)
{
    const char *s = "0123456";
    char b[8];
    memcpy(b, s, strlen(s) + 1);
    puts(b);
}

void strcpy_from_local_bad(void)
{
    char big[32] = "a string of some twenty chars";
    char small[8];
    strcpy(small, big); // expect: BW-BUFFER-OVERFLOW
    puts(small);
}

void strcpy_from_local_ok(void)
{
    char src[8] = "short";
    char dst[8];
    strcpy(dst, src);
    puts(dst);
}

void strcat_bad(void)
{
    char b[10] = "hello";
    strcat(b, " world"); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void strcat_ok(void)
{
    char b[16] = "hello";
    strcat(b, " world");
    puts(b);
}

void sprintf_fits_ok(int v)
{
    char b[16];
    sprintf(b, "%d", v);
    puts(b);
}

void sprintf_too_small_bad(int v)
{
    char b[6];
    sprintf(b, "id=%d", v); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void ptr_walk_bad(void)
{
    char b[8];
    char *p = b;
    p += 8;
    *p = 0; // expect: BW-OFF-BY-ONE
    puts(b);
}

void ptr_walk_ok(void)
{
    char b[8];
    char *p = b;
    p += 7;
    *p = 0;
    puts(b);
}
