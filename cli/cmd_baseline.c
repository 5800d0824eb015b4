/* cmd_baseline.c — `bulwark baseline create|update|check`: the committed list
 * of accepted findings, which only shrinks unless growth is given a reason. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bulwark/alloc.h"
#include "bulwark/file.h"
#include "bulwark/output.h"
#include "bulwark/precommit.h"
#include "bulwark/text.h"
#include "bulwark/tracker.h"
#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark baseline create [options]\n"
            "       bulwark baseline update [--allow-growth --reason TEXT] [options]\n"
            "       bulwark baseline check [--strict] [options]\n\n"
            "The baseline is a committed file listing the findings a project accepts as\n"
            "known debt (sorted, one entry per line: rule, file, function, fingerprint).\n"
            "'bulwark precommit' blocks only findings not listed in it.\n\n"
            "  create   analyse the project and write the baseline (refuses to replace one)\n"
            "  update   drop the entries whose findings are gone; it may only shrink: new\n"
            "           findings are refused (exit 1) unless --allow-growth --reason \"...\"\n"
            "           is given, and that growth is recorded in the file and shown in\n"
            "           every report as a loosening\n"
            "  check    exit 1 when a finding is not in the baseline; with --strict also\n"
            "           when an entry is stale (its finding is fixed)\n\n"
            "Options:\n"
            "  -C DIR              run in DIR instead of the current directory\n"
            "  -p, --build-dir DIR directory of compile_commands.json\n"
            "  --baseline FILE     baseline path in the repository (default: the config's\n"
            "                      precommit.baseline, else " BW_BASELINE_DEFAULT_PATH ")\n"
            "  --worktree          analyse the files on disk (default: as staged in the index)\n"
            "  -j, --jobs N        parser threads (default: all cores)\n"
            "  --no-cache          do not use the summary cache\n"
            "  --record            also store the baseline's size in the roadmap tracker\n\n%s",
            bw_cli_exit_codes_help);
}

static void print_escaped(FILE *out, const char *s)
{
    bw_buf b = BW_BUF_INIT;
    bw_text_escape_append(&b, s != NULL ? s : "");
    if (b.data != NULL)
        fputs(b.data, out);
    bw_buf_free(&b);
}

static void utc_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    if (gmtime_r(&t, &tm) == NULL || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(out, 32, "unknown");
}

typedef enum { MODE_CREATE, MODE_UPDATE, MODE_CHECK } mode_t_;

/* --record: the tracker keeps the baseline's size over time (the ratchet's
 * progress), split per file so snapshots can attribute it to components. */
static bw_status record_size(const char *root, const char *bpath, const bw_baseline *bl,
                             const char *growth_reason, bw_error *err)
{
    char *path = NULL;
    bw_tracker *t = NULL;
    const char **files = bw_calloc(bl->count + 1, sizeof *files);
    if (files == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < bl->count; i++)
        files[i] = bl->entries[i].file;
    bw_status st = bw_tracker_default_path(root, &path, err);
    if (st == BW_OK)
        st = bw_tracker_open(path, BW_TRACKER_WRITE | BW_TRACKER_READ, &t, err);
    if (st == BW_OK) {
        bw_baseline_info info = {bpath, bl->count, files, NULL, growth_reason};
        st = bw_tracker_record_baseline(t, &info, err);
    }
    bw_tracker_close(t);
    bw_free(path);
    bw_free(files);
    return st;
}

int bw_cmd_baseline(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},         {"build-dir", required_argument, NULL, 'p'},
        {"baseline", required_argument, NULL, 'b'}, {"worktree", no_argument, NULL, 'w'},
        {"jobs", required_argument, NULL, 'j'},   {"no-cache", no_argument, NULL, 'n'},
        {"allow-growth", no_argument, NULL, 'g'}, {"reason", required_argument, NULL, 'r'},
        {"strict", no_argument, NULL, 's'},       {"record", no_argument, NULL, 'R'},
        {NULL, 0, NULL, 0}};
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return BW_EXIT_OK;
    }
    if (argc < 2)
        return bw_cli_usage_error("baseline", "expected create, update or check");
    mode_t_ mode;
    if (strcmp(argv[1], "create") == 0)
        mode = MODE_CREATE;
    else if (strcmp(argv[1], "update") == 0)
        mode = MODE_UPDATE;
    else if (strcmp(argv[1], "check") == 0)
        mode = MODE_CHECK;
    else
        return bw_cli_usage_error("baseline", "unknown subcommand '%s'", argv[1]);

    const char *dir = NULL, *baseline_arg = NULL, *reason = NULL;
    bool allow_growth = false, strict = false, record = false;
    bw_pc_analysis_options aopts = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc - 1, argv + 1, "hC:p:j:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return BW_EXIT_OK;
        case 'C':
            dir = optarg;
            break;
        case 'p':
            aopts.build_dir = optarg;
            break;
        case 'b':
            baseline_arg = optarg;
            break;
        case 'w':
            aopts.worktree = true;
            break;
        case 'j': {
            char *end = NULL;
            errno = 0;
            long n = strtol(optarg, &end, 10);
            if (errno != 0 || *end != '\0' || n < 1 || n > 1024)
                return bw_cli_usage_error("baseline", "-j needs a number from 1 to 1024");
            aopts.jobs = (unsigned)n;
            break;
        }
        case 'n':
            aopts.no_cache = true;
            break;
        case 'g':
            allow_growth = true;
            break;
        case 'R':
            record = true;
            break;
        case 'r':
            reason = optarg;
            break;
        case 's':
            strict = true;
            break;
        default:
            return bw_cli_usage_error("baseline", "unknown option");
        }
    }
    if (optind != argc - 1)
        return bw_cli_usage_error("baseline", "unexpected argument '%s'", argv[optind + 1]);
    if ((allow_growth || reason != NULL) && mode != MODE_UPDATE)
        return bw_cli_usage_error("baseline", "--allow-growth and --reason belong to 'update'");
    if (allow_growth && (reason == NULL || reason[0] == '\0'))
        return bw_cli_usage_error("baseline", "--allow-growth needs --reason \"why these findings are accepted\"");
    if (reason != NULL && !allow_growth)
        return bw_cli_usage_error("baseline", "--reason is only recorded with --allow-growth");
    if (strict && mode != MODE_CHECK)
        return bw_cli_usage_error("baseline", "--strict belongs to 'check'");

    bw_error err = {0};
    bw_git *g = NULL;
    bw_index idx = {0};
    bw_changes ch = {0};
    bw_config *cfg = NULL;
    bw_baseline old = BW_BASELINE_INIT, next = BW_BASELINE_INIT;
    bw_pc_analysis an = {0};
    bw_match m = {0};
    char *abs = NULL;
    int rc = BW_EXIT_OK;
    bw_status st;
    bool cfg_staged = false;

    if ((st = bw_git_open(dir, &g, &err)) != BW_OK)
        goto fail;
    if ((st = bw_git_read_index(g, &idx, &err)) != BW_OK)
        goto fail;
    if (!aopts.worktree && bw_index_has_conflicts(&idx)) {
        fprintf(stderr, "bulwark baseline: the index has unmerged paths; resolve them first "
                        "(or use --worktree)\n");
        rc = BW_EXIT_INPUT;
        goto out;
    }
    if (!aopts.worktree && (st = bw_git_staged_changes(g, &ch, &err)) != BW_OK)
        goto fail;
    if ((st = bw_precommit_load_config(g, &idx, aopts.worktree, &cfg, &cfg_staged, &err)) != BW_OK)
        goto fail;
    bw_pc_config pc;
    if ((st = bw_precommit_config(cfg, &pc, &err)) != BW_OK)
        goto fail;
    const char *bpath = baseline_arg != NULL ? baseline_arg
                        : pc.baseline != NULL ? pc.baseline : BW_BASELINE_DEFAULT_PATH;
    abs = bw_path_join(bw_git_root(g), bpath);
    if (abs == NULL) {
        st = bw_error_set(&err, BW_ERR_NOMEM, "out of memory");
        goto fail;
    }
    /* The baseline commands edit the file on disk. */
    st = bw_baseline_load(abs, &old, &err);
    if (mode == MODE_CREATE) {
        if (st == BW_OK || bw_path_exists(abs)) {
            fprintf(stderr, "bulwark baseline: %s exists; 'bulwark baseline update' shrinks it, "
                            "growing it needs --allow-growth --reason\n", bpath);
            rc = BW_EXIT_INPUT;
            goto out;
        }
        err.status = BW_OK;
    } else if (st == BW_ERR_NOT_FOUND) {
        fprintf(stderr, "bulwark baseline: %s does not exist; create it with 'bulwark baseline "
                        "create'\n", bpath);
        rc = BW_EXIT_INPUT;
        goto out;
    } else if (st != BW_OK) {
        goto fail;
    }

    if ((st = bw_precommit_analyze(g, cfg, &idx, &ch, &aopts, &an, &err)) != BW_OK)
        goto fail;
    for (size_t i = 0; i < an.problem_count; i++) {
        fputs("bulwark baseline: a translation unit did not parse: ", stderr);
        print_escaped(stderr, an.problems[i]);
        fputc('\n', stderr);
    }
    if (an.failed > 0 && mode != MODE_CHECK) {
        /* A baseline written without a TU would drop its entries. */
        fprintf(stderr, "bulwark baseline: %zu translation unit%s did not parse; the baseline "
                        "is not written\n", an.failed, an.failed == 1 ? "" : "s");
        rc = BW_EXIT_INPUT;
        goto out;
    }

    char date[32];
    utc_now(date);
    if (mode == MODE_CREATE) {
        if ((st = bw_baseline_add_findings(&next, &an.findings, &err)) != BW_OK)
            goto fail;
        if ((st = bw_baseline_write(&next, abs, &err)) != BW_OK)
            goto fail;
        printf("bulwark baseline: created %s with %zu entr%s from %zu TUs; commit it "
               "(git add %s)\n", bpath, next.count, next.count == 1 ? "y" : "ies", an.tus, bpath);
        if (record && (st = record_size(bw_git_root(g), bpath, &next, NULL, &err)) != BW_OK)
            goto fail;
    } else if (mode == MODE_UPDATE) {
        bw_baseline_update up;
        if ((st = bw_baseline_ratchet(&old, &an.findings, allow_growth, reason, date, &next, &up,
                                      &err)) != BW_OK)
            goto fail;
        if (up.refused) {
            if ((st = bw_baseline_match(&old, &an.findings, &m, &err)) != BW_OK)
                goto fail;
            bw_text_options to = {bw_cli_use_color(stdout), false, false};
            for (size_t i = 0; i < an.findings.count; i++)
                if (m.finding[i] == BW_MATCH_NEW)
                    (void)bw_write_text_finding(stdout, an.findings.items[i], &to);
            printf("bulwark baseline: REFUSED — %zu finding%s not in %s; the baseline only "
                   "shrinks.  Fix them, suppress them with a reason, or accept them with\n"
                   "  bulwark baseline update --allow-growth --reason \"why\"\n"
                   "(the growth is recorded and reported as a loosening); %s is unchanged\n",
                   up.added, up.added == 1 ? " is" : "s are", bpath, bpath);
            rc = BW_EXIT_FINDINGS;
            goto out;
        }
        if (up.added == 0 && up.removed == 0 && old.count == next.count) {
            /* Rewrite anyway only when the entries changed (renamed files). */
            bw_buf a = BW_BUF_INIT, b = BW_BUF_INIT;
            bool same = bw_baseline_serialize(&old, &a) == BW_OK &&
                        bw_baseline_serialize(&next, &b) == BW_OK && a.len == b.len &&
                        memcmp(a.data, b.data, a.len) == 0;
            bw_buf_free(&a);
            bw_buf_free(&b);
            if (same) {
                printf("bulwark baseline: %s is up to date (%zu entr%s)\n", bpath, next.count,
                       next.count == 1 ? "y" : "ies");
                if (record && (st = record_size(bw_git_root(g), bpath, &next, NULL, &err)) != BW_OK)
                    goto fail;
                goto out;
            }
        }
        if ((st = bw_baseline_write(&next, abs, &err)) != BW_OK)
            goto fail;
        printf("bulwark baseline: updated %s: %zu removed (fixed), %zu kept", bpath, up.removed,
               up.kept);
        if (up.added > 0) {
            printf(", %zu ADDED with --allow-growth (reason: ", up.added);
            print_escaped(stdout, reason);
            printf("; recorded as a loosening)");
        }
        printf("; now %zu entr%s\n", next.count, next.count == 1 ? "y" : "ies");
        if (record && (st = record_size(bw_git_root(g), bpath, &next, up.added > 0 ? reason : NULL, &err)) != BW_OK)
            goto fail;
    } else {
        if ((st = bw_baseline_match(&old, &an.findings, &m, &err)) != BW_OK)
            goto fail;
        bw_text_options to = {bw_cli_use_color(stdout), false, false};
        size_t blocking = 0;
        for (size_t i = 0; i < an.findings.count; i++) {
            if (m.finding[i] != BW_MATCH_NEW)
                continue;
            const bw_finding *f = an.findings.items[i];
            (void)bw_write_text_finding(stdout, f, &to);
            if (f->severity >= cfg->fail_level)
                blocking++;
        }
        for (size_t j = 0; j < old.count; j++)
            if (!m.entry_seen[j]) {
                printf("%s: note: baseline entry for %s in %s() is stale: its finding is fixed "
                       "(run 'bulwark baseline update')\n", bpath, old.entries[j].rule,
                       old.entries[j].function[0] ? old.entries[j].function : "<file scope>");
            }
        bw_loosenings ls = BW_LOOSENINGS_INIT;
        if (bw_baseline_loosenings(&old, bpath, &ls) == BW_OK)
            for (size_t i = 0; i < ls.count; i++) {
                printf("bulwark: loosening: baseline-growth: ");
                print_escaped(stdout, ls.items[i].subject);
                printf(" — reason: ");
                print_escaped(stdout, ls.items[i].reason);
                putchar('\n');
            }
        bw_loosenings_free(&ls);
        bool fail = blocking > 0 || (strict && m.stale_count > 0);
        printf("bulwark baseline: %s — %zu finding%s not in the baseline, %zu in it (%zu moved), "
               "%zu stale entr%s, %zu suppressed; baseline size %zu\n",
               fail ? "FAILED" : "ok", m.new_count, m.new_count == 1 ? "" : "s",
               m.same_count + m.moved_count, m.moved_count, m.stale_count,
               m.stale_count == 1 ? "y" : "ies", m.suppressed_count, old.count);
        rc = fail ? BW_EXIT_FINDINGS : (an.failed > 0 ? BW_EXIT_INPUT : BW_EXIT_OK);
    }
    goto out;
fail:
    (void)st;
    rc = bw_cli_fail(&err);
out:
    bw_match_free(&m);
    bw_pc_analysis_free(&an);
    bw_baseline_free(&old);
    bw_baseline_free(&next);
    bw_config_free(cfg);
    bw_changes_free(&ch);
    bw_index_free(&idx);
    bw_git_free(g);
    bw_free(abs);
    return rc;
}
