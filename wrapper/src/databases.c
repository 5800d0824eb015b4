/*
 * databases.c — opening the tracker database and the checkers' summary
 * cache safely when the first compiles of a parallel build all create them
 * at the same moment.  Both races were seen as flaky end-to-end tests; the
 * libraries that own the databases (roadmap/, checkers/) are unchanged.
 *
 * The summary cache.  The checkers' open (checkers/src/cache.c) runs
 * "PRAGMA journal_mode=WAL" on it; converting a database to WAL needs an
 * exclusive lock, and SQLite does not call the busy handler for that
 * conversion (it may already hold a read lock, and waiting could deadlock),
 * so it fails at once with "database is locked" while another process is
 * reading or converting the same new file.  That compile's TU then went
 * unchecked ("not analysed"): 162 of 8,000 opens failed in 1,000 rounds of
 * 8 processes opening one new cache (wrapper.e2e.make lost its finding that
 * way).  WAL is a property of the file, so converting it here, retrying
 * while another process holds the lock, leaves the checkers' own
 * conversion nothing to do.  The checkers' open retries the same way
 * (bw_sqlite_set_wal in common/, one function for both) for `bulwark
 * check` runs that share a new cache without the wrapper.  The tracker
 * does the same for its database (roadmap/src/tracker.c, set_wal).
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
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/file.h"
#include "bulwark/sqlite_wal.h"
#include "bulwark/tracker.h"
#include "bulwark/wrapper.h"

/* How long to keep retrying a conversion another process is blocking. */
#define WAL_WAIT_SECONDS 60.0

/* What the file is now. */
typedef enum cache_file {
    CACHE_MISSING_OR_EMPTY, /* SQLite will create it: convert */
    CACHE_ROLLBACK,         /* an SQLite database not in WAL mode yet: convert */
    CACHE_WAL,              /* nothing to do */
    CACHE_OTHER             /* not an SQLite database: the checkers say so */
} cache_file;

/* From the database header: bytes 18 and 19 are 2 in WAL mode. */
static cache_file classify(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? CACHE_MISSING_OR_EMPTY : CACHE_OTHER;
    unsigned char head[20];
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    if (n == 0)
        return CACHE_MISSING_OR_EMPTY;
    if (n != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
        return CACHE_OTHER;
    return head[18] == 2 && head[19] == 2 ? CACHE_WAL : CACHE_ROLLBACK;
}

/* mkdir -p of the cache's directory (the checkers would create it too). */
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

bw_status bw_wrap_cache_prepare(const char *path, bw_error *err)
{
    cache_file kind = classify(path);
    if (kind == CACHE_WAL || kind == CACHE_OTHER)
        return BW_OK;
    bw_status st = make_dirs(path, err);
    if (st != BW_OK)
        return st;
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_busy_timeout(db, 10000); /* the reads that find the mode wait */
    if (rc != SQLITE_OK) {
        st = bw_error_set(err, BW_ERR_DB, "summary cache %s: %s", path,
                          db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    } else {
        bw_buf what = BW_BUF_INIT;
        bw_buf_printf(&what, "summary cache %s", path);
        st = bw_sqlite_set_wal(db, what.data != NULL ? what.data : "summary cache", WAL_WAIT_SECONDS, err);
        bw_buf_free(&what);
    }
    sqlite3_close(db);
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
