/* `c ? "a" : "bc"` as a string source: one of two literals, as long as the
 * longer.  Linux's fourcc_string() (vsprintf.c) copies the byte order this
 * way; the safe twin was reported before ("the source length is not
 * known"), the bad twin's buffer is shorter than the longer literal. */
#include <stdio.h>
#include <stdlib.h>
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

/* a name that each case sets to a literal: its length is the longest of
 * them (libiberty's ada_demangle: name = "'Read", "'Write", ...) */
void case_names_ok(int c)
{
    char buf[8];
    const char *name;
    switch (c) {
    case 'R':
        name = "'Read";
        break;
    case 'W':
        name = "'Write";
        break;
    case 'O':
        name = "'Output";
        break;
    default:
        return;
    }
    strcpy(buf, name);
    puts(buf);
}

void case_names_bad(int c)
{
    char buf[7];
    const char *name;
    if (c == 'R')
        name = "'Read";
    else if (c == 'W')
        name = "'Write";
    else
        name = "'Output";
    strcpy(buf, name); // expect: BW-BUFFER-OVERFLOW
    puts(buf);
}

/* blocks the arms allocate are not the state's objects after the ?: (the
 * index of the then-arm's block named the next allocation: a false
 * overflow of q's 4 bytes) */
void arms_allocate_ok(int c)
{
    char *p = c ? malloc(64) : malloc(32);
    char *q = malloc(4);
    if (!p || !q)
        return;
    strcpy(p, "0123456789");
    free(q);
    free(p);
}
