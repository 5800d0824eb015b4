/* BW-CMD-INJECTION: shell commands built from untrusted data. */
#include <ctype.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void system_bad(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls -l %s", getenv("DIR"));
    system(cmd); // expect: BW-CMD-INJECTION
}

void system_const_safe(void)
{
    system("ls -l /tmp");
}

void popen_bad(void)
{
    char cmd[256] = "grep ";
    strcat(cmd, getenv("PATTERN"));
    FILE *f = popen(cmd, "r"); // expect: BW-CMD-INJECTION
    if (f)
        pclose(f);
}

void popen_number_safe(void)
{
    char cmd[64];
    snprintf(cmd, sizeof cmd, "kill -0 %d", atoi(getenv("PID")));
    FILE *f = popen(cmd, "r");
    if (f)
        pclose(f);
}

void execl_shell_bad(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "tar czf /tmp/x.tgz %s", getenv("FILES"));
    execl("/bin/sh", "sh", "-c", cmd, (char *)NULL); // expect: BW-CMD-INJECTION
}

void execl_no_shell_safe(void)
{
    execl("/bin/tar", "tar", "czf", "/tmp/x.tgz", getenv("FILES"), (char *)NULL);
}

void execv_shell_bad(void)
{
    char *args[] = {"sh", "-c", getenv("CMD"), NULL};
    execv("/bin/sh", args); // expect: BW-CMD-INJECTION
}

void execvp_program_safe(void)
{
    char *args[] = {"grep", "--", getenv("PATTERN"), NULL};
    execvp("grep", args);
}

void quoted_safe(void)
{
    char cmd[512];
    char *q = g_shell_quote(getenv("FILE"));
    snprintf(cmd, sizeof cmd, "wc -l %s", q);
    system(cmd);
    g_free(q);
}

void glib_spawn_bad(void)
{
    char *cmd = g_strdup_printf("convert %s out.png", getenv("IMG"));
    g_spawn_command_line_sync(cmd, NULL, NULL, NULL, NULL); // expect: BW-CMD-INJECTION
}

void allowlist_safe(void)
{
    char cmd[256];
    const char *host = getenv("HOST");
    if (strspn(host, "abcdefghijklmnopqrstuvwxyz0123456789.-") != strlen(host))
        exit(2);
    snprintf(cmd, sizeof cmd, "ping -c 1 %s", host);
    system(cmd);
}

void ctype_loop_safe(void)
{
    char cmd[256];
    const char *user = getenv("USER_ID");
    for (size_t i = 0; user[i] != '\0'; i++) {
        if (!isdigit((unsigned char)user[i]))
            return;
    }
    snprintf(cmd, sizeof cmd, "id %s", user);
    system(cmd);
}

void argv_bad(int argc, char **argv)
{
    char cmd[256];
    if (argc < 2)
        return;
    snprintf(cmd, sizeof cmd, "cat %s", argv[1]);
    system(cmd); /* reported at the caller, which passes main's argv */
}

int main(int argc, char **argv)
{
    char cmd[256];
    if (argc < 2)
        return 1;
    snprintf(cmd, sizeof cmd, "file %s", argv[1]);
    argv_bad(argc, argv); // expect: BW-CMD-INJECTION
    return system(cmd); // expect: BW-CMD-INJECTION
}
