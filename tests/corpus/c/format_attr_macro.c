/* Format attributes written through a macro, as Linux's __printf(a, b) and
 * GLib's G_GNUC_PRINTF(f, a) write them: the attribute's tokens are the
 * macro's (`a`, `b`), so the indexes come from clang's own reading. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define printf_like(a, b) __attribute__((__format__(printf, a, b)))

/* the attribute on the prototype, as a header declares it: the definition
 * inherits it, and its callers are checked, not its body */
printf_like(2, 0) int log_v(int level, const char *fmt, va_list ap);
int log_v(int level, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap); /* the length first, as kvasprintf() does */
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    (void)level;
    return n + vfprintf(stderr, fmt, ap);
}

/* its twin without the attribute: nothing checks the callers' formats */
int log_v_plain(int level, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq); // expect: BW-FORMAT-STRING
    va_end(aq);
    (void)level;
    return n + vfprintf(stderr, fmt, ap);
}

/* both are exported through a table, as Linux's EXPORT_SYMBOL takes their
 * address: the callers are unknown */
int (*const log_table[])(int, const char *, va_list) = {log_v, log_v_plain};

/* the attribute on the definition itself */
printf_like(1, 2) int say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

void greet(void)
{
    say("%s", getenv("HOME"));
    say(getenv("HOME")); // expect: BW-FORMAT-STRING
}
