/* cmd_list_rules.c — `bulwark list-rules`: the rule table, as text or JSON. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "bulwark/rules.h"
#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: bulwark list-rules [--format text|json]\n\n"
                 "Lists every rule: id, default severity, CWE ids and title.\n"
                 "Every rule is enabled unless .bulwark.yaml disables it with a reason.\n\n%s",
            bw_cli_exit_codes_help);
}

static void cwe_list(const bw_rule_info *info, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < BW_RULE_MAX_CWES && info->cwes[i] != 0 && used < size; i++) {
        int n = snprintf(out + used, size - used, "%sCWE-%u", i ? "," : "", info->cwes[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static int print_json(void)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr != NULL && i < bw_rules_count(); i++) {
        const bw_rule_info *info = bw_rules_info(i);
        json_t *cwes = json_array();
        for (size_t k = 0; cwes && k < BW_RULE_MAX_CWES && info->cwes[k] != 0; k++)
            json_array_append_new(cwes, json_integer(info->cwes[k]));
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", info->id, "title", info->title,
                              "severity", bw_severity_name(info->severity), "summary",
                              info->summary ? info->summary : "", "cwe", cwes ? cwes : json_array());
        if (o == NULL || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            arr = NULL;
        }
    }
    if (arr == NULL || json_dumpf(arr, stdout, JSON_INDENT(2)) != 0) {
        json_decref(arr);
        fprintf(stderr, "bulwark: out of memory\n");
        return BW_EXIT_INTERNAL;
    }
    json_decref(arr);
    putchar('\n');
    return BW_EXIT_OK;
}

int bw_cmd_list_rules(int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "json") == 0)
                json = true;
            else if (strcmp(optarg, "text") != 0)
                return bw_cli_usage_error("list-rules", "unknown format '%s'", optarg);
            break;
        case 'h':
            usage(stdout);
            return BW_EXIT_OK;
        default:
            return bw_cli_usage_error("list-rules", "invalid option");
        }
    }
    if (optind < argc)
        return bw_cli_usage_error("list-rules", "unexpected argument '%s'", argv[optind]);
    if (json)
        return print_json();
    for (size_t i = 0; i < bw_rules_count(); i++) {
        const bw_rule_info *info = bw_rules_info(i);
        char cwes[128];
        cwe_list(info, cwes, sizeof cwes);
        printf("%-24s %-8s %-28s %s\n", info->id, bw_severity_name(info->severity), cwes, info->title);
    }
    return fflush(stdout) == 0 ? BW_EXIT_OK : BW_EXIT_INTERNAL;
}
