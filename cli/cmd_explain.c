/* cmd_explain.c — `bulwark explain <rule>`: the rule's documentation page. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "bulwark/rules.h"
#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: bulwark explain <RULE-ID>\n\n"
                 "Prints the documentation page of a rule (the same text as docs/rules/<id>.md):\n"
                 "what it finds, why it matters, bad and fixed code, how to suppress it.\n"
                 "'bulwark list-rules' lists the ids.\n\n%s",
            bw_cli_exit_codes_help);
}

int bw_cmd_explain(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return BW_EXIT_OK;
    }
    if (argc != 2)
        return bw_cli_usage_error("explain", "expected exactly one rule id");
    const bw_rule_info *info = bw_rules_find(argv[1]);
    /* Accept any case and a missing BW- prefix, as people type them. */
    for (size_t i = 0; info == NULL && i < bw_rules_count(); i++) {
        const bw_rule_info *r = bw_rules_info(i);
        if (strcasecmp(r->id, argv[1]) == 0 || (strlen(r->id) > 3 && strcasecmp(r->id + 3, argv[1]) == 0))
            info = r;
    }
    if (info == NULL) {
        fprintf(stderr, "bulwark: no rule named '%s' (see 'bulwark list-rules')\n", argv[1]);
        return BW_EXIT_INPUT;
    }
    if (info->docs != NULL)
        fputs(info->docs, stdout);
    else
        printf("%s — %s\n\n%s\n", info->id, info->title, info->summary ? info->summary : "");
    return fflush(stdout) == 0 ? BW_EXIT_OK : BW_EXIT_INTERNAL;
}
