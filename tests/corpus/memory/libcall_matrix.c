/* Library-call matrix: unbounded string calls whose fit cannot be proven
 * (BW-DANGEROUS-API) vs. calls that provably fit; reads whose length exceeds
 * the buffer (BW-BUFFER-OVERFLOW) vs. exact ones; results that must be
 * checked and are ignored (BW-UNCHECKED-RETURN) vs. checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <wchar.h>

void use(const void *p, size_t n);

void strcpy_stack_unknown_bad(const char *s)
{
    char a[16] = "";
    strcpy(a, s); // expect: BW-DANGEROUS-API
    use(a, sizeof a);
}

void strcpy_stack_fits_ok(const char *s)
{
    (void)s;
    char a[16] = "";
    strcpy(a, "fits");
    use(a, sizeof a);
}

void strcpy_static_unknown_bad(const char *s)
{
    static char a[16] = "";
    strcpy(a, s); // expect: BW-DANGEROUS-API
    use(a, sizeof a);
}

void strcpy_static_fits_ok(const char *s)
{
    (void)s;
    static char a[16] = "";
    strcpy(a, "fits");
    use(a, sizeof a);
}

void strcat_stack_unknown_bad(const char *s)
{
    char a[16] = "";
    strcat(a, s); // expect: BW-DANGEROUS-API
    use(a, sizeof a);
}

void strcat_stack_fits_ok(const char *s)
{
    (void)s;
    char a[16] = "";
    strcat(a, "ok");
    use(a, sizeof a);
}

void strcat_static_unknown_bad(const char *s)
{
    static char a[16] = "";
    strcat(a, s); // expect: BW-DANGEROUS-API
    use(a, sizeof a);
}

void strcat_static_fits_ok(const char *s)
{
    (void)s;
    static char a[16] = "";
    strcat(a, "ok");
    use(a, sizeof a);
}

void sprintf_stack_unknown_bad(const char *s)
{
    char a[16] = "";
    sprintf(a, "%s", s); // expect: BW-DANGEROUS-API
    use(a, sizeof a);
}

void sprintf_stack_fits_ok(const char *s)
{
    (void)s;
    char a[16] = "";
    sprintf(a, "%d", 7);
    use(a, sizeof a);
}

void sprintf_static_unknown_bad(const char *s)
{
    static char a[16] = "";
    sprintf(a, "%s", s); // expect: BW-DANGEROUS-API
    use(a, sizeof a);
}

void sprintf_static_fits_ok(const char *s)
{
    (void)s;
    static char a[16] = "";
    sprintf(a, "%d", 7);
    use(a, sizeof a);
}

void wcscpy_unknown_bad(const wchar_t *s)
{
    wchar_t a[16];
    wcscpy(a, s); // expect: BW-DANGEROUS-API
    use(a, sizeof a);
}

void wcsncpy_bounded_ok(const wchar_t *s)
{
    wchar_t a[16];
    wcsncpy(a, s, 15);
    a[15] = L'\0';
    use(a, sizeof a);
}

void read_16_bad(int fd)
{
    char b[8];
    if (read(fd, b, 16) < 0) // expect: BW-BUFFER-OVERFLOW
        return;
    use(b, sizeof b);
}

void read_64_bad(int fd)
{
    char b[8];
    if (read(fd, b, 64) < 0) // expect: BW-BUFFER-OVERFLOW
        return;
    use(b, sizeof b);
}

void read_exact_ok(int fd)
{
    char b[8];
    if (read(fd, b, 8) < 0)
        return;
    use(b, sizeof b);
}

void recv_16_bad(int fd)
{
    char b[8];
    if (recv(fd, b, 16, 0) < 0) // expect: BW-BUFFER-OVERFLOW
        return;
    use(b, sizeof b);
}

void recv_64_bad(int fd)
{
    char b[8];
    if (recv(fd, b, 64, 0) < 0) // expect: BW-BUFFER-OVERFLOW
        return;
    use(b, sizeof b);
}

void recv_exact_ok(int fd)
{
    char b[8];
    if (recv(fd, b, 8, 0) < 0)
        return;
    use(b, sizeof b);
}

void fread_16_bad(FILE *f)
{
    char b[8];
    if (fread(b, 1, 16, f) == 0) // expect: BW-BUFFER-OVERFLOW
        return;
    use(b, sizeof b);
}

void fread_64_bad(FILE *f)
{
    char b[8];
    if (fread(b, 1, 64, f) == 0) // expect: BW-BUFFER-OVERFLOW
        return;
    use(b, sizeof b);
}

void fread_exact_ok(FILE *f)
{
    char b[8];
    if (fread(b, 1, 8, f) == 0)
        return;
    use(b, sizeof b);
}

void fgets_16_bad(FILE *f)
{
    char b[8];
    if (fgets(b, 16, f) == NULL) // expect: BW-BUFFER-OVERFLOW
        return;
    use(b, sizeof b);
}

void fgets_64_bad(FILE *f)
{
    char b[8];
    if (fgets(b, 64, f) == NULL) // expect: BW-BUFFER-OVERFLOW
        return;
    use(b, sizeof b);
}

void fgets_exact_ok(FILE *f)
{
    char b[8];
    if (fgets(b, 8, f) == NULL)
        return;
    use(b, sizeof b);
}

void read_ignored_bad(int fd)
{
    char b[8];
    read(fd, b, sizeof b); // expect: BW-UNCHECKED-RETURN
    use(b, sizeof b);
}

void read_checked_ok(int fd)
{
    char b[8];
    if (read(fd, b, sizeof b) != (ssize_t)sizeof b)
        return;
    use(b, sizeof b);
}

void recv_ignored_bad(int fd)
{
    char b[8];
    recv(fd, b, sizeof b, 0); // expect: BW-UNCHECKED-RETURN
    use(b, sizeof b);
}

void recv_checked_ok(int fd)
{
    char b[8];
    if (recv(fd, b, sizeof b, 0) <= 0)
        return;
    use(b, sizeof b);
}

void fread_ignored_bad(FILE *f)
{
    char b[8];
    fread(b, 1, sizeof b, f); // expect: BW-UNCHECKED-RETURN
    use(b, sizeof b);
}

void fread_checked_ok(FILE *f)
{
    char b[8];
    if (fread(b, 1, sizeof b, f) != sizeof b)
        return;
    use(b, sizeof b);
}

void scanf_ignored_bad(void)
{
    char b[8];
    scanf("%7s", b); // expect: BW-UNCHECKED-RETURN
    use(b, sizeof b);
}

void scanf_checked_ok(void)
{
    char b[8];
    if (scanf("%7s", b) != 1)
        return;
    use(b, sizeof b);
}

void setuid_ignored_bad(void)
{
    setuid(1000); // expect: BW-UNCHECKED-RETURN
}

void setuid_checked_ok(void)
{
    if (setuid(1000) != 0)
        abort();
}

void setgid_ignored_bad(void)
{
    setgid(1000); // expect: BW-UNCHECKED-RETURN
}

void setgid_checked_ok(void)
{
    if (setgid(1000) != 0)
        abort();
}

void wmemset_bad(void)
{
    wchar_t a[8];
    wmemset(a, 0, 16); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void wmemset_ok(void)
{
    wchar_t a[8];
    wmemset(a, 0, 8);
    use(a, sizeof a);
}

void strcat_literal_bad(void)
{
    char a[8] = "ab";
    strcat(a, "cdefghij"); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}
