/*
 * args.c — what a compiler command line asks for.
 *
 * The classification is deliberately conservative: anything the wrapper
 * does not recognise as a compile or a link of C/C++ passes through to the
 * real compiler unchanged, so a build (or a configure script) never sees a
 * difference it did not ask for.  The option knowledge is data: the tables
 * below.
 */
#include <stdio.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/wrapper.h"

/* Options whose value is the next argument when written alone. */
static const char *const separate_value_opts[] = {
    "-o", "-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote", "-idirafter",
    "-isysroot", "-iprefix", "-iwithprefix", "-iwithprefixbefore", "-imultilib",
    "-isystem-after", "-ivfsoverlay", "-x", "-MF", "-MT", "-MQ", "-MJ", "-L", "-l",
    "-Xclang", "-Xlinker", "-Xassembler", "-Xpreprocessor", "-arch", "-target", "-aux-info",
    "-T", "-u", "-z", "-e", "--sysroot", "-serialize-diagnostics", "-dependency-file",
    "-gcc-toolchain", "--param", "-B", "-mllvm", "-dumpbase", "-dumpdir", "-A", "-F",
    "-working-directory", "-resource-dir", "--output", "-specs",
};

/* Options that make the command something other than a compile or link. */
static const struct {
    const char *opt;
    const char *why;
} passthrough_opts[] = {
    {"-E", "preprocess only"},
    {"-M", "dependency listing (-M)"},
    {"-MM", "dependency listing (-MM)"},
    {"-fsyntax-only", "syntax check only"},
    {"-###", "driver dry run"},
    {"--version", "version query"},
    {"-dumpversion", "version query"},
    {"-dumpfullversion", "version query"},
    {"-dumpmachine", "target query"},
    {"-dumpspecs", "specs query"},
    {"--help", "help"},
    {"-emit-ast", "AST output"},
};

/* Prefixes (or exact names when `exact`) of flags that matter for
 * hardening; recorded verbatim in the TU's record. */
static const struct {
    const char *text;
    bool exact;
} hardening_flag_table[] = {
    {"-D_FORTIFY_SOURCE", false},
    {"-U_FORTIFY_SOURCE", true},
    {"-D_GLIBCXX_ASSERTIONS", false},
    {"-D_LIBCPP_HARDENING_MODE", false},
    {"-fstack-protector", false},
    {"-fno-stack-protector", true},
    {"-fstack-clash-protection", true},
    {"-fno-stack-clash-protection", true},
    {"-fcf-protection", false},
    {"-fno-cf-protection", true},
    {"-ftrivial-auto-var-init", false},
    {"-fzero-call-used-regs", false},
    {"-fsanitize", false},
    {"-fno-sanitize", false},
    {"-fhardened", true},
    {"-fno-hardened", true},
    {"-mshstk", true},
    {"-fPIE", true},
    {"-fpie", true},
    {"-fPIC", true},
    {"-fpic", true},
    {"-fno-pie", true},
    {"-fno-PIE", true},
    {"-fno-pic", true},
    {"-fno-PIC", true},
    {"-pie", true},
    {"-no-pie", true},
    {"-static-pie", true},
    {"-static", true},
    {"-fno-strict-overflow", true},
    {"-fwrapv", true},
};

/* Linker keywords that matter for hardening inside -Wl,... or -z. */
static const char *const linker_keywords[] = {
    "relro", "norelro", "now", "lazy", "noexecstack", "execstack", "-pie", "--pie",
    "-no-pie", "cet-report", "separate-code", "ibt", "shstk",
};

static bool str_eq(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool takes_separate_value(const char *a)
{
    for (size_t i = 0; i < sizeof separate_value_opts / sizeof separate_value_opts[0]; i++)
        if (str_eq(a, separate_value_opts[i]))
            return true;
    return false;
}

static const char *ext_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

const char *bw_cc_lang_name(bw_cc_lang lang)
{
    return lang == BW_LANG_CXX ? "c++" : "c";
}

/* Build-system probes: exact basenames, basename prefixes and path parts. */
static const char *const probe_basenames[] = {
    "CMakeCCompilerId.c", "CMakeCXXCompilerId.cpp", "CMakeCCompilerABI.c",
    "CMakeCXXCompilerABI.cpp", "sanitycheckc.c", "sanitycheckcpp.cc",
    "sanitycheckc.exe", "sanitycheckcpp.exe",
};
static const char *const probe_path_parts[] = {
    "/CMakeFiles/CMakeScratch/", "/CMakeFiles/CMakeTmp/", "/CMakeFiles/CompilerIdC/",
    "/CMakeFiles/CompilerIdCXX/", "meson-private/", "CMakeScratch/TryCompile-",
};

bool bw_cc_is_probe_path(const char *path)
{
    if (path == NULL)
        return false;
    const char *base = base_of(path);
    /* autoconf: conftest.c, conftest.o, conftest, conftest.cpp, conftest2.c ... */
    if (starts_with(base, "conftest"))
        return true;
    for (size_t i = 0; i < sizeof probe_basenames / sizeof probe_basenames[0]; i++)
        if (str_eq(base, probe_basenames[i]))
            return true;
    for (size_t i = 0; i < sizeof probe_path_parts / sizeof probe_path_parts[0]; i++)
        if (strstr(path, probe_path_parts[i]) != NULL)
            return true;
    return false;
}

typedef enum input_kind { IN_C, IN_CXX, IN_ASM, IN_HEADER, IN_OTHER_LANG, IN_OBJECT } input_kind;

/* What `-x <lang>` says, or -1 for "none"/unknown (use the extension). */
static int x_lang_kind(const char *lang)
{
    if (lang == NULL || str_eq(lang, "none"))
        return -1;
    if (str_eq(lang, "c") || str_eq(lang, "cpp-output") || str_eq(lang, "c-cpp-output"))
        return IN_C;
    if (str_eq(lang, "c++") || str_eq(lang, "c++-cpp-output"))
        return IN_CXX;
    if (str_eq(lang, "assembler") || str_eq(lang, "assembler-with-cpp"))
        return IN_ASM;
    if (strstr(lang, "header") != NULL)
        return IN_HEADER;
    return IN_OTHER_LANG;
}

static input_kind kind_by_extension(const char *path, bool cxx_driver)
{
    const char *e = ext_of(path);
    if (str_eq(e, "c") || str_eq(e, "i"))
        return cxx_driver ? IN_CXX : IN_C;
    if (str_eq(e, "cc") || str_eq(e, "cp") || str_eq(e, "cxx") || str_eq(e, "cpp") ||
        str_eq(e, "CPP") || str_eq(e, "c++") || str_eq(e, "C") || str_eq(e, "ii"))
        return IN_CXX;
    if (str_eq(e, "s") || str_eq(e, "S") || str_eq(e, "sx"))
        return IN_ASM;
    if (str_eq(e, "h") || str_eq(e, "hh") || str_eq(e, "hpp") || str_eq(e, "hxx") ||
        str_eq(e, "H") || str_eq(e, "h++"))
        return IN_HEADER;
    if (str_eq(e, "m") || str_eq(e, "mm") || str_eq(e, "M") || str_eq(e, "f") ||
        str_eq(e, "f90") || str_eq(e, "F") || str_eq(e, "F90") || str_eq(e, "cu") ||
        str_eq(e, "go") || str_eq(e, "d") || str_eq(e, "ads") || str_eq(e, "adb"))
        return IN_OTHER_LANG;
    return IN_OBJECT; /* .o, .a, .so, .lo, linker scripts, anything else */
}

static bool is_hardening_flag(const char *a)
{
    for (size_t i = 0; i < sizeof hardening_flag_table / sizeof hardening_flag_table[0]; i++) {
        const char *t = hardening_flag_table[i].text;
        if (hardening_flag_table[i].exact ? str_eq(a, t) : starts_with(a, t))
            return true;
    }
    return false;
}

static bool mentions_linker_keyword(const char *list)
{
    /* list: comma-separated linker arguments (the part after -Wl,) */
    const char *p = list;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        for (size_t i = 0; i < sizeof linker_keywords / sizeof linker_keywords[0]; i++) {
            const char *k = linker_keywords[i];
            if (strlen(k) == n && strncmp(p, k, n) == 0)
                return true;
            /* -z,relro arrives as "-z" then "relro"; "-zrelro" joined */
            if (n == strlen(k) + 2 && strncmp(p, "-z", 2) == 0 && strncmp(p + 2, k, n - 2) == 0)
                return true;
        }
        if (!comma)
            break;
        p = comma + 1;
    }
    return false;
}

static bw_status add_flag(bw_cc_cmd *cmd, const char *a, const char *b, bw_error *err)
{
    char **grown = bw_reallocarray(cmd->hardening_flags, cmd->hardening_flag_count + 1,
                                   sizeof *grown);
    if (grown == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    cmd->hardening_flags = grown;
    bw_buf text = BW_BUF_INIT;
    bw_buf_puts(&text, a);
    if (b != NULL) {
        if (!str_eq(a, "-D") && !str_eq(a, "-U"))
            bw_buf_putc(&text, ' ');
        bw_buf_puts(&text, b);
    }
    char *s = bw_buf_take(&text);
    if (s == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    cmd->hardening_flags[cmd->hardening_flag_count++] = s;
    return BW_OK;
}

static bw_status add_source(bw_cc_cmd *cmd, const char *path, bw_cc_lang lang, size_t argi,
                            bw_error *err)
{
    bw_cc_source *grown = bw_reallocarray(cmd->sources, cmd->source_count + 1, sizeof *grown);
    if (grown == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    cmd->sources = grown;
    cmd->sources[cmd->source_count].path = path;
    cmd->sources[cmd->source_count].lang = lang;
    cmd->sources[cmd->source_count].argi = argi;
    cmd->source_count++;
    return BW_OK;
}

void bw_cc_cmd_clear(bw_cc_cmd *cmd)
{
    if (cmd == NULL)
        return;
    bw_free(cmd->sources);
    for (size_t i = 0; i < cmd->hardening_flag_count; i++)
        bw_free(cmd->hardening_flags[i]);
    bw_free(cmd->hardening_flags);
    memset(cmd, 0, sizeof *cmd);
}

bw_status bw_cc_parse(size_t nargs, const char *const *args, bool cxx_driver, bw_cc_cmd *out,
                      bw_error *err)
{
    memset(out, 0, sizeof *out);
    bool compile_only = false, preprocess_dep = false, has_md = false, verbose = false;
    const char *pass_why = NULL;
    size_t other_lang = 0, headers = 0, stdin_inputs = 0;
    int x_kind = -1;
    bw_status st = BW_OK;

    for (size_t i = 0; i < nargs && st == BW_OK; i++) {
        const char *a = args[i];
        if (a[0] != '-' || str_eq(a, "-")) {
            input_kind k;
            if (str_eq(a, "-")) {
                stdin_inputs++;
                continue;
            }
            k = x_kind >= 0 ? (input_kind)x_kind : kind_by_extension(a, cxx_driver);
            /* -x applies to source files; objects and libraries keep their kind */
            if (x_kind >= 0 && kind_by_extension(a, false) == IN_OBJECT &&
                (str_eq(ext_of(a), "o") || str_eq(ext_of(a), "a") || str_eq(ext_of(a), "so")))
                k = IN_OBJECT;
            switch (k) {
            case IN_C: st = add_source(out, a, BW_LANG_C, i, err); break;
            case IN_CXX: st = add_source(out, a, BW_LANG_CXX, i, err); break;
            case IN_ASM: out->asm_inputs++; out->other_inputs++; break;
            case IN_HEADER: headers++; break;
            case IN_OTHER_LANG: other_lang++; break;
            case IN_OBJECT: out->other_inputs++; break;
            }
            continue;
        }
        /* options with a separate value */
        if (takes_separate_value(a) && i + 1 < nargs) {
            const char *v = args[i + 1];
            if (str_eq(a, "-o") || str_eq(a, "--output"))
                out->output = v;
            else if (str_eq(a, "-x"))
                x_kind = x_lang_kind(v);
            else if (str_eq(a, "-l"))
                out->other_inputs++;
            else if (str_eq(a, "-D") || str_eq(a, "-U")) {
                /* "-D" "_FORTIFY_SOURCE=2" */
                char joined[64];
                int n = snprintf(joined, sizeof joined, "%s%s", a, v);
                if (n > 0 && (size_t)n < sizeof joined && is_hardening_flag(joined))
                    st = add_flag(out, a, v, err);
            } else if (str_eq(a, "-z")) {
                if (mentions_linker_keyword(v))
                    st = add_flag(out, a, v, err);
            } else if (str_eq(a, "-Xlinker")) {
                if (str_eq(v, "-r"))
                    out->relocatable = true;
                else if (mentions_linker_keyword(v))
                    st = add_flag(out, a, v, err);
            }
            i++;
            continue;
        }
        if (str_eq(a, "-c")) {
            compile_only = true;
        } else if (str_eq(a, "-S")) {
            compile_only = true;
            out->to_assembly = true;
        } else if (str_eq(a, "-MD") || str_eq(a, "-MMD")) {
            has_md = true;
        } else if (str_eq(a, "-M") || str_eq(a, "-MM")) {
            preprocess_dep = true;
        } else if (str_eq(a, "-v")) {
            verbose = true;
        } else if (str_eq(a, "-shared")) {
            out->shared = true;
        } else if (str_eq(a, "-r")) {
            out->relocatable = true;
        } else if (str_eq(a, "-nostdlib") || str_eq(a, "-nodefaultlibs") ||
                   str_eq(a, "-nostartfiles") || str_eq(a, "-nolibc")) {
            out->nostdlib = true;
        } else if (str_eq(a, "-emit-llvm") || starts_with(a, "-flto")) {
            out->emits_bitcode = true;
        } else if (str_eq(a, "-fno-lto")) {
            out->emits_bitcode = false;
        } else if (starts_with(a, "-x") && a[2] != '\0') {
            x_kind = x_lang_kind(a + 2);
        } else if (starts_with(a, "-o") && a[2] != '\0') {
            out->output = a + 2;
        } else if (starts_with(a, "--output=")) {
            out->output = a + strlen("--output=");
        } else if (starts_with(a, "-l") && a[2] != '\0') {
            out->other_inputs++;
        } else if (starts_with(a, "-Wl,")) {
            if (strstr(a, ",-r,") != NULL || (strlen(a) >= 7 && str_eq(a + strlen(a) - 3, ",-r")))
                out->relocatable = true;
            if (mentions_linker_keyword(a + 4))
                st = add_flag(out, a, NULL, err);
            continue;
        } else if (starts_with(a, "-print-") || starts_with(a, "--print-")) {
            pass_why = "driver query";
        }
        if (st == BW_OK && is_hardening_flag(a))
            st = add_flag(out, a, NULL, err);
        for (size_t k = 0; k < sizeof passthrough_opts / sizeof passthrough_opts[0]; k++)
            if (str_eq(a, passthrough_opts[k].opt) && pass_why == NULL)
                pass_why = passthrough_opts[k].why;
    }
    if (st != BW_OK) {
        bw_cc_cmd_clear(out);
        return st;
    }
    (void)has_md;
    (void)preprocess_dep;

    /* Decide.  Order matters: the first reason that applies is given. */
    if (pass_why != NULL) {
        out->why = pass_why;
    } else if (bw_cc_is_probe_path(out->output)) {
        out->why = "build-system probe";
    } else if (stdin_inputs > 0) {
        out->why = "source from standard input";
    } else if (headers > 0 && out->source_count == 0) {
        out->why = "precompiled header";
    } else if (other_lang > 0 && out->source_count == 0) {
        out->why = "not C or C++";
    } else if (out->source_count == 0 && out->other_inputs == 0) {
        out->why = verbose ? "version query" : "no input files";
    } else if (out->source_count == 0 && compile_only) {
        out->why = out->asm_inputs > 0 ? "assembler" : "no C/C++ source";
    } else if (compile_only) {
        out->action = BW_CC_COMPILE;
    } else if (out->source_count > 0) {
        out->action = BW_CC_COMPILE_LINK;
    } else {
        out->action = BW_CC_LINK;
    }
    if (out->action != BW_CC_PASSTHROUGH) {
        for (size_t i = 0; i < out->source_count; i++) {
            if (bw_cc_is_probe_path(out->sources[i].path)) {
                out->action = BW_CC_PASSTHROUGH;
                out->why = "build-system probe";
                break;
            }
        }
    }
    return BW_OK;
}
