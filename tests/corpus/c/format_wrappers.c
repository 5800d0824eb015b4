/* Logging APIs that nobody in the compile database calls: a function that
 * hands its own format parameter on with a va_list of its own variadic
 * arguments is a printf-style wrapper, checked at its callers like one with
 * a format attribute.  Using a parameter as a format any other way is still
 * a format string of unknown origin. */
#include <stdarg.h>
#include <stdio.h>

/* exported wrappers, no caller here */
void api_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

void api_vlog(const char *fmt, va_list ap)
{
    vfprintf(stderr, fmt, ap);
}

/* a wrapper of a wrapper: forwards to api_vlog(), which is one */
void api_log_twice(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    api_vlog(fmt, ap);
    va_end(ap);
}

/* bad twins: the parameter is the format, but no variadic arguments go with it */
void api_log_bad(const char *fmt, ...)
{
    fprintf(stderr, fmt); // expect: BW-FORMAT-STRING
}

void api_vlog_bad(const char *msg, va_list ap)
{
    (void)ap;
    printf(msg); // expect: BW-FORMAT-STRING
}

/* a va_list wrapper called with a format that is not our parameter */
void api_log_fixed_bad(const char *prefix, ...)
{
    va_list ap;
    va_start(ap, prefix);
    char line[64];
    snprintf(line, sizeof line, "%s", prefix);
    api_vlog(line, ap); // expect: BW-FORMAT-STRING
    va_end(ap);
}

/* the scanf family: the same shapes */
int api_scan(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfscanf(f, fmt, ap);
    va_end(ap);
    return n;
}

int api_scan_bad(FILE *f, const char *fmt, int *out)
{
    return fscanf(f, fmt, out); // expect: BW-FORMAT-STRING
}
