/*
 * roadmap/src/internal.h — shared between the files of bulwark_roadmap only.
 * Nothing here is public API; names carry the bw_rm_ prefix.
 */
#ifndef BULWARK_ROADMAP_INTERNAL_H
#define BULWARK_ROADMAP_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "bulwark/buf.h"
#include "bulwark/status.h"
#include "bulwark/tracker.h"

/* The raw SQLite handle of an open tracker. */
sqlite3 *bw_rm_db(bw_tracker *t);

/* Runs fn(db, ctx, err) inside BEGIN IMMEDIATE ... COMMIT, retrying the
 * whole transaction on SQLITE_BUSY/SQLITE_LOCKED with back-off for up to
 * BW_TRACKER_BUSY_MS.  fn returns BW_OK to commit; anything else rolls back. */
typedef bw_status (*bw_rm_tx_fn)(sqlite3 *db, void *ctx, bw_error *err);
bw_status bw_rm_transaction(bw_tracker *t, bw_rm_tx_fn fn, void *ctx, bw_error *err);

/* The SQL of the migration that creates schema `version` from version-1
 * (tests build old databases with it); NULL out of range. */
const char *bw_rm_migration_sql(int version);

/* Maps an SQLite result code to a status and fills err with `what` and
 * SQLite's message. */
bw_status bw_rm_sqlite_error(sqlite3 *db, int rc, const char *what, bw_error *err);

/* Prepares `sql` (a constant: parameters are bound, never pasted). */
bw_status bw_rm_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **out, bw_error *err);
/* Binds text, NULL for a NULL pointer. */
int bw_rm_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* Steps a statement that returns no rows, then resets it. */
bw_status bw_rm_exec_stmt(sqlite3 *db, sqlite3_stmt *st, const char *what, bw_error *err);

/* Current UTC time as RFC 3339 "YYYY-MM-DDTHH:MM:SSZ" into out[21]. */
void bw_rm_now_utc(char out[32]);
void bw_rm_format_utc(time_t t, char out[32]);
/* Parses "YYYY-MM-DD" (strict).  Returns true and the day number since the
 * epoch in *days. */
bool bw_rm_parse_date(const char *s, long *days);
/* Parses RFC 3339 with a 'Z' or +00:00 offset, optional fraction.  Returns
 * true and seconds since the epoch. */
bool bw_rm_parse_rfc3339_utc(const char *s, int64_t *secs);
/* Today's UTC date "YYYY-MM-DD" into out[11+]. */
void bw_rm_today(char out[16]);

/* Runs `argv` (no shell) in `cwd`, capturing stdout (at most max bytes).
 * Returns BW_ERR_TOOL when it cannot run or exits non-zero. */
bw_status bw_rm_run_capture(const char *cwd, char *const argv[], size_t max, char **out,
                            size_t *out_len, bw_error *err);

/* Escaping for the renderers. */
void bw_rm_html_escape(bw_buf *b, const char *s);
void bw_rm_md_escape(bw_buf *b, const char *s);

#endif
