/* A CGI program whose content type is printed in one file and whose page
 * is printed in another: its stdout is an HTML response. */
#include <stdio.h>

void send_header(void)
{
    puts("Content-Type: text/html\r\n");
}
