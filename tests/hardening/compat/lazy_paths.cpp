// The lazy push (docs/hardening.md): functions whose stack arrays are used
// only on rare paths push there, and the blocks after are copies.  Here
// those paths are left by exceptions and by longjmp, the same functions are
// then called at the same depth on their common paths, and loops, a switch
// and values merged after the rare paths run through the copies.
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <stdexcept>

static std::jmp_buf env;

__attribute__((noinline)) static void fail_if(const char *b, int how)
{
    if (how == 1)
        throw std::runtime_error(b);
    if (how == 2)
        std::longjmp(env, 1);
}

__attribute__((noinline)) static int rare(const char *s, int mode)
{
    int n = (int)std::strlen(s);
    if (mode) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "<%s>", s);
        fail_if(buf, mode);
        n += buf[1];
    }
    return n;
}

// two rare paths, with a loop and a switch between and after them
__attribute__((noinline)) static long two(const char *a, int k)
{
    char t[24];
    long n = 0;
    if (a[0] == '#') {
        std::strcpy(t, a);
        n += t[1];
    }
    for (int i = 0; i < k; i++)
        n += a[i % 2];
    switch (k % 3) {
    case 0:
        n += 1;
        break;
    case 1:
        if (a[1] == '!') {
            std::strcpy(t, a + 1);
            n += t[0];
        }
        break;
    default:
        n -= 1;
    }
    return n * 2 + k;
}

__attribute__((noinline)) static int same_depth(int i)
{
    return rare("common", 0) + i;
}

int main()
{
    long total = 0;
    for (int i = 0; i < 60; i++) {
        try {
            total += rare("x", i % 3 == 0 ? 1 : 0);
        } catch (const std::exception &e) {
            total += (long)std::strlen(e.what());
        }
        total += same_depth(i);
        if (setjmp(env) == 0)
            total += rare("y", i % 4 == 0 ? 2 : 0);
        else
            total += 100;
        total += rare("z", 0) + two(i % 2 ? "#ab" : "a!c", i);
    }
    std::printf("total %ld\n", total);
    return 0;
}
