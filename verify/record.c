/* record.c — a verify result as the tracker's binary record. */
#include "bulwark/verify.h"

bw_status bw_verify_record(bw_tracker *t, const bw_verify_result *r, const bw_verify_policy *p,
                           const char *detail_json, bw_error *err)
{
    bw_binary_record rec = {
        .path = r->path,
        .pie = r->checks[BW_VERIFY_PIE] != BW_VERIFY_NO,
        .relro = r->checks[BW_VERIFY_RELRO] != BW_VERIFY_NO,
        .bind_now = r->checks[BW_VERIFY_BIND_NOW] != BW_VERIFY_NO,
        .nx_stack = r->checks[BW_VERIFY_NX] != BW_VERIFY_NO,
        .stack_protector = r->checks[BW_VERIFY_STACK_PROTECTOR] != BW_VERIFY_NO,
        .cet = r->checks[BW_VERIFY_CET] != BW_VERIFY_NO,
        .fortified = (unsigned)r->fortified_calls,
        .fortifiable = (unsigned)(r->fortified_calls + r->unfortified_calls),
        .bulwark_instrumented = r->bulwark_modules > 0,
        .bulwark_modules = (unsigned)r->bulwark_modules,
        .passed = bw_verify_meets(r, p),
        .detail_json = detail_json,
    };
    return bw_tracker_record_binary(t, &rec, err);
}
