/* Residual patterns the pass cannot make fully safe: a copy into memory of
 * unknown size, and an indirect call built without -fsanitize=cfi-icall. */
#include <string.h>

void fill(char *dst, const char *src, unsigned long n)
{
    memcpy(dst, src, n);
}

int call(int (*f)(int), int v)
{
    return f(v);
}
