/* The lifetime matrix: a block used after free() in several ways (bad),
 * beside the same use before the free, or after the pointer was given a
 * new block (ok); and freed twice vs freed once on each path. */
#include <stdlib.h>
#include <string.h>

void keep(char *p);
void keep_c(char c);

void uaf_store_bad(void)
{
    char *p = malloc(8);
    if (p == NULL)
        return;
    free(p);
    p[0] = 'x'; // expect: BW-USE-AFTER-FREE
}

void uaf_store_ok(void)
{
    char *p = malloc(8);
    if (p == NULL)
        return;
    p[0] = 'x';
    free(p);
}

void uaf_store_reassigned_ok(void)
{
    char *p = malloc(8);
    if (p == NULL)
        return;
    free(p);
    p = malloc(8);
    if (p == NULL)
        return;
    p[0] = 'x';
    free(p);
}

void uaf_read_bad(void)
{
    char *p = malloc(8);
    if (p == NULL)
        return;
    free(p);
    keep_c(p[1]); // expect: BW-USE-AFTER-FREE
}

void uaf_read_ok(void)
{
    char *p = malloc(8);
    if (p == NULL)
        return;
    keep_c(p[1]);
    free(p);
}

void uaf_read_reassigned_ok(void)
{
    char *p = malloc(8);
    if (p == NULL)
        return;
    free(p);
    p = malloc(8);
    if (p == NULL)
        return;
    keep_c(p[1]);
    free(p);
}

void uaf_memset_bad(void)
{
    char *p = malloc(8);
    if (p == NULL)
        return;
    free(p);
    memset(p, 0, 8); // expect: BW-USE-AFTER-FREE
}

void uaf_memset_ok(void)
{
    char *p = malloc(8);
    if (p == NULL)
        return;
    memset(p, 0, 8);
    free(p);
}

void uaf_memset_reassigned_ok(void)
{
    char *p = malloc(8);
    if (p == NULL)
        return;
    free(p);
    p = malloc(8);
    if (p == NULL)
        return;
    memset(p, 0, 8);
    free(p);
}

void uaf_pass_bad(void)
{
    char *p = malloc(8);
    if (p == NULL)
        return;
    free(p);
    keep(p); // expect: BW-USE-AFTER-FREE
}

void uaf_pass_ok(void)
{
    char *p = malloc(8);
    if (p == NULL)
        return;
    keep(p);
    free(p);
}

void uaf_pass_reassigned_ok(void)
{
    char *p = malloc(8);
    if (p == NULL)
        return;
    free(p);
    p = malloc(8);
    if (p == NULL)
        return;
    keep(p);
    free(p);
}

void double_if_bad(int c)
{
    (void)c;
    char *p = malloc(8);
    if (c)
        free(p);
    free(p); // expect: BW-DOUBLE-FREE
}

void double_loop_bad(int c)
{
    (void)c;
    char *p = malloc(8);
    for (int i = 0; i < 2; i++)
        free(p); // expect: BW-DOUBLE-FREE
}

void double_switch_bad(int c)
{
    (void)c;
    char *p = malloc(8);
    switch (c) {
    case 1:
        free(p);
        /* fallthrough */
    default:
        free(p); // expect: BW-DOUBLE-FREE
    }
}

void double_if_ok(int c)
{
    (void)c;
    char *p = malloc(8);
    if (c)
        free(p);
    else
        free(p);
}

void double_loop_ok(int c)
{
    (void)c;
    char *p = malloc(8);
    for (int i = 0; i < 2; i++) {
        free(p);
        p = NULL;
    }
}

void double_switch_ok(int c)
{
    (void)c;
    char *p = malloc(8);
    switch (c) {
    case 1:
        free(p);
        break;
    default:
        free(p);
    }
}
