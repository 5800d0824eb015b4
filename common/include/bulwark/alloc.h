/*
 * bulwark/alloc.h — the allocation functions every Bulwark library uses.
 *
 * They behave like malloc/calloc/realloc/strdup and return NULL on failure;
 * callers must handle NULL.  In a build configured with
 * -DBULWARK_FAULT_INJECTION=ON, bw_fault_fail_alloc_at(n) makes the n-th
 * allocation from then on fail, so tests can prove every error path
 * (the Lua/SQLite technique).  bw_free(NULL) is a no-op.
 */
#ifndef BULWARK_ALLOC_H
#define BULWARK_ALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *bw_malloc(size_t size);
void *bw_calloc(size_t count, size_t size);
/* Like realloc; on failure the old block is left untouched and NULL returned. */
void *bw_realloc(void *ptr, size_t size);
/* count*size with overflow check; NULL on overflow. */
void *bw_reallocarray(void *ptr, size_t count, size_t size);
char *bw_strdup(const char *s);
char *bw_strndup(const char *s, size_t n);
void bw_free(void *ptr);

/* Fault injection (only effective with BULWARK_FAULT_INJECTION).
 * n == 0 disables injection.  Returns how many allocations were made since
 * the last call to bw_fault_fail_alloc_at(). */
void bw_fault_fail_alloc_at(unsigned long n);
unsigned long bw_fault_alloc_count(void);
/* Non-zero when an injected failure has fired since the last reset. */
int bw_fault_alloc_fired(void);

#ifdef __cplusplus
}
#endif
#endif
