/* setjmp/longjmp out of nested frames that keep stack arrays; jmp_bufs on
 * the stack reused at the same address by other setjmp calls; a longjmp
 * through a copy of a jmp_buf (the runtime's jmp_buf check must allow all
 * of these). */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

static jmp_buf env;

static int dive(int n)
{
    char buf[32];
    snprintf(buf, sizeof buf, "level %d", n);
    if (n == 0)
        longjmp(env, (int)strlen(buf));
    return dive(n - 1) + buf[0];
}

static int guarded(int n)
{
    char local[16];
    strcpy(local, "guard");
    int r = setjmp(env);
    if (r == 0)
        return dive(n);
    return r + (int)strlen(local);
}

/* A jmp_buf local to each call, so successive calls from different depths
 * reuse the same stack addresses for different contexts. */
static int local_env(int k)
{
    jmp_buf mine;
    volatile int tries = 0;
    if (setjmp(mine) != 0 && tries >= k)
        return tries;
    tries++;
    longjmp(mine, 1);
}

static int depth(int d, int k)
{
    char pad[24];
    memset(pad, d, sizeof pad);
    return d ? depth(d - 1, k) + pad[0] - pad[1] : local_env(k);
}

/* longjmp through a memcpy'd copy of the buffer setjmp filled. */
static int through_copy(int v)
{
    jmp_buf a, b;
    int r = setjmp(a);
    if (r != 0)
        return r;
    memcpy(b, a, sizeof a);
    longjmp(b, v);
}

int main(void)
{
    for (int i = 0; i < 50; i++) {
        int v = guarded(i % 9);
        if (i % 10 == 0)
            printf("round %d -> %d\n", i, v);
    }
    /* The shadow stack must be back in step: deep calls still work. */
    printf("after: %d\n", guarded(3));
    int sum = 0;
    for (int d = 0; d < 12; d++)
        sum += depth(d, d % 4 + 1);
    printf("local jmp_bufs: %d\n", sum);
    printf("through a copy: %d\n", through_copy(42));
    return 0;
}
