#include <stdio.h>
#include <stdlib.h>

void send_header(void);

int main(void)
{
    send_header();
    printf("Hello %s\n", getenv("QUERY_STRING")); // expect: BW-XSS
    return 0;
}
