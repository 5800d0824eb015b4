/* p = realloc(p, n) loses the block only when p is its only holder: a
 * local copy of a pointer that a struct (or the caller, through **pp) still
 * holds is not lost.  Every allocator row that reallocates an argument is
 * checked, not only realloc() itself. */
#include <stdlib.h>
#include <string.h>

void *sqlite3_malloc64(unsigned long long n);
void *sqlite3_realloc64(void *p, unsigned long long n);

struct vec {
    int *data;
    size_t n;
};

int grow_local_bad(size_t n)
{
    int *p = malloc(4 * sizeof *p);
    if (p == NULL)
        return -1;
    p = realloc(p, n * sizeof *p); // expect: BW-UNCHECKED-ALLOC
    if (p == NULL)
        return -1;
    free(p);
    return 0;
}

int grow_member_copy_ok(struct vec *v, size_t n)
{
    int *q = v->data;
    q = realloc(q, n * sizeof *q);
    if (q == NULL)
        return -1; /* v->data still holds the old block */
    v->data = q;
    v->n = n;
    return 0;
}

int grow_through_pp_ok(struct vec **pp, size_t n)
{
    struct vec *p = *pp;
    p = sqlite3_realloc64(p, sizeof *p + n);
    if (p == NULL)
        return -1; /* *pp still holds the old block */
    *pp = p;
    return 0;
}

int grow_sqlite_local_bad(unsigned long long n)
{
    char *p = sqlite3_malloc64(16);
    if (p == NULL)
        return -1;
    p = sqlite3_realloc64(p, n); // expect: BW-UNCHECKED-ALLOC
    return p != NULL;
}
