/*
 * bulwark/verify.h — what an ELF binary actually got: the checks of
 * checksec and Debian's hardening-check, plus Bulwark's own instrumentation.
 *
 * bw_verify_file() reads one file with libelf and fills a bw_verify_result;
 * it never executes or loads the binary.  bw_verify_requirements() compares
 * a result with what the project requires (all of it by default; the
 * `hardening: verify:` section of .bulwark.yaml may waive items, each with
 * a reason, and every waiver is a loosening).
 */
#ifndef BULWARK_VERIFY_H
#define BULWARK_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "bulwark/config.h"
#include "bulwark/loosening.h"
#include "bulwark/status.h"
#include "bulwark/tracker.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One property a binary can have.  The names (bw_verify_check_name) are the
 * ones used in .bulwark.yaml and in JSON output. */
typedef enum bw_verify_check {
    BW_VERIFY_PIE = 0,          /* "pie": position-independent executable (ASLR) */
    BW_VERIFY_RELRO,            /* "relro": GNU_RELRO segment */
    BW_VERIFY_BIND_NOW,         /* "bind-now": full RELRO (GOT read-only after start-up) */
    BW_VERIFY_NX,               /* "nx": non-executable stack */
    BW_VERIFY_STACK_PROTECTOR,  /* "stack-protector": canaries (__stack_chk_fail) */
    BW_VERIFY_FORTIFY,          /* "fortify": _FORTIFY_SOURCE checked calls, none left unfortified */
    BW_VERIFY_CET,              /* "cet": IBT and SHSTK property notes (-fcf-protection=full) */
    BW_VERIFY_BULWARK_CFI,      /* "bulwark-cfi": indirect calls checked by the Bulwark runtime */
    BW_VERIFY_BULWARK_SHADOW,   /* "bulwark-shadow-stack": return addresses on the shadow stack */
    BW_VERIFY_BULWARK_MEMORY,   /* "bulwark-memory": memory operations checked at run time */
    BW_VERIFY_CHECK_COUNT
} bw_verify_check;

typedef enum bw_verify_state {
    BW_VERIFY_NO = 0,
    BW_VERIFY_YES,
    BW_VERIFY_NOT_APPLICABLE /* e.g. fortify in a binary that calls no fortifiable function */
} bw_verify_state;

typedef struct bw_verify_result {
    char *path;
    bool is_executable;             /* ET_EXEC or PIE; false for a shared library / object */
    bool is_shared_library;
    bw_verify_state checks[BW_VERIFY_CHECK_COUNT];
    char *details[BW_VERIFY_CHECK_COUNT]; /* one short explanation per check */
    size_t fortified_calls;         /* distinct *_chk functions referenced */
    size_t unfortified_calls;       /* distinct fortifiable functions referenced unchecked */
    size_t bulwark_modules;         /* instrumented translation units linked in (0 if unknown) */
    bool bulwark_runtime;           /* the Bulwark runtime is linked in or needed */
} bw_verify_result;

/* "pie", "relro", ... */
const char *bw_verify_check_name(bw_verify_check check);
bool bw_verify_check_parse(const char *name, bw_verify_check *out);
const char *bw_verify_state_name(bw_verify_state state); /* "yes", "no", "n/a" */

/* Inspects one file.  BW_ERR_NOT_FOUND / BW_ERR_IO for unreadable files,
 * BW_ERR_PARSE for a file that is not a 64-bit or 32-bit ELF object. */
bw_status bw_verify_file(const char *path, bw_verify_result *out, bw_error *err);
void bw_verify_result_clear(bw_verify_result *r);

/* What must hold: every check by default. */
typedef struct bw_verify_policy {
    bool required[BW_VERIFY_CHECK_COUNT];
    char *waiver_reason[BW_VERIFY_CHECK_COUNT]; /* why a check is waived */
    bw_location waiver_loc[BW_VERIFY_CHECK_COUNT];
} bw_verify_policy;

/* Reads `hardening: verify: waive: [{check: cet, reason: "..."}]` from cfg
 * (cfg may be NULL: everything required).  A waiver without a reason or
 * naming an unknown check is a line-numbered BW_ERR_PARSE. */
bw_status bw_verify_policy_load(const bw_config *cfg, bw_verify_policy *out, bw_error *err);
void bw_verify_policy_clear(bw_verify_policy *p);
/* Appends every waiver as a "protection-off" loosening. */
bw_status bw_verify_policy_loosenings(const bw_verify_policy *p, bw_loosenings *out);
/* True when r meets p.  Checks that do not apply to the file's kind are
 * not counted against it (n/a). */
bool bw_verify_meets(const bw_verify_result *r, const bw_verify_policy *p);

/* Stores r in the tracker as a binary record (what `bulwark verify --record`
 * and the compiler wrapper's links write); detail_json may be NULL. */
bw_status bw_verify_record(bw_tracker *t, const bw_verify_result *r, const bw_verify_policy *p,
                           const char *detail_json, bw_error *err);

#ifdef __cplusplus
}
#endif
#endif
