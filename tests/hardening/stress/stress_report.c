/* stress_report.c — violations reported in report mode (BULWARK_MODE=report)
 * into an audit log (BULWARK_LOG), from places where a torn or lost line
 * would be easy: inside a signal handler that interrupts the program while
 * it is itself reporting, from several threads at once, and from many
 * processes appending to one log.  Each violation is a call through a
 * pointer of the wrong type (harmless here: the extra argument is ignored).
 * The runner checks that the log holds exactly the number of lines printed
 * here and that every line is one whole JSON record.
 *
 *   stress_report signals   threads + a 100-microsecond timer whose handler
 *                           makes a violating call
 *   stress_report procs N   N processes, each with threads, one log
 * The violating call sites sit in a function with a 2048-character name, so
 * each record is longer than a short line would be. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

typedef long (*one_fn)(long);
typedef long (*two_fn)(long, long);

long victim(long v);
long victim(long v) { return v + 1; }

/* A 64-character stem doubled five times: a 2048-character identifier. */
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define X2(a) CAT(a, a)
#define LONG_NAME X2(X2(X2(X2(X2(report_from_a_function_whose_name_is_very_long_on_purpose_0123456_)))))

enum { THREADS = 3, PER_THREAD = 400 };

static atomic_long violations;

/* One violating call: victim has type long(long), the call says long(long, long). */
__attribute__((noinline)) void LONG_NAME(long v);
__attribute__((noinline)) void LONG_NAME(long v)
{
    two_fn volatile wrong = (two_fn)(void *)victim;
    (void)wrong(v, v);
    atomic_fetch_add(&violations, 1);
}

static void on_timer(int sig)
{
    (void)sig;
    LONG_NAME(sig);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < PER_THREAD; i++)
        LONG_NAME(i);
    return NULL;
}

static void run_threads(void)
{
    pthread_t th[THREADS];
    for (long i = 0; i < THREADS; i++)
        pthread_create(&th[i], NULL, worker, (void *)i);
    worker(NULL);
    for (int i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "signals") == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_timer;
        sa.sa_flags = SA_RESTART;
        sigaction(SIGALRM, &sa, NULL);
        struct itimerval it = {{0, 100}, {0, 100}};
        setitimer(ITIMER_REAL, &it, NULL);
        run_threads();
        struct itimerval off = {{0, 0}, {0, 0}};
        setitimer(ITIMER_REAL, &off, NULL);
        long in_handlers = atomic_load(&violations) - (THREADS + 1) * PER_THREAD;
        printf("violations %ld (%ld from signal handlers)\n", atomic_load(&violations), in_handlers);
        return in_handlers > 0 ? 0 : 1;
    }
    if (argc == 3 && strcmp(argv[1], "procs") == 0) {
        int n = atoi(argv[2]);
        for (int p = 0; p < n; p++) {
            pid_t pid = fork();
            if (pid == 0) {
                run_threads();
                _exit(0);
            }
        }
        int ok = 1, status;
        while (wait(&status) > 0)
            ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
        printf("violations %ld (%d processes)\n", (long)n * (THREADS + 1) * PER_THREAD, n);
        return ok ? 0 : 1;
    }
    fprintf(stderr, "usage: stress_report signals | procs N\n");
    return 2;
}
