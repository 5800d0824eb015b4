/* The allocation and release helpers of a tiny buffer pool, in their own TU:
 * their summaries ("returns an allocation that may be NULL", "frees its
 * argument") decide the findings in main.c. */
#include <stdlib.h>
#include <string.h>

char *pool_get(size_t n)
{
    return malloc(n);
}

char *pool_get_checked(size_t n)
{
    char *p = malloc(n);
    if (p == NULL)
        abort();
    return p;
}

void pool_put(char *p)
{
    free(p);
}
