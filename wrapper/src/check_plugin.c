/*
 * check_plugin.c — the checkers module as a pass plugin of the compile it
 * checks (docs/wrapper.md, "Where the checkers run").
 *
 * Loading libclang and LLVM costs a process about 15 ms, most of it
 * libLLVM's relocations; the compiler has already paid for LLVM.  So, for
 * a compile by the clang whose LLVM our libclang uses, the wrapper adds
 * -fpass-plugin=<this module> and names a request file in
 * $BULWARK_CHECK_REQUEST.  clang loads pass plugins when its backend
 * starts; the registration callback below then runs the checkers on the TU
 * exactly as the wrapper would have (same command, root, cache, config)
 * and writes the response.  It registers no pass and changes nothing in
 * the compiled code.
 *
 * Anything that goes wrong here is left for the wrapper to notice: an
 * unreadable request or a response that cannot be written leaves the file
 * as it was, and the wrapper then runs the checkers itself.  Nothing is
 * printed into the compiler's output.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/config.h"
#include "bulwark/wrapper.h"

/*
 * llvm/Plugins/PassPlugin.h's PassPluginLibraryInfo, the ABI clang's
 * PassPlugin::Load() reads through the C symbol llvmGetPassPluginInfo: the
 * API version (LLVM_PLUGIN_API_VERSION, 1 from LLVM 9 to 19), two names,
 * and a callback taking llvm::PassBuilder & (a pointer in the ABI).  Kept
 * here in C so the module needs neither LLVM's C++ headers nor a C++ shim;
 * passes/plugin.cpp registers the real passes the C++ way.
 */
typedef struct bw_pass_plugin_info {
    uint32_t api_version;
    const char *name;
    const char *version;
    void (*register_callbacks)(void *pass_builder);
} bw_pass_plugin_info;

#define BW_PASS_PLUGIN_API_VERSION 1

/* The config the wrapper found, or the defaults. */
static bw_status load_config(const bw_check_request *req, bw_config **cfg, bw_error *err)
{
    if (req->config_path != NULL)
        return bw_config_load(req->config_path, cfg, err);
    return bw_config_default(cfg, err);
}

static void answer_request(const char *path)
{
    bw_check_request req;
    bool answered = false;
    bw_error err = {0};
    if (bw_check_request_read(path, &req, &answered, &err) != BW_OK || answered)
        return; /* unreadable: the wrapper checks; answered: a second cc1 of one compile */
    bw_check_response resp;
    memset(&resp, 0, sizeof resp);
    bw_config *cfg = NULL;
    double cpu0 = bw_wrap_cpu_seconds();
    bw_wrapper_check_times times = {0.0};
    bw_status st = load_config(&req, &cfg, &resp.error);
    if (st == BW_OK)
        st = bw_wrapper_check_tu_v2(cfg, req.directory, req.argc, (const char *const *)req.argv,
                                    req.root, req.cache_path, &resp.findings, &resp.loosenings,
                                    &times, &resp.error);
    resp.error.status = st;
    resp.parse_cpu = times.parse_cpu;
    resp.analysis_cpu = bw_wrap_cpu_seconds() - cpu0 - times.parse_cpu;
    (void)bw_check_response_write(path, &resp, &err); /* on failure the wrapper checks */
    bw_check_response_clear(&resp);
    bw_config_free(cfg);
    bw_check_request_clear(&req);
}

static void register_callbacks(void *pass_builder)
{
    (void)pass_builder;
    const char *path = getenv(BW_CHECK_REQUEST_ENV);
    if (path != NULL && path[0] != '\0')
        answer_request(path);
}

__attribute__((visibility("default"))) bw_pass_plugin_info llvmGetPassPluginInfo(void)
{
    bw_pass_plugin_info info = {BW_PASS_PLUGIN_API_VERSION, "bulwark-check", "1",
                                register_callbacks};
    return info;
}
