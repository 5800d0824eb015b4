/* Awkward but valid C for the checker fuzzer to mutate: K&R definitions,
 * goto into loops, recursion through pointers, varargs, unions, VLAs,
 * compound literals, statement expressions, computed goto. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node { struct node *next; char name[8]; union { int i; char *s; } u; };
typedef int (*visit_fn)(struct node *, void *);

static int old_style(a, b) int a; char *b; { return a + (b != 0); }

static int walk(struct node *n, visit_fn f, void *ctx)
{
    return n == NULL ? 0 : f(n, ctx) + walk(n->next, f, ctx);
}

static int visit(struct node *n, void *ctx)
{
    char cmd[64];
    snprintf(cmd, sizeof cmd, "echo %s", n->u.s);
    return ctx != NULL ? system(cmd) : 0;
}

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logf_(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 4;
    char vla[n > 0 && n < 64 ? n : 1];
    struct node head = {.next = NULL, .u.s = argc > 2 ? argv[2] : "x"};
    static void *labels[] = {&&one, &&two};
    int i = 0;
    goto *labels[argc & 1];
one:
    for (; i < 3; i++) {
    two:
        strncpy(head.name, argv[0], sizeof head.name);
        if (i == 2)
            goto out;
    }
out:
    memset(vla, 0, sizeof vla);
    logf_("%d %s\n", ({ int t = old_style(n, argv[0]); t * 2; }), (char[]){"lit"});
    char *p = getenv("HOME");
    printf(p != NULL ? p : "%s\n", "none");
    return walk(&head, visit, p);
}
