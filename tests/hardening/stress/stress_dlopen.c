/* stress_dlopen.c — the runtime's CFI under churn (enforce mode).
 *
 * Four threads make checked indirect calls into instrumented modules that
 * they dlopen and dlclose over and over (three modules, each registering
 * and unregistering its functions, which also clears every call-site
 * cache), two threads make indirect calls inside the program, and a timer
 * signal every 200 microseconds interrupts whoever runs — checks included —
 * with a handler that itself calls through function pointers.  A false
 * violation aborts the program; a result that differs shows a call that
 * went wrong.  Finally a child process makes a call of the wrong type,
 * which must still be stopped (the checks did not get switched off).
 * usage: stress_dlopen <dir holding mod1.so mod2.so mod3.so> */
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

typedef long (*op_fn)(long);
typedef long (*apply_fn)(op_fn, long);

long host_square(long v);
long host_square(long v) { return v * v; }
static long host_plus7(long v) { return v + 7; }
static long host_minus3(long v) { return v - 3; }
static op_fn const host_ops[3] = {host_square, host_plus7, host_minus3};

enum { CHURN_THREADS = 4, LOCAL_THREADS = 2, CYCLES = 150, LOCAL_ROUNDS = 400000 };

static const char *dir;
static volatile sig_atomic_t signals_seen;
static volatile long signal_sink;

static void on_timer(int sig)
{
    (void)sig;
    op_fn volatile f = host_ops[signals_seen % 3];
    signal_sink += f(signals_seen);
    signals_seen++;
}

static void *churn(void *arg)
{
    long id = (long)arg;
    long *total = malloc(sizeof *total);
    if (total == NULL)
        abort();
    *total = 0;
    char path[4096];
    for (int c = 0; c < CYCLES; c++) {
        int m = 1 + (int)((id + c) % 3);
        snprintf(path, sizeof path, "%s/mod%d.so", dir, m);
        void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (h == NULL) {
            fprintf(stderr, "dlopen %s: %s\n", path, dlerror());
            exit(2);
        }
        op_fn volatile entry = (op_fn)dlsym(h, "mod_entry");
        apply_fn volatile apply = (apply_fn)dlsym(h, "mod_apply");
        if (entry == NULL || apply == NULL) {
            fprintf(stderr, "dlsym: %s\n", dlerror());
            exit(2);
        }
        for (long k = 0; k < 20; k++)
            *total += entry(k + c) + apply(host_ops[k % 3], k);
        dlclose(h);
    }
    return total;
}

static void *local(void *arg)
{
    long id = (long)arg;
    long *total = malloc(sizeof *total);
    if (total == NULL)
        abort();
    *total = 0;
    for (long i = 0; i < LOCAL_ROUNDS; i++) {
        op_fn volatile f = host_ops[(i + id) % 3];
        *total += f(i & 1023);
    }
    return total;
}

/* What each thread must compute, without threads, modules or signals in
 * the way (the modules' arithmetic written out). */
static long expected_churn(long id)
{
    long t = 0;
    for (int c = 0; c < CYCLES; c++) {
        for (long k = 0; k < 20; k++) {
            long v = k + c, r = 0;
            for (int i = 0; i < 12; i++) {
                long x = v + i;
                switch ((v + i) % 3) {
                case 0: r += x; break;
                case 1: r += x * 2; break;
                default: r += -x; break;
                }
            }
            long (*f)(long) = host_ops[k % 3];
            t += r + f(k) + f(k + 1);
        }
    }
    (void)id;
    return t;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    dir = argv[1];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_timer;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 200}, {0, 200}};
    setitimer(ITIMER_REAL, &it, NULL);

    pthread_t th[CHURN_THREADS + LOCAL_THREADS];
    for (long i = 0; i < CHURN_THREADS; i++)
        pthread_create(&th[i], NULL, churn, (void *)i);
    for (long i = 0; i < LOCAL_THREADS; i++)
        pthread_create(&th[CHURN_THREADS + i], NULL, local, (void *)i);
    int bad = 0;
    for (long i = 0; i < CHURN_THREADS + LOCAL_THREADS; i++) {
        long *r = NULL;
        pthread_join(th[i], (void **)&r);
        long want = 0;
        if (i < CHURN_THREADS) {
            want = expected_churn(i);
        } else {
            for (long k = 0; k < LOCAL_ROUNDS; k++)
                want += host_ops[(k + i - CHURN_THREADS) % 3](k & 1023);
        }
        if (*r != want) {
            printf("thread %ld: %ld, want %ld\n", i, *r, want);
            bad = 1;
        }
        free(r);
    }
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    printf("threads: %s; signals delivered during the calls: %s\n", bad ? "WRONG RESULTS" : "all results right",
           signals_seen > 10 ? "many" : "too few");
    if (bad || signals_seen <= 10)
        return 1;

    /* The checks are still on: a call through a pointer of the wrong type. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        typedef long (*two_fn)(long, long);
        two_fn volatile wrong = (two_fn)(void *)host_square;
        printf("wrong-type call returned %ld: NOT STOPPED\n", wrong(3, 4));
        fflush(stdout);
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    int stopped = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
    printf("wrong-type call after the churn: %s\n", stopped ? "stopped" : "NOT STOPPED");
    return stopped ? 0 : 1;
}
