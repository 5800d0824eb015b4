/* Heap objects: sizes from allocators, NULL checks, free states. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

struct rec {
    int id;
    char name[16];
};

void heap_memcpy_bad(const char *s)
{
    char *p = malloc(10);
    if (p == NULL)
        return;
    memcpy(p, s, 20); // expect: BW-BUFFER-OVERFLOW
    free(p);
}

void heap_memcpy_ok(const char *s)
{
    char *p = malloc(20);
    if (p == NULL)
        return;
    memcpy(p, s, 20);
    free(p);
}

void calloc_index_bad(void)
{
    int *a = calloc(4, sizeof(int));
    if (!a)
        return;
    a[4] = 1; // expect: BW-OFF-BY-ONE
    free(a);
}

void calloc_index_ok(void)
{
    int *a = calloc(4, sizeof(int));
    if (!a)
        return;
    a[3] = 1;
    free(a);
}

void unchecked_bad(size_t n)
{
    char *p = malloc(n);
    p[0] = 0; // expect: BW-UNCHECKED-ALLOC
    free(p);
}

void unchecked_ok(size_t n)
{
    char *p = malloc(n);
    if (p == NULL)
        return;
    p[0] = 0;
    free(p);
}

void unchecked_memset_bad(void)
{
    char *p = malloc(64);
    memset(p, 0, 64); // expect: BW-UNCHECKED-ALLOC
    free(p);
}

void unchecked_memset_ok(void)
{
    char *p = malloc(64);
    if (p != NULL)
        memset(p, 0, 64);
    free(p);
}

void strdup_unchecked_bad(const char *s)
{
    char *d = strdup(s);
    d[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    free(d);
}

void strdup_checked_ok(const char *s)
{
    char *d = strdup(s);
    if (!d)
        return;
    d[0] = 'x';
    free(d);
}

void realloc_self_bad(char *p, size_t n)
{
    p = realloc(p, n); // expect: BW-UNCHECKED-ALLOC
    if (p)
        p[0] = 0;
    free(p);
}

void realloc_tmp_ok(char *p, size_t n)
{
    char *t = realloc(p, n);
    if (t == NULL) {
        free(p);
        return;
    }
    t[0] = 0;
    free(t);
}

void struct_member_bad(void)
{
    struct rec *r = malloc(sizeof *r);
    if (r == NULL)
        return;
    strcpy(r->name, "a name that is far too long"); // expect: BW-BUFFER-OVERFLOW
    free(r);
}

void struct_member_ok(void)
{
    struct rec *r = malloc(sizeof *r);
    if (r == NULL)
        return;
    strcpy(r->name, "short");
    free(r);
}

void struct_member_arrow_unchecked_bad(void)
{
    struct rec *r = malloc(sizeof *r);
    r->id = 1; // expect: BW-UNCHECKED-ALLOC
    free(r);
}

void alloca_ok(void)
{
    char *p = alloca(32);
    memset(p, 0, 32);
    puts(p);
}

void alloca_bad(void)
{
    char *p = alloca(32);
    memset(p, 0, 33); // expect: BW-BUFFER-OVERFLOW
    puts(p);
}

/* a goto joins its own label only: a state that jumps past a label is
 * not a state of that label */
int tick(void);
void use_len(size_t n);

void label_precision_ok(void)
{
    char buf[8];
    size_t n = 4;
    if (tick()) {
        n = 100;
        goto big;
    }
mid:
    buf[n] = 0;
    if (tick())
        goto mid;
    use_len(n);
    return;
big:
    use_len(n);
}

void label_precision_bad(void)
{
    char buf[8];
    size_t n = 4;
    if (tick()) {
        n = 100;
        goto mid;
    }
mid:
    buf[n] = 0; // expect: BW-BUFFER-OVERFLOW
    use_len(n);
}

/* a wrapper that checks and returns NULL hands the NULL on to its caller */
struct pair { int x, y; };

struct pair *pair_new(void)
{
    struct pair *p = malloc(sizeof *p);
    if (p == NULL)
        return NULL;
    p->x = p->y = 0;
    return p;
}

struct pair *pair_new_quiet(void)
{
    struct pair *p = malloc(sizeof *p);
    if (!p)
        return p;
    p->x = p->y = 0;
    return p;
}

int pair_unchecked_bad(void)
{
    struct pair *p = pair_new();
    struct pair *q = pair_new_quiet();
    p->x = 1; // expect: BW-UNCHECKED-ALLOC
    q->x = 1; // expect: BW-UNCHECKED-ALLOC
    free(p);
    free(q);
    return 0;
}

int pair_checked_ok(void)
{
    struct pair *p = pair_new();
    struct pair *q = pair_new_quiet();
    if (p == NULL || q == NULL) {
        free(p);
        free(q);
        return -1;
    }
    p->x = 1;
    q->x = 1;
    free(p);
    free(q);
    return 0;
}

/* the check kept in a flag: `ok = a && b` then `if (ok)` or a loop on it */
int step(size_t i);

void flag_checked_ok(size_t n)
{
    int *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
    int ok = a != NULL && b;
    for (size_t i = 0; ok && i < n; i++) {
        a[i] = b[i] = 0;
        ok = step(i);
    }
    if (ok) {
        a[n] = 1;
        b[n] = 1;
    }
    free(a);
    free(b);
}

void flag_either_bad(size_t n)
{
    int *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
    int ok = a != NULL || b != NULL;
    if (ok)
        a[0] = 1; // expect: BW-UNCHECKED-ALLOC
    free(a);
    free(b);
}

void flag_stale_bad(size_t n)
{
    int *a = malloc((n + 1) * sizeof *a);
    int ok = a != NULL;
    ok = step(n);
    if (ok)
        a[0] = 1; // expect: BW-UNCHECKED-ALLOC
    free(a);
}
