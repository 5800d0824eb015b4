/* The plugin for plugin_host.c. */
#include <string.h>

int host_api_double(int v);

static int twice(int (*f)(int), int v) { return f(f(v)); }

const char *plugin_name(void) { return "plugin"; }

int plugin_run(int (*cb)(int), int v)
{
    char buf[32];
    strcpy(buf, "plugin-buffer");
    int (*local)(int) = host_api_double; /* host function through a pointer */
    return twice(cb, v) + local(v) + (int)strlen(buf);
}
