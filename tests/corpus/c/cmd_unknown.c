/* BW-CMD-INJECTION with unknown origin (no caller shows where it comes from). */
#include <stdio.h>
#include <stdlib.h>

int compress_file(const char *path)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "gzip -9 %s", path);
    return system(cmd); // expect: BW-CMD-INJECTION
}

int compress_fixed(void)
{
    return system("gzip -9 /var/log/app.log");
}
