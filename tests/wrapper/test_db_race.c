/* Concurrent first opens of a new summary cache, as the first compiles of a
 * parallel build do them: in each round, 8 processes released together run
 * what bulwark-cc runs before its checkers (bw_wrap_cache_prepare) and then
 * the checkers' own open of the cache (bw_cache_open).  No open may fail.
 * Without bw_wrap_cache_prepare, "PRAGMA journal_mode=WAL" in the checkers'
 * open failed with "database is locked" in 162 of 8,000 opens (1,000
 * rounds), and that compile's TU went unchecked.
 *   test_cache_race <scratch dir> [rounds] [processes] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bulwark/wrapper.h"
#include "cache.h"

/* One process: waits for the start, prepares and opens; exit 0 when open. */
static int one(int start_fd, const char *path)
{
    char go;
    if (read(start_fd, &go, 1) < 0)
        return 2;
    bw_error err = {0};
    (void)bw_wrap_cache_prepare(path, &err); /* as the wrapper: its failure is the open's */
    bw_cache *c = NULL;
    bw_status st = bw_cache_open(path, false, &c, &err);
    if (st != BW_OK)
        fprintf(stderr, "open failed: %s\n", err.message);
    bw_cache_close(c);
    return st == BW_OK ? 0 : 1;
}

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
    if (argc < 2)
        return 2;
    int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 200;
    int procs = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 8;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/cache-race-%ld", argv[1], (long)getpid());
    int failed = 0;
    for (int r = 0; r < rounds; r++) {
        char path[4200];
        /* a new directory too: the cache's directory is created by the first */
        snprintf(path, sizeof path, "%s/r%d/cache.db", dir, r);
        failed += round_of(path, procs);
        char wal[4300], shm[4300], sub[4200];
        snprintf(wal, sizeof wal, "%s-wal", path);
        snprintf(shm, sizeof shm, "%s-shm", path);
        snprintf(sub, sizeof sub, "%s/r%d", dir, r);
        unlink(path);
        unlink(wal);
        unlink(shm);
        rmdir(sub);
    }
    rmdir(dir);
    printf("%d failed opens in %d rounds of %d processes\n", failed, rounds, procs);
    return failed == 0 ? 0 : 1;
}
