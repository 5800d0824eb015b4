/* fuzz_yaml_config.c — libFuzzer harness for the YAML wrapper and the
 * .bulwark.yaml loader: any input must load or fail with a message, never
 * crash, leak or hang; a loaded config must answer every query. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/config.h"

static void walk(const bw_yaml *doc, bw_yaml_node node, int depth)
{
    if (depth > 300)
        return;
    size_t n = bw_yaml_len(doc, node);
    (void)bw_yaml_scalar(doc, node);
    (void)bw_yaml_line(doc, node);
    for (size_t i = 0; i < n; i++) {
        bw_yaml_node k, v;
        if (bw_yaml_pair_at(doc, node, i, &k, &v)) {
            walk(doc, k, depth + 1);
            walk(doc, v, depth + 1);
        } else {
            walk(doc, bw_yaml_at(doc, node, i), depth + 1);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bw_error err = {0};
    bw_yaml *doc = NULL;
    if (bw_yaml_load_string((const char *)data, size, "fuzz.yaml", &doc, &err) == BW_OK) {
        walk(doc, bw_yaml_root(doc), 0);
        bw_yaml_free(doc);
    } else if (err.message[0] == '\0') {
        __builtin_trap(); /* every failure must say why */
    }
    bw_config *cfg = NULL;
    if (bw_config_load_buffer((const char *)data, size, "fuzz.yaml", "/tmp", &cfg, &err) == BW_OK) {
        bw_loosenings ls = BW_LOOSENINGS_INIT;
        (void)bw_config_loosenings(cfg, &ls);
        for (size_t i = 0; i < ls.count; i++)
            if (strcmp(ls.items[i].kind, "rule-disabled") == 0 && ls.items[i].reason == NULL)
                __builtin_trap(); /* a disabled rule always carries its reason */
        bw_loosenings_free(&ls);
        (void)bw_config_rule_enabled(cfg, "BW-SQL-INJECTION");
        (void)bw_config_section(cfg, "taint");
        bw_config_free(cfg);
    }
    return 0;
}
