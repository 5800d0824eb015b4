/* fault_ops.h — the loop every SQLite fault driver runs.
 *
 * A driver is a list of operations on a database (each one opens what it
 * needs, works, closes: what one CLI or wrapper process does).  For each
 * operation, in turn:
 *   1. the database is copied aside (the "old" state);
 *   2. the operation runs on it with injection armed;
 *   3. when a failure was injected during it, the operation also runs on
 *      the copy with every injection paused, giving the "new" state;
 *      success must then have left exactly the new state (an error
 *      swallowed on the way would leave another one); failure must come
 *      with a message and leave exactly the old or the new state, with
 *      integrity_check ok;
 *   4. after a failure the operation is run again without faults: the
 *      database must still work and reach the new state (no duplicate, no
 *      leftover lock), and the driver stops.
 * An operation may compare its own output (findings, a report) with its
 * reference run: the reference run (ref = true) comes right after the
 * faulted one.
 * Allocation failures (BULWARK_FAIL_ALLOC_AT, bw_malloc) are paused around
 * the reference runs and the checks as well. */
#ifndef BW_TEST_FAULT_OPS_H
#define BW_TEST_FAULT_OPS_H

#include <stdbool.h>

#include "bulwark/status.h"

typedef struct fault_op {
    const char *name;
    /* Runs the operation against the database at `db`; `ref` is true for the
     * reference run (the driver may use it to pick its own scratch files). */
    bw_status (*run)(void *ctx, const char *db, bool ref, bw_error *err);
} fault_op;

/* Rewrites a state text (from fdb_state) into its canonical form before
 * any comparison, in place or by returning a new malloc'ed text (freeing
 * the old one).  NULL: states are compared as they are. */
typedef char *(*fault_normalize_fn)(char *state);

/* Runs the loop over ops[0..n) with the databases at `test_db` and `ref_db`.
 * `skip` lists tables left out of the state comparison (NULL: none).
 * Returns 0 when every operation ran, 1 when it stopped after a failure
 * that kept every property (a violated property exits with status 3
 * through fdb_violation). */
int fault_run_ops(const char *driver, const fault_op *ops, unsigned n, void *ctx,
                  const char *test_db, const char *ref_db, const char *const *skip,
                  fault_normalize_fn normalize);

/* Arms the injections; call first thing in main().  False when the very
 * first allocation was the one to fail (the driver then exits 0). */
bool fault_init(void);
/* Pauses or resumes every injection (SQLite calls, SQLite's allocator,
 * bw_malloc). */
void fault_pause(bool paused);
/* True once any injected failure fired in this process. */
bool fault_fired(void);

#endif
