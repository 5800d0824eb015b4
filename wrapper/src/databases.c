/*
 * databases.c — opening the tracker database and the checkers' summary
 * cache safely when the first compiles of a parallel build all create them
 * at the same moment.  Both races were seen as flaky end-to-end tests; the
 * libraries that own the databases (roadmap/, checkers/) are unchanged.
 *
 * The summary cache.  Its open (checkers/src/cache.c) converts a new cache
 * to WAL, which needs an exclusive lock that SQLite does not wait for, so
 * the first compiles of a parallel build used to fail with "database is
 * locked" and leave their TU unchecked (162 of 8,000 opens in 1,000 rounds
 * of 8 processes).  The wrapper used to convert the file itself first; the
 * checkers' open now retries the conversion (bw_sqlite_set_wal in common/,
 * also used by the tracker), so the wrapper does nothing extra for it.
 *
 * The tracker.  bw_tracker_open reads the application id, the schema
 * version and the number of tables in three statements, each its own read
 * transaction; when another process committed the new database's schema
 * between them, the reader saw no id and no version but tables, and refused
 * "an SQLite database of another program" — that compile went unrecorded
 * (wrapper.e2e.install, 2 in 30 runs; 7 of 2,400 opens in 300 rounds of 8
 * processes).  The wrapper's processes therefore open the tracker one at a
 * time, under an flock(2) on "<database>.lock"; the records are written
 * after the lock is released, so only the opens (about a millisecond) are
 * serialised.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/file.h"
#include "bulwark/tracker.h"
#include "bulwark/wrapper.h"

/* mkdir -p of the database's directory. */
static bw_status make_dirs(const char *path, bw_error *err)
{
    char *dir = bw_path_dirname(path);
    if (dir == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    bw_status st = BW_OK;
    for (char *p = dir + 1; st == BW_OK; p++) {
        bool last = *p == '\0';
        if (*p == '/' || last) {
            char saved = *p;
            *p = '\0';
            if (mkdir(dir, 0777) != 0 && errno != EEXIST)
                st = bw_error_set(err, BW_ERR_IO, "%s: cannot create: %s", dir, strerror(errno));
            *p = saved;
        }
        if (last)
            break;
    }
    bw_free(dir);
    return st;
}

/* The lock that makes the wrapper's tracker opens one at a time; -1 when it
 * cannot be had (the open then goes ahead without it, as before). */
static int lock_tracker(const char *path)
{
    bw_error ignored = {0};
    if (make_dirs(path, &ignored) != BW_OK)
        return -1;
    size_t n = strlen(path) + sizeof ".lock";
    char *lock = bw_malloc(n);
    if (lock == NULL)
        return -1;
    snprintf(lock, n, "%s.lock", path);
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    bw_free(lock);
    if (fd < 0)
        return -1;
    while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            close(fd);
            return -1;
        }
    }
    return fd;
}

bw_status bw_wrap_tracker_open(const char *path, bw_tracker **out, bw_error *err)
{
    int fd = lock_tracker(path);
    bw_status st = bw_tracker_open(path, BW_TRACKER_WRITE, out, err);
    if (fd >= 0)
        close(fd); /* releases the lock */
    return st;
}
