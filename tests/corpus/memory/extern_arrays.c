/*
 * A global array declared `extern char name[];` (in a header) and used
 * before its definition gives its length: the uses are checked against
 * the definition's length (Linux's devkmsg_log_str in printk.c).  One
 * without a definition in the TU stays of unknown size.
 */
#include <string.h>

extern char mode_str[];
extern char other_str[];

void set_mode(int on)
{
    if (on)
        strcpy(mode_str, "on");
    else
        strcpy(mode_str, "ratelimit-off"); // expect: BW-BUFFER-OVERFLOW
    strcpy(other_str, "x"); // expect: BW-DANGEROUS-API
}

char mode_str[10] = "ratelimit";

extern char path_buf[];
extern char hook_buf[];

/* bad: the definition below has no initializer (a tentative one in C) */
char path_last(void)
{
    return path_buf[10]; // expect: BW-BUFFER-OVERREAD
}

/* bad: a weak definition may be replaced by one of another size */
void hook_set(void)
{
    strcpy(hook_buf, "x"); // expect: BW-DANGEROUS-API
}

char path_buf[8];
__attribute__((weak)) char hook_buf[1];
