/* Signal handlers (with stack buffers) and siglongjmp out of a handler. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile sig_atomic_t hits;

static void note(int sig)
{
    char buf[32];
    snprintf(buf, sizeof buf, "signal %d\n", sig);
    (void)!write(1, buf, strlen(buf));
    hits++;
}

static void escape(int sig)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", sig);
    siglongjmp(env, 1);
}

static int deep(int n)
{
    char pad[64];
    memset(pad, n, sizeof pad);
    if (n == 0) {
        raise(SIGUSR2);
        return pad[0];
    }
    return deep(n - 1) + pad[1];
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGUSR1, note);
    for (int i = 0; i < 3; i++)
        raise(SIGUSR1);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = escape;
    sigaction(SIGUSR2, &sa, NULL);
    for (int round = 0; round < 3; round++) {
        if (sigsetjmp(env, 1) == 0) {
            deep(10 + round);
            puts("not reached");
        } else {
            printf("escaped round %d\n", round);
        }
    }
    /* A handler on an alternate stack. */
    static char alt[65536];
    stack_t ss = { .ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    sa.sa_handler = note;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("hits %d\n", (int)hits);
    return 0;
}
