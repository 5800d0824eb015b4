/* gets under C11: <stdio.h> no longer declares it, the call is implicit
 * (an error in clang 16+), and it is still reported. */
#include <stdio.h>
#include <string.h>

void read_name(void)
{
    char name[32];
    gets(name); // expect: BW-DANGEROUS-API
    puts(name);
}

void read_name_ok(void)
{
    char name[32];
    if (fgets(name, sizeof name, stdin) != NULL)
        puts(name);
}
