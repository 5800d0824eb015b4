/* cmd_precommit.c — `bulwark precommit`: check what is staged and block only
 * findings that are new relative to the baseline. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bulwark/alloc.h"
#include "bulwark/clock.h"
#include "bulwark/output.h"
#include "bulwark/precommit.h"
#include "bulwark/text.h"
#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark precommit [options]\n\n"
            "Checks the staged content (the git index, not the working tree) and blocks\n"
            "the commit (exit 1) only on findings that are not in the baseline and that\n"
            "the staged change is involved in: on a changed line, in a changed file, or\n"
            "with a flow step on a changed line (a change can make untouched code\n"
            "vulnerable).  Findings are matched to the baseline by stable fingerprints, so\n"
            "a finding that moved, or sits on an edited line but is the same, is not new.\n\n"
            "Options:\n"
            "  -C DIR              run in DIR instead of the current directory\n"
            "  -p, --build-dir DIR directory of compile_commands.json (default: the config's\n"
            "                      precommit.compile-database, else build/ or the root)\n"
            "  --baseline FILE     baseline path in the repository (default: the config's\n"
            "                      precommit.baseline, else " BW_BASELINE_DEFAULT_PATH ")\n"
            "  --all               also block new findings the change did not touch\n"
            "  --format FMT        text (default), json or sarif (the blocking findings)\n"
            "  -j, --jobs N        parser threads (default: all cores)\n"
            "  --no-cache          do not use the summary cache\n\n"
            "Install as a git hook with 'bulwark install-hook', or use the hook id\n"
            "'bulwark' of the pre-commit framework (.pre-commit-hooks.yaml).\n\n%s",
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

static void print_loosenings(FILE *out, const bw_loosenings *ls)
{
    if (ls->count == 0)
        return;
    fprintf(out, "bulwark: %zu loosening%s in effect (defaults weakened on purpose):\n", ls->count,
            ls->count == 1 ? "" : "s");
    for (size_t i = 0; i < ls->count; i++) {
        const bw_loosening *l = &ls->items[i];
        fputs("  - ", out);
        print_escaped(out, l->kind);
        fputs(": ", out);
        print_escaped(out, l->subject);
        if (l->loc.file != NULL) {
            fputs(" (", out);
            print_escaped(out, l->loc.file);
            fprintf(out, ":%u)", l->loc.line);
        }
        fputs(" — reason: ", out);
        print_escaped(out, l->reason != NULL ? l->reason : "(none given)");
        fputc('\n', out);
    }
}

/* The first flow step on a changed line, for the explanation. */
static const bw_flow_step *changed_step(const bw_finding *f, const bw_changes *ch)
{
    for (size_t s = 0; s < f->step_count; s++) {
        const bw_location *l = &f->steps[s].loc;
        if (l->file != NULL && bw_changes_line_changed(ch, l->file, l->line))
            return &f->steps[s];
    }
    return NULL;
}

static void explain_new(FILE *out, const bw_finding *f, bw_pc_class cls, const bw_changes *ch,
                        bool blocks)
{
    fputs("  note: ", out);
    const bw_flow_step *st;
    switch (cls) {
    case BW_PC_NEW_LINE:
        fputs("new: this line is changed by the staged commit", out);
        break;
    case BW_PC_NEW_FLOW:
        st = changed_step(f, ch);
        fputs("new: the sink line is unchanged, but the flow passes through ", out);
        if (st != NULL) {
            print_escaped(out, st->loc.file);
            fprintf(out, ":%u", st->loc.line);
        }
        fputs(", changed by the staged commit", out);
        break;
    case BW_PC_NEW_FILE:
        fputs("new: not in the baseline, in a file the staged commit changes", out);
        break;
    default:
        fputs("new: not in the baseline; the staged commit does not touch it", out);
        break;
    }
    fputs(blocks ? "\n" : " (not blocking)\n", out);
    fputs("  note: fix it (see 'bulwark explain ", out);
    print_escaped(out, f->rule_id);
    fputs("'), or, if it is a false positive, suppress it with a reason on that line or\n"
          "        the line before:  // bulwark-ignore(",
          out);
    print_escaped(out, f->rule_id);
    fputs("): <why this is safe>\n", out);
}

int bw_cmd_precommit(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},       {"build-dir", required_argument, NULL, 'p'},
        {"baseline", required_argument, NULL, 'b'}, {"all", no_argument, NULL, 'a'},
        {"format", required_argument, NULL, 'f'}, {"jobs", required_argument, NULL, 'j'},
        {"no-cache", no_argument, NULL, 'n'},   {NULL, 0, NULL, 0}};
    const char *dir = NULL, *baseline_arg = NULL;
    bw_pc_analysis_options aopts = {0};
    bw_format format = BW_FORMAT_TEXT;
    bool all = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hC:p:j:", longopts, NULL)) != -1) {
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
        case 'a':
            all = true;
            break;
        case 'f':
            if (!bw_format_parse(optarg, &format))
                return bw_cli_usage_error("precommit", "unknown format '%s'", optarg);
            break;
        case 'j': {
            char *end = NULL;
            errno = 0;
            long n = strtol(optarg, &end, 10);
            if (errno != 0 || *end != '\0' || n < 1 || n > 1024)
                return bw_cli_usage_error("precommit", "-j needs a number from 1 to 1024");
            aopts.jobs = (unsigned)n;
            break;
        }
        case 'n':
            aopts.no_cache = true;
            break;
        default:
            return bw_cli_usage_error("precommit", "unknown option");
        }
    }
    if (optind != argc)
        return bw_cli_usage_error("precommit", "unexpected argument '%s'", argv[optind]);

    double t0 = bw_monotonic_seconds();
    bw_error err = {0};
    bw_git *g = NULL;
    bw_index idx = {0};
    bw_changes ch = {0};
    bw_config *cfg = NULL;
    bw_baseline base = BW_BASELINE_INIT, head_base = BW_BASELINE_INIT;
    bw_pc_analysis an = {0};
    bw_pc_result res = {0};
    bw_loosenings loos = BW_LOOSENINGS_INIT;
    bw_findings shown = BW_FINDINGS_INIT; /* borrowed pointers for json/sarif */
    int rc = BW_EXIT_OK;
    bw_status st;
    bool cfg_staged = false;

    if ((st = bw_git_open(dir, &g, &err)) != BW_OK)
        goto fail;
    if ((st = bw_git_read_index(g, &idx, &err)) != BW_OK)
        goto fail;
    if (bw_index_has_conflicts(&idx)) {
        fprintf(stderr, "bulwark precommit: the index has unmerged paths; resolve the conflicts "
                        "and stage the result first\n");
        rc = BW_EXIT_INPUT;
        goto out;
    }
    if ((st = bw_git_staged_changes(g, &ch, &err)) != BW_OK)
        goto fail;
    if ((st = bw_precommit_load_config(g, &idx, false, &cfg, &cfg_staged, &err)) != BW_OK)
        goto fail;
    bw_pc_config pc;
    if ((st = bw_precommit_config(cfg, &pc, &err)) != BW_OK)
        goto fail;
    all = all || pc.all;
    const char *bpath = baseline_arg != NULL ? baseline_arg
                        : pc.baseline != NULL ? pc.baseline : BW_BASELINE_DEFAULT_PATH;

    /* Does the commit touch anything we check? */
    size_t c_files = 0;
    bool baseline_changed = false, config_changed = false;
    for (size_t i = 0; i < ch.count; i++) {
        const bw_file_change *fc = &ch.items[i];
        if (bw_path_is_c_family(fc->path) || (fc->old_path && bw_path_is_c_family(fc->old_path)))
            c_files++;
        if (strcmp(fc->path, bpath) == 0)
            baseline_changed = true;
        if (strcmp(fc->path, BW_CONFIG_FILENAME) == 0)
            config_changed = true;
    }
    if (c_files == 0 && !baseline_changed && !config_changed) {
        printf("bulwark precommit: ok — no C/C++ file, baseline or configuration staged "
               "(%zu file%s staged)\n", ch.count, ch.count == 1 ? "" : "s");
        goto out;
    }

    bw_baseline_source bsrc;
    if ((st = bw_precommit_load_baseline(g, &idx, bpath, false, &base, &bsrc, &err)) != BW_OK)
        goto fail;
    if (bsrc == BW_BASELINE_WORKTREE)
        fprintf(stderr, "bulwark precommit: note: %s is not staged; using the file on disk "
                        "(git add it so the commit records it)\n", bpath);
    else if (bsrc == BW_BASELINE_NONE)
        fprintf(stderr, "bulwark precommit: note: no baseline (%s): every finding counts as new "
                        "(adopt Bulwark on existing code with 'bulwark baseline create')\n", bpath);

    /* The ratchet also holds for hand edits of the staged baseline. */
    bool blocked_baseline = false;
    bool head_has = false;
    if ((st = bw_precommit_head_baseline(g, bpath, &head_base, &head_has, &err)) != BW_OK)
        goto fail;
    if (head_has && bsrc == BW_BASELINE_INDEX) {
        size_t grown = 0;
        bool unexplained = false;
        bw_baseline_compare_staged(&head_base, &base, &grown, &unexplained);
        if (unexplained) {
            fprintf(stdout, "%s: error: the staged baseline grows by %zu entr%s (or drops growth "
                            "records) without a recorded reason; the baseline only shrinks unless "
                            "'bulwark baseline update --allow-growth --reason \"...\"' records why "
                            "[BW-BASELINE-GROWTH]\n", bpath, grown, grown == 1 ? "y" : "ies");
            blocked_baseline = true;
        }
    }

    if ((st = bw_precommit_analyze(g, cfg, &idx, &ch, &aopts, &an, &err)) != BW_OK)
        goto fail;
    if ((st = bw_precommit_classify(&base, &an.findings, &ch, &res, &err)) != BW_OK)
        goto fail;

    /* Loosenings: the engine's (config and suppressions) and baseline growth. */
    for (size_t i = 0; i < an.loosenings.count; i++) {
        const bw_loosening *l = &an.loosenings.items[i];
        if (bw_loosenings_add(&loos, l->kind, l->subject, l->reason,
                              l->loc.file ? &l->loc : NULL) != BW_OK)
            goto nomem;
    }
    if (bw_baseline_loosenings(&base, bpath, &loos) != BW_OK)
        goto nomem;

    size_t blocking = 0, below_level = 0, failed_changed = 0;
    shown.items = bw_calloc(an.findings.count + 1, sizeof *shown.items);
    if (shown.items == NULL)
        goto nomem;
    shown.capacity = an.findings.count + 1;
    for (size_t i = 0; i < an.findings.count; i++) {
        const bw_finding *f = an.findings.items[i];
        bw_pc_class cls = res.cls[i];
        if (!bw_pc_blocks(cls, all))
            continue;
        bool counts = f->severity >= cfg->fail_level;
        if (counts)
            blocking++;
        else
            below_level++;
        shown.items[shown.count++] = an.findings.items[i];
        if (format == BW_FORMAT_TEXT) {
            bw_text_options to = {bw_cli_use_color(stdout), false, false};
            if (bw_write_text_finding(stdout, f, &to) != BW_OK)
                goto ioerr;
            explain_new(stdout, f, cls, &ch, counts);
        }
    }
    for (size_t i = 0; i < an.problem_count; i++) {
        const char *p = an.problems[i];
        fputs("bulwark precommit: a translation unit did not parse: ", stderr);
        print_escaped(stderr, p);
        fputc('\n', stderr);
        /* A changed file that does not parse cannot be checked: fail closed. */
        for (size_t k = 0; k < ch.count; k++) {
            size_t n = strlen(ch.items[k].path);
            const char *colon = strstr(p, ": ");
            size_t plen = colon != NULL ? (size_t)(colon - p) : strlen(p);
            if (plen >= n && strncmp(p + plen - n, ch.items[k].path, n) == 0 &&
                (plen == n || p[plen - n - 1] == '/'))
                failed_changed++;
        }
    }

    if (format != BW_FORMAT_TEXT) {
        bw_report rep = {0};
        rep.findings = &shown;
        rep.loosenings = &loos;
        rep.tool_version = BULWARK_VERSION;
        rep.root = bw_git_root(g);
        rep.fail_level = cfg->fail_level;
        rep.files_analyzed = an.tus;
        rep.files_failed = an.failed;
        st = format == BW_FORMAT_JSON ? bw_write_json(stdout, &rep) : bw_write_sarif(stdout, &rep);
        if (st != BW_OK)
            goto ioerr;
    } else {
        print_loosenings(stdout, &loos);
    }

    size_t new_total = res.counts[BW_PC_NEW_LINE] + res.counts[BW_PC_NEW_FLOW] +
                       res.counts[BW_PC_NEW_FILE];
    FILE *sum = format == BW_FORMAT_TEXT ? stdout : stderr;
    bool block = blocking > 0 || blocked_baseline || failed_changed > 0;
    fprintf(sum, "bulwark precommit: %s — ", block ? "BLOCKED" : "ok");
    if (blocking > 0 || below_level > 0 || new_total > 0)
        fprintf(sum, "%zu new finding%s (%zu on changed lines, %zu through a changed line, %zu "
                     "elsewhere in changed files)%s",
                new_total + (all ? res.counts[BW_PC_NEW_ELSEWHERE] : 0),
                new_total == 1 ? "" : "s", res.counts[BW_PC_NEW_LINE], res.counts[BW_PC_NEW_FLOW],
                res.counts[BW_PC_NEW_FILE],
                below_level > 0 ? ", some below the fail level" : "");
    else
        fputs("no new findings", sum);
    if (blocked_baseline)
        fputs("; baseline grew without a reason", sum);
    if (failed_changed > 0)
        fputs("; a staged file does not parse", sum);
    fprintf(sum, "; %zu in the baseline (%zu moved), %zu suppressed",
            res.counts[BW_PC_BASELINED] + res.counts[BW_PC_MOVED], res.counts[BW_PC_MOVED],
            res.counts[BW_PC_SUPPRESSED]);
    if (!all && res.counts[BW_PC_NEW_ELSEWHERE] > 0)
        fprintf(sum, "; %zu older finding%s outside this change not in the baseline (see "
                     "'bulwark baseline check')",
                res.counts[BW_PC_NEW_ELSEWHERE], res.counts[BW_PC_NEW_ELSEWHERE] == 1 ? "" : "s");
    if (res.stale > 0)
        fprintf(sum, "; %zu baseline entr%s fixed (run 'bulwark baseline update')", res.stale,
                res.stale == 1 ? "y" : "ies");
    fprintf(sum, "; %zu file%s staged, %zu TUs (%zu parsed, %zu cached%s) in %.2f s\n", ch.count,
            ch.count == 1 ? "" : "s", an.tus, an.parsed, an.from_cache,
            an.failed > 0 ? ", some failed" : "", bw_monotonic_seconds() - t0);
    if (failed_changed > 0) {
        fprintf(stderr, "bulwark precommit: a staged file could not be analysed; the commit is "
                        "blocked until it parses\n");
        rc = BW_EXIT_INPUT;
    } else {
        rc = block ? BW_EXIT_FINDINGS : BW_EXIT_OK;
    }
    goto out;

nomem:
    st = bw_error_set(&err, BW_ERR_NOMEM, "out of memory");
    goto fail;
ioerr:
    st = bw_error_set(&err, BW_ERR_IO, "cannot write the report");
fail:
    (void)st;
    rc = bw_cli_fail(&err);
out:
    bw_free(shown.items);
    bw_loosenings_free(&loos);
    bw_pc_result_free(&res);
    bw_pc_analysis_free(&an);
    bw_baseline_free(&base);
    bw_baseline_free(&head_base);
    bw_config_free(cfg);
    bw_changes_free(&ch);
    bw_index_free(&idx);
    bw_git_free(g);
    return rc;
}
