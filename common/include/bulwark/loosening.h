/*
 * bulwark/loosening.h — every way a user weakens a default, recorded so that
 * every report shows it (the seatbelt chime).
 *
 * Kinds in use (docs/loosening.md explains each one and its risk):
 *   "rule-disabled"      a checker rule turned off in .bulwark.yaml
 *   "suppression"        an inline bulwark-ignore comment
 *   "fail-level"         findings below an error level no longer fail the run
 *   "report-only"        the hardening runtime logs instead of stopping
 *   "protection-off"     a hardening protection switched off in the wrapper
 *   "baseline-growth"    a baseline update allowed to add findings
 *   "jit-region"         a program declared writable code as a call target
 */
#ifndef BULWARK_LOOSENING_H
#define BULWARK_LOOSENING_H

#include <stddef.h>

#include "bulwark/finding.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bw_loosening {
    char *kind;      /* one of the kinds above */
    char *subject;   /* what is loosened: a rule id, a protection, a file */
    char *reason;    /* the reason the user gave; NULL if none was given */
    bw_location loc; /* where it was declared (file NULL when not from a file) */
} bw_loosening;

typedef struct bw_loosenings {
    bw_loosening *items;
    size_t count;
    size_t capacity;
} bw_loosenings;

#define BW_LOOSENINGS_INIT {NULL, 0, 0}

/* Copies every string.  loc may be NULL. */
bw_status bw_loosenings_add(bw_loosenings *list, const char *kind, const char *subject,
                            const char *reason, const bw_location *loc);
void bw_loosenings_free(bw_loosenings *list);

#ifdef __cplusplus
}
#endif
#endif
