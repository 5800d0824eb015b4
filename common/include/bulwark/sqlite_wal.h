/*
 * sqlite_wal.h — switching an SQLite database to WAL mode when other
 * processes may be opening the same new file (the summary cache, shared by
 * the checkers and the compiler wrapper).
 */
#ifndef BULWARK_SQLITE_WAL_H
#define BULWARK_SQLITE_WAL_H

#include "bulwark/status.h"

struct sqlite3;

/* Runs "PRAGMA journal_mode=WAL" on the open database `db`, retrying with
 * a short back-off while it fails with SQLITE_BUSY or SQLITE_LOCKED, for up
 * to `max_seconds`.  Converting a database to WAL needs an exclusive lock,
 * and SQLite does not call the busy handler for that conversion, so it
 * fails at once while another process reads or converts the same new file.
 * `what` names the database in error messages ("summary cache PATH").
 * Returns BW_OK once the database is in WAL mode; BW_ERR_DB with SQLite's
 * message when it fails otherwise or is still locked after `max_seconds`,
 * or when SQLite keeps another journal mode (an in-memory database). */
bw_status bw_sqlite_set_wal(struct sqlite3 *db, const char *what, double max_seconds, bw_error *err);

#endif
