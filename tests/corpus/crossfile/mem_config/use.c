/* Memory knowledge from .bulwark.yaml: each bad case beside its safe twin. */
#include <string.h>

#include "arena.h"

void alloc_unchecked_bad(struct arena *a)
{
    char *p = arena_alloc(a, 16);
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
}

void alloc_checked_ok(struct arena *a)
{
    char *p = arena_alloc(a, 16);
    if (p == NULL)
        return;
    p[0] = 'x';
}

void xalloc_unchecked_ok(struct arena *a)
{
    char *p = arena_xalloc(a, 16); /* returns-null: false */
    p[0] = 'x';
}

void alloc_size_bad(struct arena *a, const char *src)
{
    char *p = arena_xalloc(a, 8);
    memcpy(p, src, 16); // expect: BW-BUFFER-OVERFLOW
}

void alloc_size_ok(struct arena *a, const char *src)
{
    char *p = arena_xalloc(a, 16);
    memcpy(p, src, 16);
}

void array_index_bad(struct arena *a)
{
    int *v = arena_array(a, 4, sizeof(int));
    if (v == NULL)
        return;
    v[4] = 1; // expect: BW-OFF-BY-ONE
}

void array_index_ok(struct arena *a)
{
    int *v = arena_array(a, 4, sizeof(int));
    if (v == NULL)
        return;
    v[3] = 1;
}

void release_then_use_bad(struct arena *a)
{
    char *p = arena_xalloc(a, 8);
    arena_release(a, p);
    p[0] = 0; // expect: BW-USE-AFTER-FREE
}

void release_after_use_ok(struct arena *a)
{
    char *p = arena_xalloc(a, 8);
    p[0] = 0;
    arena_release(a, p);
}

void release_twice_bad(struct arena *a)
{
    char *p = arena_xalloc(a, 8);
    arena_release(a, p);
    arena_release(a, p); // expect: BW-DOUBLE-FREE
}

void release_once_ok(struct arena *a)
{
    char *p = arena_xalloc(a, 8);
    arena_release(a, p);
    p = NULL;
    arena_release(a, p);
}

void resize_self_bad(struct arena *a, char *p)
{
    p = arena_resize(a, p, 64); // expect: BW-UNCHECKED-ALLOC
    if (p != NULL)
        p[0] = 0;
}

void resize_tmp_ok(struct arena *a, char *p)
{
    char *q = arena_resize(a, p, 64);
    if (q == NULL)
        return;
    p = q;
    p[0] = 0;
}

void blob_copy_bad(const char *src)
{
    char d[8];
    blob_copy(d, src, 16); // expect: BW-BUFFER-OVERFLOW
}

void blob_copy_ok(const char *src)
{
    char d[16];
    blob_copy(d, src, sizeof d);
}

void blob_copy_read_bad(void)
{
    char s[4] = "abc";
    char d[16];
    blob_copy(d, s, 8); // expect: BW-BUFFER-OVERREAD
}

void blob_copy_read_ok(void)
{
    char s[8] = "abc";
    char d[16];
    blob_copy(d, s, 8);
}

void name_copy_bad(void)
{
    char d[4];
    name_copy(d, "hello"); // expect: BW-BUFFER-OVERFLOW
}

void name_copy_ok(void)
{
    char d[8];
    name_copy(d, "hello");
}

void commit_ignored_bad(struct arena *a)
{
    arena_commit(a); // expect: BW-UNCHECKED-RETURN
}

int commit_checked_ok(struct arena *a)
{
    if (arena_commit(a) != 0)
        return -1;
    return 0;
}

void scratch_try_bad(void)
{
    char *p = scratch_try(8);
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
}

void scratch_take_ok(void)
{
    char *p = scratch_take(8); /* cannot-fail */
    p[0] = 'x';
}
