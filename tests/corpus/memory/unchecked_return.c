/* BW-UNCHECKED-RETURN: results whose failure leaves memory or state undefined. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void fgets_ignored_bad(FILE *f)
{
    char line[64];
    fgets(line, sizeof line, f); // expect: BW-UNCHECKED-RETURN
    puts(line);
}

void fgets_checked_ok(FILE *f)
{
    char line[64];
    if (fgets(line, sizeof line, f) == NULL)
        return;
    puts(line);
}

void read_ignored_bad(int fd)
{
    char b[16];
    read(fd, b, sizeof b); // expect: BW-UNCHECKED-RETURN
    puts(b);
}

void read_checked_ok(int fd)
{
    char b[16];
    ssize_t n = read(fd, b, sizeof b - 1);
    if (n < 0)
        return;
    b[n] = 0;
    puts(b);
}

int scanf_ignored_bad(void)
{
    int v;
    scanf("%d", &v); // expect: BW-UNCHECKED-RETURN
    return v;
}

int scanf_checked_ok(void)
{
    int v;
    if (scanf("%d", &v) != 1)
        return -1;
    return v;
}

void setuid_ignored_bad(void)
{
    setuid(1000); // expect: BW-UNCHECKED-RETURN
    puts("dropped");
}

void setuid_checked_ok(void)
{
    if (setuid(1000) != 0)
        abort();
    puts("dropped");
}

void setuid_void_cast_ok(void)
{
    /* already unprivileged here: failure changes nothing */
    (void)setuid(1000);
}

size_t fread_ignored_bad(FILE *f)
{
    char b[32];
    fread(b, 1, sizeof b, f); // expect: BW-UNCHECKED-RETURN
    return (size_t)b[0];
}

size_t fread_checked_ok(FILE *f)
{
    char b[32];
    size_t n = fread(b, 1, sizeof b, f);
    return n ? (size_t)b[0] : 0;
}
