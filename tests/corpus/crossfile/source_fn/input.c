/* A source in another file: its summary says it returns untrusted data. */
#include <stdio.h>
#include <string.h>

static char line[256];

const char *read_command(void)
{
    if (fgets(line, sizeof line, stdin) == NULL)
        return "";
    line[strcspn(line, "\n")] = 0;
    return line;
}

const char *default_command(void)
{
    return "uptime";
}
