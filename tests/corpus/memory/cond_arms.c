/* What an arm of `?:` does holds after it: a free, an assignment, a
 * check.  The arms used to be evaluated on copies that were then
 * dropped, so each bad twin here was silent. */
#include <stdlib.h>

void use(char *b);

void freed_in_arm_bad(char *p, int c)
{
    c ? free(p) : (void)0;
    free(p); // expect: BW-DOUBLE-FREE
}

void freed_and_cleared_in_arm_ok(char *p, int c)
{
    p = c ? (free(p), NULL) : p;
    free(p);
}

void used_after_arm_bad(char *p, int c)
{
    c ? free(p) : (void)0;
    p[0] = 1; // expect: BW-USE-AFTER-FREE
}

void checked_after_arm_ok(char *p, int c)
{
    p = c ? (free(p), NULL) : p;
    if (p)
        p[0] = 1;
}

void assigned_in_arms_bad(int c)
{
    int n;
    char b[8];
    c ? (n = 4) : (n = 8);
    b[n] = 0; // expect: BW-OFF-BY-ONE
    use(b);
}

void assigned_in_arms_ok(int c)
{
    int n;
    char b[8];
    c ? (n = 4) : (n = 7);
    b[n] = 0;
    use(b);
}
