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

__attribute__((visibility("default"))) bw_status
bw_wrapper_check_tu(const bw_config *cfg, const char *directory, size_t argc,
                    const char *const *argv, const char *root, const char *cache_path,
                    bw_findings *out, bw_loosenings *loosenings, bw_error *err)
{
    bw_check_options opts;
    bw_check_options_init(&opts);
    opts.jobs = 1; /* make -j is the parallelism */
    opts.root = root;
    opts.cache_path = cache_path;
    return bw_check_tu(cfg, directory, argc, argv, &opts, out, loosenings, err);
}
