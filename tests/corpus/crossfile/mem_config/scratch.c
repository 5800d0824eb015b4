/* Two allocation helpers of the program itself with the same body: the
 * summary says both may return NULL.  The config declares scratch_take
 * unable to fail (this program wraps malloc to abort on failure); it says
 * nothing about scratch_try. */
#include <stdlib.h>

char *scratch_take(size_t n)
{
    return malloc(n);
}

char *scratch_try(size_t n)
{
    return malloc(n);
}
