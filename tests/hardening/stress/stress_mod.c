/* stress_mod.c — an instrumented shared object that stress_dlopen.c loads
 * and unloads in a loop (built three times, -DMOD=1..3).  Its entry points
 * make CFI-checked indirect calls to its own functions and back into the
 * host. */
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

typedef long (*op_fn)(long);

static long inc(long v) { return v + MOD; }
static long dbl(long v) { return v * 2 + MOD; }
static long neg(long v) { return -v + MOD; }

static op_fn const table[3] = {inc, dbl, neg};

/* The same result from every copy of the module and every build. */
long mod_entry(long v)
{
    long r = 0;
    for (int i = 0; i < 12; i++)
        r += table[(v + i) % 3](v + i) - MOD;
    return r;
}

/* Calls the host through a pointer it was given: the target is in the
 * host's registration, checked from this module. */
long mod_apply(long (*f)(long), long v)
{
    op_fn volatile local = f;
    return local(v) + local(v + 1);
}

long CAT(mod_id_, MOD)(void) { return MOD; }
