/*
 * sqlite_wal.c — see bulwark/sqlite_wal.h.
 */
#include "bulwark/sqlite_wal.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bulwark/clock.h"

static bool busy(int rc) { return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED; }

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* One attempt: the journal mode after "PRAGMA journal_mode=WAL" into *wal;
 * the SQLite result code. */
static int try_wal(sqlite3 *db, bool *wal)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const unsigned char *mode = sqlite3_column_text(st, 0);
            *wal = mode != NULL && strcmp((const char *)mode, "wal") == 0;
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

bw_status bw_sqlite_set_wal(struct sqlite3 *db, const char *what, double max_seconds, bw_error *err)
{
    double start = bw_monotonic_seconds();
    long backoff = 1;
    bool wal = false;
    int rc;
    for (;;) {
        rc = try_wal(db, &wal);
        if (rc == SQLITE_OK || !busy(rc) || bw_monotonic_seconds() - start > max_seconds)
            break;
        pause_ms(backoff + (long)(getpid() % 3)); /* spread the retries of processes started together */
        if (backoff < 50)
            backoff *= 2;
    }
    if (rc != SQLITE_OK)
        return bw_error_set(err, BW_ERR_DB, "%s: %s", what, sqlite3_errmsg(db));
    if (!wal)
        return bw_error_set(err, BW_ERR_DB, "%s: cannot switch to WAL mode", what);
    return BW_OK;
}
