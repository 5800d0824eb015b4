/* Sets a global from the environment. */
#include <stdlib.h>

const char *g_sort_column = "name";
const char *g_table = "users";

void load_config(void)
{
    const char *s = getenv("SORT");
    if (s != NULL)
        g_sort_column = s;
}
