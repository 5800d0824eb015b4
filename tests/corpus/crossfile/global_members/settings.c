/* A configuration struct in a global, and an exported setter of one of its
 * members (an API: its argument's origin is unknown).  What is stored is
 * kept per member: the setter taints `log_path`, not the table name. */
#include <stdlib.h>
#include "settings.h"

struct settings g_settings = {"items", "/var/log/app.log", "name"};

void settings_set_log_path(const char *path)
{
    g_settings.log_path = path;
}

void settings_load_env(void)
{
    const char *s = getenv("APP_SORT");
    if (s != NULL)
        g_settings.sort_column = s;
}
