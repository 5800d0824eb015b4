/* cmd_config.c — `bulwark config check [FILE]`: validate .bulwark.yaml.
 *
 * Checks what common/ checks (syntax, keys, types, reasons for every
 * loosening) plus what needs the checkers: rule ids against the registry
 * and the `taint:` and `memory:` sections.  Errors are "file:line:col: message".
 */
#include <stdio.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/checkers.h"
#include "bulwark/config.h"
#include "bulwark/rules.h"
#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark config check [FILE]\n\n"
            "Validates FILE (default: the nearest .bulwark.yaml above the current directory):\n"
            "YAML syntax, known keys, rule ids, reasons for every loosening, the taint:\n"
            "section (sources, sinks, sanitizers, validators, propagators) and the memory:\n"
            "section (allocators, deallocators, copies, must-check, cannot-fail; see docs/checkers.md).\n\n%s",
            bw_cli_exit_codes_help);
}

int bw_cmd_config(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return BW_EXIT_OK;
    }
    if (argc < 2 || strcmp(argv[1], "check") != 0)
        return bw_cli_usage_error("config", "expected 'check' (see bulwark config --help)");
    if (argc > 3)
        return bw_cli_usage_error("config", "unexpected argument '%s'", argv[3]);
    bw_error err = {0};
    bw_config *cfg = NULL;
    char *found = NULL;
    const char *path = argc == 3 ? argv[2] : NULL;
    bw_status st = BW_OK;
    if (path == NULL) {
        st = bw_config_find(".", &found, &err);
        if (st == BW_ERR_NOT_FOUND) {
            printf("no %s found above the current directory; the secure defaults apply\n", BW_CONFIG_FILENAME);
            return BW_EXIT_OK;
        }
        if (st != BW_OK)
            return bw_cli_fail(&err);
        path = found;
    }
    st = bw_config_load(path, &cfg, &err);
    int rc = BW_EXIT_OK;
    if (st != BW_OK) {
        rc = bw_cli_fail(&err);
        goto done;
    }
    for (size_t i = 0; i < cfg->rule_count; i++) {
        const bw_rule_setting *r = &cfg->rules[i];
        if (bw_rules_find(r->rule_id) == NULL) {
            err.status = BW_ERR_PARSE;
            snprintf(err.message, sizeof(err.message), "%s:%u:%u: unknown rule '%s' (see bulwark list-rules)",
                     r->loc.file != NULL ? r->loc.file : path, r->loc.line, r->loc.column, r->rule_id);
            rc = bw_cli_fail(&err);
            goto done;
        }
    }
    if ((st = bw_taint_config_check(cfg, &err)) != BW_OK || (st = bw_memory_config_check(cfg, &err)) != BW_OK) {
        rc = bw_cli_fail(&err);
        goto done;
    }
    printf("%s: ok\n", path);
done:
    bw_config_free(cfg);
    bw_free(found);
    return rc;
}
