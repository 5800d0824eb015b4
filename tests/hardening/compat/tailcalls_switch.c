/* Tail calls (direct, mutual, through pointers) and a switch compiled to a
 * jump table. */
#include <stdio.h>

static unsigned long acc(unsigned long n, unsigned long a)
{
    if (n == 0)
        return a;
    return acc(n - 1, a + n); /* tail call */
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

typedef long (*step_fn)(long, int);
static long s_add(long v, int k) { return v + k; }
static long s_mul(long v, int k) { return v * (k | 1) % 1000003; }
static long s_xor(long v, int k) { return v ^ (k * 7919); }
static long dispatch(step_fn f, long v, int k) { return f(v, k); } /* indirect tail call */

static int classify(int c)
{
    switch (c) {
    case 0: return 11; case 1: return 23; case 2: return 5; case 3: return 97;
    case 4: return 41; case 5: return 2; case 6: return 77; case 7: return 13;
    case 8: return 64; case 9: return 31; case 10: return 8; case 11: return 55;
    default: return -1;
    }
}

int main(void)
{
    printf("acc %lu\n", acc(100000, 0));
    printf("even(10001) %d odd(777) %d\n", is_even(10001), is_odd(777));
    step_fn steps[3] = { s_add, s_mul, s_xor };
    long v = 1;
    for (int i = 0; i < 3000; i++)
        v = dispatch(steps[i % 3], v, i);
    printf("steps %ld\n", v);
    long sum = 0;
    for (int i = 0; i < 1000; i++)
        sum += classify(i % 13);
    printf("switch %ld\n", sum);
    return 0;
}
