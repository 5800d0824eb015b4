/* cmd_install_hook.c — `bulwark install-hook`: a plain git pre-commit hook. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/precommit.h"
#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark install-hook [--force | --chain | --uninstall] [-C DIR]\n\n"
            "Installs git hooks (pre-commit, and pre-merge-commit for merges that commit\n"
            "themselves) that run 'bulwark precommit' with this bulwark binary.\n"
            "An existing hook that Bulwark did not write is left alone (exit 1) unless:\n"
            "  --chain      keep it (renamed <hook>.bulwark-chained) and run it first;\n"
            "               its failure stops the commit\n"
            "  --force      replace it (the old one is kept as <hook>.bulwark-backup)\n"
            "  --uninstall  remove Bulwark's hooks (a chained hook is put back)\n"
            "  -C DIR       the repository (default: the current directory)\n\n"
            "With the pre-commit framework use the hook id 'bulwark' instead\n"
            "(.pre-commit-hooks.yaml in Bulwark's repository).\n\n%s",
            bw_cli_exit_codes_help);
}

static const char *action_text(bw_hook_action a)
{
    switch (a) {
    case BW_HOOK_INSTALLED: return "installed";
    case BW_HOOK_UPDATED: return "updated";
    case BW_HOOK_REPLACED: return "replaced the existing hook (kept as .bulwark-backup)";
    case BW_HOOK_CHAINED: return "installed; the existing hook runs first (.bulwark-chained)";
    case BW_HOOK_REFUSED: return "NOT installed: a hook Bulwark did not write is there "
                                 "(use --chain to run both, or --force to replace it)";
    case BW_HOOK_REMOVED: return "removed";
    case BW_HOOK_ABSENT: return "not installed by Bulwark; left alone";
    }
    return "?";
}

int bw_cmd_install_hook(int argc, char **argv)
{
    static const struct option longopts[] = {{"help", no_argument, NULL, 'h'},
                                             {"force", no_argument, NULL, 'f'},
                                             {"chain", no_argument, NULL, 'c'},
                                             {"uninstall", no_argument, NULL, 'u'},
                                             {NULL, 0, NULL, 0}};
    bw_hook_options opts = {0};
    const char *dir = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hC:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return BW_EXIT_OK;
        case 'C':
            dir = optarg;
            break;
        case 'f':
            opts.force = true;
            break;
        case 'c':
            opts.chain = true;
            break;
        case 'u':
            opts.uninstall = true;
            break;
        default:
            return bw_cli_usage_error("install-hook", "unknown option");
        }
    }
    if (optind != argc)
        return bw_cli_usage_error("install-hook", "unexpected argument '%s'", argv[optind]);
    if ((opts.force && opts.chain) || (opts.uninstall && (opts.force || opts.chain)))
        return bw_cli_usage_error("install-hook", "--force, --chain and --uninstall exclude each other");

    bw_error err = {0};
    bw_git *g = NULL;
    char *hooks = NULL, *self = NULL;
    int rc = BW_EXIT_OK;
    bw_status st = bw_git_open(dir, &g, &err);
    if (st == BW_OK)
        st = bw_git_hooks_dir(g, &hooks, &err);
    if (st == BW_OK && !opts.uninstall) {
        char *real = realpath("/proc/self/exe", NULL);
        self = real != NULL ? bw_strdup(real) : NULL;
        free(real); /* from realpath(): libc's allocator */
        if (self == NULL)
            st = bw_error_set(&err, BW_ERR_IO, "cannot find the path of this bulwark executable");
        opts.bulwark_path = self;
    }
    for (size_t i = 0; st == BW_OK && i < sizeof bw_hook_names / sizeof bw_hook_names[0]; i++) {
        bw_hook_action act;
        st = bw_hook_install(hooks, bw_hook_names[i], &opts, &act, &err);
        if (st != BW_OK)
            break;
        printf("bulwark install-hook: %s/%s: %s\n", hooks, bw_hook_names[i], action_text(act));
        if (act == BW_HOOK_REFUSED)
            rc = BW_EXIT_FINDINGS;
    }
    if (st != BW_OK)
        rc = bw_cli_fail(&err);
    bw_free(self);
    bw_free(hooks);
    bw_git_free(g);
    return rc;
}
