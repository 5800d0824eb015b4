/* fuzz_audit_log.c — libFuzzer harness for the audit-log importer: hostile,
 * truncated and forged JSON lines into a real (in-memory) tracker database.
 * Every line must be accounted for in the import statistics. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulwark/tracker.h"

static size_t count_lines(const uint8_t *data, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < size; i++)
        n += data[i] == '\n';
    return n + (size > 0 && data[size - 1] != '\n');
}

static const char *db_path;

static void remove_db(void)
{
    if (db_path != NULL) {
        char extra[80];
        unlink(db_path);
        snprintf(extra, sizeof extra, "%s-wal", db_path);
        unlink(extra);
        snprintf(extra, sizeof extra, "%s-shm", db_path);
        unlink(extra);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bw_tracker *tracker;
    bw_error err = {0};
    if (tracker == NULL) {
        /* One real database file per fuzzing process, removed at exit. */
        static char path[64];
        snprintf(path, sizeof path, "/tmp/bw-fuzz-audit-%ld.db", (long)getpid());
        unlink(path);
        if (bw_tracker_open(path, BW_TRACKER_WRITE | BW_TRACKER_READ, &tracker, &err) != BW_OK)
            __builtin_trap();
        atexit(remove_db);
        db_path = path;
    }
    if (size == 0)
        return 0;
    FILE *in = fmemopen((void *)data, size, "r");
    if (in == NULL)
        return 0;
    bw_audit_import_stats stats;
    memset(&stats, 0, sizeof stats);
    bw_status st = bw_tracker_import_audit_log(tracker, in, "fuzz.log", &stats, &err);
    fclose(in);
    if (st == BW_OK) {
        /* `lines` counts non-blank lines; every one is imported, a duplicate, or rejected. */
        size_t accounted = stats.imported + stats.duplicates + stats.invalid + stats.truncated + stats.forged;
        if (stats.lines + stats.blank != count_lines(data, size) || accounted != stats.lines)
            __builtin_trap();
    } else if (err.message[0] == '\0') {
        __builtin_trap();
    }
    return 0;
}
