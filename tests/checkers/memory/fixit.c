/* Fixture of memory_fixit_test.sh: every sprintf here gets a machine fix. */
#include <stdio.h>
#include <stdlib.h>

struct pair {
    int a, b;
};

static int twice(int x, int y) { return 2 * x + y; }

void into_array(const char *name, int n)
{
    char b[32];
    sprintf(b, "%s-%d", name, n);
    puts(b);
}

void tricky_arguments(const char *name, struct pair p)
{
    char out[40];
    sprintf (out, "(%s, %d)", name, twice(p.a, (p.b)));
    puts(out);
}

void over_lines(const char *who, const char *what)
{
    char msg[80];
    sprintf(msg,
            "%s: %s",
            who,
            what);
    puts(msg);
}

void into_heap(const char *name)
{
    char *p = malloc(64);
    if (p == NULL)
        return;
    sprintf(p, "name=%s", name);
    puts(p);
    free(p);
}
