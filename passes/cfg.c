/*
 * cfg.c — a function's control-flow graph as numbers: blocks indexed in
 * function order (0 is the entry), successor and predecessor lists, the
 * immediate dominators (Cooper, Harvey and Kennedy, "A Simple, Fast
 * Dominance Algorithm") and reachability.  LLVM-C exposes neither the
 * dominator tree nor a block's index, so the shadow stack's placement
 * (shadow_stack.c) computes them here.  A snapshot: it describes the
 * function as it was when built.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pass_internal.h"

uint32_t bw_cfg_index(const struct bw_cfg *g, LLVMBasicBlockRef bb)
{
    uintptr_t i;
    return bw_ptrmap_get(&g->index, bb, &i) ? (uint32_t)i : BW_CFG_NONE;
}

static void index_blocks(struct bw_cfg *g, LLVMValueRef f)
{
    g->n = LLVMCountBasicBlocks(f);
    g->bb = bw_xmalloc((g->n + 1) * sizeof *g->bb);
    LLVMGetBasicBlocks(f, g->bb);
    bw_ptrmap_init(&g->index, g->n);
    for (uint32_t i = 0; i < g->n; i++)
        bw_ptrmap_put(&g->index, g->bb[i], i);
}

/* Successor lists (compressed rows), then predecessors by counting. */
static void link_blocks(struct bw_cfg *g)
{
    uint32_t n = g->n, total = 0;
    g->succ_at = bw_xmalloc((n + 1) * sizeof *g->succ_at);
    for (uint32_t i = 0; i < n; i++) {
        LLVMValueRef t = LLVMGetBasicBlockTerminator(g->bb[i]);
        g->succ_at[i] = total;
        total += t ? LLVMGetNumSuccessors(t) : 0;
    }
    g->succ_at[n] = total;
    g->succ = bw_xmalloc((total + 1) * sizeof *g->succ);
    g->pred_at = bw_xcalloc(n + 1, sizeof *g->pred_at);
    g->pred = bw_xmalloc((total + 1) * sizeof *g->pred);
    for (uint32_t i = 0; i < n; i++) {
        LLVMValueRef t = LLVMGetBasicBlockTerminator(g->bb[i]);
        for (uint32_t k = g->succ_at[i]; k < g->succ_at[i + 1]; k++) {
            g->succ[k] = bw_cfg_index(g, LLVMGetSuccessor(t, k - g->succ_at[i]));
            g->pred_at[g->succ[k] + 1]++;
        }
    }
    for (uint32_t i = 0; i < n; i++)
        g->pred_at[i + 1] += g->pred_at[i];
    uint32_t *fill = bw_xmalloc((n + 1) * sizeof *fill);
    memcpy(fill, g->pred_at, (n + 1) * sizeof *fill);
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t k = g->succ_at[i]; k < g->succ_at[i + 1]; k++)
            g->pred[fill[g->succ[k]]++] = i;
    free(fill);
}

/* Postorder numbers of the blocks reachable from the entry (iterative DFS:
 * a function may have thousands of blocks); the others keep BW_CFG_NONE.
 * Returns the blocks in postorder. */
static uint32_t *number_postorder(struct bw_cfg *g, uint32_t *count)
{
    uint32_t n = g->n, sp = 0, done = 0;
    uint32_t *order = bw_xmalloc((n + 1) * sizeof *order);
    uint32_t *stack = bw_xmalloc((n + 1) * sizeof *stack);
    uint32_t *next = bw_xmalloc((n + 1) * sizeof *next); /* next successor to visit */
    g->po = bw_xmalloc((n + 1) * sizeof *g->po);
    for (uint32_t i = 0; i < n; i++) {
        g->po[i] = BW_CFG_NONE;
        next[i] = UINT32_MAX; /* not yet on the stack */
    }
    stack[sp++] = 0;
    next[0] = g->succ_at[0];
    while (sp) {
        uint32_t b = stack[sp - 1];
        if (next[b] < g->succ_at[b + 1]) {
            uint32_t s = g->succ[next[b]++];
            if (next[s] == UINT32_MAX) {
                next[s] = g->succ_at[s];
                stack[sp++] = s;
            }
            continue;
        }
        sp--;
        g->po[b] = done;
        order[done++] = b;
    }
    free(stack);
    free(next);
    *count = done;
    return order;
}

static uint32_t intersect(const struct bw_cfg *g, uint32_t a, uint32_t b)
{
    while (a != b) {
        while (g->po[a] < g->po[b])
            a = g->idom[a];
        while (g->po[b] < g->po[a])
            b = g->idom[b];
    }
    return a;
}

static void compute_dominators(struct bw_cfg *g)
{
    uint32_t count;
    uint32_t *order = number_postorder(g, &count);
    g->idom = bw_xmalloc((g->n + 1) * sizeof *g->idom);
    for (uint32_t i = 0; i < g->n; i++)
        g->idom[i] = BW_CFG_NONE;
    g->idom[0] = 0;
    int changed = 1;
    while (changed) {
        changed = 0;
        for (uint32_t k = count; k-- > 0;) { /* reverse postorder */
            uint32_t b = order[k], nd = BW_CFG_NONE;
            if (b == 0)
                continue;
            for (uint32_t q = g->pred_at[b]; q < g->pred_at[b + 1]; q++) {
                uint32_t p = g->pred[q];
                if (g->idom[p] == BW_CFG_NONE)
                    continue; /* unreachable, or not processed yet */
                nd = nd == BW_CFG_NONE ? p : intersect(g, p, nd);
            }
            if (nd != g->idom[b]) {
                g->idom[b] = nd;
                changed = 1;
            }
        }
    }
    free(order);
}

void bw_cfg_build(struct bw_cfg *g, LLVMValueRef f)
{
    memset(g, 0, sizeof *g);
    index_blocks(g, f);
    link_blocks(g);
    compute_dominators(g);
}

void bw_cfg_free(struct bw_cfg *g)
{
    free(g->bb);
    bw_ptrmap_free(&g->index);
    free(g->succ_at);
    free(g->succ);
    free(g->pred_at);
    free(g->pred);
    free(g->po);
    free(g->idom);
    memset(g, 0, sizeof *g);
}

uint32_t bw_cfg_common_dominator(const struct bw_cfg *g, uint32_t a, uint32_t b)
{
    if (a == BW_CFG_NONE || g->idom[a] == BW_CFG_NONE)
        return b;
    if (b == BW_CFG_NONE || g->idom[b] == BW_CFG_NONE)
        return a;
    return intersect(g, a, b);
}

void bw_cfg_reach(const struct bw_cfg *g, uint32_t from, unsigned char *mark)
{
    uint32_t *stack = bw_xmalloc((g->n + 1) * sizeof *stack);
    uint32_t sp = 0;
    memset(mark, 0, g->n);
    stack[sp++] = from; /* not marked: only an edge back to it marks it */
    while (sp) {
        uint32_t b = stack[--sp];
        for (uint32_t k = g->succ_at[b]; k < g->succ_at[b + 1]; k++)
            if (!mark[g->succ[k]]) {
                mark[g->succ[k]] = 1;
                stack[sp++] = g->succ[k];
            }
    }
    free(stack);
}
