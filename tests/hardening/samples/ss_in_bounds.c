/* ss_in_bounds.c — functions that -fstack-protector-strong protects, half
 * of them with every access to their stack objects provably in bounds.
 * pass_features.sh checks that the opt-in scope
 * BULWARK_PASS_SHADOW_STACK=in-bounds leaves out exactly the proven ones
 * (at -O2; the names say which) and that the default scope protects all of
 * them.  noinline keeps
 * the helpers real calls. */
#include <string.h>

#define NI __attribute__((noinline))

extern void ext(int *);
int *keep;

NI static void put4(int *p, int v) { *p = v; }
NI static void put8(int *p, int v) { p[0] = v; p[1] = v; }             /* 8 bytes through p */
NI static void save(int *p) { keep = p; }                              /* p escapes */
NI static void at(int *p, int i) { p[i] = 1; }                         /* variable index */
NI static int rec(int *p, int n) { return n > 1 ? rec(p, n - 1) + rec(p, n - 2) : (*p = n); } /* recursion */
NI static void clear16(char *p) { memset(p, 0, 16); }

int proven_scalar(int v) { int x; put4(&x, v); return x; }
int proven_array(int v) { int a[4] = { 0 }; put4(&a[2], v); return a[2] + a[3]; }
int proven_memset(void) { char b[16]; clear16(b); return b[3]; }
int protected_over(int v) { int x; put8(&x, v); return x; }
int protected_extern(int v) { int x = v; ext(&x); return x; }
int protected_saved(int v) { int x = v; save(&x); return x; }
int protected_index(int v, int i) { int x = v; at(&x, i); return x; }
int protected_recursion(int v) { int x = v; rec(&x, v); return x; }
int protected_array(int v, int i) { volatile int a[4]; a[i & 7] = v; return a[0]; }
int protected_memset(void) { char b[8]; clear16(b); return b[3]; }
