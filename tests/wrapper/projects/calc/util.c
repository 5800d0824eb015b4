#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "calc.h"

void calc_copy_token(char *dst, size_t dstlen, const char *src, size_t n)
{
    if (dstlen == 0)
        return;
    if (n >= dstlen)
        n = dstlen - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void calc_banner(void)
{
    const char *banner = getenv("CALC_BANNER");
    if (banner != NULL)
        printf(banner); /* deliberate: a format string from the environment */
}
