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

/* a count kept beside a loop that tests something else (a list walk) ends
 * anywhere from where it started: libiberty's mach-o writer counts its
 * sections this way and sizes an array from the count */
struct section { struct section *next; };

void *xmalloc(size_t n);
void fill(unsigned *v, size_t n);

void count_list_ok(const struct section *first)
{
    size_t n = 0;
    const struct section *s;
    for (s = first; s != NULL; s = s->next)
        n++;
    unsigned *index = xmalloc(sizeof(unsigned) * (n * 4));
    for (s = first, n = 0; s != NULL; s = s->next, n++)
        index[n * 4] = 1;
    fill(index, n);
}

/* the same count, checked against one too many (taking the count as 0
 * after the loop hid this) */
void count_list_bad(const struct section *first)
{
    size_t n = 0;
    unsigned v[4];
    for (const struct section *s = first; s != NULL; s = s->next)
        n++;
    if (n > 4)
        return;
    v[n] = 0; // expect: BW-OFF-BY-ONE
    fill(v, 4);
}
