/* ssp_scope.c — functions on both sides of -fstack-protector-strong's rule.
 * pass_features.sh checks that the shadow stack's default scope picks
 * exactly the functions clang's stack protector picks.  noinline keeps
 * every function a real frame. */
#include <stddef.h>
#include <string.h>

#define NI __attribute__((noinline))

void sink(void *p);
int use(const int *p);
extern int (*volatile hook)(int);

NI int leaf(int a, int b) { return a * b + 1; }                     /* no locals */
NI int calls_only(int a) { return hook(a) + use(NULL); }             /* no locals */
NI int array_local(const char *s) { char b[16]; strncpy(b, s, 15); b[15] = 0; return use((const int *)b); }
NI int small_array(int i) { volatile int t[2] = { 1, 2 }; return t[i & 1]; }
struct with_array { int n; char name[8]; };
NI int struct_with_array(const char *s) { struct with_array w; w.n = 1; memcpy(w.name, s, 7); sink(&w); return w.n; }
NI int scalar_escapes(void) { int x = 0; sink(&x); return x; }        /* address passed to a call */
NI int scalar_stored(int **out) { int x = 3; *out = &x; return use(*out); }
struct pair { long a, b; };
NI long member_escapes(void) { struct pair p = { 1, 2 }; sink(&p.b); return p.a + p.b; }
NI long pair_by_value(struct pair p) { return p.a - p.b; }           /* no address taken */
NI int vla(int n) { char buf[n > 0 && n < 64 ? n : 1]; memset(buf, 1, sizeof buf); return buf[0] + use((const int *)buf); }
NI int register_only(int n) { int s = 0; for (int i = 0; i < n; i++) s += i * leaf(i, n); return s; }
