#include <stdio.h>
#include <stdlib.h>

struct request {
    char path[128];
    char lang[16];
};
void parse_request(struct request *r);

int main(void)
{
    struct request r;
    char cmd[300];
    parse_request(&r);
    snprintf(cmd, sizeof cmd, "locale -a | grep %s", r.lang);
    system(cmd);
    snprintf(cmd, sizeof cmd, "cat %s", r.path);
    return system(cmd); // expect: BW-CMD-INJECTION
}
