/* Concurrent first opens of one new summary cache by the checkers alone
 * (two `bulwark check` runs started together on a new cache, without the
 * compiler wrapper's bw_wrap_cache_prepare before them).  bw_cache_open
 * switches the new database to WAL mode; SQLite does not wait for the lock
 * that conversion needs, so without a retry some opens failed at once with
 * "database is locked".  In each round, N processes released together open
 * one new cache in a new directory; no open may fail.
 *   test_cache_race <scratch dir> [rounds] [processes] */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache.h"

/* One process: waits for the start, opens; exit 0 when open. */
static int one(int start_fd, const char *path)
{
    char go;
    if (read(start_fd, &go, 1) < 0)
        return 2;
    bw_error err = {0};
    bw_cache *c = NULL;
    bw_status st = bw_cache_open(path, false, &c, &err);
    bw_cache_close(c);
    if (st != BW_OK)
        fprintf(stderr, "open failed: %s\n", err.message);
    return st == BW_OK ? 0 : 1;
}

/* The number of processes whose open failed. */
static int round_of(const char *path, int procs)
{
    int start[2];
    if (pipe(start) != 0)
        return procs;
    int failed = 0;
    for (int i = 0; i < procs; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            close(start[1]);
            _exit(one(start[0], path));
        }
        if (pid < 0)
            failed++;
    }
    close(start[0]);
    close(start[1]); /* all released at once: read() returns 0 */
    int status = 0;
    while (wait(&status) > 0)
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            failed++;
    return failed;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_cache_race SCRATCH_DIR [ROUNDS] [PROCESSES]\n");
        return 2;
    }
    int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 200;
    int procs = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 8;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/cache-race-%ld", argv[1], (long)getpid());
    int failed = 0;
    for (int r = 0; r < rounds; r++) {
        char sub[4200], path[4300];
        snprintf(sub, sizeof sub, "%s/r%d", dir, r); /* created by the first process */
        snprintf(path, sizeof path, "%s/cache.db", sub);
        failed += round_of(path, procs);
        static const char *const tails[] = {"", "-wal", "-shm"};
        for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
            char f[4400];
            snprintf(f, sizeof f, "%s%s", path, tails[i]);
            unlink(f);
        }
        rmdir(sub);
    }
    rmdir(dir);
    printf("cache: %d failed opens in %d rounds of %d processes\n", failed, rounds, procs);
    return failed == 0 ? 0 : 1;
}
