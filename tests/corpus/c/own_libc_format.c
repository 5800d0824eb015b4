/* A program that defines a C library function itself, with a format
 * attribute (the kernel's lib/vsprintf.c: `int snprintf(char *buf, size_t
 * size, const char *fmt, ...) __printf(3, 4)`): the built-in rows say
 * where its text goes, whatever its body does with it (here it hands the
 * work to a function the checker cannot see). */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

int format_into(char *buf, size_t size, const char *fmt, va_list args);

int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int n = format_into(buf, size, fmt, args);
    va_end(args);
    return n;
}

int system(const char *command);

void list_dir_bad(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls -l %s", getenv("DIR"));
    system(cmd); // expect: BW-CMD-INJECTION
}

void list_numbered_ok(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls -l /srv/%d", atoi(getenv("DIR")));
    system(cmd);
}
