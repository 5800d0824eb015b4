/* A command-line tool that also writes an HTML report — to a file.  Its
 * stdout is a terminal, not an HTTP response: printing input there is not
 * XSS (the markup below goes to `out`, escaped). */
#include <stdio.h>

void html_escape(FILE *out, const char *s);

void write_report(FILE *out, const char *title)
{
    fprintf(out, "<html><body><h1>");
    html_escape(out, title);
    fprintf(out, "</h1></body></html>\n");
}
