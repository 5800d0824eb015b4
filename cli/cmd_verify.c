/* cmd_verify.c — `bulwark verify <binary|dir>...`: what each ELF binary got. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/config.h"
#include "bulwark/text.h"
#include "bulwark/tracker.h"
#include "bulwark/verify.h"
#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark verify [--format text|json] [-o FILE] [--config FILE] <binary|dir>...\n\n"
            "Reports what each ELF binary actually got, like checksec and hardening-check:\n"
            "PIE, RELRO and BIND_NOW, non-executable stack, stack canaries, fortified calls,\n"
            "CET (IBT/SHSTK) markers, and Bulwark's instrumentation (CFI, shadow stack,\n"
            "memory checks, and how many modules carry it). Directories are searched\n"
            "recursively for executables and shared libraries (symlinks are not followed).\n\n"
            "Every check is required unless .bulwark.yaml waives it with a reason:\n"
            "  hardening:\n    verify:\n      waive:\n        - {check: cet, reason: \"...\"}\n"
            "Waivers are loosenings and are listed in the output.\n\n"
            "Options:\n"
            "  --format text|json   output format (default text)\n"
            "  -o, --output FILE    write the report to FILE instead of standard output\n"
            "  --config FILE        use this configuration instead of the nearest .bulwark.yaml\n"
            "  --record             also store the results in the roadmap tracker database\n"
            "                       ($BULWARK_DB, else .bulwark/tracker.db under the config's root)\n\n%s",
            bw_cli_exit_codes_help);
}

typedef struct verify_run {
    bw_verify_result *results;
    size_t count, capacity;
    bw_error err;
    bool failed;
} verify_run;

static bool is_elf(const char *path)
{
    unsigned char magic[4];
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return false;
    bool elf = read(fd, magic, 4) == 4 && memcmp(magic, "\177ELF", 4) == 0;
    close(fd);
    return elf;
}

static bool add_result(verify_run *run, const char *path, bool from_walk)
{
    if (run->count == run->capacity) {
        size_t cap = run->capacity ? run->capacity * 2 : 16;
        bw_verify_result *items = bw_reallocarray(run->results, cap, sizeof *items);
        if (items == NULL) {
            bw_error_set(&run->err, BW_ERR_NOMEM, "out of memory");
            run->failed = true;
            return false;
        }
        run->results = items;
        run->capacity = cap;
    }
    bw_verify_result *r = &run->results[run->count];
    bw_status st = bw_verify_file(path, r, &run->err);
    if (st != BW_OK) {
        bw_verify_result_clear(r);
        run->failed = true;
        return false;
    }
    /* Inside a directory, object files are not binaries someone ships. */
    if (from_walk && !r->is_executable && !r->is_shared_library) {
        bw_verify_result_clear(r);
        return true;
    }
    run->count++;
    return true;
}

/* nftw has no user pointer; the walk is single-threaded and this is reset per call. */
static verify_run *walk_run;

static int walk_visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)ftw;
    if (type == FTW_F && S_ISREG(st->st_mode) && is_elf(path))
        return add_result(walk_run, path, true) ? 0 : 1;
    return 0;
}

static bool collect(verify_run *run, const char *arg)
{
    struct stat st;
    if (lstat(arg, &st) != 0) {
        bw_error_set(&run->err, errno == ENOENT ? BW_ERR_NOT_FOUND : BW_ERR_IO, "%s: %s", arg, strerror(errno));
        run->failed = true;
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        walk_run = run;
        int rc = nftw(arg, walk_visit, 32, FTW_PHYS);
        walk_run = NULL;
        if (rc != 0 && !run->failed) {
            bw_error_set(&run->err, BW_ERR_IO, "%s: cannot walk directory: %s", arg, strerror(errno));
            run->failed = true;
        }
        return !run->failed;
    }
    return add_result(run, arg, false);
}

static void print_text(FILE *out, const verify_run *run, const bw_verify_policy *policy,
                       const bw_loosenings *ls, size_t failing)
{
    for (size_t i = 0; i < run->count; i++) {
        const bw_verify_result *r = &run->results[i];
        bw_buf name = BW_BUF_INIT;
        bw_text_escape_append(&name, r->path);
        fprintf(out, "%s: %s, %s\n", name.data ? name.data : "?",
                r->is_shared_library ? "shared library" : r->is_executable ? "executable" : "object",
                bw_verify_meets(r, policy) ? "meets the policy" : "MISSES required protections");
        bw_buf_free(&name);
        for (unsigned c = 0; c < BW_VERIFY_CHECK_COUNT; c++) {
            const char *mark = r->checks[c] == BW_VERIFY_NO && policy->required[c] ? "!" : " ";
            fprintf(out, " %s %-21s %-4s %s%s\n", mark, bw_verify_check_name((bw_verify_check)c),
                    bw_verify_state_name(r->checks[c]), r->details[c] ? r->details[c] : "",
                    policy->required[c] ? "" : " (waived)");
        }
    }
    fprintf(out, "bulwark verify: %zu binar%s, %zu missing required protections\n", run->count,
            run->count == 1 ? "y" : "ies", failing);
    for (size_t i = 0; ls != NULL && i < ls->count; i++)
        fprintf(out, "  loosening: %s %s — reason: %s\n", ls->items[i].kind, ls->items[i].subject,
                ls->items[i].reason ? ls->items[i].reason : "(none)");
}

static json_t *result_json(const bw_verify_result *r, const bw_verify_policy *policy)
{
    json_t *checks = json_object();
    for (unsigned c = 0; checks != NULL && c < BW_VERIFY_CHECK_COUNT; c++) {
        json_t *one = json_pack("{s:s, s:s, s:b}", "state", bw_verify_state_name(r->checks[c]), "detail",
                                r->details[c] ? r->details[c] : "", "required", policy->required[c]);
        if (one == NULL || json_object_set_new(checks, bw_verify_check_name((bw_verify_check)c), one) != 0) {
            json_decref(checks);
            return NULL;
        }
    }
    char *path = bw_utf8_sanitize(r->path);
    json_t *o = NULL;
    if (checks != NULL && path != NULL)
        /* "o" hands `checks` over to the result, also when packing fails. */
        o = json_pack("{s:s, s:s, s:b, s:o, s:I, s:I, s:I, s:b}", "path", path, "kind",
                      r->is_shared_library ? "shared-library" : r->is_executable ? "executable" : "object",
                      "meetsPolicy", bw_verify_meets(r, policy), "checks", checks, "fortifiedCalls",
                      (json_int_t)r->fortified_calls, "unfortifiedCalls", (json_int_t)r->unfortified_calls,
                      "bulwarkModules", (json_int_t)r->bulwark_modules, "bulwarkRuntime", r->bulwark_runtime);
    else
        json_decref(checks);
    bw_free(path);
    return o;
}

/* Stores every result in the tracker, each with its own verify JSON. */
static bool record_results(const verify_run *run, const bw_verify_policy *policy, const char *root, bw_error *err)
{
    char *path = NULL;
    bw_tracker *t = NULL;
    if (bw_tracker_default_path(root, &path, err) != BW_OK ||
        bw_tracker_open(path, BW_TRACKER_WRITE | BW_TRACKER_READ, &t, err) != BW_OK) {
        bw_free(path);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; ok && i < run->count; i++) {
        const bw_verify_result *r = &run->results[i];
        json_t *detail = result_json(r, policy);
        char *detail_text = detail ? json_dumps(detail, JSON_COMPACT) : NULL;
        ok = detail_text != NULL ? bw_verify_record(t, r, policy, detail_text, err) == BW_OK
                                 : (bw_error_set(err, BW_ERR_NOMEM, "out of memory"), false);
        free(detail_text);
        json_decref(detail);
    }
    bw_tracker_close(t);
    bw_free(path);
    return ok;
}

static bool print_json(FILE *out, const verify_run *run, const bw_verify_policy *policy, const bw_loosenings *ls,
                       size_t failing)
{
    json_t *bins = json_array(), *loose = json_array();
    for (size_t i = 0; bins != NULL && i < run->count; i++)
        if (json_array_append_new(bins, result_json(&run->results[i], policy)) != 0) {
            json_decref(bins);
            bins = NULL;
        }
    for (size_t i = 0; loose != NULL && ls != NULL && i < ls->count; i++)
        json_array_append_new(loose, json_pack("{s:s, s:s, s:s?}", "kind", ls->items[i].kind, "subject",
                                               ls->items[i].subject, "reason", ls->items[i].reason));
    json_t *doc = bins && loose ? json_pack("{s:s, s:i, s:o, s:o, s:I}", "tool", "bulwark-verify", "formatVersion", 1,
                                            "binaries", bins, "loosenings", loose, "failing", (json_int_t)failing)
                                : NULL;
    if (doc == NULL) {
        json_decref(bins);
        json_decref(loose);
        return false;
    }
    bool ok = json_dumpf(doc, out, JSON_INDENT(2)) == 0 && fputc('\n', out) != EOF;
    json_decref(doc);
    return ok;
}

int bw_cmd_verify(int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"config", required_argument, NULL, 'c'},
                                         {"record", no_argument, NULL, 'r'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    bool json = false;
    const char *output = NULL, *config_path = NULL;
    bool record = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "json") == 0)
                json = true;
            else if (strcmp(optarg, "text") != 0)
                return bw_cli_usage_error("verify", "unknown format '%s'", optarg);
            break;
        case 'o': output = optarg; break;
        case 'c': config_path = optarg; break;
        case 'r': record = true; break;
        case 'h': usage(stdout); return BW_EXIT_OK;
        default: return bw_cli_usage_error("verify", "invalid option");
        }
    }
    if (optind >= argc)
        return bw_cli_usage_error("verify", "name at least one binary or directory");
    bw_error err = {0};
    bw_config *cfg = NULL;
    bw_status st = config_path ? bw_config_load(config_path, &cfg, &err) : bw_config_load_nearest(".", &cfg, &err);
    if (st != BW_OK)
        return bw_cli_fail(&err);
    bw_verify_policy policy;
    st = bw_verify_policy_load(cfg, &policy, &err);
    char *root = bw_strdup(cfg->root);
    bw_config_free(cfg);
    if (st != BW_OK || root == NULL) {
        bw_free(root);
        return st != BW_OK ? bw_cli_fail(&err) : BW_EXIT_INTERNAL;
    }
    verify_run run = {0};
    for (int i = optind; i < argc && collect(&run, argv[i]); i++)
        ;
    int rc = BW_EXIT_OK;
    bw_loosenings ls = BW_LOOSENINGS_INIT;
    if (run.failed) {
        rc = bw_cli_fail(&run.err);
    } else if (record && !record_results(&run, &policy, root, &run.err)) {
        rc = bw_cli_fail(&run.err);
    } else if (bw_verify_policy_loosenings(&policy, &ls) != BW_OK) {
        fprintf(stderr, "bulwark: out of memory\n");
        rc = BW_EXIT_INTERNAL;
    } else {
        size_t failing = 0;
        for (size_t i = 0; i < run.count; i++)
            failing += !bw_verify_meets(&run.results[i], &policy);
        FILE *out = output ? fopen(output, "w") : stdout;
        if (out == NULL) {
            fprintf(stderr, "bulwark: %s: %s\n", output, strerror(errno));
            rc = BW_EXIT_INPUT;
        } else {
            bool ok = true;
            if (json)
                ok = print_json(out, &run, &policy, &ls, failing);
            else
                print_text(out, &run, &policy, &ls, failing);
            ok = (output ? fclose(out) == 0 : fflush(out) == 0) && ok;
            rc = !ok ? BW_EXIT_INTERNAL : failing > 0 ? BW_EXIT_FINDINGS : BW_EXIT_OK;
            if (run.count == 0 && rc == BW_EXIT_OK) {
                /* Pointed at the wrong place: saying "all good" would be a false verdict. */
                fprintf(stderr, "bulwark: no ELF executable or shared library found\n");
                rc = BW_EXIT_INPUT;
            }
        }
    }
    for (size_t i = 0; i < run.count; i++)
        bw_verify_result_clear(&run.results[i]);
    bw_free(run.results);
    bw_loosenings_free(&ls);
    bw_verify_policy_clear(&policy);
    bw_free(root);
    return rc;
}
