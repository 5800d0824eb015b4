/* Two TUs with a static function of the same name: the format attribute on
 * this file's report() says nothing about the other file's report(). */
#include <stdarg.h>
#include <stdio.h>

static void report(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "[%d] ", level);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

void log_user(const char *user)
{
    report(1, "user %s\n", user);
}

void log_user_bad(const char *user)
{
    report(1, user); // expect: BW-FORMAT-STRING
}
