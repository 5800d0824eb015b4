/* Stress: several threads make indirect calls in tight loops (through a
 * table, a struct member and qsort's comparator) while a timer signal is
 * delivered every 200 microseconds to whichever thread is running; the
 * handler itself calls through function pointers and copies memory.  The
 * checks run inside interrupted checks, on many shadow stacks at once.
 * The output is deterministic: sums computed from the calls, and whether
 * the handler ran at all. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

typedef long (*op_fn)(long, long);

static long add(long a, long b) { return a + b; }
static long sub(long a, long b) { return a - b; }
static long mul3(long a, long b) { return a * 3 + b; }
static long xor_(long a, long b) { return a ^ b; }

static op_fn const ops[4] = {add, sub, mul3, xor_};

struct stage {
    op_fn op;
    long k;
};

static volatile sig_atomic_t handler_runs;
static volatile long handler_sink;

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static void on_timer(int sig)
{
    (void)sig;
    char from[32] = "signal handler copy";
    char to[32];
    memcpy(to, from, sizeof to);
    op_fn f = ops[handler_runs & 3];
    handler_sink = f((long)to[0], (long)handler_runs);
    handler_runs = handler_runs + 1;
}

static void *worker(void *arg)
{
    long id = (long)arg;
    struct stage st = {ops[id & 3], id + 1};
    long acc = id;
    for (long i = 0; i < 300000; i++) {
        acc = ops[i & 3](acc, i) & 0xffffff;
        acc = st.op(acc, st.k) & 0xffffff;
    }
    long v[64];
    for (int r = 0; r < 200; r++) {
        for (int i = 0; i < 64; i++)
            v[i] = (acc * (i + 7) + r) % 1000;
        qsort(v, 64, sizeof v[0], cmp_long);
        acc = (acc + v[r % 64]) & 0xffffff;
    }
    return (void *)acc;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_timer;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGALRM, &sa, NULL) != 0)
        return 1;
    struct itimerval it = {{0, 200}, {0, 200}};
    if (setitimer(ITIMER_REAL, &it, NULL) != 0)
        return 1;
    pthread_t t[6];
    for (long i = 0; i < 6; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)i) != 0)
            return 1;
    long total = 0;
    for (int i = 0; i < 6; i++) {
        void *r;
        pthread_join(t[i], &r);
        printf("worker %d: %ld\n", i, (long)r);
        total += (long)r;
    }
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    printf("total: %ld\n", total);
    printf("signal handler ran: %s\n", handler_runs > 0 ? "yes" : "no");
    return 0;
}
