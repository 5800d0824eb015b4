/* Use after free and double free, inside a function. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

struct node {
    int v;
    struct node *next;
};

void uaf_deref_bad(void)
{
    struct node *n = malloc(sizeof *n);
    if (!n)
        return;
    free(n);
    n->v = 1; // expect: BW-USE-AFTER-FREE
}

void uaf_reassigned_ok(void)
{
    struct node *n = malloc(sizeof *n);
    if (!n)
        return;
    free(n);
    n = malloc(sizeof *n);
    if (!n)
        return;
    n->v = 1;
    free(n);
}

void uaf_index_bad(void)
{
    char *p = malloc(8);
    if (!p)
        return;
    free(p);
    p[0] = 'a'; // expect: BW-USE-AFTER-FREE
}

void use_before_free_ok(void)
{
    char *p = malloc(8);
    if (!p)
        return;
    p[0] = 'a';
    free(p);
}

void uaf_branch_bad(int c)
{
    char *p = malloc(8);
    if (!p)
        return;
    if (c)
        free(p);
    p[1] = 0; // expect: BW-USE-AFTER-FREE
    if (!c)
        free(p);
}

void uaf_branch_return_ok(int c)
{
    char *p = malloc(8);
    if (!p)
        return;
    if (c) {
        free(p);
        return;
    }
    p[1] = 0;
    free(p);
}

void uaf_memcpy_bad(const char *s)
{
    char *p = malloc(8);
    if (!p)
        return;
    free(p);
    memcpy(p, s, 4); // expect: BW-USE-AFTER-FREE
}

void double_free_bad(void)
{
    char *p = malloc(8);
    free(p);
    free(p); // expect: BW-DOUBLE-FREE
}

void double_free_nulled_ok(void)
{
    char *p = malloc(8);
    free(p);
    p = NULL;
    free(p);
}

void double_free_branch_bad(int err)
{
    char *p = malloc(8);
    if (err)
        free(p);
    free(p); // expect: BW-DOUBLE-FREE
}

void double_free_branch_ok(int err)
{
    char *p = malloc(8);
    if (err) {
        free(p);
        return;
    }
    free(p);
}

void loop_free_bad(int n)
{
    char *p = malloc(8);
    for (int i = 0; i < n; i++)
        free(p); // expect: BW-DOUBLE-FREE
}

void loop_free_ok(int n)
{
    for (int i = 0; i < n; i++) {
        char *p = malloc(8);
        free(p);
    }
}

void alias_uaf_bad(void)
{
    char *p = malloc(8);
    char *q = p;
    if (!p)
        return;
    free(p);
    q[0] = 0; // expect: BW-USE-AFTER-FREE
}

void alias_ok(void)
{
    char *p = malloc(8);
    char *q = p;
    if (!p)
        return;
    q[0] = 0;
    free(p);
}

/* get(&p) stores a new block in p: the freed one is gone */
int get_block(char **out);

void refilled_ok(void)
{
    char *data = malloc(4);
    if (data == NULL)
        return;
    strcpy(data, "abc");
    free(data);
    if (get_block(&data) != 0)
        return;
    data[0] = 'x';
    free(data);
}

void not_refilled_bad(char **other)
{
    char *data = malloc(4);
    if (data == NULL)
        return;
    strcpy(data, "abc");
    free(data);
    if (get_block(other) != 0)
        return;
    data[0] = 'x'; // expect: BW-USE-AFTER-FREE
}
