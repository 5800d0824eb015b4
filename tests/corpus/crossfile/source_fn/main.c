#include <stdio.h>
#include <stdlib.h>

const char *read_command(void);
const char *default_command(void);

int main(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "sh -c '%s'", default_command());
    system(cmd);
    snprintf(cmd, sizeof cmd, "sh -c '%s'", read_command());
    return system(cmd); // expect: BW-CMD-INJECTION
}
