/* Concurrent first opens of the wrapper's databases, as the first compiles
 * of a parallel build do them (wrapper/src/databases.c).  In each round,
 * 8 processes released together open one new database; no open may fail.
 *   cache:   the checkers' open of the summary cache (bw_cache_open), as
 *            every compile and `bulwark check` runs it.  Without its retry
 *            of the switch to WAL (common/sqlite_wal.c), "PRAGMA
 *            journal_mode=WAL" failed with "database is locked" in 58 to
 *            130 of 1,600 opens (200 rounds) and that TU went unchecked.
 *   tracker: the wrapper's open of the tracker (bw_wrap_tracker_open).  With
 *            plain bw_tracker_open, 7 of 2,400 opens (300 rounds) refused the
 *            new database as "another program's" and the compile went
 *            unrecorded.
 *   tracker-plain: bw_tracker_open itself, without the wrapper's lock: it
 *            reads the database's identity in one statement now (11 failed
 *            opens in 300 rounds before that, 0 after).
 *   test_db_race cache|tracker|tracker-plain <scratch dir> [rounds] [processes] */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bulwark/tracker.h"
#include "bulwark/wrapper.h"
#include "cache.h"

enum mode { CACHE, TRACKER, TRACKER_PLAIN };
static enum mode mode;

/* One process: waits for the start, opens; exit 0 when open. */
static int one(int start_fd, const char *path)
{
    char go;
    if (read(start_fd, &go, 1) < 0)
        return 2;
    bw_error err = {0};
    bw_status st;
    if (mode == TRACKER || mode == TRACKER_PLAIN) {
        bw_tracker *t = NULL;
        st = mode == TRACKER ? bw_wrap_tracker_open(path, &t, &err) : bw_tracker_open(path, BW_TRACKER_WRITE, &t, &err);
        bw_tracker_close(t);
    } else {
        bw_cache *c = NULL;
        st = bw_cache_open(path, false, &c, &err);
        bw_cache_close(c);
    }
    if (st != BW_OK)
        fprintf(stderr, "open failed: %s\n", err.message);
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
    if (argc < 3)
        return 2;
    if (strcmp(argv[1], "cache") == 0)
        mode = CACHE;
    else if (strcmp(argv[1], "tracker") == 0)
        mode = TRACKER;
    else if (strcmp(argv[1], "tracker-plain") == 0)
        mode = TRACKER_PLAIN;
    else
        return 2;
    int rounds = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 200;
    int procs = argc > 4 ? (int)strtol(argv[4], NULL, 10) : 8;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/db-race-%ld", argv[2], (long)getpid());
    int failed = 0;
    for (int r = 0; r < rounds; r++) {
        char sub[4200], path[4300];
        /* a new directory too: it is created by the first process */
        snprintf(sub, sizeof sub, "%s/r%d", dir, r);
        snprintf(path, sizeof path, "%s/%s.db", sub, argv[1]);
        failed += round_of(path, procs);
        static const char *const tails[] = {"", "-wal", "-shm", ".lock"};
        for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
            char f[4400];
            snprintf(f, sizeof f, "%s%s", path, tails[i]);
            unlink(f);
        }
        rmdir(sub);
    }
    rmdir(dir);
    printf("%s: %d failed opens in %d rounds of %d processes\n", argv[1], failed, rounds, procs);
    return failed == 0 ? 0 : 1;
}
