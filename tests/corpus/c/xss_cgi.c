/* BW-XSS in a CGI program (it emits an HTML content type). */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void header(void)
{
    printf("Content-Type: text/html\r\n\r\n");
}

void printf_bad(void)
{
    const char *q = getenv("QUERY_STRING");
    header();
    printf("<p>You searched for %s</p>\n", q); // expect: BW-XSS
}

void printf_escaped_safe(void)
{
    char *q = g_markup_escape_text(getenv("QUERY_STRING"), -1);
    header();
    printf("<p>You searched for %s</p>\n", q);
    g_free(q);
}

void printf_number_safe(void)
{
    int page = atoi(getenv("QUERY_STRING"));
    printf("<p>Page %d</p>\n", page);
}

void puts_bad(void)
{
    char line[256];
    snprintf(line, sizeof line, "<h1>%s</h1>", getenv("TITLE"));
    puts(line); // expect: BW-XSS
}

void fputs_stdout_bad(void)
{
    fputs(getenv("QUERY_STRING"), stdout); // expect: BW-XSS
}

void fputs_stderr_safe(void)
{
    fputs(getenv("QUERY_STRING"), stderr);
}

void fprintf_stdout_bad(void)
{
    fprintf(stdout, "<td>%s</td>", getenv("NAME")); // expect: BW-XSS
}

void write_fd1_bad(void)
{
    const char *v = getenv("NAME");
    write(1, v, strlen(v)); // expect: BW-XSS
}

static char *html_escape(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n * 6 + 1), *o = out;
    if (out == NULL)
        return NULL;
    for (; *s; s++) {
        if (*s == '<') {
            memcpy(o, "&lt;", 4);
            o += 4;
        } else if (*s == '&') {
            memcpy(o, "&amp;", 5);
            o += 5;
        } else {
            *o++ = 'x';
        }
    }
    *o = 0;
    return out;
}

void user_escaper_safe(void)
{
    char *e = html_escape(getenv("NAME"));
    printf("<b>%s</b>", e);
    free(e);
}

void format_arg_position_safe(void)
{
    printf("<a href=\"/item/%d\">%s</a>", atoi(getenv("ID")), "item");
}
