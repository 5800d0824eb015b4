/* BW-BUFFER-OVERFLOW on stack buffers: each bad case beside its safe twin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void memcpy_too_long(const char *src)
{
    char dest[50];
    memcpy(dest, src, 100); // expect: BW-BUFFER-OVERFLOW
    puts(dest);
}

void memcpy_fits(const char *src)
{
    char dest[50];
    memcpy(dest, src, sizeof dest);
    puts(dest);
}

void memset_too_long(void)
{
    char b[16];
    memset(b, 0, 32); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void memset_fits(void)
{
    char b[16];
    memset(b, 0, sizeof b);
    puts(b);
}

void strncpy_too_long(const char *s)
{
    char b[8];
    strncpy(b, s, 16); // expect: BW-BUFFER-OVERFLOW
    b[7] = 0;
    puts(b);
}

void strncpy_fits(const char *s)
{
    char b[8];
    strncpy(b, s, sizeof b - 1);
    b[7] = 0;
    puts(b);
}

void fgets_too_long(FILE *f)
{
    char line[64];
    if (fgets(line, 128, f) != NULL) // expect: BW-BUFFER-OVERFLOW
        puts(line);
}

void fgets_fits(FILE *f)
{
    char line[64];
    if (fgets(line, sizeof line, f) != NULL)
        puts(line);
}

void snprintf_lies(int v)
{
    char b[10];
    snprintf(b, 20, "%d", v); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void snprintf_fits(int v)
{
    char b[10];
    snprintf(b, sizeof b, "%d", v);
    puts(b);
}

void read_too_long(int fd)
{
    char b[32];
    if (read(fd, b, 64) > 0) // expect: BW-BUFFER-OVERFLOW
        puts(b);
}

void read_fits(int fd)
{
    char b[32];
    if (read(fd, b, sizeof b) > 0)
        puts(b);
}

void strcpy_literal_too_long(void)
{
    char b[4];
    strcpy(b, "too long for it"); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void strcpy_literal_fits(void)
{
    char b[16];
    strcpy(b, "fits");
    puts(b);
}

void index_const_bad(void)
{
    int a[10];
    a[12] = 1; // expect: BW-BUFFER-OVERFLOW
    printf("%d\n", a[0]);
}

void index_const_ok(void)
{
    int a[10];
    a[9] = 1;
    printf("%d\n", a[9]);
}

void loop_bad(void)
{
    int a[10];
    for (int i = 0; i < 20; i++)
        a[i] = i; // expect: BW-BUFFER-OVERFLOW
    printf("%d\n", a[0]);
}

void loop_ok(void)
{
    int a[10];
    for (int i = 0; i < 10; i++)
        a[i] = i;
    printf("%d\n", a[0]);
}

int main(int argc, char **argv)
{
    char table[16];
    int idx = atoi(argv[1]);
    table[idx] = 1; // expect: BW-BUFFER-OVERFLOW
    if (idx >= 0 && idx < 16)
        table[idx] = 2;
    (void)argc;
    return table[0];
}
