/* A NULL check joined by || to a test the engine cannot refine (a struct
 * member), ending in a call that does not return: the path past the `if`
 * is the one where every test failed, so the pointer is known non-NULL
 * there.  Each safe twin was reported before abort/exit ended the path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct table {
    void **slots;
    size_t n;
};

void keep(char *p);

void member_first_ok(size_t n)
{
    struct table t = { calloc(n, sizeof(void *)), n };
    char *p = malloc(n + 1);
    if (!t.slots || !p)
        abort();
    p[0] = 'x';
    keep(p);
    free(t.slots);
}

void member_first_bad(size_t n)
{
    struct table t = { calloc(n, sizeof(void *)), n };
    char *p = malloc(n + 1);
    if (!t.slots)
        abort();
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    keep(p);
    free(t.slots);
}

void exit_in_block_ok(struct table *t)
{
    char *p = malloc(t->n + 1);
    if (t->n > 64 || p == NULL) {
        fputs("out of memory\n", stderr);
        exit(1);
    }
    p[0] = 'x';
    keep(p);
}

void exit_in_block_bad(struct table *t)
{
    char *p = malloc(t->n + 1);
    if (t->n > 64) {
        fputs("too large\n", stderr);
        exit(1);
    }
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

/* The same check written as a conditional expression whose other arm
 * cannot return (how C++'s assert() expands) */
void conditional_abort_ok(size_t n)
{
    char *p = malloc(n + 1);
    p != NULL ? (void)0 : abort();
    p[0] = 'x';
    keep(p);
}

void conditional_abort_other_test_bad(size_t n)
{
    char *p = malloc(n + 1);
    n > 4 ? (void)0 : exit(1);
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    keep(p);
}

/* the ?: in the length argument ends a path: the analysis's state is the
 * live arm's from there on (the source's length is read before it; under
 * ASan this read was a use after free in the analysis) */
char *dup_prefix_ok(int c)
{
    char buf[8] = "abcdefg";
    return strndup(buf, c ? 4 : ({ abort(); 0; }));
}

/* a ?: whose arm the analysis knows cannot run replaces the state: the
 * memset()'s destination is looked up again after its fill is evaluated
 * (under ASan this was a use after free in the analysis) */
size_t fill_known_arm_bad(void)
{
    char buf[8];
    int k = 1;
    memset(buf, k > 0 ? 'x' : 'y', sizeof buf);
    return strlen(buf); // expect: BW-OFF-BY-ONE
}
