/* Lifetime and nullness across files: each bad case beside its safe twin. */
#include <stdio.h>
#include <string.h>

char *pool_get(size_t n);
char *pool_get_checked(size_t n);
void pool_put(char *p);

void unchecked_bad(void)
{
    char *p = pool_get(16);
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    pool_put(p);
}

void unchecked_ok(void)
{
    char *p = pool_get(16);
    if (p == NULL)
        return;
    p[0] = 'x';
    pool_put(p);
}

void checked_by_callee_ok(void)
{
    char *p = pool_get_checked(16);
    p[0] = 'x';
    pool_put(p);
}

void use_after_put_bad(void)
{
    char *p = pool_get_checked(16);
    pool_put(p);
    p[0] = 'y'; // expect: BW-USE-AFTER-FREE
}

void use_before_put_ok(void)
{
    char *p = pool_get_checked(16);
    p[0] = 'y';
    pool_put(p);
}

void double_put_bad(void)
{
    char *p = pool_get_checked(16);
    pool_put(p);
    pool_put(p); // expect: BW-DOUBLE-FREE
}

void put_then_reassign_ok(void)
{
    char *p = pool_get_checked(16);
    pool_put(p);
    p = pool_get_checked(8);
    pool_put(p);
}

int main(void)
{
    unchecked_bad();
    unchecked_ok();
    checked_by_callee_ok();
    use_after_put_bad();
    use_before_put_ok();
    double_put_bad();
    put_then_reassign_ok();
    return 0;
}
