/* `c ? "a" : "bc"` as a string source: one of two literals, as long as the
 * longer.  Linux's fourcc_string() (vsprintf.c) copies the byte order this
 * way; the safe twin was reported before ("the source length is not
 * known"), the bad twin's buffer is shorter than the longer literal. */
#include <string.h>

void use(const char *s);

void order_ok(unsigned flags)
{
    char out[16];
    strcpy(out, flags & 1 ? "big-endian" : "little-endian");
    use(out);
}

void order_bad(unsigned flags)
{
    char out[12];
    strcpy(out, flags & 1 ? "big-endian" : "little-endian"); // expect: BW-BUFFER-OVERFLOW
    use(out);
}
