/*
 * knowledge.h — sources, sinks, sanitizers, validators and propagators as
 * data.  The built-in rows live in knowledge.c; .bulwark.yaml's `taint:`
 * section and the annotations of <bulwark/annotations.h> add rows.
 */
#ifndef BW_CHECKERS_KNOWLEDGE_H
#define BW_CHECKERS_KNOWLEDGE_H

#include <stdbool.h>
#include <stdint.h>

#include "bulwark/config.h"
#include "bulwark/rules.h"
#include "ir.h"

typedef enum bw_role {
    BW_ROLE_SOURCE,     /* `to` receives untrusted data (BW_RET or an argument) */
    BW_ROLE_SINK,       /* argument `arg` must not carry untrusted `kinds` data */
    BW_ROLE_SANITIZER,  /* `to` = argument `from` (BW_ALL: every argument) made safe for `kinds` */
    BW_ROLE_VALIDATOR,  /* a true result means argument `arg` is safe for `kinds` */
    BW_ROLE_PROPAGATOR, /* data flows from `from` (BW_ALL: every argument) to `to` */
    BW_ROLE_TRUSTED     /* the return value is constant text (strerror, ...), or no text
                           (sqlite3_step(): see BW_KF_SQL_HANDLE) */
} bw_role;

#define BW_RET (-1)
#define BW_ALL (-2)

enum {
    BW_KF_PRINTF = 1,      /* `fmt` is a printf format; data arguments from `first` */
    BW_KF_SCANF = 2,       /* `fmt` is a scanf format; outputs from `first` */
    BW_KF_VA = 4,          /* `first` is a va_list */
    BW_KF_MPRINTF = 8,     /* sqlite3 %q %Q %w escape for SQL */
    BW_KF_ESC_HTML = 16,   /* every conversion is HTML-escaped */
    BW_KF_SHELL_EXEC = 32, /* exec*: a sink only when running a shell with -c */
    BW_KF_CGI = 64,        /* writes to stdout: a sink only in a program that emits HTML */
    BW_KF_STREAM = 128,    /* ... and only when argument `fmt` is stdout (fmt reused as stream index) */
    BW_KF_FD = 256,        /* ... and only when argument `fmt` is a non-zero constant fd */
    BW_KF_STRONG = 512,    /* the destination is overwritten, not appended to */
    BW_KF_SQL_HANDLE = 1024, /* trusted: argument `arg` is a statement or blob handle, whose SQL
                                text was checked where it was prepared; no SQL text goes in */
    BW_KF_FILLS = 2048      /* SANITIZER: argument `to` is a buffer the function fills with the
                               sanitized text, or escapes where it lies (analyze.c, fill_buffer) */
};

typedef struct bw_know {
    const char *function; /* qualified name: "getenv", "std::getline" */
    bw_role role;
    int arg;              /* SINK/VALIDATOR: argument (0-based) */
    int from, to;         /* PROPAGATOR/SANITIZER/SOURCE */
    unsigned kinds;       /* bit set of bw_taint_kind */
    int fmt, first;       /* format-aware rows; -1 when unused */
    unsigned flags;
    const char *hint;     /* SINK: the API to use instead */
} bw_know;

/* The built-in rows (terminated by a row with function == NULL). */
extern const bw_know bw_builtin_knowledge[];

typedef struct bw_kdb bw_kdb;

/* Builds the lookup table from the built-in rows plus cfg's taint section
 * (cfg may be NULL).  BW_ERR_PARSE with "file:line:col: message". */
bw_status bw_kdb_new(const bw_config *cfg, bw_kdb **out, bw_error *err);
void bw_kdb_free(bw_kdb *db);
/* Adds rows from one annotation string ("bulwark:sink:sql:2") of `function`.
 * Unknown or malformed annotations are ignored (the compiler accepted them). */
bool bw_kdb_add_annotation(bw_kdb *db, const char *function, const char *annotation);
/* Adds a format-attribute row (printf-style sink/propagator) for a user function. */
bool bw_kdb_add_format(bw_kdb *db, const char *function, int fmt, int first);
/* The rows for `function` (qualified name; "std::x" also matches rows for
 * "x"), *count of them; NULL when none. */
const bw_know *const *bw_kdb_lookup(const bw_kdb *db, const char *function, size_t *count);

/* Validates a `taint:` node; used by bw_kdb_new and `bulwark config check`. */
bw_status bw_taint_section_check(const bw_yaml *doc, bw_yaml_node node, bw_error *err);

#endif
