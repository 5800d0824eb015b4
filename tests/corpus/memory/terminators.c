/* Buffers left without a terminator (strncpy of a long source, memset
 * with a non-zero byte) and then read as strings by library calls; each
 * safe twin terminates first.  And scanf %s with and without a width. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strncpy_puts_bad(const char *s)
{
    char c[8];
    strncpy(c, s, sizeof c);
    puts(c); // expect: BW-OFF-BY-ONE
}

void strncpy_puts_ok(const char *s)
{
    char c[8];
    strncpy(c, s, sizeof c);
    c[sizeof c - 1] = '\0';
    puts(c);
}

int strncpy_atoi_bad(const char *s)
{
    char c[8];
    strncpy(c, s, sizeof c);
    return atoi(c); // expect: BW-OFF-BY-ONE
}

int strncpy_atoi_ok(const char *s)
{
    char c[8];
    strncpy(c, s, sizeof c - 1);
    c[sizeof c - 1] = '\0';
    return atoi(c);
}

void memset_puts_bad(void)
{
    char d[8];
    memset(d, 'a', sizeof d);
    puts(d); // expect: BW-OFF-BY-ONE
}

void memset_puts_ok(void)
{
    char d[8];
    memset(d, 'a', sizeof d - 1);
    d[sizeof d - 1] = '\0';
    puts(d);
}

void memset_pad_ok(size_t width)
{
    char d[16];
    if (width >= sizeof d)
        return;
    memset(d, ' ', sizeof d);
    d[width] = '\0';
    puts(d);
}

void memset_pad_first_bad(void)
{
    char d[16];
    memset(d, ' ', sizeof d);
    d[0] = '>';
    puts(d); // expect: BW-OFF-BY-ONE
}

char *strncpy_dup_bad(const char *s)
{
    char c[8];
    strncpy(c, s, sizeof c);
    return strdup(c); // expect: BW-OFF-BY-ONE
}

void memset_zero_strcmp_ok(const char *s)
{
    char d[8];
    memset(d, 0, sizeof d);
    if (strcmp(d, s) == 0)
        puts(s);
}

int scanf_unbounded_bad(void)
{
    char buf[16];
    if (scanf("%s", buf) != 1) // expect: BW-DANGEROUS-API
        return -1;
    return buf[0];
}

int scanf_width_ok(void)
{
    char buf[16];
    if (scanf("%15s", buf) != 1)
        return -1;
    return buf[0];
}
