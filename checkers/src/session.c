/*
 * session.c — the engine API of bulwark/checkers.h: inputs (compile
 * database, commands, plain files), the cache, parallel parsing, and the
 * whole-program analysis.
 */
#include "bulwark/checkers.h"

#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>
#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analyze.h"
#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/clock.h"
#include "bulwark/file.h"
#include "cache.h"
#include "extract.h"
#include "ir.h"
#include "knowledge.h"

#define MAX_SOURCE_SIZE (256u * 1024u * 1024u)

typedef struct file_hash {
    char *path;
    uint64_t hash;
} file_hash;

typedef struct tu_entry {
    char *file; /* absolute */
    char *dir;
    char **args;
    size_t nargs;
    char *key;
    bool context_only; /* from the cache listing: never parsed here */
    bool report;
    bw_ir_tu *ir;
    bool from_cache;
    bool failed;
    bw_tu_failure why_failed;
    bool owned_blob;
    char *diags;
    /* the TU's files and hashes as the cache lists them: an unchanged TU
     * is known without decoding its IR, which is loaded only when the
     * program must be analysed (deps_ok: checked, IR not loaded yet) */
    struct file_hash *deps;
    uint32_t ndep, capdep;
    bool deps_ok;
    bool force_parse; /* its stored IR turned out unreadable */
} tu_entry;

typedef struct content_ent {
    char *path;
    char *data;
    size_t len;
    bool loaded;
    bool override;
    bool has_mtime; /* mtime: the file's modification time after it was read */
    int64_t mtime;
} content_ent;

struct bw_session {
    const bw_config *cfg;
    bw_check_options opts;
    char *cache_path;
    char *root;
    bw_kdb *kdb;
    tu_entry *tus;
    uint32_t ntus, captus;
    bw_strmap tu_index; /* file -> tu */
    content_ent *contents;
    uint32_t ncontents, capcontents;
    bw_strmap content_index;
    pthread_mutex_t content_lock;
    atomic_uint refs; /* the owner's, and one per parse worker left behind */
    char **focus;
    uint32_t nfocus, capfocus;
    bw_findings findings;
    bw_loosenings loosenings;
    bw_tu_problem *problems;
    uint32_t nproblems, capproblems;
    bw_session_stats stats;
    bw_cache *cache;
    /* functions of the focus TUs that TUs outside the loaded slice call
     * (ext_role 1) or take the address of (3): see bw_cache_each_related */
    struct ext_use {
        char *usr;
        uint8_t role;
    } *ext;
    uint32_t next, capext;
    uint32_t parsed_before_run; /* by bw_session_parse */
    bool stats_started;
};

void bw_check_options_init(bw_check_options *opts)
{
    memset(opts, 0, sizeof(*opts));
    opts->time_limit = BW_DEFAULT_TIME_LIMIT;
}

char *bw_default_cache_path(const char *build_dir, const char *root)
{
    if (build_dir != NULL)
        return bw_path_join(build_dir, "bulwark-cache.db");
    char *dir = bw_path_join(root != NULL ? root : ".", ".bulwark");
    char *p = dir != NULL ? bw_path_join(dir, "cache.db") : NULL;
    bw_free(dir);
    return p;
}

static char *absolute(const char *dir, const char *path)
{
    char *joined = NULL;
    if (path[0] == '/') {
        joined = bw_strdup(path);
    } else {
        char cwd[PATH_MAX];
        const char *base = dir;
        if (base == NULL || base[0] != '/') {
            if (getcwd(cwd, sizeof(cwd)) == NULL)
                return NULL;
            if (base != NULL) {
                char *b = bw_path_join(cwd, base);
                if (b == NULL)
                    return NULL;
                joined = bw_path_join(b, path);
                bw_free(b);
            } else {
                joined = bw_path_join(cwd, path);
            }
        } else {
            joined = bw_path_join(base, path);
        }
    }
    if (joined == NULL)
        return NULL;
    char *real = realpath(joined, NULL);
    if (real != NULL) {
        char *r = bw_strdup(real);
        free(real); /* allocated by libc */
        bw_free(joined);
        return r;
    }
    return joined;
}

bw_status bw_taint_config_check(const bw_config *cfg, bw_error *err)
{
    if (cfg == NULL || cfg->yaml == NULL)
        return BW_OK;
    bw_yaml_node n = bw_config_section(cfg, "taint");
    return bw_taint_section_check(cfg->yaml, n, err);
}

bw_status bw_session_new(const bw_config *cfg, const bw_check_options *opts, bw_session **out, bw_error *err)
{
    *out = NULL;
    bw_session *s = bw_calloc(1, sizeof(*s));
    if (s == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    pthread_mutex_init(&s->content_lock, NULL);
    atomic_init(&s->refs, 1);
    s->cfg = cfg;
    if (opts != NULL)
        s->opts = *opts;
    else
        bw_check_options_init(&s->opts);
    bw_status st = BW_OK;
    if (s->opts.cache_path != NULL && (s->cache_path = bw_strdup(s->opts.cache_path)) == NULL)
        st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    const char *root = s->opts.root != NULL ? s->opts.root : cfg != NULL ? cfg->root : NULL;
    if (st == BW_OK && root != NULL && (s->root = absolute(NULL, root)) == NULL)
        st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    if (st == BW_OK && s->root == NULL && (s->root = absolute(NULL, ".")) == NULL)
        st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    s->opts.cache_path = s->cache_path;
    s->opts.root = s->root;
    if (st == BW_OK)
        st = bw_kdb_new(cfg, &s->kdb, err);
    if (st != BW_OK) {
        bw_session_free(s);
        return st;
    }
    *out = s;
    return BW_OK;
}

static void tu_entry_free(tu_entry *t)
{
    bw_free(t->file);
    bw_free(t->dir);
    for (size_t i = 0; i < t->nargs; i++)
        bw_free(t->args[i]);
    bw_free(t->args);
    bw_free(t->key);
    bw_ir_tu_free(t->ir);
    bw_free(t->diags);
    for (uint32_t i = 0; i < t->ndep; i++)
        bw_free(t->deps[i].path);
    bw_free(t->deps);
}

static uint32_t tu_ndeps(const tu_entry *t) { return t->ir != NULL ? t->ir->ndeps : t->ndep; }
static const char *tu_dep_path(const tu_entry *t, uint32_t i)
{
    return t->ir != NULL ? bw_ir_str(t->ir, t->ir->deps[i].path) : t->deps[i].path;
}
static uint64_t tu_dep_hash(const tu_entry *t, uint32_t i)
{
    return t->ir != NULL ? t->ir->deps[i].hash : t->deps[i].hash;
}

/* The last reference frees: a parse worker left behind (abandon_overdue)
 * keeps the session it reads alive until its parse returns, if ever. */
void bw_session_free(bw_session *s)
{
    if (s == NULL || atomic_fetch_sub(&s->refs, 1) != 1)
        return;
    for (uint32_t i = 0; i < s->ntus; i++)
        tu_entry_free(&s->tus[i]);
    bw_free(s->tus);
    bw_strmap_free(&s->tu_index);
    for (uint32_t i = 0; i < s->ncontents; i++) {
        bw_free(s->contents[i].path);
        bw_free(s->contents[i].data);
    }
    bw_free(s->contents);
    bw_strmap_free(&s->content_index);
    pthread_mutex_destroy(&s->content_lock);
    for (uint32_t i = 0; i < s->nfocus; i++)
        bw_free(s->focus[i]);
    bw_free(s->focus);
    bw_findings_free(&s->findings);
    bw_loosenings_free(&s->loosenings);
    bw_free(s->problems);
    bw_kdb_free(s->kdb);
    bw_cache_close(s->cache);
    bw_free(s->cache_path);
    bw_free(s->root);
    for (uint32_t i = 0; i < s->next; i++)
        bw_free(s->ext[i].usr);
    bw_free(s->ext);
    bw_free(s);
}

/* ---- file contents ---------------------------------------------------------- */

static content_ent *content_slot(bw_session *s, const char *path)
{
    uint32_t i = bw_strmap_get(&s->content_index, path);
    if (i != BW_NONE)
        return &s->contents[i];
    if (!bw_ir_grow((void **)&s->contents, &s->capcontents, s->ncontents + 1, sizeof(content_ent)))
        return NULL;
    /* the map holds pointers to path strings; a realloc of contents keeps them */
    content_ent *c = &s->contents[s->ncontents];
    memset(c, 0, sizeof(*c));
    c->path = bw_strdup(path);
    if (c->path == NULL || !bw_strmap_put(&s->content_index, c->path, s->ncontents)) {
        bw_free(c->path);
        return NULL;
    }
    s->ncontents++;
    return c;
}

static const char *session_content(void *ctx, const char *path, size_t *len)
{
    bw_session *s = ctx;
    pthread_mutex_lock(&s->content_lock);
    const char *r = NULL;
    content_ent *c = content_slot(s, path);
    if (c != NULL) {
        if (!c->loaded) {
            c->loaded = true;
            bw_error e = {0};
            if (bw_file_read(path, MAX_SOURCE_SIZE, &c->data, &c->len, &e) != BW_OK)
                c->data = NULL;
            struct stat sb; /* after the read: a change during it shows as a newer time */
            if (c->data != NULL && stat(path, &sb) == 0) {
                c->has_mtime = true;
                c->mtime = (int64_t)sb.st_mtime;
            }
        }
        r = c->data;
        *len = c->len;
    }
    pthread_mutex_unlock(&s->content_lock);
    return r;
}

/* The lowering's reader (bw_extract_reader): a header's text read once per
 * run instead of asked of libclang in every TU that includes it.  Only
 * used when no file's content is overridden, so the disk is what libclang
 * parsed unless the file changed since: the lowering compares the time. */
static const char *lowering_read(void *ctx, const char *path, size_t *len, int64_t *mtime)
{
    bw_session *s = ctx;
    const char *r = session_content(s, path, len);
    pthread_mutex_lock(&s->content_lock);
    content_ent *c = r != NULL ? content_slot(s, path) : NULL;
    bool ok = c != NULL && c->has_mtime;
    if (ok)
        *mtime = c->mtime;
    pthread_mutex_unlock(&s->content_lock);
    return ok ? r : NULL;
}

bw_status bw_session_set_content(bw_session *s, const char *path, const char *data, size_t len, bw_error *err)
{
    char *abs = absolute(NULL, path);
    char *d = bw_malloc(len + 1);
    if (abs == NULL || d == NULL) {
        bw_free(abs);
        bw_free(d);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    memcpy(d, data, len);
    d[len] = '\0';
    /* readers look files up under this lock (session_content), and adding
     * a slot may move the table they index */
    pthread_mutex_lock(&s->content_lock);
    content_ent *c = content_slot(s, abs);
    if (c != NULL) {
        bw_free(c->data);
        c->data = d;
        c->len = len;
        c->loaded = true;
        c->override = true;
    }
    pthread_mutex_unlock(&s->content_lock);
    bw_free(abs);
    if (c == NULL) {
        bw_free(d);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    return BW_OK;
}

bw_status bw_session_focus(bw_session *s, const char *path, bw_error *err)
{
    char *abs = absolute(NULL, path);
    if (abs == NULL || !bw_ir_grow((void **)&s->focus, &s->capfocus, s->nfocus + 1, sizeof(char *))) {
        bw_free(abs);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    s->focus[s->nfocus++] = abs;
    return BW_OK;
}

/* ---- adding TUs ----------------------------------------------------------------- */

static bool is_source_name(const char *a)
{
    const char *dot = strrchr(a, '.');
    if (dot == NULL)
        return false;
    static const char *const exts[] = {".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".cp", ".CPP", NULL};
    for (size_t i = 0; exts[i] != NULL; i++)
        if (strcmp(dot, exts[i]) == 0)
            return true;
    return false;
}

/* Flags that turn a warning into an error: the analysis must not lose a
 * TU to a warning (clang-tidy drops them the same way). */
static bool promotes_warnings(const char *a)
{
    return strcmp(a, "-Werror") == 0 || strncmp(a, "-Werror=", 8) == 0 || strcmp(a, "-pedantic-errors") == 0 ||
           strcmp(a, "-Wfatal-errors") == 0;
}

static bw_status add_tu_owned(bw_session *s, char *file, char *dir, char **args, size_t nargs, bool context_only,
                              bw_error *err)
{
    size_t kept = 0;
    for (size_t i = 0; i < nargs; i++) {
        if (promotes_warnings(args[i]))
            bw_free(args[i]);
        else
            args[kept++] = args[i];
    }
    nargs = kept;
    if (bw_strmap_get(&s->tu_index, file) != BW_NONE) {
        /* a file compiled twice: analysed once, with its first command */
        bw_free(file);
        bw_free(dir);
        for (size_t i = 0; i < nargs; i++)
            bw_free(args[i]);
        bw_free(args);
        return BW_OK;
    }
    if (!bw_ir_grow((void **)&s->tus, &s->captus, s->ntus + 1, sizeof(tu_entry))) {
        bw_free(file);
        bw_free(dir);
        for (size_t i = 0; i < nargs; i++)
            bw_free(args[i]);
        bw_free(args);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    tu_entry *t = &s->tus[s->ntus];
    memset(t, 0, sizeof(*t));
    t->file = file;
    t->dir = dir;
    t->args = args;
    t->nargs = nargs;
    t->context_only = context_only;
    if (!bw_strmap_put(&s->tu_index, t->file, s->ntus)) {
        tu_entry_free(t);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    s->ntus++;
    return BW_OK;
}

bw_status bw_session_add_tu(bw_session *s, const char *directory, const char *file, size_t nargs,
                            const char *const *args, bw_error *err)
{
    char *dir = directory != NULL ? absolute(NULL, directory) : absolute(NULL, ".");
    char *abs = dir != NULL ? absolute(dir, file) : NULL;
    char **a = bw_calloc(nargs + 1, sizeof(char *));
    if (dir == NULL || abs == NULL || a == NULL) {
        bw_free(dir);
        bw_free(abs);
        bw_free(a);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < nargs; i++) {
        a[i] = bw_strdup(args[i]);
        if (a[i] == NULL) {
            for (size_t k = 0; k < i; k++)
                bw_free(a[k]);
            bw_free(a);
            bw_free(dir);
            bw_free(abs);
            return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        }
    }
    return add_tu_owned(s, abs, dir, a, nargs, false, err);
}

/* Options whose next argument is not a flag of interest and must be dropped
 * together with it. */
static bool drop_with_value(const char *a)
{
    static const char *const opts[] = {"-o", "-MF", "-MT", "-MQ", "-MJ", "--serialize-diagnostics", NULL};
    for (size_t i = 0; opts[i] != NULL; i++)
        if (strcmp(a, opts[i]) == 0)
            return true;
    return false;
}

static bool drop_alone(const char *a)
{
    static const char *const opts[] = {"-c", "-S", "-E", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG", "-save-temps",
                                       "-pipe", "-fsyntax-only", NULL};
    for (size_t i = 0; opts[i] != NULL; i++)
        if (strcmp(a, opts[i]) == 0)
            return true;
    /* -Wp,-MMD,<file> (Kbuild) hands the dependency options to the preprocessor */
    return strncmp(a, "-o", 2) == 0 || strncmp(a, "-MF", 3) == 0 || strncmp(a, "-MT", 3) == 0 ||
           strncmp(a, "-MQ", 3) == 0 || strncmp(a, "-Wl,", 4) == 0 || strncmp(a, "-Wp,-M", 6) == 0 ||
           strncmp(a, "-fdiagnostics-color", 19) == 0;
}

/* Options that take a separate value which is a path (never a source). */
static bool takes_value(const char *a)
{
    static const char *const opts[] = {"-I", "-include", "-isystem", "-iquote", "-idirafter", "-D", "-U", "-x",
                                       "-imacros", "-isysroot", "--sysroot", "-target", "-Xclang", "-arch",
                                       "-F", "-iprefix", "-iwithprefix", "-L", "-l", NULL};
    for (size_t i = 0; opts[i] != NULL; i++)
        if (strcmp(a, opts[i]) == 0)
            return true;
    return false;
}

bw_status bw_session_add_command(bw_session *s, const char *directory, size_t argc, const char *const *argv,
                                 bw_error *err)
{
    if (argc < 2)
        return bw_error_set(err, BW_ERR_USAGE, "empty compile command");
    const char **flags = bw_calloc(argc + 1, sizeof(char *));
    const char **srcs = bw_calloc(argc + 1, sizeof(char *));
    size_t nf = 0, ns = 0;
    if (flags == NULL || srcs == NULL) {
        bw_free(flags);
        bw_free(srcs);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (drop_with_value(a)) {
            i++;
            continue;
        }
        if (drop_alone(a))
            continue;
        if (takes_value(a) && i + 1 < argc) {
            flags[nf++] = a;
            flags[nf++] = argv[++i];
            continue;
        }
        if (a[0] != '-' && is_source_name(a)) {
            srcs[ns++] = a;
            continue;
        }
        flags[nf++] = a;
    }
    bw_status st = BW_OK;
    if (ns == 0)
        st = bw_error_set(err, BW_ERR_USAGE, "the command compiles no C or C++ source file");
    /* C++ drivers compile .c files as C++ */
    const char *base = strrchr(argv[0], '/');
    base = base != NULL ? base + 1 : argv[0];
    bool cxx = strstr(base, "++") != NULL;
    for (size_t i = 0; i < ns && st == BW_OK; i++) {
        if (cxx) {
            flags[nf] = "-xc++";
            st = bw_session_add_tu(s, directory, srcs[i], nf + 1, flags, err);
        } else {
            st = bw_session_add_tu(s, directory, srcs[i], nf, flags, err);
        }
    }
    bw_free(flags);
    bw_free(srcs);
    return st;
}

bw_status bw_session_add_file(bw_session *s, const char *file, bw_error *err)
{
    if (s->cfg != NULL && s->cfg->compile_flag_count > 0)
        return bw_session_add_tu(s, NULL, file, s->cfg->compile_flag_count, (const char *const *)s->cfg->compile_flags,
                                 err);
    char *abs = absolute(NULL, file);
    char *dir = abs != NULL ? bw_path_dirname(abs) : NULL;
    if (abs == NULL || dir == NULL) {
        bw_free(abs);
        bw_free(dir);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    const tu_entry *best = NULL;
    for (uint32_t i = 0; i < s->ntus; i++) {
        char *d = bw_path_dirname(s->tus[i].file);
        if (d != NULL && strcmp(d, dir) == 0 && !s->tus[i].context_only)
            best = &s->tus[i];
        bw_free(d);
        if (best != NULL)
            break;
    }
    if (best == NULL) {
        for (uint32_t i = 0; i < s->ntus && best == NULL; i++)
            if (!s->tus[i].context_only)
                best = &s->tus[i];
    }
    bw_status st;
    if (best != NULL)
        st = bw_session_add_tu(s, best->dir, abs, best->nargs, (const char *const *)best->args, err);
    else
        st = bw_session_add_tu(s, NULL, abs, 0, NULL, err);
    bw_free(abs);
    bw_free(dir);
    return st;
}

/* Validates compile_commands.json with jansson first: libclang reports only
 * "cannot load", and the user deserves a line number. */
static bw_status check_compdb_json(const char *path, bw_error *err)
{
    json_error_t je;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL)
        return bw_error_set(err, BW_ERR_PARSE, "%s:%d:%d: malformed compile database: %s", path, je.line, je.column,
                            je.text);
    bw_status st = BW_OK;
    if (!json_is_array(root)) {
        st = bw_error_set(err, BW_ERR_PARSE, "%s: a compile database is a JSON array of commands", path);
    } else {
        size_t i;
        json_t *e;
        json_array_foreach(root, i, e)
        {
            if (!json_is_object(e) || !json_is_string(json_object_get(e, "file")) ||
                !json_is_string(json_object_get(e, "directory")) ||
                (!json_is_string(json_object_get(e, "command")) && !json_is_array(json_object_get(e, "arguments")))) {
                st = bw_error_set(err, BW_ERR_PARSE,
                                  "%s: entry %zu needs \"directory\", \"file\" and \"command\" or \"arguments\"",
                                  path, i + 1);
                break;
            }
        }
    }
    json_decref(root);
    return st;
}

bw_status bw_session_add_compdb(bw_session *s, const char *build_dir, bw_error *err)
{
    char *path = bw_path_join(build_dir, "compile_commands.json");
    if (path == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    bw_status st = BW_OK;
    if (!bw_path_exists(path)) {
        st = bw_error_set(err, BW_ERR_NOT_FOUND,
                          "%s: no compile database (generate one with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON or bear)",
                          path);
        bw_free(path);
        return st;
    }
    st = check_compdb_json(path, err);
    if (st != BW_OK) {
        bw_free(path);
        return st;
    }
    CXCompilationDatabase_Error ce;
    CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(build_dir, &ce);
    if (ce != CXCompilationDatabase_NoError || db == NULL) {
        st = bw_error_set(err, BW_ERR_PARSE, "%s: libclang cannot load the compile database", path);
        bw_free(path);
        return st;
    }
    CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
    unsigned n = clang_CompileCommands_getSize(cmds);
    for (unsigned i = 0; i < n && st == BW_OK; i++) {
        CXCompileCommand cmd = clang_CompileCommands_getCommand(cmds, i);
        CXString d = clang_CompileCommand_getDirectory(cmd);
        CXString f = clang_CompileCommand_getFilename(cmd);
        unsigned na = clang_CompileCommand_getNumArgs(cmd);
        const char **argv = bw_calloc(na + 1, sizeof(char *));
        CXString *keep = bw_calloc(na + 1, sizeof(CXString));
        if (argv == NULL || keep == NULL) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        } else {
            for (unsigned k = 0; k < na; k++) {
                keep[k] = clang_CompileCommand_getArg(cmd, k);
                argv[k] = clang_getCString(keep[k]);
            }
            /* the flags without compiler, sources and outputs */
            const char **flags = bw_calloc(na + 2, sizeof(char *));
            size_t nf = 0;
            if (flags == NULL) {
                st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            } else {
                const char *base = na > 0 ? strrchr(argv[0], '/') : NULL;
                base = base != NULL ? base + 1 : na > 0 ? argv[0] : "";
                const char *file = clang_getCString(f);
                for (unsigned k = 1; k < na; k++) {
                    const char *a = argv[k];
                    if (drop_with_value(a)) {
                        k++;
                        continue;
                    }
                    if (drop_alone(a))
                        continue;
                    if (takes_value(a) && k + 1 < na) {
                        flags[nf++] = a;
                        flags[nf++] = argv[++k];
                        continue;
                    }
                    if (strcmp(a, file) == 0 || (a[0] != '-' && is_source_name(a)))
                        continue;
                    if (strcmp(a, "--") == 0)
                        continue;
                    flags[nf++] = a;
                }
                if (strstr(base, "++") != NULL)
                    flags[nf++] = "-xc++";
                /* A compile database also lists assembler and other sources
                 * (CMake projects with .S files): only C and C++ are analysed. */
                if (is_source_name(file))
                    st = bw_session_add_tu(s, clang_getCString(d), file, nf, flags, err);
                bw_free(flags);
            }
            for (unsigned k = 0; k < na; k++)
                clang_disposeString(keep[k]);
        }
        bw_free(argv);
        bw_free(keep);
        clang_disposeString(d);
        clang_disposeString(f);
    }
    clang_CompileCommands_dispose(cmds);
    clang_CompilationDatabase_dispose(db);
    if (st == BW_OK && n == 0)
        st = bw_error_set(err, BW_ERR_PARSE, "%s: the compile database lists no file", path);
    bw_free(path);
    return st;
}

/* ---- cache keys and validation ----------------------------------------------------- */

static char *args_text(const tu_entry *t)
{
    bw_buf b = BW_BUF_INIT;
    for (size_t i = 0; i < t->nargs; i++) {
        if (i)
            bw_buf_putc(&b, '\x1f');
        bw_buf_puts(&b, t->args[i]);
    }
    if (b.data == NULL)
        bw_buf_puts(&b, "");
    return bw_buf_take(&b);
}

/* A TU's cache key: what its IR depends on besides its files' content. */
static char *tu_key(const tu_entry *t, bool all_header_functions)
{
    CXString v = clang_getClangVersion();
    uint64_t h = bw_hash_bytes(clang_getCString(v), strlen(clang_getCString(v)), BW_IR_VERSION);
    clang_disposeString(v);
    if (all_header_functions) /* another IR; the default's keys stay as they were */
        h = bw_hash_bytes("all-header-functions", sizeof("all-header-functions"), h);
    h = bw_hash_bytes(t->file, strlen(t->file) + 1, h);
    h = bw_hash_bytes(t->dir != NULL ? t->dir : "", t->dir != NULL ? strlen(t->dir) + 1 : 1, h);
    for (size_t i = 0; i < t->nargs; i++)
        h = bw_hash_bytes(t->args[i], strlen(t->args[i]) + 1, h ^ i);
    char buf[40];
    snprintf(buf, sizeof(buf), "%016llx", (unsigned long long)h);
    return bw_strdup(buf);
}

/* The file has the content it had when its TU was stored.  A relative
 * path is libclang's spelling of a file found through a relative include
 * directory (the kernel's -I./include): relative to the TU's directory,
 * not to ours. */
static bool file_unchanged(bw_session *s, const tu_entry *t, const char *path, uint64_t hash)
{
    char *joined = NULL;
    if (path[0] != '/' && t->dir != NULL) {
        joined = t->dir[0] == '/' ? bw_path_join(t->dir, path) : absolute(t->dir, path);
        if (joined == NULL)
            return false;
        path = joined;
    }
    size_t len = 0;
    const char *data = session_content(s, path, &len);
    bool same = data != NULL && bw_hash_bytes(data, len, 0) == hash;
    bw_free(joined);
    return same;
}

static bool deps_unchanged(bw_session *s, const tu_entry *t, const bw_ir_tu *ir)
{
    for (uint32_t i = 0; i < ir->ndeps; i++)
        if (!file_unchanged(s, t, bw_ir_str(ir, ir->deps[i].path), ir->deps[i].hash))
            return false;
    return ir->ndeps > 0;
}

bw_status bw_session_add_cached_tus(bw_session *s, bw_error *err);

static bool add_cached_row(void *ctx, const char *key, const char *file, const char *dir, const char *args)
{
    bw_session *s = ctx;
    (void)key;
    if (bw_strmap_get(&s->tu_index, file) != BW_NONE)
        return true;
    size_t n = args[0] ? 1 : 0;
    for (const char *p = args; *p; p++)
        if (*p == '\x1f')
            n++;
    char **a = bw_calloc(n + 1, sizeof(char *));
    char *f = bw_strdup(file);
    char *d = dir != NULL ? bw_strdup(dir) : NULL;
    if (a == NULL || f == NULL || (dir != NULL && d == NULL)) {
        bw_free(a);
        bw_free(f);
        bw_free(d);
        return false;
    }
    size_t k = 0;
    const char *p = args;
    while (k < n) {
        const char *e = strchr(p, '\x1f');
        size_t len = e != NULL ? (size_t)(e - p) : strlen(p);
        a[k] = bw_strndup(p, len);
        if (a[k] == NULL) {
            for (size_t j = 0; j < k; j++)
                bw_free(a[j]);
            bw_free(a);
            bw_free(f);
            bw_free(d);
            return false;
        }
        k++;
        p = e != NULL ? e + 1 : p + len;
    }
    bw_error e = {0};
    return add_tu_owned(s, f, d, a, n, true, &e) == BW_OK;
}

static bw_status open_cache(bw_session *s, bw_error *err)
{
    if (s->cache != NULL || s->cache_path == NULL)
        return BW_OK;
    return bw_cache_open(s->cache_path, s->opts.cache_read_only, &s->cache, err);
}

/* The cache to take context from; *have is false (and BW_OK returned)
 * when there is none: no cache path, or a read-only cache that does not
 * exist yet. */
static bw_status open_context_cache(bw_session *s, bool *have, bw_error *err)
{
    *have = false;
    if (s->cache_path == NULL)
        return BW_OK;
    bw_status st = open_cache(s, err);
    if (st == BW_ERR_NOT_FOUND)
        return BW_OK;
    *have = st == BW_OK;
    return st;
}

bw_status bw_session_add_cached_tus(bw_session *s, bw_error *err)
{
    bool have;
    bw_status st = open_context_cache(s, &have, err);
    if (st != BW_OK || !have)
        return st;
    return bw_cache_each(s->cache, add_cached_row, s, err);
}

/* ---- the symbol index: which TUs a compile of one TU needs as context ---------------- */

typedef struct symlist {
    bw_cache_pair *rows; /* (USR, role) */
    uint32_t n, cap;
    bw_strmap seen[4];
} symlist;

static bool sym_add(symlist *l, const char *usr, uint8_t role)
{
    if (usr[0] == '\0' || bw_strmap_get(&l->seen[role], usr) != BW_NONE)
        return true;
    if (!bw_ir_grow((void **)&l->rows, &l->cap, l->n + 1, sizeof(bw_cache_pair)) ||
        !bw_strmap_put(&l->seen[role], usr, 1))
        return false;
    l->rows[l->n++] = (bw_cache_pair){usr, role};
    return true;
}

/* Defines (0), calls (1), globals mentioned (2), addresses taken (3).
 * Globals of system headers (stderr, stdout, environ) are no link between
 * two of the program's TUs: counted, every TU that prints to stderr was
 * every other one's context (a compile of libiberty's xmemdup.c analysed 24
 * of its 66 TUs). */
static bool collect_symbols(const bw_ir_tu *ir, symlist *l)
{
    bool ok = true;
    for (uint32_t f = 0; f < ir->nfuncs && ok; f++) {
        const bw_ir_func *fn = &ir->funcs[f];
        ok = sym_add(l, bw_ir_str(ir, fn->usr), 0);
        for (uint32_t i = 0; i < fn->ninsns && ok; i++)
            if (fn->insns[i].op == BW_OP_CALL && fn->insns[i].usr != BW_NONE)
                ok = sym_add(l, bw_ir_str(ir, fn->insns[i].usr), 1);
        for (uint32_t p = 0; p < fn->nplaces && ok; p++)
            if (fn->places[p].kind == BW_PLACE_GLOBAL && !(fn->places[p].flags & BW_PLACEF_SYSTEM))
                ok = sym_add(l, bw_ir_str(ir, fn->places[p].root), 2);
    }
    for (uint32_t a = 0; a < ir->naddr && ok; a++)
        ok = sym_add(l, bw_ir_str(ir, ir->addr_taken[a]), 3);
    /* an override is a body a virtual call of the method it overrides may
     * run: the TUs that make such calls are its callers */
    for (uint32_t o = 1; o < ir->nover && ok; o += 3) /* triples: (override, overridden, class) */
        ok = sym_add(l, bw_ir_str(ir, ir->overrides[o]), 0);
    return ok;
}

static bw_status put_symbols(bw_session *s, const tu_entry *t, bw_error *err)
{
    symlist l;
    memset(&l, 0, sizeof(l));
    bw_status st = collect_symbols(t->ir, &l) ? bw_cache_put_symbols(s->cache, t->key, l.rows, l.n, err)
                                              : bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    bw_free(l.rows);
    for (int r = 0; r < 4; r++)
        bw_strmap_free(&l.seen[r]);
    return st;
}

static bool note_external_use(void *ctx, const char *usr, int role)
{
    bw_session *s = ctx;
    char *u = bw_strdup(usr);
    if (u == NULL || !bw_ir_grow((void **)&s->ext, &s->capext, s->next + 1, sizeof(*s->ext))) {
        bw_free(u);
        return false;
    }
    s->ext[s->next++] = (struct ext_use){u, (uint8_t)role};
    return true;
}

bw_status bw_session_add_related_cached_tus(bw_session *s, bw_error *err)
{
    bool have;
    bw_status st = open_context_cache(s, &have, err);
    if (st != BW_OK || !have)
        return st;
    uint32_t own = s->ntus;
    for (uint32_t i = 0; i < own && st == BW_OK; i++) {
        if (s->tus[i].context_only || s->tus[i].key == NULL || (s->tus[i].ir == NULL && !s->tus[i].deps_ok))
            continue;
        st = bw_cache_each_related(s->cache, s->tus[i].key, add_cached_row, note_external_use, s, err);
        if (st == BW_ERR_NOT_FOUND) /* an older read-only cache: everything is context */
            return bw_cache_each(s->cache, add_cached_row, s, err);
    }
    return st;
}

/* ---- parallel parsing ------------------------------------------------------------------ */

/* A parse that libclang never finishes cannot be stopped: libclang has no
 * cancellation, and clang 19 loops for ever on some malformed C (`int x =
 * sizeof:: b;`, as `clang -fsyntax-only` does).  Lowering stops itself at
 * the time limit, so a worker still busy with one TU at twice the limit
 * (and at least ABANDON_GRACE seconds past it, so that a limit small enough
 * to stop every lowering does not also leave every parse behind) is inside
 * libclang.  It is left behind: its TU fails with BW_TU_TIME_LIMIT, the run
 * goes on without it, and the worker, if its parse ever returns, drops what
 * it made.  It holds a reference to the pool and to the session, so
 * whichever is released last frees them. */
#define ABANDON_GRACE 1.0

/* Parse workers left behind and still inside libclang, in the whole
 * process: libclang's threads are the process's, whichever session left
 * them (bw_checkers_parses_left_running). */
static atomic_uint parses_left_running;

unsigned bw_checkers_parses_left_running(void) { return atomic_load(&parses_left_running); }

static double abandon_after(double time_limit)
{
    if (!(time_limit > 0) || time_limit > 1e9)
        return 0; /* no limit (or none a clock reaches): wait for ever */
    return time_limit + (time_limit > ABANDON_GRACE ? time_limit : ABANDON_GRACE);
}

struct pool;

typedef struct worker_slot {
    struct pool *p;
    uint32_t ti;    /* the TU being parsed; BW_NONE when idle */
    double started; /* bw_monotonic_seconds() when it began */
    pid_t tid;      /* the worker thread's kernel id, to lower its priority */
    bool abandoned;
} worker_slot;

typedef struct pool {
    bw_session *s;
    uint32_t *todo;
    uint32_t ntodo;
    uint32_t next, done;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    uint32_t *finished; /* completion order */
    bw_status fatal;
    bw_error fatal_err;
    worker_slot *slots;
    unsigned nslots_max;
    unsigned nabandoned; /* workers left behind in this run */
    struct CXUnsavedFile *unsaved; /* the session's overriding contents, */
    unsigned nunsaved;             /* read once before any worker starts */
    atomic_uint refs; /* parse_all's and each worker's */
} pool;

static void pool_release(pool *p)
{
    if (atomic_fetch_sub(&p->refs, 1) != 1)
        return;
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->cond);
    bw_free(p->finished);
    bw_free(p->slots);
    bw_free(p->unsaved);
    bw_free(p);
}

static pool *pool_new(bw_session *s, uint32_t *todo, uint32_t ntodo, unsigned nslots)
{
    pool *p = bw_calloc(1, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->finished = bw_calloc(ntodo, sizeof(uint32_t));
    p->slots = bw_calloc(nslots, sizeof(worker_slot));
    if (p->finished == NULL || p->slots == NULL) {
        bw_free(p->finished);
        bw_free(p->slots);
        bw_free(p);
        return NULL;
    }
    p->s = s;
    p->todo = todo;
    p->ntodo = ntodo;
    p->nslots_max = nslots;
    for (unsigned i = 0; i < nslots; i++) {
        p->slots[i].p = p;
        p->slots[i].ti = BW_NONE;
    }
    atomic_init(&p->refs, 1);
    pthread_mutex_init(&p->lock, NULL);
    /* the waits for an overdue worker are timed on the monotonic clock */
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&p->cond, &ca);
    pthread_condattr_destroy(&ca);
    return p;
}

/* The session's overriding contents as libclang's unsaved files, read
 * under the lock that workers' lowering takes to add contents (a worker
 * left behind by an earlier parse may still be adding).  False when out of
 * memory. */
static bool unsaved_files(bw_session *s, struct CXUnsavedFile **out, unsigned *n)
{
    *out = NULL;
    *n = 0;
    pthread_mutex_lock(&s->content_lock);
    uint32_t count = 0;
    for (uint32_t i = 0; i < s->ncontents; i++)
        if (s->contents[i].override)
            count++;
    struct CXUnsavedFile *u = count > 0 ? bw_calloc(count, sizeof(*u)) : NULL;
    for (uint32_t i = 0; u != NULL && i < s->ncontents; i++) {
        if (!s->contents[i].override)
            continue;
        u[*n].Filename = s->contents[i].path;
        u[*n].Contents = s->contents[i].data;
        u[*n].Length = (unsigned long)s->contents[i].len;
        (*n)++;
    }
    pthread_mutex_unlock(&s->content_lock);
    *out = u;
    return count == 0 || u != NULL;
}

/* Marks TU `t` skipped, for `why`, with `diags` (taken) as its reason. */
static void tu_fail(tu_entry *t, bw_tu_failure why, char *diags)
{
    t->failed = true;
    t->why_failed = why;
    bw_free(t->diags);
    t->diags = diags;
}

/* Parses and lowers TU `ti`; the results go to the TU unless the worker was
 * left behind meanwhile.  False when the worker must stop. */
static bool work_on(worker_slot *me, CXIndex index, uint32_t ti)
{
    pool *p = me->p;
    bw_session *s = p->s;
    struct CXUnsavedFile *unsaved = p->unsaved;
    unsigned nu = p->nunsaved;
    tu_entry *t = &s->tus[ti];
    bw_error e = {0};
    bw_ir_tu *ir = NULL;
    char *diags = NULL;
    bw_status st = BW_OK;
    bool timed_out = false;
    if (!bw_path_exists(t->file)) {
        bw_buf d = BW_BUF_INIT;
        bw_buf_printf(&d, "%s: cannot read the file", t->file);
        diags = bw_buf_take(&d);
        st = BW_ERR_IO;
    } else {
        /* unsaved buffers are found by their real path, the lowering
         * names a file as the compiler spelled it: no reader then */
        bw_extract_reader rd = {lowering_read, s};
        bw_extract_options xo = {nu == 0 ? &rd : NULL, s->opts.time_limit, s->opts.all_header_functions};
        st = bw_extract_tu_limited(index, t->dir, t->file, t->nargs, (const char *const *)t->args, unsaved, nu, &xo,
                                   &timed_out, &ir, &diags, &e);
    }
    pthread_mutex_lock(&p->lock);
    if (me->abandoned) {
        pthread_mutex_unlock(&p->lock);
        bw_ir_tu_free(ir);
        bw_free(diags);
        return false;
    }
    me->ti = BW_NONE;
    if (st == BW_OK) {
        t->ir = ir;
    } else if (st == BW_ERR_TOOL || st == BW_ERR_IO) {
        tu_fail(t, st == BW_ERR_IO ? BW_TU_UNREADABLE : timed_out ? BW_TU_TIME_LIMIT : BW_TU_DOES_NOT_COMPILE, diags);
        diags = NULL;
    } else if (p->fatal == BW_OK) {
        p->fatal = st;
        p->fatal_err = e;
    }
    p->finished[p->done++] = ti;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    bw_free(diags);
    return true;
}

static void *worker(void *arg)
{
    worker_slot *me = arg;
    pool *p = me->p;
    bw_session *s = p->s;
    me->tid = gettid(); /* before the first TU: read only once it is overdue */
    CXIndex index = clang_createIndex(0, 0);
    for (;;) {
        pthread_mutex_lock(&p->lock);
        if (p->next >= p->ntodo || p->fatal != BW_OK) {
            pthread_mutex_unlock(&p->lock);
            break;
        }
        uint32_t ti = p->todo[p->next++];
        me->ti = ti;
        me->started = bw_monotonic_seconds();
        pthread_mutex_unlock(&p->lock);
        if (!work_on(me, index, ti))
            break;
    }
    bool abandoned = me->abandoned; /* set only while it had a TU, so final now */
    clang_disposeIndex(index);
    if (abandoned) {
        atomic_fetch_sub(&parses_left_running, 1);
        bw_session_free(s); /* the reference abandon_overdue took */
    }
    pool_release(p);
    return NULL;
}

/* Leaves behind the workers busy with one TU for longer than `limit`
 * seconds (see abandon_after): their TUs count as finished and failed, their
 * threads are detached.  Returns how many it left behind. */
static unsigned abandon_overdue(pool *p, pthread_t *th, unsigned nslots, double limit)
{
    double now = bw_monotonic_seconds();
    unsigned n = 0;
    for (unsigned i = 0; i < nslots; i++) {
        worker_slot *w = &p->slots[i];
        if (w->ti == BW_NONE || w->abandoned || now - w->started < limit)
            continue;
        w->abandoned = true;
        p->nabandoned++;
        atomic_fetch_add(&parses_left_running, 1);
        pthread_detach(th[i]);
        /* it may spin for ever: at the lowest priority it takes little
         * from the workers that replace it (failing is harmless) */
        setpriority(PRIO_PROCESS, (id_t)w->tid, 19);
        atomic_fetch_add(&p->s->refs, 1);
        tu_entry *t = &p->s->tus[w->ti];
        bw_buf d = BW_BUF_INIT;
        bw_buf_printf(&d, "%s: libclang had not finished parsing it after %g s (the time limit is %g s)",
                      t->file, limit, p->s->opts.time_limit);
        tu_fail(t, BW_TU_TIME_LIMIT, bw_buf_take(&d));
        p->finished[p->done++] = w->ti;
        p->s->stats.left_running++;
        n++;
    }
    return n;
}

/* When the next busy worker becomes overdue (now + limit if none is busy:
 * a TU that starts later is due later still), on CLOCK_MONOTONIC as
 * bw_monotonic_seconds() and the pool's condition variable are. */
static struct timespec next_overdue(const pool *p, unsigned nslots, double limit)
{
    double when = bw_monotonic_seconds() + limit;
    for (unsigned i = 0; i < nslots; i++)
        if (p->slots[i].ti != BW_NONE && !p->slots[i].abandoned && p->slots[i].started + limit < when)
            when = p->slots[i].started + limit;
    struct timespec ts;
    ts.tv_sec = (time_t)when;
    ts.tv_nsec = (long)((when - (double)ts.tv_sec) * 1e9);
    if (ts.tv_nsec >= 1000000000L)
        ts.tv_nsec = 999999999L;
    return ts;
}

static unsigned online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 && n < 1024 ? (unsigned)n : 1u;
}

static unsigned parse_jobs(const bw_session *s, uint32_t ntodo)
{
    unsigned jobs = s->opts.jobs != 0 ? s->opts.jobs : online_cpus();
    if (jobs > ntodo)
        jobs = ntodo;
    return jobs > 256 ? 256 : jobs;
}

/* Starts a parse worker in the next free slot; false when the thread could
 * not be created. */
static bool start_worker(pool *p, pthread_t *th, unsigned *nslots)
{
    if (*nslots >= p->nslots_max)
        return false;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64u * 1024u * 1024u); /* deep ASTs recurse */
    atomic_fetch_add(&p->refs, 1);
    bool ok = pthread_create(&th[*nslots], &attr, worker, &p->slots[*nslots]) == 0;
    if (ok)
        (*nslots)++;
    else
        atomic_fetch_sub(&p->refs, 1);
    pthread_attr_destroy(&attr);
    return ok;
}

/* Fails the TUs no worker has taken: as many parses as the run has
 * workers are left running, each holding its AST, and more would let
 * memory grow past what -j bounds. */
static void skip_remaining(pool *p)
{
    for (; p->next < p->ntodo; p->next++) {
        uint32_t ti = p->todo[p->next];
        tu_entry *t = &p->s->tus[ti];
        bw_buf d = BW_BUF_INIT;
        bw_buf_printf(&d, "%s: not parsed: %u parses libclang did not finish are still running, more than this run "
                      "has workers",
                      t->file, p->nabandoned);
        tu_fail(t, BW_TU_TIME_LIMIT, bw_buf_take(&d));
        p->finished[p->done++] = ti;
    }
}

/* Replaces `n` workers just left behind while TUs remain, until the run
 * has left behind as many as it has workers (`jobs`); with none left
 * running then the remaining TUs are skipped, and with none startable the
 * run fails rather than wait for ever.  Every started worker not left
 * behind is running, or has ended because no TU remains. */
static void replace_workers(pool *p, pthread_t *th, unsigned *nslots, unsigned n, unsigned jobs)
{
    for (; n > 0 && p->next < p->ntodo && p->fatal == BW_OK && p->nabandoned <= jobs; n--)
        start_worker(p, th, nslots);
    bool none_running = *nslots == p->nabandoned;
    if (!none_running || p->next >= p->ntodo || p->fatal != BW_OK)
        return;
    if (p->nabandoned > jobs) {
        skip_remaining(p);
    } else {
        p->fatal = BW_ERR_NOMEM;
        bw_error_set(&p->fatal_err, BW_ERR_NOMEM, "cannot start a thread to parse the remaining TUs");
    }
}

static bw_status parse_all(bw_session *s, uint32_t *todo, uint32_t ntodo, bw_error *err)
{
    if (ntodo == 0)
        return BW_OK;
    unsigned jobs = parse_jobs(s, ntodo);
    /* a slot per worker, and one for each worker that may replace one
     * left behind (replace_workers: at most `jobs`) */
    unsigned nslots_max = 2 * jobs;
    pool *p = pool_new(s, todo, ntodo, nslots_max);
    pthread_t *th = bw_calloc(nslots_max, sizeof(pthread_t));
    if (p == NULL || th == NULL || !unsaved_files(s, &p->unsaved, &p->nunsaved)) {
        if (p != NULL)
            pool_release(p);
        bw_free(th);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    /* libclang parses on a thread of its own with an 8 MiB stack, which
     * deeply nested code overflows (4,000 nested `!` kill the process, as
     * they kill `clang -fsyntax-only`); with LIBCLANG_NOTHREADS it parses
     * on the calling worker, whose stack is 64 MiB.  Set before any worker
     * starts (no thread reads the environment yet); a value the user set
     * is kept. */
    if (getenv("LIBCLANG_NOTHREADS") == NULL)
        setenv("LIBCLANG_NOTHREADS", "1", 0);
    unsigned nslots = 0;
    for (unsigned i = 0; i < jobs; i++)
        start_worker(p, th, &nslots);
    double limit = abandon_after(s->opts.time_limit);
    if (nslots == 0 && limit > 0) {
        /* parsing here, no one could leave a parse that never returns */
        p->fatal = BW_ERR_NOMEM;
        bw_error_set(&p->fatal_err, BW_ERR_NOMEM, "cannot start a thread to parse the TUs");
    } else if (nslots == 0) { /* no threads and no time limit: parse here */
        atomic_fetch_add(&p->refs, 1);
        worker(&p->slots[0]);
    }
    uint32_t reported = 0;
    pthread_mutex_lock(&p->lock);
    while (reported < ntodo) {
        while (reported < p->done) {
            uint32_t ti = p->finished[reported++];
            if (s->opts.progress != NULL) {
                pthread_mutex_unlock(&p->lock);
                s->opts.progress(s->opts.progress_ctx, reported, ntodo, s->tus[ti].file);
                pthread_mutex_lock(&p->lock);
            }
        }
        if (reported >= ntodo || (p->fatal != BW_OK && p->done == p->next) || nslots == 0)
            break;
        if (limit > 0) {
            unsigned left = abandon_overdue(p, th, nslots, limit);
            if (left > 0) {
                replace_workers(p, th, &nslots, left, jobs);
                continue;
            }
            struct timespec until = next_overdue(p, nslots, limit);
            pthread_cond_timedwait(&p->cond, &p->lock, &until);
        } else {
            pthread_cond_wait(&p->cond, &p->lock);
        }
    }
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < nslots; i++)
        if (!p->slots[i].abandoned) /* those are detached */
            pthread_join(th[i], NULL);
    bw_free(th);
    bw_status fatal = p->fatal;
    if (fatal != BW_OK && err != NULL)
        *err = p->fatal_err;
    pool_release(p);
    return fatal;
}

/* ---- whole-program result cache ------------------------------------------------------ */

/* Part of the result cache's key: bumped when the analyses' results change
 * for the same IR (4: session 9's memory-rule fixes; 5: fields of packed
 * words; 6: parameters of functions that knowledge rows describe; 7:
 * string lengths across loops and calls; 8: string writes into a parameter's
 * buffer checked at the callers; 9: characters stored over a terminator;
 * 10: strncat after the string already there; 11, 12: review mends; 13:
 * buffers whose address was stored in memory; 14: member arrays as one
 * string across statements; 15: review mends). */
#define BW_ENGINE_RESULT_VERSION "bulwark-results-95"

static json_t *loc_json(const bw_location *l)
{
    return json_pack("{s:s*, s:I, s:I, s:I, s:I}", "file", l->file, "line", (json_int_t)l->line, "col",
                     (json_int_t)l->column, "eline", (json_int_t)l->end_line, "ecol", (json_int_t)l->end_column);
}

static bool loc_from_json(json_t *o, bw_location *l)
{
    memset(l, 0, sizeof(*l));
    const char *file = NULL;
    json_int_t a = 0, b = 0, c = 0, d = 0;
    if (json_unpack(o, "{s?s, s:I, s:I, s:I, s:I}", "file", &file, "line", &a, "col", &b, "eline", &c, "ecol", &d) != 0)
        return false;
    l->file = (char *)file;
    l->line = (unsigned)a;
    l->column = (unsigned)b;
    l->end_line = (unsigned)c;
    l->end_column = (unsigned)d;
    return true;
}

/* Findings and suppression loosenings as one JSON text; NULL on OOM. */
static char *results_to_text(const bw_findings *fs, const bw_loosenings *ls)
{
    json_t *root = json_object(), *arr = json_array(), *larr = json_array();
    bool ok = root != NULL && arr != NULL && larr != NULL;
    for (size_t i = 0; ok && i < fs->count; i++) {
        const bw_finding *f = fs->items[i];
        json_t *steps = json_array();
        for (size_t k = 0; steps != NULL && k < f->step_count; k++)
            json_array_append_new(steps, json_pack("{s:o, s:s}", "loc", loc_json(&f->steps[k].loc), "msg",
                                                    f->steps[k].message != NULL ? f->steps[k].message : ""));
        json_t *o = json_pack("{s:s, s:i, s:s, s:o, s:s*, s:s*, s:o, s:s*, s:s*}", "rule", f->rule_id, "sev",
                              (int)f->severity, "msg", f->message, "loc", loc_json(&f->loc), "fn", f->function,
                              "code", f->code, "steps", steps != NULL ? steps : json_array(), "hint", f->fix_hint,
                              "supp", f->suppression);
        ok = o != NULL && json_array_append_new(arr, o) == 0;
    }
    for (size_t i = 0; ok && i < ls->count; i++) {
        const bw_loosening *l = &ls->items[i];
        if (strcmp(l->kind, "suppression") != 0)
            continue;
        json_t *o = json_pack("{s:s, s:s, s:s*, s:o}", "kind", l->kind, "subject", l->subject, "reason", l->reason,
                              "loc", loc_json(&l->loc));
        ok = o != NULL && json_array_append_new(larr, o) == 0;
    }
    char *text = NULL;
    if (ok && json_object_set_new(root, "findings", arr) == 0 && json_object_set_new(root, "loosenings", larr) == 0) {
        arr = larr = NULL;
        char *t = json_dumps(root, JSON_COMPACT);
        if (t != NULL) {
            text = bw_strdup(t);
            free(t); /* jansson allocates with malloc */
        }
    }
    json_decref(arr);
    json_decref(larr);
    json_decref(root);
    return text;
}

static bool results_from_text(const char *text, bw_findings *fs, bw_loosenings *ls)
{
    json_error_t je;
    json_t *root = json_loads(text, 0, &je);
    json_t *arr = root != NULL ? json_object_get(root, "findings") : NULL;
    json_t *larr = root != NULL ? json_object_get(root, "loosenings") : NULL;
    bool ok = json_is_array(arr) && json_is_array(larr);
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        if (!ok)
            break;
        const char *rule = NULL, *msg = NULL, *fn = NULL, *code = NULL, *hint = NULL, *supp = NULL;
        int sev = 0;
        json_t *loc = NULL, *steps = NULL;
        bw_location l;
        if (json_unpack(o, "{s:s, s:i, s:s, s:o, s?s, s?s, s:o, s?s, s?s}", "rule", &rule, "sev", &sev, "msg", &msg,
                        "loc", &loc, "fn", &fn, "code", &code, "steps", &steps, "hint", &hint, "supp", &supp) != 0 ||
            !loc_from_json(loc, &l) || sev < BW_SEV_NOTE || sev > BW_SEV_ERROR) {
            ok = false;
            break;
        }
        bw_finding *f = bw_finding_new(rule, (bw_severity)sev, msg, &l);
        if (f == NULL) {
            ok = false;
            break;
        }
        bw_status st = BW_OK;
        if (fn != NULL)
            st = bw_finding_set_function(f, fn);
        if (st == BW_OK && code != NULL)
            st = bw_finding_set_code(f, code);
        if (st == BW_OK && hint != NULL)
            st = bw_finding_set_fix(f, hint, NULL, NULL);
        if (st == BW_OK && supp != NULL)
            st = bw_finding_set_suppression(f, supp);
        size_t k;
        json_t *sj;
        json_array_foreach(steps, k, sj)
        {
            const char *m = NULL;
            json_t *sl = NULL;
            bw_location stl;
            if (st != BW_OK || json_unpack(sj, "{s:o, s:s}", "loc", &sl, "msg", &m) != 0 || !loc_from_json(sl, &stl)) {
                st = BW_ERR_CORRUPT;
                break;
            }
            st = bw_finding_add_step(f, &stl, m);
        }
        if (st != BW_OK || bw_findings_push(fs, f) != BW_OK) {
            if (st != BW_OK)
                bw_finding_free(f);
            ok = false;
        }
    }
    json_array_foreach(larr, i, o)
    {
        if (!ok)
            break;
        const char *kind = NULL, *subject = NULL, *reason = NULL;
        json_t *loc = NULL;
        bw_location l;
        if (json_unpack(o, "{s:s, s:s, s?s, s:o}", "kind", &kind, "subject", &subject, "reason", &reason, "loc", &loc) !=
                0 ||
            !loc_from_json(loc, &l) || bw_loosenings_add(ls, kind, subject, reason, l.file != NULL ? &l : NULL) != BW_OK)
            ok = false;
    }
    json_decref(root);
    if (!ok) {
        bw_findings_free(fs);
        bw_loosenings_free(ls);
    }
    return ok;
}

/* Everything a run's findings depend on: each TU's command and the content
 * of its files, the config file, the focus, and this engine. */
static char *program_key(bw_session *s)
{
    CXString v = clang_getClangVersion();
    uint64_t h = bw_hash_bytes(BW_ENGINE_RESULT_VERSION, sizeof(BW_ENGINE_RESULT_VERSION), BW_IR_VERSION);
    h = bw_hash_bytes(clang_getCString(v), strlen(clang_getCString(v)), h);
    clang_disposeString(v);
    h = bw_hash_bytes(s->root, strlen(s->root), h);
    for (uint32_t i = 0; i < s->ntus; i++) {
        const tu_entry *t = &s->tus[i];
        if ((t->ir == NULL && !t->deps_ok) || t->key == NULL)
            continue;
        uint64_t th = bw_hash_bytes(t->key, strlen(t->key), (uint64_t)t->context_only);
        for (uint32_t d = 0; d < tu_ndeps(t); d++)
            th ^= tu_dep_hash(t, d) * (d + 1);
        h += bw_hash_bytes(&th, sizeof(th), 11); /* order-independent over TUs */
    }
    for (uint32_t i = 0; i < s->nfocus; i++)
        h += bw_hash_bytes(s->focus[i], strlen(s->focus[i]), 13);
    if (s->cfg != NULL && s->cfg->path != NULL) {
        size_t len = 0;
        const char *text = session_content(s, s->cfg->path, &len);
        h = bw_hash_bytes(s->cfg->path, strlen(s->cfg->path), h);
        if (text != NULL)
            h = bw_hash_bytes(text, len, h);
    }
    char buf[40];
    snprintf(buf, sizeof(buf), "%016llx", (unsigned long long)h);
    return bw_strdup(buf);
}

/* ---- run --------------------------------------------------------------------------- */

static bool in_focus(const bw_session *s, const char *abs)
{
    if (s->nfocus == 0)
        return true;
    for (uint32_t i = 0; i < s->nfocus; i++)
        if (strcmp(s->focus[i], abs) == 0)
            return true;
    return false;
}

static bool focus_relative(const bw_session *s, const char *rel)
{
    if (s->nfocus == 0)
        return true;
    char *abs = rel[0] == '/' ? bw_strdup(rel) : bw_path_join(s->root, rel);
    bool r = abs != NULL && in_focus(s, abs);
    bw_free(abs);
    return r;
}

static bw_status add_problem(bw_session *s, tu_entry *t)
{
    if (!bw_ir_grow((void **)&s->problems, &s->capproblems, s->nproblems + 1, sizeof(bw_tu_problem)))
        return BW_ERR_NOMEM;
    s->problems[s->nproblems++] =
        (bw_tu_problem){t->file, t->diags != NULL ? t->diags : "failed to parse", t->why_failed};
    return BW_OK;
}

static bool add_dep(void *ctx, const char *path, uint64_t hash)
{
    tu_entry *t = ctx;
    char *p = bw_strdup(path);
    if (p == NULL || !bw_ir_grow((void **)&t->deps, &t->capdep, t->ndep + 1, sizeof(file_hash))) {
        bw_free(p);
        return false;
    }
    t->deps[t->ndep++] = (file_hash){p, hash};
    return true;
}

static void drop_deps(tu_entry *t)
{
    for (uint32_t i = 0; i < t->ndep; i++)
        bw_free(t->deps[i].path);
    t->ndep = 0;
    t->deps_ok = false;
}

/* Reads the TU's stored files and hashes and compares them with the files
 * now: sets t->deps_ok when all match.  BW_ERR_NOT_FOUND when the cache
 * has none for this key (a TU never stored, or stored by an older version). */
static bw_status check_stored_deps(bw_session *s, tu_entry *t, bw_error *err)
{
    drop_deps(t);
    bw_status st = bw_cache_each_dep(s->cache, t->key, add_dep, t, err);
    if (st != BW_OK)
        return st;
    bool same = t->ndep > 0;
    for (uint32_t i = 0; i < t->ndep && same; i++)
        same = file_unchanged(s, t, t->deps[i].path, t->deps[i].hash);
    if (same)
        t->deps_ok = true;
    else
        drop_deps(t);
    return BW_OK;
}

/* Decodes the TU's stored IR when its files are unchanged (t->ir stays
 * NULL otherwise); only database errors are errors. */
static bw_status load_cached_ir(bw_session *s, tu_entry *t, bw_error *err)
{
    void *blob = NULL;
    size_t len = 0;
    bw_error e = {0};
    bw_status cs = bw_cache_get(s->cache, t->key, &blob, &len, &e);
    if (cs == BW_ERR_NOT_FOUND)
        return BW_OK;
    if (cs != BW_OK) {
        if (err != NULL)
            *err = e;
        return cs;
    }
    bw_ir_tu *ir = NULL;
    if (bw_ir_decode(blob, len, &ir, &e) == BW_OK) {
        if (deps_unchanged(s, t, ir))
            t->ir = ir;
        else
            bw_ir_tu_free(ir);
    }
    bw_free(blob);
    return BW_OK;
}

static bw_status put_deps(bw_session *s, const tu_entry *t, bw_error *err)
{
    const bw_ir_tu *ir = t->ir;
    bw_cache_pair *rows = bw_calloc(ir->ndeps + 1, sizeof(bw_cache_pair));
    if (rows == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    for (uint32_t i = 0; i < ir->ndeps; i++)
        rows[i] = (bw_cache_pair){bw_ir_str(ir, ir->deps[i].path), (int64_t)ir->deps[i].hash};
    bw_status st = bw_cache_put_deps(s->cache, t->key, rows, ir->ndeps, err);
    bw_free(rows);
    return st;
}

static bw_status load_and_parse(bw_session *s, uint32_t *nparsed, bw_error *err);

/* Before an analysis: the IR of every TU that was only checked by its
 * stored hashes; a TU whose IR cannot be read after all is parsed. */
static bw_status materialize(bw_session *s, uint32_t *nparsed, bw_error *err)
{
    for (uint32_t i = 0; i < s->ntus; i++) {
        tu_entry *t = &s->tus[i];
        if (!t->deps_ok || t->ir != NULL)
            continue;
        bw_status st = load_cached_ir(s, t, err);
        if (st != BW_OK)
            return st;
        t->deps_ok = false;
        if (t->ir == NULL) {
            t->from_cache = false;
            t->force_parse = true;
            s->stats.from_cache--;
        }
    }
    uint32_t n = 0;
    bw_status st = load_and_parse(s, &n, err);
    *nparsed += n;
    return st;
}

/* No two of the TUs to store share a cache key (a bulk load skips the
 * DELETE that would let the second replace the first's rows). */
static bool keys_distinct(const bw_session *s, const uint32_t *todo, uint32_t ntodo)
{
    bw_strmap seen;
    memset(&seen, 0, sizeof(seen));
    bool distinct = true;
    for (uint32_t k = 0; k < ntodo && distinct; k++) {
        const char *key = s->tus[todo[k]].key;
        distinct = key != NULL && bw_strmap_get(&seen, key) == BW_NONE && bw_strmap_put(&seen, key, k);
    }
    bw_strmap_free(&seen);
    return distinct;
}

/* Loads every TU without IR from the cache or parses it (and stores what
 * was parsed, with its symbols); *nparsed: how many were parsed. */
static bw_status load_and_parse(bw_session *s, uint32_t *nparsed, bw_error *err)
{
    bw_status st = BW_OK;
    uint32_t *todo = NULL;
    *nparsed = 0;
    if (!s->stats_started) {
        memset(&s->stats, 0, sizeof(s->stats));
        s->stats_started = true;
    }
    s->stats.tus = s->ntus;
    if (s->cache_path != NULL) {
        st = open_cache(s, err);
        if (st == BW_ERR_NOT_FOUND && s->opts.cache_read_only)
            st = BW_OK;
        if (st != BW_OK)
            return st;
    }
    todo = bw_calloc(s->ntus + 1, sizeof(uint32_t));
    if (todo == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    uint32_t ntodo = 0;
    for (uint32_t i = 0; i < s->ntus; i++) {
        tu_entry *t = &s->tus[i];
        if (t->ir != NULL || t->deps_ok || t->failed) /* a TU that did not parse is not parsed again */
            continue;
        if (t->key == NULL && (t->key = tu_key(t, s->opts.all_header_functions)) == NULL) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
        if (s->cache != NULL && !t->force_parse) {
            st = check_stored_deps(s, t, err);
            if (st == BW_OK && t->deps_ok) {
                t->from_cache = true;
                s->stats.from_cache++;
                continue;
            }
            if (st == BW_ERR_NOT_FOUND) /* stored before the dependency table: decode to check */
                st = load_cached_ir(s, t, err);
            if (st != BW_OK)
                goto done;
            if (t->ir != NULL) {
                t->from_cache = true;
                s->stats.from_cache++;
            }
        }
        if (t->ir == NULL && !t->deps_ok && !t->context_only)
            todo[ntodo++] = i;
    }
    st = parse_all(s, todo, ntodo, err);
    if (st != BW_OK)
        goto done;
    /* store what was parsed, in one transaction */
    if (s->cache != NULL && !s->opts.cache_read_only && ntodo > 0) {
        st = bw_cache_begin(s->cache, err);
        if (st == BW_OK && keys_distinct(s, todo, ntodo))
            st = bw_cache_bulk_start(s->cache, err);
        for (uint32_t k = 0; k < ntodo && st == BW_OK; k++) {
            tu_entry *t = &s->tus[todo[k]];
            if (t->ir == NULL)
                continue;
            bw_buf b = BW_BUF_INIT;
            st = bw_ir_encode(t->ir, &b);
            char *at = args_text(t);
            if (st == BW_OK && at == NULL)
                st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            if (st == BW_OK)
                st = bw_cache_put(s->cache, t->key, t->file, t->dir, at, b.data, b.len, err);
            if (st == BW_OK)
                st = put_symbols(s, t, err);
            if (st == BW_OK)
                st = put_deps(s, t, err);
            bw_free(at);
            bw_buf_free(&b);
        }
        if (st == BW_OK)
            st = bw_cache_commit(s->cache, err);
        else
            bw_cache_rollback(s->cache);
    }
done:
    *nparsed = ntodo;
    bw_free(todo);
    return st;
}

bw_status bw_session_parse(bw_session *s, bw_error *err)
{
    uint32_t n = 0;
    bw_status st = load_and_parse(s, &n, err);
    s->parsed_before_run += n;
    return st;
}

bw_status bw_session_run(bw_session *s, bw_error *err)
{
    bw_program *prog = NULL;
    char *pkey = NULL;
    uint32_t ntodo = 0;
    bw_status st = load_and_parse(s, &ntodo, err);
    if (st != BW_OK)
        return st;
    ntodo += s->parsed_before_run;
    /* whole program: an unchanged program has its findings in the cache */
    bool all_cached = ntodo == 0;
    for (uint32_t i = 0; i < s->ntus && all_cached; i++)
        if (s->tus[i].failed)
            all_cached = false;
    pkey = s->cache != NULL ? program_key(s) : NULL;
    if (pkey != NULL && all_cached) {
        char *text = NULL;
        bw_error e = {0};
        if (bw_cache_get_result(s->cache, pkey, &text, &e) == BW_OK) {
            bw_findings fs = BW_FINDINGS_INIT;
            bw_loosenings ls = BW_LOOSENINGS_INIT;
            if (results_from_text(text, &fs, &ls) && bw_findings_fingerprint(&fs) == BW_OK) {
                bw_free(text);
                s->stats.results_from_cache = true;
                s->findings = fs;
                s->loosenings = ls;
                for (uint32_t i = 0; i < s->ntus; i++)
                    if (s->tus[i].ir != NULL)
                        s->stats.functions += s->tus[i].ir->nfuncs;
                if (s->cfg != NULL)
                    st = bw_config_loosenings(s->cfg, &s->loosenings);
                goto done;
            }
        }
        bw_free(text);
    }
    {
        uint32_t n = 0;
        st = materialize(s, &n, err);
        if (st != BW_OK)
            goto done;
    }
    prog = bw_program_new(s->cfg, s->kdb, s->root, session_content, s);
    if (prog == NULL) {
        st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        goto done;
    }
    {
        /* the per-TU limit, for every TU the analysis sees */
        bw_program_set_time_limit(prog, s->opts.time_limit * (s->ntus > 0 ? s->ntus : 1));
    }
    for (uint32_t i = 0; i < s->next; i++) {
        if (!bw_program_note_external_use(prog, s->ext[i].usr, s->ext[i].role == 3)) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
    }
    for (uint32_t i = 0; i < s->ntus; i++) {
        tu_entry *t = &s->tus[i];
        if (t->failed) {
            s->stats.failed++;
            if (add_problem(s, t) != BW_OK) {
                st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
                goto done;
            }
            continue;
        }
        if (t->ir == NULL)
            continue;
        if (!t->from_cache)
            s->stats.parsed++;
        bool report = !t->context_only && in_focus(s, t->file);
        if (!report && s->nfocus > 0 && !t->context_only) {
            for (uint32_t d = 0; d < tu_ndeps(t) && !report; d++)
                report = in_focus(s, tu_dep_path(t, d));
        }
        if (!bw_program_add_tu(prog, t->ir, report)) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
    }
    {
        bw_findings all = BW_FINDINGS_INIT;
        size_t nf = 0;
        unsigned rounds = 0;
        st = bw_program_run(prog, &all, &s->loosenings, &nf, &rounds, err);
        s->stats.functions = nf;
        s->stats.fixpoint_rounds = rounds;
        for (size_t i = 0; i < all.count && st == BW_OK; i++) {
            bw_finding *f = all.items[i];
            all.items[i] = NULL;
            if (f->loc.file != NULL && !focus_relative(s, f->loc.file)) {
                bw_finding_free(f);
                continue;
            }
            st = bw_findings_push(&s->findings, f);
        }
        bw_findings_free(&all);
    }
    if (st == BW_OK && pkey != NULL && !s->opts.cache_read_only) {
        char *text = results_to_text(&s->findings, &s->loosenings);
        bw_error e = {0};
        if (text != NULL)
            bw_cache_put_result(s->cache, pkey, text, &e); /* best effort: a miss next time is only slower */
        bw_free(text);
    }
    if (st == BW_OK && s->cfg != NULL)
        st = bw_config_loosenings(s->cfg, &s->loosenings);
done:
    bw_free(pkey);
    bw_program_free(prog);
    return st;
}

const bw_findings *bw_session_findings(const bw_session *s) { return &s->findings; }

bw_status bw_session_take_findings(bw_session *s, bw_findings *out, bw_error *err)
{
    for (size_t i = 0; i < s->findings.count; i++) {
        bw_finding *f = s->findings.items[i];
        s->findings.items[i] = NULL;
        if (bw_findings_push(out, f) != BW_OK) {
            for (size_t k = i + 1; k < s->findings.count; k++)
                bw_finding_free(s->findings.items[k]);
            s->findings.count = 0;
            return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        }
    }
    s->findings.count = 0;
    return BW_OK;
}

const bw_loosenings *bw_session_loosenings(const bw_session *s) { return &s->loosenings; }

void bw_session_get_stats(const bw_session *s, bw_session_stats *out) { *out = s->stats; }

const bw_tu_problem *bw_session_problem(const bw_session *s, size_t index)
{
    return index < s->nproblems ? &s->problems[index] : NULL;
}

bw_status bw_check_tu(const bw_config *cfg, const char *directory, size_t argc, const char *const *argv,
                      const bw_check_options *opts, bw_findings *out, bw_loosenings *loosenings, bw_error *err)
{
    bw_session *s = NULL;
    bw_status st = bw_session_new(cfg, opts, &s, err);
    if (st != BW_OK)
        return st;
    st = bw_session_add_command(s, directory, argc, argv, err);
    uint32_t own = s->ntus;
    for (uint32_t i = 0; i < own && st == BW_OK; i++)
        st = bw_session_focus(s, s->tus[i].file, err);
    /* the context: only the stored TUs this one can reach (callees,
     * shared globals) — the whole cache made each compile re-analyse
     * every TU compiled before it, quadratic over a build */
    if (st == BW_OK)
        st = bw_session_parse(s, err);
    if (st == BW_OK)
        st = bw_session_add_related_cached_tus(s, err);
    if (st == BW_OK)
        st = bw_session_run(s, err);
    if (st == BW_OK) {
        /* findings in this TU's files: the main files and their headers */
        for (size_t i = 0; i < s->findings.count && st == BW_OK; i++) {
            bw_finding *f = s->findings.items[i];
            bool mine = false;
            for (uint32_t t = 0; t < own && !mine && f->loc.file != NULL; t++) {
                const tu_entry *te = &s->tus[t];
                for (uint32_t d = 0; d < tu_ndeps(te) && !mine; d++) {
                    char *rel = bw_path_relative(tu_dep_path(te, d), s->root);
                    mine = rel != NULL && strcmp(rel, f->loc.file) == 0;
                    bw_free(rel);
                }
            }
            if (mine) {
                s->findings.items[i] = NULL;
                st = bw_findings_push(out, f);
            }
        }
        for (size_t i = 0; i < s->loosenings.count && st == BW_OK && loosenings != NULL; i++) {
            const bw_loosening *l = &s->loosenings.items[i];
            st = bw_loosenings_add(loosenings, l->kind, l->subject, l->reason, l->loc.file != NULL ? &l->loc : NULL);
        }
        if (st == BW_OK && s->nproblems > 0)
            st = bw_error_set(err, BW_ERR_TOOL, "%s", s->problems[0].diagnostics);
    }
    bw_session_free(s);
    return st;
}
