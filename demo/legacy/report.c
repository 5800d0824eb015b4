/* report.c — the legacy module: the defects the Secure by Design guidance
 * names, as they appear in old C code.
 *   legacy_profile: strcpy of a request parameter into a fixed buffer that
 *                   sits next to a function pointer (BW-BUFFER-OVERFLOW,
 *                   BW-DANGEROUS-API) — the memory bug the exploit uses
 *   legacy_export:  a shell command built from a parameter (BW-CMD-INJECTION)
 *   legacy_log:     a message used as a format string (BW-FORMAT-STRING)
 *   legacy_status:  prints the address of a handler (an information leak
 *                   that makes the exploit reliable under ASLR) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

typedef void (*render_fn)(const char *name);

struct profile_view {
    char display_name[64];
    render_fn render;
};

static void render_plain(const char *name)
{
    printf("<p>Profile of %s</p>\n", name);
}

/* An admin-only maintenance hook that no request is supposed to reach. */
void legacy_admin_backdoor(const char *name)
{
    (void)name;
    printf("<p>ADMIN MAINTENANCE MODE: dumping supplier keys</p>\n");
    fflush(stdout);
    puts("PWNED: legacy_admin_backdoor ran");
    fflush(stdout);
}

void legacy_profile(const char *name)
{
    struct profile_view view;
    view.render = render_plain;
    strcpy(view.display_name, name);
    view.render(view.display_name);
}

int legacy_export(const char *customer)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "echo exporting report for %s > /dev/null", customer);
    return system(cmd);
}

void legacy_log(const char *message)
{
    fprintf(stderr, message);
    fputc('\n', stderr);
}

void legacy_status(void)
{
    printf("<!-- legacy formatter %p -->\n", (void *)render_plain);
}
