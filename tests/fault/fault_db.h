/* fault_db.h — what the SQLite fault drivers check after every operation:
 * the database file is consistent (PRAGMA integrity_check = ok) and its
 * content, as a canonical text, is either exactly what it was before the
 * operation or exactly what the same operation produced without a fault.
 *
 * Uses malloc, not bw_malloc, and runs with SQLite injection paused, so the
 * checks themselves never fail by injection. */
#ifndef BW_TEST_FAULT_DB_H
#define BW_TEST_FAULT_DB_H

#include <stdbool.h>
#include <stddef.h>

/* The content of the database at `path` as text: every table (in name
 * order) except those in `skip` (NULL-terminated, may be NULL), every row
 * in rowid order, every column except the ones holding wall-clock times
 * (recorded_at, taken_at, imported_at, updated, compile_ms), plus
 * user_version and application_id.  "absent" when there is no file or it
 * is empty.  When integrity_check is not "ok" the text starts with
 * "CORRUPT".  Caller frees with free(). */
char *fdb_state(const char *path, const char *const *skip);

/* A normaliser for fault_run_ops: a database holding no row at all (only
 * the schema that opening creates in a transaction of its own) holds no
 * data, the same as no database: its state becomes "absent". */
char *fdb_no_rows_is_absent(char *state);

/* Runs one SQL statement on the database with injection paused and returns
 * the first column of the first row as an integer (-1 on error). */
long long fdb_query(const char *path, const char *sql);

/* Prints a violation and exits with status 3 (run_faults.sh fails on it). */
_Noreturn void fdb_violation(const char *driver, const char *what, const char *detail_a,
                             const char *detail_b);

/* Compares a state after a failed operation with the states before and after
 * a fault-free run of it; violation unless equal to one of them. */
void fdb_old_or_new(const char *driver, const char *op, const char *got, const char *old_state,
                    const char *new_state);

/* A new scratch directory "<root>/<name>.XXXXXX" in dir (cap bytes);
 * false (and the reason printed) when it cannot be made. */
bool fdb_scratch_dir(char *dir, size_t cap, const char *root, const char *name);

/* Removes a scratch directory and everything below it. */
void fdb_remove_tree(const char *dir);

#endif
