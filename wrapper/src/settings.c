/*
 * settings.c — what the wrapper does, from the environment and the
 * `hardening:` section of .bulwark.yaml.  Every protection is on unless it
 * is switched off explicitly, with a reason; each switch is a
 * "protection-off" loosening (docs/loosening.md).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/wrapper.h"

/* The protections that can be switched off, by the names users write. */
static const struct {
    const char *name;
    size_t offset;
} protections[] = {
    {"cfi", offsetof(bw_wrap_settings, cfi)},
    {"shadow-stack", offsetof(bw_wrap_settings, shadow_stack)},
    {"memory", offsetof(bw_wrap_settings, memory)},
    {"member-bounds", offsetof(bw_wrap_settings, member_bounds)},
    /* a narrowing, not all of it: docs/loosening.md */
    {"shadow-stack-in-bounds", offsetof(bw_wrap_settings, shadow_stack_in_bounds)},
    {"checkers", offsetof(bw_wrap_settings, checkers)},
};
#define PROTECTION_COUNT (sizeof protections / sizeof protections[0])

static bool *protection_flag(bw_wrap_settings *s, size_t i)
{
    return (bool *)((char *)s + protections[i].offset);
}

static bool find_protection(const char *name, size_t n, size_t *index)
{
    for (size_t i = 0; i < PROTECTION_COUNT; i++) {
        if (strlen(protections[i].name) == n && strncmp(protections[i].name, name, n) == 0) {
            *index = i;
            return true;
        }
    }
    return false;
}

/* Switches protection i off (once) and records the loosening. */
static bw_status switch_off(bw_wrap_settings *s, size_t i, const char *reason,
                            const bw_location *loc, bw_error *err)
{
    bool *flag = protection_flag(s, i);
    if (!*flag)
        return BW_OK;
    *flag = false;
    if (bw_loosenings_add(&s->loosenings, "protection-off", protections[i].name, reason, loc) !=
        BW_OK)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    return BW_OK;
}

static bw_status parse_runtime(const char *v, bw_runtime_mode *out)
{
    if (strcmp(v, "static") == 0)
        *out = BW_RUNTIME_STATIC;
    else if (strcmp(v, "shared") == 0)
        *out = BW_RUNTIME_SHARED;
    else
        return BW_ERR_USAGE;
    return BW_OK;
}

static bw_status load_config_section(const bw_config *cfg, bw_wrap_settings *s, bw_error *err)
{
    bw_yaml_node h = bw_config_section(cfg, "hardening");
    if (h == 0)
        return BW_OK;
    const bw_yaml *doc = cfg->yaml;
    if (bw_yaml_kind_of(doc, h) != BW_YAML_MAPPING)
        return bw_yaml_error(doc, h, err, "'hardening' must be a mapping");
    for (size_t i = 0; i < bw_yaml_len(doc, h); i++) {
        bw_yaml_node k = 0, v = 0;
        bw_yaml_pair_at(doc, h, i, &k, &v);
        const char *key = bw_yaml_scalar(doc, k);
        if (key == NULL)
            return bw_yaml_error(doc, k, err, "'hardening' keys must be names");
        if (strcmp(key, "verify") == 0)
            continue; /* owned by `bulwark verify` (verify/policy.c) */
        if (strcmp(key, "runtime") == 0) {
            const char *mode = NULL;
            bw_status st = bw_yaml_read_string(doc, v, &mode, err);
            if (st != BW_OK)
                return st;
            if (parse_runtime(mode, &s->runtime) != BW_OK)
                return bw_yaml_error(doc, v, err,
                                     "'hardening.runtime' must be static or shared, not '%s'", mode);
            continue;
        }
        if (strcmp(key, "off") != 0)
            return bw_yaml_error(doc, k, err,
                                 "unknown key '%s' in 'hardening' (expected runtime, off, verify)",
                                 key);
        if (bw_yaml_kind_of(doc, v) != BW_YAML_SEQUENCE)
            return bw_yaml_error(doc, v, err,
                                 "'hardening.off' must be a list of {protection, reason}");
        for (size_t j = 0; j < bw_yaml_len(doc, v); j++) {
            bw_yaml_node item = bw_yaml_at(doc, v, j);
            if (bw_yaml_kind_of(doc, item) != BW_YAML_MAPPING)
                return bw_yaml_error(doc, item, err,
                                     "each 'hardening.off' entry is {protection: ..., reason: ...}");
            const char *name = NULL, *reason = NULL;
            for (size_t m = 0; m < bw_yaml_len(doc, item); m++) {
                bw_yaml_node ik = 0, iv = 0;
                bw_yaml_pair_at(doc, item, m, &ik, &iv);
                const char *ikey = bw_yaml_scalar(doc, ik);
                const char **slot = NULL;
                if (ikey != NULL && strcmp(ikey, "protection") == 0)
                    slot = &name;
                else if (ikey != NULL && strcmp(ikey, "reason") == 0)
                    slot = &reason;
                else
                    return bw_yaml_error(doc, ik, err,
                                         "unknown key in 'hardening.off' entry "
                                         "(expected protection, reason)");
                bw_status st = bw_yaml_read_string(doc, iv, slot, err);
                if (st != BW_OK)
                    return st;
            }
            size_t idx = 0;
            if (name == NULL || !find_protection(name, strlen(name), &idx))
                return bw_yaml_error(doc, item, err,
                                     "'hardening.off' entry must name a protection: cfi, "
                                     "shadow-stack, memory, member-bounds, "
                                     "shadow-stack-in-bounds or checkers");
            if (reason == NULL || reason[0] == '\0')
                return bw_yaml_error(doc, item, err,
                                     "switching off '%s' needs a reason (reason: \"...\")", name);
            bw_location loc = {(char *)cfg->path, bw_yaml_line(doc, item),
                               bw_yaml_column(doc, item), 0, 0};
            bw_status st = switch_off(s, idx, reason, &loc, err);
            if (st != BW_OK)
                return st;
        }
    }
    return BW_OK;
}

static bw_status load_env_off(bw_wrap_settings *s, bw_error *err)
{
    const char *list = getenv("BULWARK_OFF");
    if (list == NULL || list[0] == '\0')
        return BW_OK;
    const char *reason = getenv("BULWARK_OFF_REASON");
    if (reason == NULL || reason[0] == '\0')
        return bw_error_set(err, BW_ERR_USAGE,
                            "BULWARK_OFF=%s switches protections off, which needs a reason: "
                            "set BULWARK_OFF_REASON", list);
    const char *p = list;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        size_t idx = 0;
        if (n == 3 && strncmp(p, "all", 3) == 0) {
            for (size_t i = 0; i < PROTECTION_COUNT; i++) {
                bw_status st = switch_off(s, i, reason, NULL, err);
                if (st != BW_OK)
                    return st;
            }
        } else if (n > 0 && find_protection(p, n, &idx)) {
            bw_status st = switch_off(s, idx, reason, NULL, err);
            if (st != BW_OK)
                return st;
        } else if (n > 0) {
            return bw_error_set(err, BW_ERR_USAGE,
                                "BULWARK_OFF: unknown protection '%.*s' (known: cfi, shadow-stack, "
                                "memory, member-bounds, shadow-stack-in-bounds, checkers, all)",
                                (int)n, p);
        }
        if (!comma)
            break;
        p = comma + 1;
    }
    return BW_OK;
}

bw_status bw_wrap_settings_load(const bw_config *cfg, bw_wrap_settings *out, bw_error *err)
{
    memset(out, 0, sizeof *out);
    out->cfi = out->shadow_stack = out->memory = out->member_bounds = out->checkers = true;
    out->shadow_stack_in_bounds = true;
    out->runtime = BW_RUNTIME_STATIC;
    out->werror = cfg ? cfg->werror_level : BW_SEV_NONE;

    bw_status st = cfg ? load_config_section(cfg, out, err) : BW_OK;
    if (st == BW_OK)
        st = load_env_off(out, err);
    if (st == BW_OK) {
        const char *rt = getenv("BULWARK_RUNTIME");
        if (rt != NULL && rt[0] != '\0' && parse_runtime(rt, &out->runtime) != BW_OK)
            st = bw_error_set(err, BW_ERR_USAGE,
                              "BULWARK_RUNTIME must be static or shared, not '%s'", rt);
    }
    if (st == BW_OK) {
        const char *in = getenv("BULWARK_CHECK_IN");
        if (in != NULL && strcmp(in, "wrapper") == 0)
            out->check_in_wrapper = true;
        else if (in != NULL && in[0] != '\0' && strcmp(in, "compiler") != 0)
            st = bw_error_set(err, BW_ERR_USAGE,
                              "BULWARK_CHECK_IN must be compiler or wrapper, not '%s'", in);
    }
    if (st == BW_OK) {
        const char *we = getenv("BULWARK_WERROR");
        if (we != NULL && we[0] != '\0') {
            bw_severity level = BW_SEV_NONE;
            if (strcmp(we, "0") == 0) {
                out->werror = BW_SEV_NONE;
            } else if (strcmp(we, "1") == 0) {
                out->werror = cfg && cfg->werror_level != BW_SEV_NONE ? cfg->werror_level
                              : cfg                                   ? cfg->fail_level
                                                                      : BW_SEV_NOTE;
                if (out->werror == BW_SEV_NONE)
                    out->werror = BW_SEV_NOTE;
            } else if (bw_severity_parse(we, &level)) {
                out->werror = level;
            } else {
                st = bw_error_set(err, BW_ERR_USAGE,
                                  "BULWARK_WERROR must be 0, 1, note, warning or error, not '%s'",
                                  we);
            }
        }
    }
    if (st != BW_OK)
        bw_wrap_settings_clear(out);
    return st;
}

void bw_wrap_settings_clear(bw_wrap_settings *s)
{
    if (s == NULL)
        return;
    bw_loosenings_free(&s->loosenings);
    memset(s, 0, sizeof *s);
}
