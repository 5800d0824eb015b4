/* A sink inside or after a loop sees what every round of the loop brings.
 * A visit before the loop has settled may see only a parameter's text, of
 * unknown origin, where a later round brings a source's: the finding is
 * the worse one, with the source's flow. */
#include <stdlib.h>

/* bad: the second round brings getenv's text into a */
int after_loop(const char *p)
{
    const char *a = p, *b = p;
    for (int i = 0; i < 3; i++) {
        a = b;
        b = getenv("CMD"); // expect-step: getenv("CMD") returns untrusted data
    }
    return system(a); // expect: BW-CMD-INJECTION
}

/* bad: the inner loop's sink sees the outer loop's next round */
void inner_loop(const char *p, int n, int m)
{
    const char *a = "true";
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            system(a); // expect: BW-CMD-INJECTION
            a = p;
        }
        a = getenv("CMD"); // expect-step: getenv("CMD") returns untrusted data
    }
}

/* safe: only commands written here go round */
int constants_only(int n)
{
    const char *a = "true", *b = "false";
    for (int i = 0; i < n; i++) {
        a = b;
        b = "ls";
    }
    return system(a);
}

/* safe: the inner loop's command is replaced by a fixed one each round */
void inner_constants(int n, int m)
{
    const char *a = "true";
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            system(a);
            a = "ls";
        }
        a = "date";
    }
}
