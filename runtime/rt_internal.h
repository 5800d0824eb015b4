/*
 * rt_internal.h — shared between the runtime's files; nothing here is
 * exported (all declarations are hidden).
 */
#ifndef BULWARK_RT_INTERNAL_H
#define BULWARK_RT_INTERNAL_H

#include <stdint.h>
#include <stddef.h>

#include "bulwark/runtime.h"

#define BW_HIDDEN __attribute__((visibility("hidden")))

/* The kinds of event the runtime reports (also the audit log's "kind"). */
enum bw_rt_kind {
    BW_KIND_CFI = 0,          /* "cfi-icall" */
    BW_KIND_SHADOW,           /* "shadow-stack" */
    BW_KIND_MEM,              /* "memory-bounds" */
    BW_KIND_JIT,              /* "jit-region": a declared loosening, not a violation */
    BW_KIND_COUNT
};

/* What happened, filled by a check and handed to bw_rt_report(). */
struct bw_rt_event {
    enum bw_rt_kind kind;
    const char *reason;          /* short words: "type mismatch", ... */
    const void *address;         /* CFI: call target; shadow: the return address found; mem: dst */
    const void *expected;        /* shadow: the saved return address */
    const void *caller;          /* the instruction that made the call / return */
    const char *expected_type;   /* CFI: type id the call site expects */
    size_t size;                 /* mem: bytes written */
    size_t avail;                /* mem: bytes available */
    int has_size;
    const struct bw_rt_site *site;
    int allowed;                 /* 1: allowed by policy (logged, not a violation) */
    const char *allow_action;    /* action word when allowed ("allowed-uninstrumented", ...) */
};

/* Runtime configuration, read from the environment once. */
struct bw_rt_config {
    int report_only;
    int cfi_strict;
    int heap_track;
    int log_fd;       /* -1 when BULWARK_LOG is unset */
    int syslog_fd;    /* -1 unless BULWARK_SYSLOG=1 */
    char program[128];
    char host[128];
};

BW_HIDDEN extern struct bw_rt_config bw_rt_cfg;

/* Reads the environment once (idempotent, thread-safe). */
BW_HIDDEN void bw_rt_init(void);

/* Bodies behind the preserve_most stubs of rt_stubs_x86_64.S. */
BW_HIDDEN int bw_rt_cfi_check_from(const void *target, uint64_t src_id, uint64_t sig_id,
                                   const struct bw_rt_site *site, void **cache,
                                   const void *caller);
BW_HIDDEN void bw_rt_ss_init_local(void);
BW_HIDDEN void bw_rt_ss_mismatch_local(void **slot, void *ra, const struct bw_rt_site *site);
BW_HIDDEN void bw_rt_mem_check_slow_local(void *dst, size_t len, size_t avail,
                                          const void *base, const struct bw_rt_site *site);

/* Reports one event: stderr line + audit record; aborts in enforce mode
 * unless ev->allowed.  Async-signal-safe apart from dladdr(). */
BW_HIDDEN void bw_rt_report(const struct bw_rt_event *ev);

/* Writes only the audit record (used for "allowed and logged"). */
BW_HIDDEN void bw_rt_audit(const struct bw_rt_event *ev, const char *action);

/* Heap allocation sizes: size of the live heap block starting exactly at p,
 * or SIZE_MAX when p is not the start of a tracked block. */
BW_HIDDEN size_t bw_rt_heap_size(const void *p);
/* The address of p's heap-shadow entry (NULL if its leaf does not exist):
 * for tests of the shadow's memory. */
BW_HIDDEN const void *bw_rt_heap_entry(const void *p);

/* Effective bytes available at dst given the pass's avail and base. */
BW_HIDDEN size_t bw_rt_effective_avail(const void *dst, size_t avail,
                                       const void *base);

/* Small async-signal-safe formatting into a fixed buffer. */
struct bw_fmt {
    char *buf;
    size_t cap;
    size_t len;
};
BW_HIDDEN void bw_fmt_str(struct bw_fmt *f, const char *s);
BW_HIDDEN void bw_fmt_json_str(struct bw_fmt *f, const char *s); /* quoted, escaped */
BW_HIDDEN void bw_fmt_hex(struct bw_fmt *f, uintptr_t v);
BW_HIDDEN void bw_fmt_dec(struct bw_fmt *f, uint64_t v);
/* RFC 3339 UTC with milliseconds, e.g. 2026-11-28T16:49:32.123Z */
BW_HIDDEN void bw_fmt_time(struct bw_fmt *f, int64_t sec, long nsec);

#endif
