/* policy.c — what `bulwark verify` requires, from .bulwark.yaml:
 *
 *   hardening:
 *     verify:
 *       waive:
 *         - check: cet
 *           reason: "the target CPUs have no CET; tracked in JIRA-123"
 *
 * Everything is required unless waived, and a waiver needs a reason. */
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/verify.h"

void bw_verify_policy_clear(bw_verify_policy *p)
{
    if (p == NULL)
        return;
    for (unsigned i = 0; i < BW_VERIFY_CHECK_COUNT; i++) {
        bw_free(p->waiver_reason[i]);
        bw_location_clear(&p->waiver_loc[i]);
    }
    memset(p, 0, sizeof *p);
}

static bw_status parse_waiver(const bw_config *cfg, bw_yaml_node item, bw_verify_policy *p, bw_error *err)
{
    const bw_yaml *doc = cfg->yaml;
    if (bw_yaml_kind_of(doc, item) != BW_YAML_MAPPING)
        return bw_yaml_error(doc, item, err, "a waiver is a mapping with 'check' and 'reason'");
    const char *name = NULL, *reason = NULL;
    for (size_t i = 0; i < bw_yaml_len(doc, item); i++) {
        bw_yaml_node k, v;
        bw_yaml_pair_at(doc, item, i, &k, &v);
        const char *key = bw_yaml_scalar(doc, k);
        bw_status st;
        if (key != NULL && strcmp(key, "check") == 0)
            st = bw_yaml_read_string(doc, v, &name, err);
        else if (key != NULL && strcmp(key, "reason") == 0)
            st = bw_yaml_read_string(doc, v, &reason, err);
        else
            st = bw_yaml_error(doc, k, err, "unknown key in waiver (expected check, reason)");
        if (st != BW_OK)
            return st;
    }
    bw_verify_check c;
    if (name == NULL || !bw_verify_check_parse(name, &c))
        return bw_yaml_error(doc, item, err, "waiver names no known check (pie, relro, bind-now, nx, "
                                             "stack-protector, fortify, cet, bulwark-cfi, "
                                             "bulwark-shadow-stack, bulwark-memory)");
    if (reason == NULL || reason[strspn(reason, " \t")] == '\0')
        return bw_yaml_error(doc, item, err, "waiving '%s' needs a non-empty 'reason'", name);
    if (!p->required[c])
        return bw_yaml_error(doc, item, err, "'%s' is waived twice", name);
    p->required[c] = false;
    bw_location loc = {cfg->path, bw_yaml_line(doc, item), bw_yaml_column(doc, item), 0, 0};
    if ((p->waiver_reason[c] = bw_strdup(reason)) == NULL || bw_location_copy(&p->waiver_loc[c], &loc) != BW_OK)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    return BW_OK;
}

bw_status bw_verify_policy_load(const bw_config *cfg, bw_verify_policy *out, bw_error *err)
{
    memset(out, 0, sizeof *out);
    for (unsigned i = 0; i < BW_VERIFY_CHECK_COUNT; i++)
        out->required[i] = true;
    bw_yaml_node hardening = bw_config_section(cfg, "hardening");
    if (hardening == 0)
        return BW_OK;
    const bw_yaml *doc = cfg->yaml;
    bw_yaml_node verify = bw_yaml_get(doc, hardening, "verify");
    if (verify == 0)
        return BW_OK;
    if (bw_yaml_kind_of(doc, verify) != BW_YAML_MAPPING)
        return bw_yaml_error(doc, verify, err, "'hardening.verify' must be a mapping");
    for (size_t i = 0; i < bw_yaml_len(doc, verify); i++) {
        bw_yaml_node k, v;
        bw_yaml_pair_at(doc, verify, i, &k, &v);
        const char *key = bw_yaml_scalar(doc, k);
        if (key == NULL || strcmp(key, "waive") != 0) {
            bw_verify_policy_clear(out);
            return bw_yaml_error(doc, k, err, "unknown key in hardening.verify (expected waive)");
        }
        if (bw_yaml_kind_of(doc, v) != BW_YAML_SEQUENCE) {
            bw_verify_policy_clear(out);
            return bw_yaml_error(doc, v, err, "'waive' must be a list");
        }
        for (size_t j = 0; j < bw_yaml_len(doc, v); j++) {
            bw_status st = parse_waiver(cfg, bw_yaml_at(doc, v, j), out, err);
            if (st != BW_OK) {
                bw_verify_policy_clear(out);
                return st;
            }
        }
    }
    return BW_OK;
}

bw_status bw_verify_policy_loosenings(const bw_verify_policy *p, bw_loosenings *out)
{
    for (unsigned i = 0; i < BW_VERIFY_CHECK_COUNT; i++) {
        if (p->required[i])
            continue;
        bw_status st = bw_loosenings_add(out, "protection-off", bw_verify_check_name((bw_verify_check)i),
                                         p->waiver_reason[i], p->waiver_loc[i].file ? &p->waiver_loc[i] : NULL);
        if (st != BW_OK)
            return st;
    }
    return BW_OK;
}

bool bw_verify_meets(const bw_verify_result *r, const bw_verify_policy *p)
{
    for (unsigned i = 0; i < BW_VERIFY_CHECK_COUNT; i++)
        if (p->required[i] && r->checks[i] == BW_VERIFY_NO)
            return false;
    return true;
}
