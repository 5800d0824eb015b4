/* An arena library outside the compile database: only its declarations are
 * seen, so what the memory rules know about it comes from .bulwark.yaml. */
#include <stddef.h>

struct arena;
void *arena_alloc(struct arena *a, size_t n);
void *arena_array(struct arena *a, size_t count, size_t size);
void *arena_xalloc(struct arena *a, size_t n);
void *arena_resize(struct arena *a, void *p, size_t n);
void arena_release(struct arena *a, void *p);
int arena_commit(struct arena *a);
void blob_copy(void *dst, const void *src, size_t n);
void name_copy(char *dst, const char *src);
char *scratch_take(size_t n);
char *scratch_try(size_t n);
