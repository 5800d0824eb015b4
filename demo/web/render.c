/* render.c — HTML pages.  demo_render_search_header escapes what it echoes;
 * demo_render_greeting does not (BW-XSS). */
#include <stdio.h>

#include "render.h"

void demo_html_escape(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}

void demo_page_start(const char *title)
{
    printf("Content-Type: text/html; charset=utf-8\r\n\r\n");
    printf("<!doctype html><html><head><title>");
    demo_html_escape(stdout, title);
    printf("</title></head><body>\n");
}

void demo_page_end(void)
{
    printf("</body></html>\n");
    fflush(stdout);
}

void demo_render_search_header(const char *term)
{
    printf("<h1>Results for ");
    demo_html_escape(stdout, term);
    printf("</h1>\n");
}

void demo_render_greeting(const char *name)
{
    printf("<p>Welcome back, %s!</p>\n", name);
}
