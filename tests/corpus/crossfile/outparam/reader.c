#include <stdio.h>
#include <string.h>

struct request {
    char path[128];
    char lang[16];
};

void parse_request(struct request *r)
{
    char line[256];
    if (fgets(line, sizeof line, stdin) == NULL)
        line[0] = 0;
    strncpy(r->path, line, sizeof r->path - 1);
    strcpy(r->lang, "en");
}
