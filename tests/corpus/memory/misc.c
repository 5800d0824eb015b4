/* Off-by-one, underwrite, overread, allocation sizes, wide characters. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <unistd.h>

void obo_loop_le_bad(void)
{
    int a[10];
    for (int i = 0; i <= 10; i++)
        a[i] = 0; // expect: BW-OFF-BY-ONE
    printf("%d\n", a[0]);
}

void obo_loop_lt_ok(void)
{
    int a[10];
    for (int i = 0; i < 10; i++)
        a[i] = 0;
    printf("%d\n", a[0]);
}

void obo_terminator_bad(const char *s)
{
    char buf[8];
    int i;
    for (i = 0; i < 8; i++)
        buf[i] = s[i];
    buf[i] = 0; // expect: BW-OFF-BY-ONE
    puts(buf);
}

void obo_terminator_ok(const char *s)
{
    char buf[8];
    int i;
    for (i = 0; i < 7; i++)
        buf[i] = s[i];
    buf[i] = 0;
    puts(buf);
}

void obo_strlen_alloc_bad(const char *s)
{
    char *p = malloc(strlen(s));
    if (!p)
        return;
    strcpy(p, s); // expect: BW-OFF-BY-ONE
    free(p);
}

void obo_strlen_alloc_ok(const char *s)
{
    char *p = malloc(strlen(s) + 1);
    if (!p)
        return;
    strcpy(p, s); /* sized for s and its terminator: fits whatever s's length */
    free(p);
}

void obo_strncpy_unterminated_bad(const char *s)
{
    char b[16];
    strncpy(b, s, sizeof b);
    printf("%zu\n", strlen(b)); // expect: BW-OFF-BY-ONE
}

void obo_strncpy_terminated_ok(const char *s)
{
    char b[16];
    strncpy(b, s, sizeof b);
    b[sizeof b - 1] = '\0';
    printf("%zu\n", strlen(b));
}

void obo_sizeof_pointer_bad(char *dst, const char *src)
{
    char *p = dst;
    memcpy(p, src, sizeof(p)); // expect: BW-OFF-BY-ONE
}

void obo_sizeof_array_ok(const char *src)
{
    char d[32];
    memcpy(d, src, sizeof(d));
    puts(d);
}

void underwrite_bad(void)
{
    char b[8];
    int i = -1;
    b[i] = 0; // expect: BW-BUFFER-UNDERWRITE
    puts(b);
}

void underwrite_ok(void)
{
    char b[8];
    int i = 0;
    b[i] = 0;
    puts(b);
}

void underwrite_ptr_bad(void)
{
    char b[8];
    char *p = b + 2;
    p[-4] = 0; // expect: BW-BUFFER-UNDERWRITE
    puts(b);
}

void underwrite_ptr_ok(void)
{
    char b[8];
    char *p = b + 2;
    p[-2] = 0;
    puts(b);
}

void countdown_bad(void)
{
    int a[4];
    for (int i = 3; i >= -1; i--)
        a[i] = i; // expect: BW-BUFFER-UNDERWRITE
    printf("%d\n", a[0]);
}

void countdown_ok(void)
{
    int a[4];
    for (int i = 3; i >= 0; i--)
        a[i] = i;
    printf("%d\n", a[0]);
}

void overread_memcpy_bad(char *out)
{
    char small[8] = "abc";
    memcpy(out, small, 16); // expect: BW-BUFFER-OVERREAD
}

void overread_memcpy_ok(char *out)
{
    char small[8] = "abc";
    memcpy(out, small, sizeof small);
}

int overread_index_bad(void)
{
    int a[5] = {0};
    return a[7]; // expect: BW-BUFFER-OVERREAD
}

int overread_index_ok(void)
{
    int a[5] = {0};
    return a[4];
}

void write_overread_bad(int fd)
{
    char msg[4] = "hi";
    write(fd, msg, 10); // expect: BW-BUFFER-OVERREAD
}

void write_overread_ok(int fd)
{
    char msg[4] = "hi";
    write(fd, msg, 2);
}

void *alloc_mul_bad(size_t n, size_t sz)
{
    return malloc(n * sz); // expect: BW-ALLOC-SIZE-OVERFLOW
}

void *alloc_calloc_ok(size_t n, size_t sz)
{
    return calloc(n, sz);
}

void *alloc_const_mul_ok(void)
{
    return malloc(16 * sizeof(int));
}

int alloc_untrusted_bad(int fd)
{
    uint32_t n;
    if (read(fd, &n, sizeof n) != sizeof n)
        return -1;
    char *p = malloc(n); // expect: BW-ALLOC-SIZE-OVERFLOW
    free(p);
    return 0;
}

int alloc_untrusted_bounded_ok(int fd)
{
    uint32_t n;
    if (read(fd, &n, sizeof n) != sizeof n)
        return -1;
    if (n > 4096)
        return -1;
    char *p = malloc(n);
    free(p);
    return 0;
}

void wide_bad(void)
{
    wchar_t w[8];
    wmemset(w, L'x', 16); // expect: BW-BUFFER-OVERFLOW
    wprintf(L"%ls\n", w);
}

void wide_ok(void)
{
    wchar_t w[8];
    wmemset(w, L'x', 7);
    w[7] = 0;
    wprintf(L"%ls\n", w);
}

void wide_index_bad(void)
{
    wchar_t w[8];
    w[8] = 0; // expect: BW-OFF-BY-ONE
    wprintf(L"%ls\n", w);
}

void wide_wcsncpy_bad(const wchar_t *s)
{
    wchar_t w[8];
    wcsncpy(w, s, 12); // expect: BW-BUFFER-OVERFLOW
    w[7] = 0;
    wprintf(L"%ls\n", w);
}

void wide_wcsncpy_ok(const wchar_t *s)
{
    wchar_t w[8];
    wcsncpy(w, s, 7);
    w[7] = 0;
    wprintf(L"%ls\n", w);
}
