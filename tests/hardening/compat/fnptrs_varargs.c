/* Function pointers in structs and arrays, variadic function pointers,
 * pointers to libc functions. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct ops {
    const char *name;
    int (*apply)(int, int);
    int (*fmt)(char *, size_t, const char *, ...);
};

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }

static int my_fmt(char *out, size_t n, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int r = vsnprintf(out, n, f, ap);
    va_end(ap);
    return r;
}

static int sum_ints(int count, ...)
{
    va_list ap;
    va_start(ap, count);
    int s = 0;
    for (int i = 0; i < count; i++)
        s += va_arg(ap, int);
    va_end(ap);
    return s;
}

int main(void)
{
    struct ops table[] = {
        { "add", add, snprintf }, { "sub", sub, my_fmt }, { "mul", mul, snprintf },
    };
    char buf[64];
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        table[i].fmt(buf, sizeof buf, "%s(7,5)=%d", table[i].name, table[i].apply(7, 5));
        puts(buf);
    }
    int (*vf)(int, ...) = sum_ints;
    printf("varargs %d\n", vf(4, 1, 2, 3, 4));
    int (*pf)(const char *, ...) = printf;
    pf("printf through a pointer %d\n", 42);
    size_t (*len)(const char *) = strlen;
    printf("strlen through a pointer %zu\n", len("bulwark"));
    return 0;
}
