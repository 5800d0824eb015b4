/* classify.c — which findings of the staged content block the commit. */
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/precommit.h"

bool bw_pc_blocks(bw_pc_class cls, bool all)
{
    switch (cls) {
    case BW_PC_NEW_LINE:
    case BW_PC_NEW_FLOW:
    case BW_PC_NEW_FILE:
        return true;
    case BW_PC_NEW_ELSEWHERE:
        return all;
    case BW_PC_BASELINED:
    case BW_PC_MOVED:
    case BW_PC_SUPPRESSED:
        break;
    }
    return false;
}

void bw_pc_result_free(bw_pc_result *r)
{
    if (r == NULL)
        return;
    bw_free(r->cls);
    memset(r, 0, sizeof *r);
}

static bool loc_changed(const bw_changes *changes, const bw_location *loc)
{
    if (loc->file == NULL || loc->line == 0)
        return false;
    unsigned last = loc->end_line >= loc->line ? loc->end_line : loc->line;
    /* A statement spanning several lines counts when any of them changed. */
    for (unsigned l = loc->line; l <= last && l - loc->line < 64; l++)
        if (bw_changes_line_changed(changes, loc->file, l))
            return true;
    return false;
}

bw_status bw_precommit_classify(const bw_baseline *b, const bw_findings *findings,
                                const bw_changes *changes, bw_pc_result *out, bw_error *err)
{
    memset(out, 0, sizeof *out);
    bw_match m;
    bw_status st = bw_baseline_match(b, findings, &m, err);
    if (st != BW_OK)
        return st;
    out->cls = bw_calloc(findings->count + 1, sizeof *out->cls);
    if (out->cls == NULL) {
        bw_match_free(&m);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < findings->count; i++) {
        const bw_finding *f = findings->items[i];
        bw_pc_class c;
        switch (m.finding[i]) {
        case BW_MATCH_SAME:
            c = BW_PC_BASELINED;
            break;
        case BW_MATCH_MOVED:
            c = BW_PC_MOVED;
            break;
        case BW_MATCH_SUPPRESSED:
            c = BW_PC_SUPPRESSED;
            break;
        case BW_MATCH_NEW:
        default:
            if (loc_changed(changes, &f->loc)) {
                c = BW_PC_NEW_LINE;
                break;
            }
            c = BW_PC_NEW_ELSEWHERE;
            for (size_t s = 0; s < f->step_count; s++)
                if (loc_changed(changes, &f->steps[s].loc)) {
                    c = BW_PC_NEW_FLOW;
                    break;
                }
            if (c == BW_PC_NEW_ELSEWHERE && f->loc.file != NULL &&
                bw_changes_find(changes, f->loc.file) != NULL)
                c = BW_PC_NEW_FILE;
            break;
        }
        out->cls[i] = c;
        out->counts[c]++;
    }
    out->stale = m.stale_count;
    bw_match_free(&m);
    return BW_OK;
}
