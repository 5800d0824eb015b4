/* Buffer helpers in their own TU: how much they write into their argument
 * is what their summary tells the caller. */
#include <string.h>

void fill_name(char *dst)
{
    memset(dst, 'n', 32);
}

void fill_name_n(char *dst, size_t cap)
{
    memset(dst, 'n', cap);
}
