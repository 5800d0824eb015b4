/*
 * analyze.h — whole-program taint analysis over the flow IR: summaries to a
 * fixpoint, then the rules, then inline suppressions.
 */
#ifndef BW_CHECKERS_ANALYZE_H
#define BW_CHECKERS_ANALYZE_H

#include "bulwark/config.h"
#include "bulwark/finding.h"
#include "bulwark/loosening.h"
#include "ir.h"
#include "knowledge.h"

typedef struct bw_program bw_program;

/* Reads a file's text for finding code and suppression checks; returns NULL
 * when unavailable.  The text stays valid for the program's lifetime. */
typedef const char *(*bw_content_fn)(void *ctx, const char *path, size_t *len);

bw_program *bw_program_new(const bw_config *cfg, bw_kdb *kdb, const char *root,
                           bw_content_fn content, void *content_ctx);
void bw_program_free(bw_program *p);
/* Adds a TU (not copied: it must outlive the program).  `report`: findings
 * and suppressions in its files are reported. */
bool bw_program_add_tu(bw_program *p, const bw_ir_tu *tu, bool report);
/* A TU that is not part of this program calls the function with this USR
 * (or takes its address): its parameters come from callers, not from
 * nowhere.  For analyses of a slice of the program (the compiler wrapper). */
bool bw_program_note_external_use(bw_program *p, const char *usr, bool address_taken);
/* Stops the whole-program analysis with BW_ERR_TOOL once it has run this
 * many seconds (0 = no limit). */
void bw_program_set_time_limit(bw_program *p, double seconds);
/* Runs everything; appends findings (sorted, fingerprinted) and the
 * suppression loosenings. */
bw_status bw_program_run(bw_program *p, bw_findings *out, bw_loosenings *loos,
                         size_t *nfuncs, unsigned *rounds, bw_error *err);

#endif
