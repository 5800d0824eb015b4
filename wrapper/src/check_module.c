/*
 * check_module.c — libbulwark-wrapper-check.so, the checkers as a module the
 * wrapper loads only when a compile needs them.
 *
 * The checker engine links libclang and, through it, all of LLVM; loading
 * those costs every process tens of milliseconds.  Keeping them out of the
 * wrappers themselves keeps pass-through invocations (configure probes,
 * -E, --version) and links as fast as the plain compiler.  The module
 * exports one function; the static libraries inside it stay hidden
 * (-Wl,--exclude-libs,ALL).  Findings and loosenings it appends are plain
 * structures allocated with malloc, which the wrapper frees.
 */
#include "bulwark/checkers.h"
#include "bulwark/wrapper.h"

/* The session reports each TU of its parsing phase here; the first call is
 * this compile's own TU, parsed and lowered. */
static void note_parsed(void *ctx, size_t done, size_t total, const char *file)
{
    (void)done;
    (void)total;
    (void)file;
    bw_wrapper_check_times *t = ctx;
    if (t->parse_cpu == 0.0)
        t->parse_cpu = bw_wrap_cpu_seconds();
}

__attribute__((visibility("default"))) bw_status
bw_wrapper_check_tu_v2(const bw_config *cfg, const char *directory, size_t argc,
                       const char *const *argv, const char *root, const char *cache_path,
                       bw_findings *out, bw_loosenings *loosenings, bw_wrapper_check_times *times,
                       bw_error *err)
{
    bw_check_options opts;
    bw_check_options_init(&opts);
    opts.jobs = 1; /* make -j is the parallelism */
    opts.root = root;
    opts.cache_path = cache_path;
    double cpu0 = 0.0;
    if (times != NULL) {
        times->parse_cpu = 0.0;
        opts.progress = note_parsed;
        opts.progress_ctx = times;
        cpu0 = bw_wrap_cpu_seconds();
    }
    bw_status st = bw_check_tu(cfg, directory, argc, argv, &opts, out, loosenings, err);
    if (times != NULL && times->parse_cpu > 0.0)
        times->parse_cpu -= cpu0;
    return st;
}
