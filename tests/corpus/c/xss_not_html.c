/* No HTML anywhere in this program: printing input to stdout is not XSS.
 * (No expectation: this file must produce no finding.) */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    const char *home = getenv("HOME");
    printf("home directory: %s\n", home ? home : "(none)");
    puts(home ? home : "");
    return 0;
}
