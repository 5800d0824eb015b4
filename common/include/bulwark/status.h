/*
 * bulwark/status.h — result codes shared by every Bulwark library.
 *
 * Every fallible function returns a bw_status.  The one-line message for a
 * code comes from bw_status_str(); the detail (which file, which line) is
 * kept in a bw_error that the caller passes in, so libraries never print.
 * The CLI turns a status into the documented exit code with
 * bw_status_exit_code().
 */
#ifndef BULWARK_STATUS_H
#define BULWARK_STATUS_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum bw_status {
    BW_OK = 0,
    BW_ERR_NOMEM,     /* an allocation failed */
    BW_ERR_IO,        /* reading or writing a file failed */
    BW_ERR_USAGE,     /* bad command-line usage or API misuse */
    BW_ERR_PARSE,     /* malformed input: config, YAML, JSON, compile database */
    BW_ERR_NOT_FOUND, /* a named file, rule or record does not exist */
    BW_ERR_DB,        /* SQLite reported an error */
    BW_ERR_CORRUPT,   /* a data file is corrupt or not ours; never overwritten */
    BW_ERR_VERSION,   /* data written by a newer Bulwark than this one */
    BW_ERR_TOOL,      /* an external tool (compiler, libclang) failed */
    BW_ERR_INTERNAL,  /* a bug in Bulwark */
    BW_STATUS_COUNT_
} bw_status;

/* Process exit codes, documented in `bulwark --help`. */
enum {
    BW_EXIT_OK = 0,       /* no finding at or above the fail level */
    BW_EXIT_FINDINGS = 1, /* findings at or above the fail level */
    BW_EXIT_INPUT = 2,    /* usage error or bad input */
    BW_EXIT_INTERNAL = 3  /* internal error */
};

/* A short, static, English description of `status`; never NULL. */
const char *bw_status_str(bw_status status);

/* The exit code the CLI uses for `status` (BW_EXIT_INPUT or BW_EXIT_INTERNAL). */
int bw_status_exit_code(bw_status status);

/*
 * Error detail.  A library fills it with bw_error_set() and returns the same
 * status; the caller prints `err.message` (one line, no trailing newline).
 * A zero-initialised bw_error is valid and means "no error".
 */
typedef struct bw_error {
    bw_status status;
    char message[1024];
} bw_error;

/* Records `status` and a printf-style message in `err` (which may be NULL).
 * Returns `status` so callers can write `return bw_error_set(err, ...)`. */
bw_status bw_error_set(bw_error *err, bw_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#ifdef __cplusplus
}
#endif
#endif
