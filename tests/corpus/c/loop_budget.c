/* A loop that takes many rounds to settle: the parameter's text moves one
 * variable along a chain of 81 per round.  Past the dataflow's budget of
 * block visits the loop's back edge is no longer followed, but the code
 * after the loop is still analysed: the command read before the loop
 * reaches system() there.  (a00 would receive p after 80 rounds, beyond
 * the budget: that flow is not seen.) */
#include <stdlib.h>

#define DECL10(d)                                                                                    \
    const char *a##d##0 = "true", *a##d##1 = "true", *a##d##2 = "true", *a##d##3 = "true",           \
               *a##d##4 = "true", *a##d##5 = "true", *a##d##6 = "true", *a##d##7 = "true",           \
               *a##d##8 = "true", *a##d##9 = "true"
/* one step of the chain per branch: a variable takes the next one's text */
#define SHIFT10(d, n)                                                                                \
    if (c == 1) a##d##0 = a##d##1;                                                                   \
    if (c == 2) a##d##1 = a##d##2;                                                                   \
    if (c == 3) a##d##2 = a##d##3;                                                                   \
    if (c == 4) a##d##3 = a##d##4;                                                                   \
    if (c == 5) a##d##4 = a##d##5;                                                                   \
    if (c == 6) a##d##5 = a##d##6;                                                                   \
    if (c == 7) a##d##6 = a##d##7;                                                                   \
    if (c == 8) a##d##7 = a##d##8;                                                                   \
    if (c == 9) a##d##8 = a##d##9;                                                                   \
    if (c == 10) a##d##9 = a##n##0

int shifted(const char *p, int n, int c)
{
    const char *x = getenv("CMD");
    DECL10(0);
    DECL10(1);
    DECL10(2);
    DECL10(3);
    DECL10(4);
    DECL10(5);
    DECL10(6);
    DECL10(7);
    const char *a80 = "true";
    while (n-- > 0) {
        SHIFT10(0, 1);
        SHIFT10(1, 2);
        SHIFT10(2, 3);
        SHIFT10(3, 4);
        SHIFT10(4, 5);
        SHIFT10(5, 6);
        SHIFT10(6, 7);
        SHIFT10(7, 8);
        a80 = p;
    }
    system(x); // expect: BW-CMD-INJECTION
    return system(a00);
}
