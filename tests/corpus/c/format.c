/* BW-FORMAT-STRING: non-literal formats from untrusted or unknown data. */
#include <err.h>
#include <libintl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

void printf_bad(void)
{
    printf(getenv("GREETING")); // expect: BW-FORMAT-STRING
}

void printf_percent_s_safe(void)
{
    printf("%s", getenv("GREETING"));
}

void fprintf_bad(void)
{
    char line[128];
    if (fgets(line, sizeof line, stdin))
        fprintf(stderr, line); // expect: BW-FORMAT-STRING
}

void fprintf_safe(void)
{
    char line[128];
    if (fgets(line, sizeof line, stdin))
        fprintf(stderr, "%s", line);
}

void syslog_bad(void)
{
    syslog(LOG_ERR, getenv("MSG")); // expect: BW-FORMAT-STRING
}

void syslog_safe(void)
{
    syslog(LOG_ERR, "%s", getenv("MSG"));
}

void snprintf_bad(void)
{
    char out[64];
    snprintf(out, sizeof out, getenv("FMT"), 1); // expect: BW-FORMAT-STRING
}

void warnx_bad(void)
{
    warnx(getenv("MSG")); // expect: BW-FORMAT-STRING
}

void conditional_literal_safe(int loud)
{
    const char *fmt = loud ? "LOUD %d\n" : "quiet %d\n";
    printf(fmt, 3);
}

void gettext_literal_safe(void)
{
    printf(gettext("Hello %s\n"), "world");
}

void strerror_safe(void)
{
    fprintf(stderr, strerror(2));
}

void copied_format_bad(void)
{
    char fmt[64];
    strncpy(fmt, getenv("FMT"), sizeof fmt - 1);
    fmt[sizeof fmt - 1] = 0;
    printf(fmt, 1); // expect: BW-FORMAT-STRING
}

/* a logging wrapper with a format attribute: callers are checked */
static void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void log_msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

void log_literal_safe(void)
{
    log_msg("user %s logged in", getenv("USER"));
}

void log_tainted_bad(void)
{
    log_msg(getenv("MSG")); // expect: BW-FORMAT-STRING
}

/* a wrapper without the attribute: its summary says the parameter is a format */
static void report(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

void report_literal_safe(void)
{
    report("%d items\n", 4);
}

void report_tainted_bad(void)
{
    char buf[128];
    if (fgets(buf, sizeof buf, stdin))
        report(buf); // expect: BW-FORMAT-STRING
}

/* unknown origin: exported and never called here */
void print_message(const char *msg)
{
    printf(msg); // expect: BW-FORMAT-STRING
}

void print_message_safe(const char *msg)
{
    fputs(msg, stdout);
}
