/* Sizes across files: a callee that writes 32 bytes into a smaller buffer. */
#include <stdio.h>

void fill_name(char *dst);
void fill_name_n(char *dst, size_t cap);

void small_bad(void)
{
    char name[16];
    fill_name(name); // expect: BW-BUFFER-OVERFLOW
    puts(name);
}

void big_enough_ok(void)
{
    char name[32];
    fill_name(name);
    (void)fwrite(name, 1, sizeof name, stdout); /* best-effort output: a short write loses nothing */
}

void bounded_ok(void)
{
    char name[16];
    fill_name_n(name, sizeof name);
    (void)fwrite(name, 1, sizeof name, stdout); /* best-effort output: a short write loses nothing */
}

int main(void)
{
    small_bad();
    big_enough_ok();
    bounded_ok();
    return 0;
}
