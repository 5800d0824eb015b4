/* A counter stepped by one leaves its loop at the bound the condition
 * tests; a pointer stepped in the same loop is not that counter.  Linux's
 * fourcc_string() (vsprintf.c) writes four characters with `*p++` in a loop
 * on i: p was taken to end where it started, then strlen(p) from there
 * reached the end of the buffer (the safe twin, reported before). */
#include <string.h>

void use(const char *s);

void chars_ok(unsigned v)
{
    char out[32];
    char *p = out;
    unsigned i;
    for (i = 0; i < 4; i++)
        *p++ = (char)(v >> (i * 8));
    *p++ = ' ';
    *p = '\0';
    p += strlen(p);
    *p++ = ' ';
    *p++ = '(';
    *p = '\0';
    use(out);
}

/* the counter the condition tests ends at 4: out[4 + 4] is one past */
void chars_bad(unsigned v)
{
    char out[8];
    unsigned i;
    for (i = 0; i < 4; i++)
        out[i] = (char)(v >> (i * 8));
    out[i + 4] = '\0'; // expect: BW-OFF-BY-ONE
    use(out);
}
