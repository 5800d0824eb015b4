/* Concurrent first opens of one new tracker database, as the first
 * compiles of a parallel build through the compiler wrapper make them: in
 * each round, N processes released together open (and so create) one new
 * database with bw_tracker_open(); none may fail.  Before the tracker read
 * its application_id, user_version and schema size in one statement, a
 * process could read them across another's schema commit and refuse the
 * new database as "another program's" (7 of 2,400 opens in 300 rounds).
 *   test_tracker_race <scratch dir> [rounds] [processes] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bulwark/tracker.h"

static int open_once(int start_fd, const char *path)
{
    char go;
    if (read(start_fd, &go, 1) < 0)
        return 2;
    bw_error err = {0};
    bw_tracker *t = NULL;
    bw_status st = bw_tracker_open(path, BW_TRACKER_WRITE, &t, &err);
    bw_tracker_close(t);
    if (st != BW_OK)
        fprintf(stderr, "open failed: %s\n", err.message);
    return st == BW_OK ? 0 : 1;
}

static int race_round(const char *path, int procs)
{
    int start[2];
    if (pipe(start) != 0)
        return procs;
    int failed = 0;
    for (int i = 0; i < procs; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            close(start[1]);
            _exit(open_once(start[0], path));
        }
        if (pid < 0)
            failed++;
    }
    close(start[0]);
    close(start[1]); /* every child's read() returns at once */
    int status = 0;
    while (wait(&status) > 0)
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            failed++;
    return failed;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_tracker_race <scratch dir> [rounds] [processes]\n");
        return 2;
    }
    int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 300;
    int procs = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 8;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tracker-race-%ld", argv[1], (long)getpid());
    if (mkdir(argv[1], 0777) != 0 && access(argv[1], W_OK) != 0)
        return 2;
    if (mkdir(dir, 0777) != 0)
        return 2;
    int failed = 0;
    for (int r = 0; r < rounds; r++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/t%d.db", dir, r);
        failed += race_round(path, procs);
        static const char *const tails[] = {"", "-wal", "-shm", "-journal"};
        for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
            char f[4300];
            snprintf(f, sizeof f, "%s%s", path, tails[i]);
            unlink(f);
        }
    }
    rmdir(dir);
    printf("tracker: %d failed opens in %d rounds of %d processes\n", failed, rounds, procs);
    return failed == 0 ? 0 : 1;
}
