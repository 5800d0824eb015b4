/* fault_ops.c — see fault_ops.h. */
#include "fault_ops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "fault_db.h"
#include "sqlite_fault.h"

/* bw_malloc's injection counts from its last re-arming; pausing disarms it
 * and resuming re-arms it for the allocations still to go. */
static unsigned long alloc_target, alloc_consumed;
static bool alloc_fired, alloc_paused;

static void alloc_init(void)
{
    const char *v = getenv("BULWARK_FAIL_ALLOC_AT");
    alloc_target = v != NULL ? strtoul(v, NULL, 10) : 0;
}

void fault_pause(bool paused)
{
    bw_sqlfault_pause(paused);
    if (alloc_target == 0 || paused == alloc_paused)
        return;
    alloc_paused = paused;
    if (paused) {
        if (bw_fault_alloc_fired())
            alloc_fired = true;
        alloc_consumed += bw_fault_alloc_count();
        bw_fault_fail_alloc_at(0);
    } else if (!alloc_fired && alloc_consumed < alloc_target) {
        bw_fault_fail_alloc_at(alloc_target - alloc_consumed);
    } else {
        bw_fault_fail_alloc_at(0);
    }
}

bool fault_fired(void)
{
    return bw_sqlfault_fired() || alloc_fired || (!alloc_paused && bw_fault_alloc_fired());
}

bool fault_init(void)
{
    alloc_init();
    /* The first allocation arms bw_malloc's injection from the environment;
     * make it happen here so the counts line up. */
    void *warm = bw_malloc(1);
    bw_free(warm);
    if (warm == NULL)
        return false;
    if (alloc_target != 0) {
        alloc_consumed = 1;
        bw_fault_fail_alloc_at(alloc_target > 1 ? alloc_target - 1 : 0);
    }
    return true;
}

static char *state(fault_normalize_fn normalize, const char *db, const char *const *skip)
{
    char *s = fdb_state(db, skip);
    return normalize != NULL ? normalize(s) : s;
}

/* Copies the test database (closed between operations) over the reference
 * one: the reference run of an operation then starts from the same state. */
static void copy_db(const char *from, const char *to)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) {
        char a[4200], b[4200];
        snprintf(a, sizeof a, "%s%s", from, suffix[i]);
        snprintf(b, sizeof b, "%s%s", to, suffix[i]);
        unlink(b);
        if (i == 2)
            continue; /* the shared-memory index is rebuilt from the log */
        FILE *in = fopen(a, "rb");
        if (in == NULL)
            continue;
        FILE *out = fopen(b, "wb");
        if (out == NULL) {
            perror(b);
            exit(2);
        }
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            if (fwrite(buf, 1, n, out) != n) {
                perror(b);
                exit(2);
            }
        fclose(in);
        if (fclose(out) != 0) {
            perror(b);
            exit(2);
        }
    }
}

static void make_parent(const char *path)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s", path);
    for (char *p = dir + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0777);
            *p = '/';
        }
    }
}

int fault_run_ops(const char *driver, const fault_op *ops, unsigned n, void *ctx,
                  const char *test_db, const char *ref_db, const char *const *skip,
                  fault_normalize_fn normalize)
{
    make_parent(test_db);
    make_parent(ref_db);
    for (unsigned k = 0; k < n; k++) {
        bw_error err = {0};
        char what[256];
        /* The state before the operation, kept as a copy: only an operation
         * in which a fault fired needs it (and its fault-free run). */
        fault_pause(true);
        copy_db(test_db, ref_db);
        fault_pause(false);

        bool fired_before = fault_fired();
        bw_status st = ops[k].run(ctx, test_db, false, &err);
        fault_pause(true);
        if (st == BW_OK && fault_fired() == fired_before) {
            fault_pause(false);
            continue; /* nothing was injected: nothing to compare */
        }
        char *got = state(normalize, test_db, skip);
        char *old = state(normalize, ref_db, skip);
        bw_error ref_err = {0};
        if (ops[k].run(ctx, ref_db, true, &ref_err) != BW_OK) {
            snprintf(what, sizeof what, "%s: the reference run failed: %s", ops[k].name, ref_err.message);
            fdb_violation(driver, what, NULL, NULL);
        }
        char *want = state(normalize, ref_db, skip);
        if (st == BW_OK) {
            bool same = strcmp(got, want) == 0;
            if (!same) {
                snprintf(what, sizeof what,
                         "%s succeeded after an injected failure but left a state different from a "
                         "fault-free run",
                         ops[k].name);
                fdb_violation(driver, what, got, want);
            }
            free(want);
            free(old);
            free(got);
            fault_pause(false);
            continue;
        }
        if (!fault_fired() || fired_before) {
            snprintf(what, sizeof what, "%s failed without an injected fault: %s", ops[k].name, err.message);
            fdb_violation(driver, what, NULL, NULL);
        }
        if (err.message[0] == '\0' && st != BW_ERR_NOMEM) { /* "out of memory" says it all */
            snprintf(what, sizeof what, "%s failed (%s) without saying why", ops[k].name, bw_status_str(st));
            fdb_violation(driver, what, NULL, NULL);
        }
        fdb_old_or_new(driver, ops[k].name, got, old, want);
        bw_status failed = st;
        /* The database still works: the same operation, without faults,
         * reaches the new state (a retried compile, a second snapshot). */
        bw_error again = {0};
        st = ops[k].run(ctx, test_db, false, &again);
        char *after = state(normalize, test_db, skip);
        if (st != BW_OK) {
            snprintf(what, sizeof what, "%s: the retry after the failure failed: %s", ops[k].name,
                     again.message);
            fdb_violation(driver, what, NULL, NULL);
        }
        bool same = strcmp(after, want) == 0;
        if (!same && strcmp(got, old) == 0) {
            snprintf(what, sizeof what, "%s: the retry after the failure left another state", ops[k].name);
            fdb_violation(driver, what, after, want);
        }
        printf("%s: %s failed cleanly (%s: %s); database %s; retry ok\n", driver, ops[k].name,
               bw_status_str(failed), err.message,
               strcmp(got, old) == 0 ? "unchanged" : "complete");
        free(want);
        free(old);
        free(got);
        free(after);
        return 1;
    }
    printf("%s: all %u operations succeeded%s\n", driver, n, fault_fired() ? " (the injected failure was absorbed)" : "");
    return 0;
}
