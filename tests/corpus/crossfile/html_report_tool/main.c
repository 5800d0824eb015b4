#include <stdio.h>
#include <stdlib.h>

void write_report(FILE *out, const char *title);

void html_escape(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc(*s == '<' ? '?' : *s, out);
}

int main(int argc, char **argv)
{
    FILE *f = fopen("report.html", "w");
    if (f == NULL)
        return 1;
    write_report(f, "status");
    fclose(f);
    printf("report for %s written\n", argc > 1 ? argv[1] : "(none)");
    return 0;
}
