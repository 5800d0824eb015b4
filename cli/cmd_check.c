/* cmd_check.c — `bulwark check`: run the static checkers.
 *
 *   bulwark check -p build/ [file...]        every TU of build/compile_commands.json
 *                                            (files: report only these)
 *   bulwark check file.c... -- <flags>       these files with these compiler flags
 *   bulwark check file.c...                  flags from .bulwark.yaml `compile-flags`,
 *                                            else from a neighbouring TU of
 *                                            ./compile_commands.json or
 *                                            ./build/compile_commands.json
 *
 * Exit: 0 no finding at/above the fail level, 1 findings, 2 usage/input
 * error or a TU that did not parse (its clang errors are printed and it is
 * skipped), 3 internal error.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/checkers.h"
#include "bulwark/config.h"
#include "bulwark/file.h"
#include "bulwark/output.h"
#include "bulwark/rules.h"
#include "bulwark/tracker.h"
#include "cli.h"

#ifndef BULWARK_VERSION
#define BULWARK_VERSION "0.0.0"
#endif

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark check [options] [-p BUILD_DIR] [FILE...] [-- COMPILER_FLAGS...]\n\n"
            "Analyses C and C++ sources for injection and format-string defects.\n\n"
            "  -p DIR              read DIR/compile_commands.json (every TU, its flags and directory)\n"
            "  -- FLAGS...         compiler flags for the FILEs named before '--'\n"
            "  -j N                parse N TUs at once (default: all cores)\n"
            "  --format FMT        text (default), json or sarif\n"
            "  -o FILE             write the report to FILE instead of stdout\n"
            "  --fail-level LEVEL  note, warning or error: the lowest severity that fails the run\n"
            "                      (default: the config's fail-level, else note)\n"
            "  --config FILE       use this .bulwark.yaml instead of the nearest one\n"
            "  --cache FILE        summary cache location (default: BUILD_DIR/bulwark-cache.db with -p,\n"
            "                      else .bulwark/cache.db in the project root)\n"
            "  --no-cache          neither read nor write the summary cache\n"
            "  --list-findings     print one 'file:line: RULE' line per unsuppressed finding\n"
            "                      (the corpus runner's format) instead of a report\n"
            "  --no-progress       no progress line on a terminal\n"
            "  --stats             print engine counters on stderr\n"
            "  --all-header-functions\n"
            "                      also analyse the static and inline functions of headers that\n"
            "                      no checked TU uses (default: a header function is analysed in\n"
            "                      the TUs that call it or take its address, as scan-build does)\n"
            "  --time-limit SECS   seconds (fractions allowed) a TU may take to parse and lower\n"
            "                      and, times the number of TUs, the whole-program analysis; a\n"
            "                      TU over it is skipped like one that does not compile (exit\n"
            "                      code 2; a parse libclang has not finished at twice the limit,\n"
            "                      and 1 s past it, is left behind), an analysis over it stops\n"
            "                      the run (exit code 3); default 300, 0 = no limit\n"
            "  --record            also store this run in the roadmap tracker database\n"
            "                      ($BULWARK_DB, else .bulwark/tracker.db under the config's root);\n"
            "                      snapshots count the latest recorded run as the open findings\n\n%s",
            bw_cli_exit_codes_help);
}

typedef struct progress {
    bool on;
    time_t start;
    bool shown;
} progress;

static void on_progress(void *ctx, size_t done, size_t total, const char *file)
{
    progress *p = ctx;
    if (!p->on || total < 2)
        return;
    if (!p->shown && time(NULL) - p->start < 2)
        return;
    const char *base = strrchr(file, '/');
    base = base != NULL ? base + 1 : file;
    fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, total, base);
    fflush(stderr);
    p->shown = true;
}

static bool find_default_compdb(char **dir_out)
{
    static const char *const dirs[] = {".", "build", NULL};
    for (size_t i = 0; dirs[i] != NULL; i++) {
        char *p = bw_path_join(dirs[i], "compile_commands.json");
        bool ok = p != NULL && bw_path_exists(p);
        bw_free(p);
        if (ok) {
            *dir_out = bw_strdup(dirs[i]);
            return *dir_out != NULL;
        }
    }
    return false;
}

/* Stores the run in the tracker, where snapshots read the open findings. */
static bool record_run(const char *root, const bw_session_stats *ss, const bw_findings *fs,
                       const bw_loosenings *ls, bw_error *err)
{
    char *path = NULL;
    bw_tracker *t = NULL;
    if (bw_tracker_default_path(root, &path, err) != BW_OK ||
        bw_tracker_open(path, BW_TRACKER_WRITE | BW_TRACKER_READ, &t, err) != BW_OK) {
        bw_free(path);
        return false;
    }
    bw_check_run run = {NULL, ss->tus - ss->failed, ss->failed, fs, ls};
    bool ok = bw_tracker_record_check(t, &run, NULL, err) == BW_OK;
    bw_tracker_close(t);
    bw_free(path);
    return ok;
}

int bw_cmd_check(int argc, char **argv)
{
    enum { OPT_FORMAT = 256, OPT_FAIL, OPT_CONFIG, OPT_NOCACHE, OPT_CACHE, OPT_LIST, OPT_NOPROG, OPT_STATS,
           OPT_RECORD, OPT_TIME_LIMIT, OPT_ALL_HEADERS };
    static const struct option opts[] = {{"format", required_argument, NULL, OPT_FORMAT},
                                         {"fail-level", required_argument, NULL, OPT_FAIL},
                                         {"config", required_argument, NULL, OPT_CONFIG},
                                         {"no-cache", no_argument, NULL, OPT_NOCACHE},
                                         {"cache", required_argument, NULL, OPT_CACHE},
                                         {"list-findings", no_argument, NULL, OPT_LIST},
                                         {"no-progress", no_argument, NULL, OPT_NOPROG},
                                         {"stats", no_argument, NULL, OPT_STATS},
                                         {"record", no_argument, NULL, OPT_RECORD},
                                         {"time-limit", required_argument, NULL, OPT_TIME_LIMIT},
                                         {"all-header-functions", no_argument, NULL, OPT_ALL_HEADERS},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *build_dir = NULL, *out_path = NULL, *config_path = NULL, *cache_opt = NULL;
    bw_format format = BW_FORMAT_TEXT;
    bw_severity fail_level = BW_SEV_NONE;
    bool fail_level_set = false, no_cache = false, list = false, no_progress = false, stats = false;
    bool record = false, all_header_functions = false;
    unsigned jobs = 0;
    double time_limit = BW_DEFAULT_TIME_LIMIT;
    int c;
    /* split at "--": everything after it is compiler flags */
    int nbefore = argc;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--") == 0) {
            nbefore = i;
            break;
        }
    optind = 1;
    while ((c = getopt_long(nbefore, argv, "p:j:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'p':
            build_dir = optarg;
            break;
        case 'j': {
            char *end = NULL;
            long n = strtol(optarg, &end, 10);
            if (end == optarg || *end != '\0' || n < 1 || n > 256)
                return bw_cli_usage_error("check", "-j needs a number from 1 to 256");
            jobs = (unsigned)n;
            break;
        }
        case 'o':
            out_path = optarg;
            break;
        case OPT_FORMAT:
            if (!bw_format_parse(optarg, &format))
                return bw_cli_usage_error("check", "unknown format '%s' (text, json, sarif)", optarg);
            break;
        case OPT_FAIL:
            if (!bw_severity_parse(optarg, &fail_level))
                return bw_cli_usage_error("check", "unknown fail level '%s' (note, warning, error)", optarg);
            fail_level_set = true;
            break;
        case OPT_CONFIG:
            config_path = optarg;
            break;
        case OPT_NOCACHE:
            no_cache = true;
            break;
        case OPT_CACHE:
            cache_opt = optarg;
            break;
        case OPT_LIST:
            list = true;
            break;
        case OPT_NOPROG:
            no_progress = true;
            break;
        case OPT_STATS:
            stats = true;
            break;
        case OPT_RECORD:
            record = true;
            break;
        case OPT_ALL_HEADERS:
            all_header_functions = true;
            break;
        case OPT_TIME_LIMIT: {
            char *end = NULL;
            double n = strtod(optarg, &end);
            if (end == optarg || *end != '\0' || !(n >= 0 && n <= 86400))
                return bw_cli_usage_error("check", "--time-limit needs seconds from 0 to 86400");
            time_limit = n;
            break;
        }
        case 'h':
            usage(stdout);
            return BW_EXIT_OK;
        default:
            return bw_cli_usage_error("check", "invalid option (see bulwark check --help)");
        }
    }
    int first_file = optind, nfiles = nbefore - optind;
    bool have_dashdash = nbefore < argc;
    if (build_dir == NULL && nfiles == 0)
        return bw_cli_usage_error("check", "nothing to check: give -p BUILD_DIR or source files");

    int rc = BW_EXIT_INTERNAL;
    bw_error err = {0};
    bw_config *cfg = NULL;
    bw_session *s = NULL;
    char *cache_path = NULL, *auto_db = NULL;
    FILE *out = stdout;
    bw_status st;
    if (config_path != NULL)
        st = bw_config_load(config_path, &cfg, &err);
    else
        st = bw_config_load_nearest(".", &cfg, &err);
    if (st != BW_OK) {
        rc = bw_cli_fail(&err);
        goto done;
    }
    if (!fail_level_set)
        fail_level = cfg->fail_level;
    if (build_dir == NULL && !have_dashdash && (cfg->compile_flag_count == 0) && find_default_compdb(&auto_db))
        build_dir = auto_db;

    bw_check_options o;
    bw_check_options_init(&o);
    o.jobs = jobs;
    o.time_limit = time_limit;
    o.all_header_functions = all_header_functions;
    progress prog = {!no_progress && !list && isatty(STDERR_FILENO), time(NULL), false};
    o.progress = on_progress;
    o.progress_ctx = &prog;
    if (!no_cache) {
        const char *env = getenv("BULWARK_CACHE");
        if (cache_opt != NULL)
            cache_path = bw_strdup(cache_opt);
        else if (env != NULL && env[0] != '\0')
            cache_path = bw_strdup(env);
        else
            cache_path = bw_default_cache_path(build_dir, cfg->root);
        if (cache_path == NULL) {
            err.status = BW_ERR_NOMEM;
            snprintf(err.message, sizeof(err.message), "out of memory");
            rc = bw_cli_fail(&err);
            goto done;
        }
        o.cache_path = cache_path;
    }
    if ((st = bw_session_new(cfg, &o, &s, &err)) != BW_OK) {
        rc = bw_cli_fail(&err);
        goto done;
    }
    if (build_dir != NULL && (st = bw_session_add_compdb(s, build_dir, &err)) != BW_OK) {
        rc = bw_cli_fail(&err);
        goto done;
    }
    for (int i = 0; i < nfiles; i++) {
        const char *f = argv[first_file + i];
        if (!bw_path_exists(f)) {
            err.status = BW_ERR_NOT_FOUND;
            snprintf(err.message, sizeof(err.message), "%s: no such file", f);
            rc = bw_cli_fail(&err);
            goto done;
        }
        struct stat sb;
        if (stat(f, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            err.status = BW_ERR_USAGE;
            snprintf(err.message, sizeof(err.message), "%s: is a directory (pass files, or -p <build-dir>)", f);
            rc = bw_cli_fail(&err);
            goto done;
        }
        if (have_dashdash)
            st = bw_session_add_tu(s, NULL, f, (size_t)(argc - nbefore - 1),
                                   (const char *const *)argv + nbefore + 1, &err);
        else
            st = bw_session_add_file(s, f, &err);
        if (st == BW_OK && build_dir != NULL)
            st = bw_session_focus(s, f, &err);
        if (st != BW_OK) {
            rc = bw_cli_fail(&err);
            goto done;
        }
    }
    st = bw_session_run(s, &err);
    if (prog.shown)
        fprintf(stderr, "\r\033[K");
    if (st != BW_OK) {
        rc = bw_cli_fail(&err);
        goto done;
    }
    bw_session_stats ss;
    bw_session_get_stats(s, &ss);
    for (size_t i = 0; i < ss.failed; i++) {
        const bw_tu_problem *p = bw_session_problem(s, i);
        size_t dl = strlen(p->diagnostics);
        if (p->why != BW_TU_DOES_NOT_COMPILE) {
            /* one line that names the file already */
            fprintf(stderr, "bulwark: %.*s; skipped\n", (int)(dl > 0 && p->diagnostics[dl - 1] == '\n' ? dl - 1 : dl),
                    p->diagnostics);
            continue;
        }
        fprintf(stderr, "bulwark: %s: does not compile; skipped. clang says:\n%s", p->file, p->diagnostics);
        if (dl == 0 || p->diagnostics[dl - 1] != '\n')
            fputc('\n', stderr);
    }
    if (stats)
        fprintf(stderr,
                "bulwark: %zu TUs (%zu parsed, %zu from cache, %zu failed, %zu parses left running), %zu functions, "
                "%u fixpoint rounds%s\n",
                ss.tus, ss.parsed, ss.from_cache, ss.failed, ss.left_running, ss.functions, ss.fixpoint_rounds,
                ss.results_from_cache ? ", findings from the cache (nothing changed)" : "");
    const bw_findings *fs = bw_session_findings(s);
    if (out_path != NULL) {
        out = fopen(out_path, "w");
        if (out == NULL) {
            err.status = BW_ERR_IO;
            snprintf(err.message, sizeof(err.message), "%s: cannot write the report", out_path);
            rc = bw_cli_fail(&err);
            out = stdout;
            goto done;
        }
    }
    if (list) {
        for (size_t i = 0; i < fs->count; i++) {
            const bw_finding *f = fs->items[i];
            if (f->suppression == NULL)
                fprintf(out, "%s:%u: %s\n", f->loc.file != NULL ? f->loc.file : "?", f->loc.line, f->rule_id);
        }
    } else {
        const bw_rule_info *rules[64];
        size_t nr = 0;
        for (size_t i = 0; i < bw_rules_count() && nr < 64; i++) {
            const bw_rule_info *ri = bw_rules_info(i);
            if (bw_config_rule_enabled(cfg, ri->id))
                rules[nr++] = ri;
        }
        bw_report rep = {fs, rules, nr, bw_session_loosenings(s), BULWARK_VERSION, cfg->root, fail_level,
                         ss.tus - ss.failed, ss.failed};
        if (format == BW_FORMAT_TEXT) {
            bw_text_options to = {bw_cli_use_color(out), true, true};
            st = bw_write_text(out, &rep, &to);
        } else if (format == BW_FORMAT_JSON) {
            st = bw_write_json(out, &rep);
        } else {
            st = bw_write_sarif(out, &rep);
        }
        if (st != BW_OK) {
            err.status = st;
            snprintf(err.message, sizeof(err.message), "writing the report: %s", bw_status_str(st));
            rc = bw_cli_fail(&err);
            goto done;
        }
    }
    if (fflush(out) != 0) {
        err.status = BW_ERR_IO;
        snprintf(err.message, sizeof(err.message), "writing the report failed");
        rc = bw_cli_fail(&err);
        goto done;
    }
    if (record && !record_run(cfg->root, &ss, fs, bw_session_loosenings(s), &err)) {
        rc = bw_cli_fail(&err);
        goto done;
    }
    if (ss.failed > 0)
        rc = BW_EXIT_INPUT;
    else if (bw_findings_count_at_least(fs, fail_level) > 0)
        rc = BW_EXIT_FINDINGS;
    else
        rc = BW_EXIT_OK;
done:
    if (out != stdout && out != NULL)
        fclose(out);
    bw_session_free(s);
    bw_config_free(cfg);
    bw_free(cache_path);
    bw_free(auto_db);
    return rc;
}
