/* sqlite_fault.h — failing the N-th SQLite call (the fault-injection build).
 *
 * A driver linked with sqlite_fault.c and
 *   -Wl,--wrap=sqlite3_open_v2,--wrap=sqlite3_prepare_v2,--wrap=sqlite3_step,
 *   --wrap=sqlite3_exec,--wrap=sqlite3_bind_*...
 * has every call to those functions, from every static library linked into
 * it (roadmap/, checkers/, wrapper/), go through the counters here first;
 * no library code changes.  Two kinds of fault, chosen by the environment:
 *
 *   BULWARK_FAIL_SQLITE_AT=N         the N-th call of the wrapped API fails
 *                                    as SQLite would fail it (IOERR, FULL,
 *                                    NOMEM in turn; bind calls with NOMEM);
 *   BULWARK_FAIL_SQLITE_MALLOC_AT=N  SQLite's own N-th memory allocation
 *                                    fails (sqlite3_config(SQLITE_CONFIG_MALLOC)
 *                                    installed before SQLite initialises), so
 *                                    the failure happens deep inside SQLite.
 *
 * Each injected failure prints "bulwark-fault: injected SQLite failure"
 * on stderr (tests/fault/run_faults.sh keys on it).  The driver's own
 * verification queries run with bw_sqlfault_pause(true): they neither
 * count nor fail. */
#ifndef BW_TEST_SQLITE_FAULT_H
#define BW_TEST_SQLITE_FAULT_H

#include <stdbool.h>

void bw_sqlfault_pause(bool paused);
/* True once an injected failure has fired in this process. */
bool bw_sqlfault_fired(void);

#endif
