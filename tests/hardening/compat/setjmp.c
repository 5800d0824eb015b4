/* setjmp/longjmp out of nested frames that keep stack arrays. */
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

int main(void)
{
    for (int i = 0; i < 50; i++) {
        int v = guarded(i % 9);
        if (i % 10 == 0)
            printf("round %d -> %d\n", i, v);
    }
    /* The shadow stack must be back in step: deep calls still work. */
    printf("after: %d\n", guarded(3));
    return 0;
}
