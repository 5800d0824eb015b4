/*
 * driver.c — bw_wrapper_main(): one compiler command, start to finish.
 *
 *   passthrough  -> exec the real compiler with the same argv (nothing else)
 *   link         -> exec the real compiler with the runtime appended
 *   compile      -> start the hardened compile, run the checkers on each TU
 *                   while it runs, wait, print findings as clang-style
 *                   diagnostics, record each TU in the tracker
 *
 * This file is the only one in wrapper/ that prints: it is the program.
 * Messages are prefixed with the program's name, like a compiler's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/clock.h"
#include "bulwark/buf.h"
#include "bulwark/config.h"
#include "bulwark/file.h"
#include "bulwark/output.h"
#include "bulwark/tracker.h"
#include "bulwark/verify.h"
#include "bulwark/wrapper.h"
#include <dlfcn.h>

#ifndef BW_WRAP_DEFAULT_CC
#define BW_WRAP_DEFAULT_CC "clang-19"
#endif
#ifndef BW_WRAP_DEFAULT_CXX
#define BW_WRAP_DEFAULT_CXX "clang++-19"
#endif
#ifndef BW_WRAP_LLVM_MAJOR
#define BW_WRAP_LLVM_MAJOR 19
#endif
#define BW_STR2_(x) #x
#define BW_STR_(x) BW_STR2_(x)
#define BW_WRAP_LLVM_MAJOR_STR BW_STR_(BW_WRAP_LLVM_MAJOR)

extern char **environ;

/* Launchers that run the compiler named after them (bulwark-launch ccache clang ...). */
static const char *const known_launchers[] = {"ccache", "sccache", "distcc", "icecc", "buildcache"};

typedef struct wrap_ctx {
    const char *prog;            /* our name for messages */
    const char *const *prefix;   /* launchers + compiler */
    size_t prefix_count;
    const char *compiler;        /* the real compiler (last of prefix) */
    const char *const *args;     /* the compiler's arguments */
    size_t nargs;
    bw_compiler_info info;
    bool harden;                 /* clang matching the plugin: instrument */
    char *plugin;                /* libbulwark-pass.so */
    char *rtdir;                 /* directory of libbulwark-rt.{a,so} */
    char cwd[PATH_MAX];
    char *root;                  /* project root (config dir, else git top, else cwd) */
    char *db_path;
    bw_config *cfg;
    bw_wrap_settings settings;
    const char *timings;         /* $BULWARK_TIMINGS: where each compile's times go */
    bw_wrap_times times;
    double cpu_mark;             /* process CPU at the end of the last stage timed */
} wrap_ctx;

/* Adds the CPU used since the last stage to `slot` (BULWARK_TIMINGS). */
static void stage_done(wrap_ctx *c, double *slot)
{
    if (c->timings == NULL)
        return;
    double now = bw_wrap_cpu_seconds();
    *slot += now - c->cpu_mark;
    c->cpu_mark = now;
}

static const char *base_of(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* ---- small helpers ------------------------------------------------------------ */

static char *exe_dir(void)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    return bw_path_dirname(buf);
}

/* The plugin and runtime: $BULWARK_PLUGIN / $BULWARK_RT_DIR, else next to
 * an installed wrapper (<bindir>/<rel>), else the build tree's. */
static bw_status locate_parts(wrap_ctx *c, bw_error *err)
{
    const char *ep = getenv("BULWARK_PLUGIN"), *er = getenv("BULWARK_RT_DIR");
    char *dir = exe_dir();
    char *inst_plugin = dir ? bw_path_join(dir, BW_WRAP_PLUGIN_REL) : NULL;
    char *inst_rt = dir ? bw_path_join(dir, BW_WRAP_RTDIR_REL) : NULL;
    bool installed = inst_plugin != NULL && bw_path_exists(inst_plugin);
    c->plugin = bw_strdup(ep && *ep ? ep : installed ? inst_plugin : BW_WRAP_PLUGIN_BUILD);
    c->rtdir = bw_strdup(er && *er ? er : installed ? inst_rt : BW_WRAP_RTDIR_BUILD);
    bw_free(dir);
    bw_free(inst_plugin);
    bw_free(inst_rt);
    if (c->plugin == NULL || c->rtdir == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    return BW_OK;
}

/* The project root: the directory of .bulwark.yaml, else the nearest
 * directory above the working directory holding .git, else the cwd. */
static char *find_root(const wrap_ctx *c)
{
    if (c->cfg != NULL && c->cfg->path != NULL && c->cfg->root != NULL)
        return bw_strdup(c->cfg->root);
    char *dir = bw_strdup(c->cwd);
    while (dir != NULL) {
        char *git = bw_path_join(dir, ".git");
        bool found = git != NULL && bw_path_exists(git);
        bw_free(git);
        if (found)
            return dir;
        char *parent = bw_path_dirname(dir);
        if (parent == NULL || strcmp(parent, dir) == 0) {
            bw_free(parent);
            break;
        }
        bw_free(dir);
        dir = parent;
    }
    bw_free(dir);
    return bw_strdup(c->cwd);
}

/* Says something once per build: the first process of this session (the
 * terminal or CI job running make) to create the marker prints it. */
static bool first_to_say(const wrap_ctx *c, const char *key)
{
    char *dbdir = c->db_path ? bw_path_dirname(c->db_path) : NULL;
    if (dbdir == NULL)
        return true;
    (void)mkdir(dbdir, 0755);
    bw_buf name = BW_BUF_INIT;
    bw_buf_printf(&name, "%s/.once-%s-%ld", dbdir, key, (long)getsid(0));
    bw_free(dbdir);
    char *path = bw_buf_take(&name);
    if (path == NULL)
        return true;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    bw_free(path);
    if (fd < 0)
        return errno != EEXIST;
    close(fd);
    return true;
}

/* Builds prefix + args + extra into a NULL-terminated vector (pointers only). */
static const char **build_argv(const wrap_ctx *c, const char *const *extra, size_t nextra,
                               const char *const *tail, size_t ntail)
{
    size_t n = c->prefix_count + c->nargs + nextra + ntail + 1;
    const char **v = bw_calloc(n, sizeof *v);
    if (v == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < c->prefix_count; i++)
        v[k++] = c->prefix[i];
    for (size_t i = 0; i < c->nargs; i++)
        v[k++] = c->args[i];
    for (size_t i = 0; i < nextra; i++)
        v[k++] = extra[i];
    for (size_t i = 0; i < ntail; i++)
        v[k++] = tail[i];
    v[k] = NULL;
    return v;
}

static int exec_argv(const wrap_ctx *c, const char **argv)
{
    execvp(argv[0], (char *const *)argv);
    fprintf(stderr, "%s: error: cannot run %s: %s\n", c->prog, argv[0], strerror(errno));
    return errno == ENOENT ? 127 : 126;
}

/* ---- the runtime at link time ------------------------------------------------ */

/* Arguments that link the runtime, into `out` (strings owned by `keep`). */
static size_t runtime_link_args(const wrap_ctx *c, const bw_cc_cmd *cmd, const char **out,
                                char **keep)
{
    if (!c->harden || cmd->nostdlib || cmd->relocatable || cmd->emits_bitcode)
        return 0;
    size_t n = 0;
    if (c->settings.runtime == BW_RUNTIME_SHARED) {
        bw_buf a = BW_BUF_INIT, b = BW_BUF_INIT;
        bw_buf_printf(&a, "-L%s", c->rtdir);
        bw_buf_printf(&b, "-Wl,-rpath,%s", c->rtdir);
        keep[0] = bw_buf_take(&a);
        keep[1] = bw_buf_take(&b);
        if (keep[0] == NULL || keep[1] == NULL)
            return 0;
        out[n++] = keep[0];
        out[n++] = keep[1];
        out[n++] = "-lbulwark-rt";
    } else {
        /* docs/hardening.md: the whole archive (the allocator replacement
         * and the shadow-stack code are needed by dlopen'ed hardened
         * plugins too), exported for them.  A shared library links nothing:
         * its __bw_* references go to the program that loads it. */
        if (cmd->shared)
            return 0;
        keep[0] = bw_path_join(c->rtdir, "libbulwark-rt.a");
        if (keep[0] == NULL)
            return 0;
        out[n++] = "-Wl,--whole-archive";
        out[n++] = keep[0];
        out[n++] = "-Wl,--no-whole-archive";
        out[n++] = "-Wl,--export-dynamic-symbol=__bw_*";
    }
    out[n++] = "-lpthread";
    out[n++] = "-ldl";
    return n;
}

/* ---- findings ----------------------------------------------------------------- */

/* A finding's file for display: relative to the cwd when below it, else absolute. */
static char *display_path(const wrap_ctx *c, const char *file)
{
    if (file == NULL)
        return NULL;
    char *abs = file[0] == '/' ? bw_strdup(file) : bw_path_join(c->root, file);
    if (abs == NULL)
        return NULL;
    char *rel = bw_path_relative(abs, c->cwd);
    bw_free(abs);
    return rel;
}

/* Prints one finding as a warning, or an error when it fails the compile. */
static void print_finding(const wrap_ctx *c, const bw_finding *f, bool fails)
{
    bw_finding *shown = bw_finding_clone(f);
    if (shown == NULL)
        return;
    shown->severity = fails ? BW_SEV_ERROR : BW_SEV_WARNING;
    char *p = display_path(c, shown->loc.file);
    if (p != NULL) {
        bw_free(shown->loc.file);
        shown->loc.file = p;
    }
    for (size_t i = 0; i < shown->step_count; i++) {
        char *q = display_path(c, shown->steps[i].loc.file);
        if (q != NULL) {
            bw_free(shown->steps[i].loc.file);
            shown->steps[i].loc.file = q;
        }
    }
    const char *nc = getenv("NO_COLOR");
    bw_text_options opts = {isatty(2) && (nc == NULL || nc[0] == '\0'), true, false};
    (void)bw_write_text_finding(stderr, shown, &opts);
    bw_finding_free(shown);
}

/* Where the checkers module is: $BULWARK_CHECK_MODULE, else next to an
 * installed wrapper, else the build tree's.  NULL on OOM. */
static char *checkers_module_path(void)
{
    const char *ep = getenv("BULWARK_CHECK_MODULE");
    if (ep != NULL && ep[0] != '\0')
        return bw_strdup(ep);
    char *dir = exe_dir();
    char *inst = dir ? bw_path_join(dir, BW_WRAP_CHECKMOD_REL) : NULL;
    char *path = inst != NULL && bw_path_exists(inst) ? inst : bw_strdup(BW_WRAP_CHECKMOD_BUILD);
    if (path != inst)
        bw_free(inst);
    bw_free(dir);
    return path;
}

/* The checkers module, loaded on first use; NULL with *why set when unavailable. */
static bw_wrapper_check_fn load_checkers(const char **why)
{
    static bw_wrapper_check_fn fn;
    static bool tried;
    if (tried) {
        *why = fn ? NULL : "not available";
        return fn;
    }
    tried = true;
    char *path = checkers_module_path();
    void *h = path ? dlopen(path, RTLD_NOW | RTLD_LOCAL) : NULL;
    if (path == NULL) {
        *why = "out of memory";
    } else if (h == NULL) {
        *why = dlerror();
    } else {
        *(void **)&fn = dlsym(h, BW_WRAPPER_CHECK_SYMBOL);
        if (fn == NULL)
            *why = "the checkers module has no entry point";
    }
    bw_free(path);
    return fn;
}

/* The summary cache the checkers use: $BULWARK_CACHE ("none": no cross-TU
 * context), else cache.db beside the tracker.  *owned holds what to free. */
static const char *checkers_cache_path(const wrap_ctx *c, char **owned)
{
    *owned = NULL;
    const char *env_cache = getenv("BULWARK_CACHE");
    if (env_cache != NULL && strcmp(env_cache, "none") == 0)
        return NULL;
    if (env_cache != NULL && env_cache[0] != '\0')
        return env_cache;
    if (c->db_path == NULL)
        return NULL;
    char *dir = bw_path_dirname(c->db_path);
    *owned = dir ? bw_path_join(dir, "cache.db") : NULL;
    bw_free(dir);
    return *owned;
}

/* The checkers' command for source `which`: the compiler and every argument
 * except the other sources.  Pointers only; NULL on OOM. */
static const char **checkers_argv(const wrap_ctx *c, const bw_cc_cmd *cmd, size_t which,
                                  size_t *argc)
{
    const char **v = bw_calloc(c->nargs + 2, sizeof *v);
    if (v == NULL)
        return NULL;
    size_t n = 0;
    v[n++] = c->compiler;
    for (size_t i = 0; i < c->nargs; i++) {
        bool other_source = false;
        for (size_t s = 0; s < cmd->source_count; s++)
            if (s != which && cmd->sources[s].argi == i)
                other_source = true;
        if (!other_source)
            v[n++] = c->args[i];
    }
    *argc = n;
    return v;
}

/* Whether the checkers' run of `source` counts as checked; says why not
 * unless the TU does not parse (BW_ERR_TOOL: the compiler says why). */
static bool checked_ok(const wrap_ctx *c, const char *source, const bw_error *e)
{
    if (e->status != BW_OK && e->status != BW_ERR_TOOL)
        fprintf(stderr, "%s: warning: %s: not analysed: %s\n", c->prog, source, e->message);
    return e->status == BW_OK;
}

/* Runs the checkers on source `which` in this process. */
static bw_status check_one(wrap_ctx *c, const bw_cc_cmd *cmd, size_t which, bw_findings *out,
                           bw_loosenings *loose, bw_error *err)
{
    const char *why = NULL;
    bw_wrapper_check_fn check = load_checkers(&why);
    stage_done(c, &c->times.load);
    if (check == NULL)
        return bw_error_set(err, BW_ERR_NOT_FOUND, "checkers module: %s", why ? why : "?");
    size_t n = 0;
    const char **v = checkers_argv(c, cmd, which, &n);
    if (v == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    char *cache = NULL;
    const char *cache_path = checkers_cache_path(c, &cache);
    bw_wrapper_check_times ct = {0.0};
    bw_status st = check(c->cfg, c->cwd, n, v, c->root, cache_path, out, loose,
                         c->timings != NULL ? &ct : NULL, err);
    c->times.parse += ct.parse_cpu;
    c->times.analysis -= ct.parse_cpu; /* the rest of the call is the analysis */
    stage_done(c, &c->times.analysis);
    c->times.checked = true;
    bw_free(cache);
    bw_free(v);
    return st;
}

/* ---- the checkers inside the compiler (check_plugin.c) ----------------------------- */

/*
 * True when the checkers can run inside this compile (docs/wrapper.md,
 * "Where the checkers run"): one source, the clang whose LLVM our libclang
 * uses (any other would load a second LLVM and gain nothing), no launcher
 * (ccache may answer without running the compiler, distcc runs it
 * elsewhere), and not switched off with BULWARK_CHECK_IN=wrapper.
 */
static bool can_check_in_compiler(const wrap_ctx *c, const bw_cc_cmd *cmd)
{
    if (!BW_WRAP_CHECK_IN_COMPILER || c->settings.check_in_wrapper)
        return false;
    return cmd->source_count == 1 && c->prefix_count == 1 &&
           c->info.kind == BW_COMPILER_CLANG && c->info.major == BW_WRAP_LLVM_MAJOR;
}

/* Writes the request for source 0 to `req_file` (opened here); false when
 * the checkers must run here instead (the file could not be made). */
static bool write_check_request(wrap_ctx *c, const bw_cc_cmd *cmd, const char *module,
                                bw_child_file *req_file)
{
    bw_error err = {0};
    if (!bw_path_exists(module) || bw_child_file_open(req_file, "bulwark-check", &err) != BW_OK)
        return false;
    char *cache = NULL;
    bw_check_request req;
    memset(&req, 0, sizeof req);
    req.directory = c->cwd;
    req.root = c->root;
    req.cache_path = (char *)checkers_cache_path(c, &cache);
    req.config_path = c->cfg != NULL ? c->cfg->path : NULL;
    req.argv = (char **)checkers_argv(c, cmd, 0, &req.argc);
    bw_status st = req.argv ? bw_check_request_write(req_file->path, &req, &err) : BW_ERR_NOMEM;
    bw_free(req.argv);
    bw_free(cache);
    if (st != BW_OK)
        bw_child_file_close(req_file);
    return st == BW_OK;
}

/* The compiler's answer to the request in `path` into *res; false when
 * there is none (the compile never reached its backend, or the answer is
 * damaged) and the checkers must run here. */
static bool take_check_response(wrap_ctx *c, const bw_cc_cmd *cmd, const char *path,
                                bw_findings *findings, bw_loosenings *loose, bool *checked)
{
    bw_check_response resp;
    bool present = false;
    bw_error err = {0};
    if (bw_check_response_read(path, &resp, &present, &err) != BW_OK || !present)
        return false;
    *findings = resp.findings;
    *loose = resp.loosenings;
    resp.findings = (bw_findings)BW_FINDINGS_INIT;
    resp.loosenings = (bw_loosenings)BW_LOOSENINGS_INIT;
    c->times.parse += resp.parse_cpu;
    c->times.analysis += resp.analysis_cpu;
    c->times.checked = true;
    c->times.in_compiler = true;
    *checked = checked_ok(c, cmd->sources[0].path, &resp.error);
    bw_check_response_clear(&resp);
    return true;
}

/* ---- recording ------------------------------------------------------------------ */

/* After a successful link: what the linked binary actually got (PIE, RELRO,
 * BIND_NOW, NX, canaries, fortify, CET, Bulwark's module records), stored
 * with the TU records, so link-only commands leave their facts too.  A
 * failure here is a warning: the link itself succeeded. */
static void record_link(const wrap_ctx *c, const bw_cc_cmd *cmd)
{
    const char *out = cmd->output != NULL ? cmd->output : "a.out";
    bw_verify_result r;
    bw_verify_policy policy;
    bw_error err = {0};
    bw_tracker *t = NULL;
    bool have_policy = false;
    bw_status st = bw_verify_file(out, &r, &err);
    if (st == BW_OK && (st = bw_verify_policy_load(c->cfg, &policy, &err)) == BW_OK)
        have_policy = true;
    if (st == BW_OK && (st = bw_wrap_tracker_open(c->db_path, &t, &err)) == BW_OK) {
        st = bw_verify_record(t, &r, &policy, NULL, &err);
    }
    if (st != BW_OK)
        fprintf(stderr, "%s: warning: link of %s not recorded: %s\n", c->prog, out, err.message);
    bw_tracker_close(t);
    if (have_policy)
        bw_verify_policy_clear(&policy);
    bw_verify_result_clear(&r);
}

static char *object_path(const bw_cc_cmd *cmd, const bw_cc_source *src)
{
    if (cmd->action == BW_CC_COMPILE_LINK)
        return bw_strdup(cmd->output ? cmd->output : "a.out");
    if (cmd->output != NULL)
        return bw_strdup(cmd->output);
    const char *base = base_of(src->path);
    const char *dot = strrchr(base, '.');
    size_t stem = dot ? (size_t)(dot - base) : strlen(base);
    bw_buf b = BW_BUF_INIT;
    bw_buf_append(&b, base, stem);
    bw_buf_puts(&b, cmd->to_assembly ? ".s" : ".o");
    return bw_buf_take(&b);
}

/* `path` (relative to the cwd or absolute) made relative to the root. */
static char *root_relative(const wrap_ctx *c, const char *path)
{
    char real[PATH_MAX];
    char *abs = NULL;
    if (realpath(path, real) != NULL)
        abs = bw_strdup(real);
    else
        abs = path[0] == '/' ? bw_strdup(path) : bw_path_join(c->cwd, path);
    if (abs == NULL)
        return NULL;
    char rroot[PATH_MAX];
    const char *root = realpath(c->root, rroot) ? rroot : c->root;
    char *rel = bw_path_relative(abs, root);
    bw_free(abs);
    return rel;
}

typedef struct tu_result {
    bw_findings findings;
    bw_loosenings loosenings;
    bool checked;
} tu_result;

static bw_status record_all(wrap_ctx *c, const bw_cc_cmd *cmd, tu_result *res,
                            const bw_tu_stats_list *stats, double seconds, bw_error *err)
{
    bw_tracker *t = NULL;
    bw_status st = bw_wrap_tracker_open(c->db_path, &t, err);
    if (st != BW_OK)
        return st;
    const char *build_id = getenv("BULWARK_BUILD_ID");
    for (size_t i = 0; i < cmd->source_count && st == BW_OK; i++) {
        const bw_cc_source *src = &cmd->sources[i];
        char *tu = root_relative(c, src->path);
        char *obj = object_path(cmd, src);
        char *obj_rel = obj ? root_relative(c, obj) : NULL;
        bw_tu_record rec;
        memset(&rec, 0, sizeof rec);
        rec.tu_path = tu;
        rec.output = obj_rel;
        rec.build_id = build_id && *build_id ? build_id : NULL;
        rec.language = bw_cc_lang_name(src->lang);
        rec.compiler = c->compiler;
        rec.hardening_flags = (const char *const *)cmd->hardening_flags;
        rec.hardening_flag_count = cmd->hardening_flag_count;
        rec.compile_seconds = seconds;
        rec.findings = res[i].checked ? &res[i].findings : NULL;
        /* the wrapper's settings (protections off) and the checkers' own */
        bw_loosenings all = BW_LOOSENINGS_INIT;
        for (size_t k = 0; k < c->settings.loosenings.count; k++) {
            const bw_loosening *l = &c->settings.loosenings.items[k];
            if (bw_loosenings_add(&all, l->kind, l->subject, l->reason, &l->loc) != BW_OK)
                st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        }
        for (size_t k = 0; k < res[i].loosenings.count; k++) {
            const bw_loosening *l = &res[i].loosenings.items[k];
            if (bw_loosenings_add(&all, l->kind, l->subject, l->reason, &l->loc) != BW_OK)
                st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        }
        rec.loosenings = &all;
        if (c->harden) {
            const bw_tu_stats *s = stats ? bw_tu_stats_find(stats, src->path) : NULL;
            bw_tu_stats from_obj;
            bool has_counts = false;
            memset(&from_obj, 0, sizeof from_obj);
            if (s == NULL && cmd->action == BW_CC_COMPILE && !cmd->to_assembly &&
                !cmd->emits_bitcode && obj != NULL &&
                bw_object_instrumentation(obj, &from_obj, &has_counts, NULL) == BW_OK)
                s = &from_obj;
            if (s != NULL) {
                rec.protections.cfi = s->cfi;
                rec.protections.shadow_stack = s->shadow_stack;
                rec.protections.memory_checks = s->memory;
                rec.protections.icalls_instrumented = s->icalls;
                rec.protections.functions_shadow_stacked = s->shadow_functions;
                rec.protections.memops_checked = s->memops;
                rec.protections.residual_unsafe = s->residual;
            }
        }
        if (tu == NULL || (obj != NULL && obj_rel == NULL))
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        if (st == BW_OK)
            st = bw_tracker_record_tu(t, &rec, err);
        bw_loosenings_free(&all);
        bw_free(tu);
        bw_free(obj);
        bw_free(obj_rel);
    }
    bw_tracker_close(t);
    return st;
}

/* ---- compile ------------------------------------------------------------------- */

static void set_pass_env(const wrap_ctx *c, const char *stats_path)
{
    const bw_wrap_settings *s = &c->settings;
    setenv("BULWARK_PASS_CFI", s->cfi ? "1" : "0", 1);
    setenv("BULWARK_PASS_MEMORY", s->memory ? "1" : "0", 1);
    setenv("BULWARK_PASS_MEMBER_BOUNDS", s->member_bounds ? "1" : "0", 1);
    /* "all" and "strong-entry" widen the shadow stack (every function; or
     * the default's, each pushing at entry) and are kept; anything
     * narrower needs BULWARK_OFF=shadow-stack or shadow-stack-in-bounds
     * with a reason. */
    const char *ss = getenv("BULWARK_PASS_SHADOW_STACK");
    if (!s->shadow_stack)
        setenv("BULWARK_PASS_SHADOW_STACK", "none", 1);
    else if (ss != NULL && (strcmp(ss, "all") == 0 || strcmp(ss, "strong-entry") == 0))
        ; /* wider than the default: no reason needed */
    else if (!s->shadow_stack_in_bounds)
        setenv("BULWARK_PASS_SHADOW_STACK", "in-bounds", 1);
    else
        setenv("BULWARK_PASS_SHADOW_STACK", "default", 1);
    if (stats_path != NULL)
        setenv("BULWARK_PASS_STATS", stats_path, 1);
    else
        unsetenv("BULWARK_PASS_STATS");
}

/* BULWARK_TIMINGS: one line for the compile, named by its sources. */
static void write_times(const wrap_ctx *c, const bw_cc_cmd *cmd)
{
    bw_buf names = BW_BUF_INIT;
    for (size_t i = 0; i < cmd->source_count; i++)
        bw_buf_printf(&names, "%s%s", i > 0 ? " " : "", cmd->sources[i].path);
    char *tu = bw_buf_take(&names);
    bw_error err = {0};
    if (tu == NULL || bw_wrap_times_append(c->timings, tu, &c->times, &err) != BW_OK)
        fprintf(stderr, "%s: warning: timings not written: %s\n", c->prog,
                tu == NULL ? "out of memory" : err.message);
    bw_free(tu);
}

static int do_compile(wrap_ctx *c, const bw_cc_cmd *cmd)
{
    bw_error err = {0};
    int rc = 0;
    bw_child_file stats = BW_CHILD_FILE_INIT, request = BW_CHILD_FILE_INIT;
    const char *extra[8];
    size_t nextra = 0;
    char *plugin_arg = NULL, *check_arg = NULL, *module = NULL;
    char *keep[2] = {NULL, NULL};
    const char *tail[8];
    size_t ntail = 0;
    const char **argv = NULL;
    tu_result *res = bw_calloc(cmd->source_count, sizeof *res);
    bw_tu_stats_list tu_stats = {NULL, 0};
    if (res == NULL)
        goto oom;

    unsetenv(BW_CHECK_REQUEST_ENV); /* never an outer compile's request */
    if (c->settings.checkers && can_check_in_compiler(c, cmd)) {
        module = checkers_module_path();
        bool requested = module != NULL && write_check_request(c, cmd, module, &request);
        bw_buf ca = BW_BUF_INIT;
        bw_buf_printf(&ca, "-fpass-plugin=%s", module ? module : "");
        check_arg = bw_buf_take(&ca);
        if (requested && check_arg != NULL &&
            setenv(BW_CHECK_REQUEST_ENV, request.path, 1) == 0)
            extra[nextra++] = check_arg;
        else /* out of memory: the checkers run here */
            bw_child_file_close(&request);
    }
    if (c->harden) {
        bw_buf pa = BW_BUF_INIT;
        bw_buf_printf(&pa, "-fpass-plugin=%s", c->plugin);
        plugin_arg = bw_buf_take(&pa);
        if (plugin_arg == NULL)
            goto oom;
        extra[nextra++] = plugin_arg;
        if (c->settings.cfi) {
            /* type ids for the pass's CFI checks; no LTO needed (docs/hardening.md) */
            extra[nextra++] = "-Xclang";
            extra[nextra++] = "-fsanitize=cfi-icall";
            extra[nextra++] = "-Xclang";
            extra[nextra++] = "-fsanitize-trap=cfi-icall";
        }
        bw_error serr = {0};
        (void)bw_child_file_open(&stats, "bulwark-stats", &serr); /* none: counts from the object */
        set_pass_env(c, stats.path);
    }
    if (cmd->action == BW_CC_COMPILE_LINK)
        ntail = runtime_link_args(c, cmd, tail, keep);
    argv = build_argv(c, extra, nextra, tail, ntail);
    if (argv == NULL)
        goto oom;

    double t0 = bw_monotonic_seconds();
    int pid = 0;
    stage_done(c, &c->times.setup);
    if (bw_spawn(argv, &pid, &err) != BW_OK) {
        fprintf(stderr, "%s: error: %s\n", c->prog, err.message);
        rc = 127;
        goto done;
    }
    /* The checkers run while the compiler works, or inside it (request). */
    if (c->settings.checkers && request.path == NULL) {
        for (size_t i = 0; i < cmd->source_count; i++) {
            bw_error cerr = {0};
            cerr.status = check_one(c, cmd, i, &res[i].findings, &res[i].loosenings, &cerr);
            res[i].checked = checked_ok(c, cmd->sources[i].path, &cerr);
        }
    }
    rc = bw_wait(pid);
    double seconds = bw_monotonic_seconds() - t0;
    c->times.compiler = bw_wrap_children_cpu_seconds();
    if (request.path != NULL && rc == 0) {
        bw_error cerr = {0};
        if (take_check_response(c, cmd, request.path, &res[0].findings, &res[0].loosenings,
                                &res[0].checked)) {
            /* the compiler's CPU without the checkers' share of it */
            c->times.compiler -= c->times.parse + c->times.analysis;
        } else {
            /* no answer: the compile never reached its backend, or the
             * answer is damaged; the checkers run here after all */
            stage_done(c, &c->times.report);
            cerr.status = check_one(c, cmd, 0, &res[0].findings, &res[0].loosenings, &cerr);
            res[0].checked = checked_ok(c, cmd->sources[0].path, &cerr);
        }
    }

    size_t failing = 0;
    for (size_t i = 0; i < cmd->source_count; i++) {
        const bw_findings *f = &res[i].findings;
        for (size_t k = 0; k < f->count; k++) {
            const bw_finding *fi = f->items[k];
            if (fi->suppression != NULL)
                continue;
            bool fails = c->settings.werror != BW_SEV_NONE && fi->severity >= c->settings.werror;
            failing += fails;
            print_finding(c, fi, fails);
        }
    }
    if (rc != 0)
        goto done; /* a failed compile leaves no record */

    if (stats.path != NULL) {
        char *data = NULL;
        size_t len = 0;
        if (bw_file_read(stats.path, 16u << 20, &data, &len, NULL) == BW_OK &&
            bw_tu_stats_parse(data, len, &tu_stats, &err) != BW_OK)
            fprintf(stderr, "%s: warning: %s\n", c->prog, err.message);
        bw_free(data);
    }
    stage_done(c, &c->times.report);
    if (c->db_path != NULL && record_all(c, cmd, res, &tu_stats, seconds, &err) != BW_OK)
        fprintf(stderr, "%s: warning: compile not recorded in %s: %s\n", c->prog, c->db_path,
                err.message);
    stage_done(c, &c->times.record);
    if (c->timings != NULL) {
        c->times.wrapper = bw_wrap_cpu_seconds();
        c->times.wall = bw_monotonic_seconds() - t0;
        write_times(c, cmd);
    }
    if (failing > 0) {
        fprintf(stderr, "%s: error: %zu finding%s at or above '%s' fail this compile "
                        "(werror)\n", c->prog, failing, failing == 1 ? "" : "s",
                bw_severity_name(c->settings.werror));
        /* no object may survive a failed compile, or make would take it as built */
        if (cmd->action == BW_CC_COMPILE && cmd->output == NULL) {
            for (size_t i = 0; i < cmd->source_count; i++) {
                char *o = object_path(cmd, &cmd->sources[i]);
                if (o != NULL)
                    (void)unlink(o);
                bw_free(o);
            }
        } else {
            (void)unlink(cmd->output ? cmd->output : "a.out");
        }
        rc = 1;
    }
    goto done;
oom:
    fprintf(stderr, "%s: error: out of memory\n", c->prog);
    rc = BW_EXIT_INTERNAL;
done:
    bw_child_file_close(&stats);
    bw_child_file_close(&request);
    bw_free(module);
    bw_free(check_arg);
    bw_tu_stats_clear(&tu_stats);
    for (size_t i = 0; res != NULL && i < cmd->source_count; i++) {
        bw_findings_free(&res[i].findings);
        bw_loosenings_free(&res[i].loosenings);
    }
    bw_free(res);
    bw_free(plugin_arg);
    bw_free(keep[0]);
    bw_free(keep[1]);
    bw_free(argv);
    return rc;
}

/* ---- main ----------------------------------------------------------------------- */

static int usage(const char *prog)
{
    fprintf(stderr,
            "usage: %s <compiler> <arguments...>\n"
            "       (a compiler launcher: CMAKE_C_COMPILER_LAUNCHER=%s; may be followed by\n"
            "        ccache or distcc: %s ccache clang -c a.c)\n",
            prog, prog, prog);
    return BW_EXIT_INPUT;
}

static void notice(const wrap_ctx *c, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void notice(const wrap_ctx *c, const char *key, const char *fmt, ...)
{
    if (!first_to_say(c, key))
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: note: ", c->prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int bw_wrapper_main(bw_wrapper_kind kind, int argc, char **argv)
{
    wrap_ctx c;
    memset(&c, 0, sizeof c);
    c.prog = base_of(argv[0]);
    const char *timings = getenv("BULWARK_TIMINGS");
    if (timings != NULL && timings[0] != '\0') {
        c.timings = timings;
        c.cpu_mark = c.times.start = bw_wrap_cpu_seconds(); /* exec and loading, before main */
    }
    const char *single[1];
    if (kind == BW_WRAPPER_LAUNCH) {
        if (argc < 2)
            return usage(c.prog);
        size_t k = 1;
        while (k + 1 < (size_t)argc) {
            bool launcher = false;
            for (size_t i = 0; i < sizeof known_launchers / sizeof known_launchers[0]; i++)
                if (strcmp(base_of(argv[k]), known_launchers[i]) == 0)
                    launcher = true;
            if (!launcher)
                break;
            k++;
        }
        c.prefix = (const char *const *)argv + 1;
        c.prefix_count = k;
        c.compiler = argv[k];
        c.args = (const char *const *)argv + k + 1;
        c.nargs = (size_t)argc - k - 1;
    } else {
        const char *env = getenv(kind == BW_WRAPPER_CC ? "BULWARK_CC" : "BULWARK_CXX");
        single[0] = env && *env ? env : kind == BW_WRAPPER_CC ? BW_WRAP_DEFAULT_CC
                                                              : BW_WRAP_DEFAULT_CXX;
        c.prefix = single;
        c.prefix_count = 1;
        c.compiler = single[0];
        c.args = (const char *const *)argv + 1;
        c.nargs = (size_t)argc - 1;
    }
    if (strncmp(base_of(c.compiler), "bulwark-", 8) == 0) {
        fprintf(stderr, "%s: error: the real compiler cannot be a Bulwark wrapper (%s); "
                        "set BULWARK_CC/BULWARK_CXX to clang or gcc\n", c.prog, c.compiler);
        return BW_EXIT_INPUT;
    }

    /* 1. classify; pass-throughs exec at once and stay as fast as the compiler */
    const char *cb = base_of(c.compiler);
    bool cxx_guess = kind == BW_WRAPPER_CXX || strstr(cb, "++") != NULL ||
                     strcmp(cb, "CC") == 0;
    bw_cc_cmd cmd;
    bw_error err = {0};
    if (bw_cc_parse(c.nargs, c.args, cxx_guess, &cmd, &err) != BW_OK) {
        fprintf(stderr, "%s: error: %s\n", c.prog, err.message);
        return BW_EXIT_INTERNAL;
    }
    const char **plain = NULL;
    int rc = 0;
    if (cmd.action == BW_CC_PASSTHROUGH) {
        plain = build_argv(&c, NULL, 0, NULL, 0);
        rc = plain ? exec_argv(&c, plain) : BW_EXIT_INTERNAL;
        bw_free(plain);
        bw_cc_cmd_clear(&cmd);
        return rc;
    }

    /* 2. which compiler, the project's settings, where things go */
    bw_compiler_identify(c.compiler, &c.info);
    if (getcwd(c.cwd, sizeof c.cwd) == NULL) {
        fprintf(stderr, "%s: error: cannot read the working directory\n", c.prog);
        bw_cc_cmd_clear(&cmd);
        return BW_EXIT_INTERNAL;
    }
    /* .bulwark.yaml is found like .clang-tidy: upward from the first source
     * (out-of-tree builds compile in a build directory), else from the cwd */
    char start[PATH_MAX];
    if (cmd.source_count == 0 || realpath(cmd.sources[0].path, start) == NULL)
        snprintf(start, sizeof start, "%s", c.cwd);
    else {
        char *slash = strrchr(start, '/'); /* realpath: absolute, so never NULL */
        if (slash == start)
            start[1] = '\0';
        else if (slash != NULL)
            *slash = '\0';
    }
    bw_status st = bw_config_load_nearest(start, &c.cfg, &err);
    if (st == BW_OK)
        st = bw_wrap_settings_load(c.cfg, &c.settings, &err);
    if (st == BW_OK)
        st = locate_parts(&c, &err);
    if (st == BW_OK) {
        c.root = find_root(&c);
        if (c.root == NULL || bw_tracker_default_path(c.root, &c.db_path, &err) != BW_OK)
            st = err.status != BW_OK ? err.status : BW_ERR_NOMEM;
    }
    if (st != BW_OK) {
        fprintf(stderr, "%s: error: %s\n", c.prog,
                err.message[0] ? err.message : bw_status_str(st));
        rc = bw_status_exit_code(st);
        goto out;
    }
    c.harden = c.info.kind == BW_COMPILER_CLANG &&
               (c.info.major == BW_WRAP_LLVM_MAJOR || c.info.major == 0);
    if (c.harden && !c.settings.cfi && !c.settings.shadow_stack && !c.settings.memory)
        c.harden = false; /* everything off (a recorded loosening): no plugin */
    if (!c.harden && c.info.kind != BW_COMPILER_CLANG)
        notice(&c, "needs-clang",
               "%s is not clang: the checkers still run, but hardening (CFI, shadow stack, "
               "memory checks) needs clang-%s; compiling without it",
               c.compiler, BW_WRAP_LLVM_MAJOR_STR);
    else if (!c.harden && c.info.major != BW_WRAP_LLVM_MAJOR && c.info.major != 0)
        notice(&c, "needs-clang",
               "%s is another clang than the hardening plugin's: hardening needs clang-%s; "
               "compiling without it", c.compiler, BW_WRAP_LLVM_MAJOR_STR);
    for (size_t i = 0; i < c.settings.loosenings.count; i++) {
        const bw_loosening *l = &c.settings.loosenings.items[i];
        char key[64];
        snprintf(key, sizeof key, "off-%s", l->subject);
        notice(&c, key, "%s is switched off (reason: %s); recorded as a loosening", l->subject,
               l->reason ? l->reason : "none given");
    }

    /* 3. do it */
    if (cmd.action == BW_CC_LINK) {
        const char *tail[8];
        char *keep[2] = {NULL, NULL};
        size_t ntail = runtime_link_args(&c, &cmd, tail, keep);
        plain = build_argv(&c, NULL, 0, tail, ntail);
        int pid = 0;
        if (plain == NULL) {
            rc = BW_EXIT_INTERNAL;
        } else if (bw_spawn(plain, &pid, &err) != BW_OK) {
            fprintf(stderr, "%s: error: %s\n", c.prog, err.message);
            rc = 127;
        } else {
            rc = bw_wait(pid);
            if (rc == 0 && c.db_path != NULL && !cmd.relocatable && !cmd.emits_bitcode)
                record_link(&c, &cmd);
        }
        bw_free(keep[0]);
        bw_free(keep[1]);
        bw_free(plain);
    } else {
        rc = do_compile(&c, &cmd);
    }
out:
    bw_cc_cmd_clear(&cmd);
    bw_wrap_settings_clear(&c.settings);
    bw_config_free(c.cfg);
    bw_free(c.plugin);
    bw_free(c.rtdir);
    bw_free(c.root);
    bw_free(c.db_path);
    return rc;
}
