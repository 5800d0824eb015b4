/*
 * A call through a function pointer calls what the pointer holds, not the
 * library function its member or variable is named after (Linux's
 * `attr->free(mod)` in a loop over module attributes, an allocator table's
 * `ops->malloc`).  The library functions themselves are still checked.
 */
#include <stdlib.h>

struct attr {
    void (*free)(void *owner);
};

struct alloc_ops {
    void *(*malloc)(size_t n);
};

/* safe: each attribute's own release hook, not free() twice */
void release_all(struct attr **attrs, void *owner)
{
    for (int i = 0; attrs[i] != NULL; i++)
        if (attrs[i]->free != NULL)
            attrs[i]->free(owner);
}

/* safe: the table's allocator is not malloc() (it may not fail) */
char *make_name(const struct alloc_ops *ops)
{
    char *p = ops->malloc(8);
    p[0] = '\0';
    return p;
}

/* safe: a hook in a local variable */
void release_twice(void (*free_hook)(void *), void *owner)
{
    free_hook(owner);
    free_hook(owner);
}

/* bad: free() itself, twice */
void free_twice(void *p)
{
    free(p);
    free(p); // expect: BW-DOUBLE-FREE
}

/* bad: malloc() itself, unchecked */
char *make_name_malloc(void)
{
    char *p = malloc(8);
    p[0] = '\0'; // expect: BW-UNCHECKED-ALLOC
    return p;
}
