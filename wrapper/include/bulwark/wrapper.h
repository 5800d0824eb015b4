/*
 * bulwark/wrapper.h — the compiler wrapper behind `bulwark-cc`,
 * `bulwark-c++` and `bulwark-launch` (docs/wrapper.md is the user's story).
 *
 * The wrapper sits where the build calls the compiler.  For each command it
 *   1. classifies the command line (bw_cc_parse): a compile of C/C++
 *      sources, a compile-and-link, a link of objects, or something to pass
 *      straight through (preprocessing, -M/-MM, assembler, --version,
 *      configure/CMake/meson probes, ...);
 *   2. for a compile: runs the checkers on each TU with the same flags,
 *      compiles with the hardening plugin and the front-end flags it needs,
 *      prints findings as clang-style warnings (errors under werror) and
 *      records the TU's facts in the tracker database;
 *   3. for a link: adds the Bulwark runtime (static by default).
 *
 * Everything here returns bw_status with detail in a bw_error and never
 * prints; bw_wrapper_main() is the one function that talks to the user (it
 * is the program's main), and it returns the real compiler's exit code, or
 * 1 when findings fail the compile under werror.
 */
#ifndef BULWARK_WRAPPER_H
#define BULWARK_WRAPPER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bulwark/config.h"
#include "bulwark/finding.h"
#include "bulwark/loosening.h"
#include "bulwark/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- command-line classification ----------------------------------------- */

typedef enum bw_cc_action {
    BW_CC_PASSTHROUGH = 0, /* run the real compiler unchanged */
    BW_CC_COMPILE,         /* -c (or -S): sources to objects, no link */
    BW_CC_COMPILE_LINK,    /* sources (and maybe objects) straight to a binary */
    BW_CC_LINK             /* objects/libraries only, to a binary */
} bw_cc_action;

typedef enum bw_cc_lang { BW_LANG_C = 0, BW_LANG_CXX } bw_cc_lang;

/* One C/C++ source on the command line. */
typedef struct bw_cc_source {
    const char *path;  /* as written on the command line (points into argv) */
    bw_cc_lang lang;
    size_t argi;       /* its index in the argument vector */
} bw_cc_source;

typedef struct bw_cc_cmd {
    bw_cc_action action;
    /* For BW_CC_PASSTHROUGH: why, as a short static phrase ("preprocess
     * only", "configure probe", ...).  Never NULL after a successful parse. */
    const char *why;
    bw_cc_source *sources;      /* owned array; the strings point into argv */
    size_t source_count;
    size_t other_inputs;        /* objects, archives, libraries (-l), assembler files */
    size_t asm_inputs;          /* .s/.S/.sx inputs (never hardened) */
    const char *output;         /* -o value, or NULL (points into argv) */
    bool shared;                /* -shared */
    bool relocatable;           /* -r / -Wl,-r: a partial link */
    bool nostdlib;              /* -nostdlib / -nodefaultlibs / -nostartfiles */
    bool to_assembly;           /* -S */
    bool emits_bitcode;         /* -emit-llvm or -flto: the output is not a native object */
    /* Hardening-relevant flags seen, verbatim (owned copies; a flag given
     * as two arguments is joined: "-z relro", "-D_FORTIFY_SOURCE=2"):
     * _FORTIFY_SOURCE, stack protector, -fcf-protection,
     * -ftrivial-auto-var-init, PIE/PIC, RELRO/BIND_NOW, sanitizers, ... */
    char **hardening_flags;
    size_t hardening_flag_count;
} bw_cc_cmd;

/*
 * Classifies the arguments of one compiler command: `args[0..nargs)` are
 * the arguments after the compiler's name.  `cxx_driver` says the driver is
 * a C++ one (clang++/g++), which compiles .c files as C++.  Pointers in *out
 * point into args, which must outlive it.  Returns BW_OK (every command
 * classifies; unknown shapes become BW_CC_PASSTHROUGH) or BW_ERR_NOMEM.
 */
bw_status bw_cc_parse(size_t nargs, const char *const *args, bool cxx_driver, bw_cc_cmd *out,
                      bw_error *err);
void bw_cc_cmd_clear(bw_cc_cmd *cmd);

/* "c" or "c++". */
const char *bw_cc_lang_name(bw_cc_lang lang);
/* True when `path` names a build-system probe that must behave exactly as
 * with the plain compiler: autoconf's conftest.*, CMake's compiler-id and
 * try_compile scratch projects, meson's sanity checks and private probes. */
bool bw_cc_is_probe_path(const char *path);

/* ---- the real compiler ----------------------------------------------------- */

typedef enum bw_compiler_kind {
    BW_COMPILER_UNKNOWN = 0,
    BW_COMPILER_CLANG,
    BW_COMPILER_GCC
} bw_compiler_kind;

typedef struct bw_compiler_info {
    bw_compiler_kind kind;
    int major;     /* clang's major version, 0 when unknown */
    bool cxx;      /* a C++ driver (clang++, g++, c++) */
} bw_compiler_info;

/*
 * Identifies the compiler `path` (a name looked up in PATH, or a path):
 * by its name and the name it links to (clang-19, gcc-12, cc -> gcc, ...),
 * and, only when that says nothing, by running `path --version` once.
 * Never fails: an unidentifiable compiler is BW_COMPILER_UNKNOWN.
 */
void bw_compiler_identify(const char *path, bw_compiler_info *out);

/* ---- settings ----------------------------------------------------------------- */

typedef enum bw_runtime_mode { BW_RUNTIME_STATIC = 0, BW_RUNTIME_SHARED } bw_runtime_mode;

/* What the wrapper does, from the environment and .bulwark.yaml.  Every
 * protection is on unless switched off explicitly with a reason. */
typedef struct bw_wrap_settings {
    bool cfi, shadow_stack, memory, member_bounds; /* the pass's protections */
    bool shadow_stack_in_bounds; /* the shadow stack also in functions whose
                                    stack objects are proven in bounds (the
                                    whole -fstack-protector-strong scope) */
    bool checkers;                                 /* run the static checkers */
    bool check_in_wrapper;   /* never inside the compile (BULWARK_CHECK_IN=wrapper) */
    bw_runtime_mode runtime;
    bw_severity werror;       /* findings at/above fail the compile; BW_SEV_NONE: never */
    bw_loosenings loosenings; /* every protection switched off ("protection-off") */
} bw_wrap_settings;

/*
 * Fills *out from `cfg` (may be NULL: defaults) and the environment:
 *   BULWARK_OFF=<list>          comma-separated: cfi, shadow-stack, memory,
 *                               member-bounds, shadow-stack-in-bounds (the
 *                               shadow stack left out of functions proven
 *                               to access their stack objects in bounds),
 *                               checkers, or all
 *   BULWARK_OFF_REASON=<text>   required whenever BULWARK_OFF is set
 *   BULWARK_RUNTIME=static|shared
 *   BULWARK_CHECK_IN=compiler|wrapper  where the checkers run (docs/wrapper.md)
 *   BULWARK_WERROR=0|1|note|warning|error
 *                               1: the config's `werror:` level, else its
 *                               fail-level; 0: never fail on findings
 * and the `hardening:` section of .bulwark.yaml:
 *   hardening:
 *     runtime: static|shared
 *     off:
 *       - {protection: cfi, reason: "..."}
 * BW_ERR_USAGE when a protection is switched off without a reason or an
 * environment value is unknown; BW_ERR_PARSE (line-numbered) for a bad
 * config section.  Keys of `hardening:` owned elsewhere (verify) are left
 * to their owners.  Clear with bw_wrap_settings_clear.
 */
bw_status bw_wrap_settings_load(const bw_config *cfg, bw_wrap_settings *out, bw_error *err);
void bw_wrap_settings_clear(bw_wrap_settings *s);

/* ---- the pass's per-TU statistics -------------------------------------------- */

typedef struct bw_tu_stats {
    char *source;   /* the module's source file name as the compiler saw it */
    bool cfi, shadow_stack, memory;
    uint64_t icalls, shadow_functions, memops, residual;
} bw_tu_stats;

typedef struct bw_tu_stats_list {
    bw_tu_stats *items;
    size_t count;
} bw_tu_stats_list;

/*
 * Parses the JSON lines the pass plugin appends to $BULWARK_PASS_STATS
 * (docs/hardening.md, "Per-TU statistics"; version BW_PASS_STATS_VERSION).
 * Lines of another version or that do not parse are skipped.  BW_ERR_NOMEM
 * only.  Clear with bw_tu_stats_clear.
 */
bw_status bw_tu_stats_parse(const char *text, size_t len, bw_tu_stats_list *out, bw_error *err);
/* The record whose source is `path` (compared as written, then by
 * basename-insensitive full path), or NULL. */
const bw_tu_stats *bw_tu_stats_find(const bw_tu_stats_list *list, const char *path);
void bw_tu_stats_clear(bw_tu_stats_list *list);

/*
 * What an ELF object file says about its own instrumentation, for compiles
 * whose statistics record is missing (a ccache hit restores the object but
 * runs no compiler): the `__bulwark_info` records when the pass emitted
 * them (counts included), else the runtime entry points it references
 * (protections only, counts 0).  BW_ERR_PARSE for a file that is not ELF,
 * BW_ERR_IO when unreadable.
 */
bw_status bw_object_instrumentation(const char *path, bw_tu_stats *out, bool *has_counts,
                                    bw_error *err);

/* ---- processes ------------------------------------------------------------------ */

/* Starts argv[0] (looked up in PATH) with argv and the current environment,
 * without a shell.  *pid receives the child.  BW_ERR_TOOL when it cannot
 * be started. */
bw_status bw_spawn(const char *const *argv, int *pid, bw_error *err);
/*
 * A private scratch file the wrapper shares with the compiler it starts
 * (the pass plugin's statistics, the checkers' request and answer).  It is
 * made in $TMPDIR (else /tmp) with mode 0600 and no name (O_TMPFILE; where
 * the file system lacks it, mkstemp and an unlink at once): the compiler
 * inherits the descriptor and opens the file as `path`
 * ("/proc/self/fd/<n>"), and a wrapper killed with SIGKILL or Ctrl-C leaves
 * nothing behind.  Without /proc it keeps its name (`path`), removed by
 * bw_child_file_close.  BW_ERR_IO, BW_ERR_NOMEM.
 */
typedef struct bw_child_file {
    int fd;      /* open read-write, inherited by children; -1 when closed */
    char *path;  /* how this process and its children open it */
    char *name;  /* its name in the temporary directory, or NULL (unlinked) */
} bw_child_file;
#define BW_CHILD_FILE_INIT {-1, NULL, NULL}
bw_status bw_child_file_open(bw_child_file *f, const char *stem, bw_error *err);
void bw_child_file_close(bw_child_file *f);

/* Waits for pid; returns its exit code (128+signal when killed, 127 when
 * waiting failed). */
int bw_wait(int pid);

/* ---- the checkers module -------------------------------------------------------------- */

/* What the checkers' run of one TU cost, for BULWARK_TIMINGS. */
typedef struct bw_wrapper_check_times {
    double parse_cpu; /* process CPU seconds spent until the TU was parsed by
                         libclang and lowered (0 when it never was) */
} bw_wrapper_check_times;

/*
 * The entry point of libbulwark-wrapper-check.so (loaded with dlopen only
 * for compiles that run the checkers): bw_check_tu() with one worker thread,
 * findings relative to `root`, the summary cache at `cache_path` (NULL: no
 * cache, no other TU as context).  `times` may be NULL; else its fields are
 * set (CPU measured from the call).
 */
typedef bw_status (*bw_wrapper_check_fn)(const bw_config *cfg, const char *directory,
                                         size_t argc, const char *const *argv,
                                         const char *root, const char *cache_path,
                                         bw_findings *out, bw_loosenings *loosenings,
                                         bw_wrapper_check_times *times, bw_error *err);
#define BW_WRAPPER_CHECK_SYMBOL "bw_wrapper_check_tu_v2"
/* Defined only in the module (check_module.c); the wrapper uses dlsym. */
bw_status bw_wrapper_check_tu_v2(const bw_config *cfg, const char *directory, size_t argc,
                                 const char *const *argv, const char *root,
                                 const char *cache_path, bw_findings *out,
                                 bw_loosenings *loosenings, bw_wrapper_check_times *times,
                                 bw_error *err);

/* ---- checking inside the compiler (check_wire.c, check_plugin.c) ------------------- */

/*
 * When the compiler is the clang whose LLVM the checkers' libclang uses,
 * the wrapper loads the checkers module into the compile itself
 * (-fpass-plugin=libbulwark-wrapper-check.so), where LLVM is already
 * loaded, instead of loading libclang and LLVM a second time in its own
 * process (docs/wrapper.md, "Where the checkers run").  The two sides talk
 * through one private file named by $BULWARK_CHECK_REQUEST: the wrapper
 * writes a request, the module replaces it with its response.
 */
#define BW_CHECK_REQUEST_ENV "BULWARK_CHECK_REQUEST"

typedef struct bw_check_request {
    char *directory;   /* the compile's working directory */
    char *root;        /* the project root: findings' paths are relative to it */
    char *cache_path;  /* the summary cache, NULL for none */
    char *config_path; /* the .bulwark.yaml in force, NULL for the defaults */
    char **argv;       /* the compiler and its arguments, as for bw_check_tu */
    size_t argc;
} bw_check_request;

typedef struct bw_check_response {
    bw_error error;          /* the checkers' status and message */
    bw_findings findings;
    bw_loosenings loosenings;
    double parse_cpu;        /* CPU seconds: libclang's parse and lowering */
    double analysis_cpu;     /* CPU seconds: the rest of the checkers' run */
} bw_check_response;

/* Replaces the content of `path` (an existing file: the bw_child_file the
 * wrapper made) with the request or the response.  BW_ERR_IO, BW_ERR_NOMEM. */
bw_status bw_check_request_write(const char *path, const bw_check_request *r, bw_error *err);
bw_status bw_check_response_write(const char *path, const bw_check_response *r, bw_error *err);
/* Reads the request in `path`; *answered is set instead when the file
 * already holds a response.  BW_ERR_NOT_FOUND, BW_ERR_IO, BW_ERR_PARSE (malformed). */
bw_status bw_check_request_read(const char *path, bw_check_request *out, bool *answered,
                                bw_error *err);
/* Reads the response in `path`; *present is false when the file still holds
 * the request (the compiler never ran the checkers).  BW_ERR_IO,
 * BW_ERR_NOT_FOUND, BW_ERR_PARSE (malformed: the caller runs the checkers
 * itself). */
bw_status bw_check_response_read(const char *path, bw_check_response *out, bool *present,
                                 bw_error *err);
void bw_check_request_clear(bw_check_request *r);
void bw_check_response_clear(bw_check_response *r);

/* bw_tracker_open(path, BW_TRACKER_WRITE, ...) for the wrapper's records,
 * one process at a time (an flock on "<path>.lock", created beside the
 * database): a process opening a new tracker while another created its
 * schema could take it for another program's database.  When the lock
 * file cannot be created the open goes ahead without it.  Statuses and
 * ownership as bw_tracker_open. */
struct bw_tracker;
bw_status bw_wrap_tracker_open(const char *path, struct bw_tracker **out, bw_error *err);

/* ---- timings (BULWARK_TIMINGS) ---------------------------------------------------------- */

/* CPU seconds (user + system, all threads) this process has used so far. */
double bw_wrap_cpu_seconds(void);
/* CPU seconds of this process's children that have been waited for. */
double bw_wrap_children_cpu_seconds(void);

/* Where one compile's time went: CPU seconds of each stage of the wrapper
 * process, of the real compiler, and the compile's wall time. */
typedef struct bw_wrap_times {
    double start;    /* before the wrapper's main: exec and dynamic loading */
    double setup;    /* classification, the compiler's identity, config, paths */
    double load;     /* loading the checkers module (libclang, LLVM) */
    double parse;    /* libclang's parse of the TU and lowering it to IR */
    double analysis; /* storing the TU, loading its context, the analysis */
    double report;   /* findings printed, the plugin's statistics read */
    double record;   /* the tracker record */
    double wrapper;  /* the wrapper process in all, until the record is written */
    double compiler; /* the real compiler (and anything it ran) */
    double wall;     /* the compile, start to record */
    bool checked;    /* the checkers ran */
    bool in_compiler; /* ... inside the compiler: parse and analysis are
                         its CPU, and `compiler` excludes them */
} bw_wrap_times;

/* Appends one JSON line describing `t` for the TU `tu` to `path`
 * (created when missing).  BW_ERR_IO when it cannot be written. */
bw_status bw_wrap_times_append(const char *path, const char *tu, const bw_wrap_times *t,
                               bw_error *err);

/* ---- the program ------------------------------------------------------------------ */

typedef enum bw_wrapper_kind {
    BW_WRAPPER_CC = 0,  /* bulwark-cc: $BULWARK_CC or clang-19 */
    BW_WRAPPER_CXX,     /* bulwark-c++: $BULWARK_CXX or clang++-19 */
    BW_WRAPPER_LAUNCH   /* bulwark-launch <launcher...> <compiler> <args...> */
} bw_wrapper_kind;

/* The whole program: argc/argv as main() received them.  Returns the exit
 * status (the real compiler's, 1 when findings fail the compile, 2 for a
 * usage error, 3 for an internal error before the compiler could run). */
int bw_wrapper_main(bw_wrapper_kind kind, int argc, char **argv);

#ifdef __cplusplus
}
#endif
#endif
