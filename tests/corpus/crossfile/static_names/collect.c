/* report() here takes a plain message as its second argument: a name
 * shared with logger.c's static printf-style report() must not make this
 * argument a format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void report(int count, const char *name)
{
    fputs(name, stderr);
    fprintf(stderr, ": %d\n", count);
}

void collect(void)
{
    report(3, getenv("NAME"));
}

void collect_bad(void)
{
    fprintf(stderr, getenv("NAME")); // expect: BW-FORMAT-STRING
}
