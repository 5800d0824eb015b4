/* config.c — loading and validating .bulwark.yaml (see bulwark/config.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/config.h"
#include "bulwark/file.h"

/* Top-level keys: the core ones are read here, the others by their owners. */
static const char *const core_keys[] = {"version", "fail-level", "rules", "compile-flags", "werror"};
static const char *const section_keys[] = {"taint", "memory", "hardening", "wrapper", "precommit", "roadmap"};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static bool key_in(const char *key, const char *const *keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

/* True when the key of pair `index` in `map` already appeared before it.
 * YAML forbids duplicate keys; libyaml does not check. */
static bool has_earlier_key(const bw_yaml *doc, bw_yaml_node map, size_t index)
{
    bw_yaml_node key, value;
    if (!bw_yaml_pair_at(doc, map, index, &key, &value))
        return false;
    const char *name = bw_yaml_scalar(doc, key);
    for (size_t j = 0; name != NULL && j < index; j++) {
        bw_yaml_node pk, pv;
        bw_yaml_pair_at(doc, map, j, &pk, &pv);
        const char *prev = bw_yaml_scalar(doc, pk);
        if (prev != NULL && strcmp(prev, name) == 0)
            return true;
    }
    return false;
}

static bw_config *config_new(const char *root)
{
    bw_config *cfg = bw_calloc(1, sizeof *cfg);
    if (cfg == NULL)
        return NULL;
    cfg->fail_level = BW_SEV_NOTE;
    cfg->werror_level = BW_SEV_NONE;
    if ((cfg->root = bw_strdup(root)) == NULL) {
        bw_free(cfg);
        return NULL;
    }
    return cfg;
}

bw_status bw_config_default(bw_config **out, bw_error *err)
{
    char cwd[PATH_MAX];
    *out = NULL;
    if (getcwd(cwd, sizeof cwd) == NULL)
        return bw_error_set(err, BW_ERR_IO, "cannot determine the working directory");
    if ((*out = config_new(cwd)) == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    return BW_OK;
}

void bw_config_free(bw_config *cfg)
{
    if (cfg == NULL)
        return;
    for (size_t i = 0; i < cfg->rule_count; i++) {
        bw_free(cfg->rules[i].rule_id);
        bw_free(cfg->rules[i].reason);
        bw_location_clear(&cfg->rules[i].loc);
    }
    bw_free(cfg->rules);
    for (size_t i = 0; i < cfg->compile_flag_count; i++)
        bw_free(cfg->compile_flags[i]);
    bw_free(cfg->compile_flags);
    bw_location_clear(&cfg->fail_level_loc);
    bw_yaml_free(cfg->yaml);
    bw_free(cfg->path);
    bw_free(cfg->root);
    bw_free(cfg);
}

static bw_status node_location(const bw_config *cfg, bw_yaml_node node, bw_location *loc)
{
    bw_location src = {cfg->path, bw_yaml_line(cfg->yaml, node), bw_yaml_column(cfg->yaml, node), 0, 0};
    return bw_location_copy(loc, &src);
}

static bw_status read_severity(const bw_yaml *doc, bw_yaml_node node, bw_severity *out, bw_error *err)
{
    const char *s = bw_yaml_scalar(doc, node);
    if (s == NULL || !bw_severity_parse(s, out) || *out == BW_SEV_NONE)
        return bw_yaml_error(doc, node, err, "expected one of: note, warning, error");
    return BW_OK;
}

/* rules:
 *   BW-XYZ: {enabled: false, reason: "...", severity: warning} */
static bw_status parse_rule(bw_config *cfg, bw_yaml_node key, bw_yaml_node value, bw_error *err)
{
    const bw_yaml *doc = cfg->yaml;
    const char *id = bw_yaml_scalar(doc, key);
    if (id == NULL || strncmp(id, "BW-", 3) != 0)
        return bw_yaml_error(doc, key, err, "rule ids look like BW-SQL-INJECTION");
    for (size_t i = 0; i < cfg->rule_count; i++)
        if (strcmp(cfg->rules[i].rule_id, id) == 0)
            return bw_yaml_error(doc, key, err, "rule %s is configured twice", id);
    if (bw_yaml_kind_of(doc, value) != BW_YAML_MAPPING)
        return bw_yaml_error(doc, value, err, "expected a mapping with enabled, severity and reason");
    bw_rule_setting *r = &cfg->rules[cfg->rule_count];
    memset(r, 0, sizeof *r);
    r->enabled = true;
    cfg->rule_count++; /* counted first, so bw_config_free releases a half-built entry */
    if ((r->rule_id = bw_strdup(id)) == NULL || node_location(cfg, key, &r->loc) != BW_OK)
        goto nomem;
    for (size_t i = 0; i < bw_yaml_len(doc, value); i++) {
        bw_yaml_node k, v;
        bw_yaml_pair_at(doc, value, i, &k, &v);
        const char *name = bw_yaml_scalar(doc, k);
        bw_status st = BW_OK;
        if (has_earlier_key(doc, value, i))
            return bw_yaml_error(doc, k, err, "duplicate key '%s'", name ? name : "?");
        if (name != NULL && strcmp(name, "enabled") == 0) {
            st = bw_yaml_read_bool(doc, v, &r->enabled, err);
        } else if (name != NULL && strcmp(name, "severity") == 0) {
            st = read_severity(doc, v, &r->severity, err);
        } else if (name != NULL && strcmp(name, "reason") == 0) {
            const char *reason;
            st = bw_yaml_read_string(doc, v, &reason, err);
            if (st == BW_OK && (r->reason = bw_strdup(reason)) == NULL)
                goto nomem;
        } else {
            return bw_yaml_error(doc, k, err, "unknown key in rule setting (expected enabled, severity, reason)");
        }
        if (st != BW_OK)
            return st;
    }
    /* The seatbelt: turning a protection down must say why. */
    bool loosens = !r->enabled || r->severity != BW_SEV_NONE;
    if (loosens && (r->reason == NULL || r->reason[strspn(r->reason, " \t")] == '\0'))
        return bw_yaml_error(doc, value, err, "%s: disabling a rule or changing its severity needs a non-empty 'reason'", id);
    return BW_OK;
nomem:
    return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
}

static bw_status parse_rules(bw_config *cfg, bw_yaml_node node, bw_error *err)
{
    if (bw_yaml_kind_of(cfg->yaml, node) != BW_YAML_MAPPING)
        return bw_yaml_error(cfg->yaml, node, err, "'rules' must be a mapping of rule id to settings");
    size_t n = bw_yaml_len(cfg->yaml, node);
    if ((cfg->rules = bw_calloc(n, sizeof *cfg->rules)) == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        bw_yaml_node k, v;
        bw_yaml_pair_at(cfg->yaml, node, i, &k, &v);
        bw_status st = parse_rule(cfg, k, v, err);
        if (st != BW_OK)
            return st;
    }
    return BW_OK;
}

static bw_status parse_flags(bw_config *cfg, bw_yaml_node node, bw_error *err)
{
    if (bw_yaml_kind_of(cfg->yaml, node) != BW_YAML_SEQUENCE)
        return bw_yaml_error(cfg->yaml, node, err, "'compile-flags' must be a list of strings");
    size_t n = bw_yaml_len(cfg->yaml, node);
    if ((cfg->compile_flags = bw_calloc(n, sizeof *cfg->compile_flags)) == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const char *flag;
        bw_status st = bw_yaml_read_string(cfg->yaml, bw_yaml_at(cfg->yaml, node, i), &flag, err);
        if (st != BW_OK)
            return st;
        if ((cfg->compile_flags[i] = bw_strdup(flag)) == NULL)
            return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        cfg->compile_flag_count++;
    }
    return BW_OK;
}

static bw_status parse_top(bw_config *cfg, bw_error *err)
{
    const bw_yaml *doc = cfg->yaml;
    bw_yaml_node root = bw_yaml_root(doc);
    if (root == 0)
        return BW_OK; /* an empty file: all defaults */
    if (bw_yaml_kind_of(doc, root) != BW_YAML_MAPPING)
        return bw_yaml_error(doc, root, err, "the configuration must be a mapping");
    for (size_t i = 0; i < bw_yaml_len(doc, root); i++) {
        bw_yaml_node k, v;
        bw_yaml_pair_at(doc, root, i, &k, &v);
        const char *key = bw_yaml_scalar(doc, k);
        bw_status st = BW_OK;
        if (key == NULL || (!key_in(key, core_keys, COUNT_OF(core_keys)) &&
                            !key_in(key, section_keys, COUNT_OF(section_keys))))
            return bw_yaml_error(doc, k, err, "unknown key '%s'", key ? key : "?");
        if (has_earlier_key(doc, root, i))
            return bw_yaml_error(doc, k, err, "duplicate key '%s'", key);
        if (strcmp(key, "version") == 0) {
            long version;
            st = bw_yaml_read_long(doc, v, 1, 1, &version, err);
        } else if (strcmp(key, "fail-level") == 0) {
            st = read_severity(doc, v, &cfg->fail_level, err);
            if (st == BW_OK && node_location(cfg, v, &cfg->fail_level_loc) != BW_OK)
                st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        } else if (strcmp(key, "rules") == 0) {
            st = parse_rules(cfg, v, err);
        } else if (strcmp(key, "compile-flags") == 0) {
            st = parse_flags(cfg, v, err);
        } else if (strcmp(key, "werror") == 0) {
            st = read_severity(doc, v, &cfg->werror_level, err);
        } else if (bw_yaml_kind_of(doc, v) != BW_YAML_MAPPING) {
            st = bw_yaml_error(doc, v, err, "section '%s' must be a mapping", key);
        }
        if (st != BW_OK)
            return st;
    }
    return BW_OK;
}

bw_status bw_config_load(const char *path, bw_config **out, bw_error *err)
{
    *out = NULL;
    char resolved[PATH_MAX];
    if (realpath(path, resolved) == NULL)
        return bw_error_set(err, BW_ERR_NOT_FOUND, "%s: cannot open configuration", path);
    char *root = bw_path_dirname(resolved);
    bw_config *cfg = root ? config_new(root) : NULL;
    bw_free(root);
    if (cfg == NULL || (cfg->path = bw_strdup(resolved)) == NULL) {
        bw_config_free(cfg);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    bw_status st = bw_yaml_load_file(resolved, &cfg->yaml, err);
    if (st == BW_OK)
        st = parse_top(cfg, err);
    if (st != BW_OK) {
        bw_config_free(cfg);
        return st;
    }
    *out = cfg;
    return BW_OK;
}

bw_status bw_config_load_buffer(const char *text, size_t len, const char *name, const char *root,
                                bw_config **out, bw_error *err)
{
    *out = NULL;
    bw_config *cfg = config_new(root);
    if (cfg == NULL || (cfg->path = bw_strdup(name)) == NULL) {
        bw_config_free(cfg);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    bw_status st = bw_yaml_load_string(text, len, name, &cfg->yaml, err);
    if (st == BW_OK)
        st = parse_top(cfg, err);
    if (st != BW_OK) {
        bw_config_free(cfg);
        return st;
    }
    *out = cfg;
    return BW_OK;
}

bw_status bw_config_find(const char *start_dir, char **path_out, bw_error *err)
{
    char dir[PATH_MAX];
    *path_out = NULL;
    if (realpath(start_dir, dir) == NULL)
        return bw_error_set(err, BW_ERR_NOT_FOUND, "%s: no such directory", start_dir);
    for (;;) {
        char *candidate = bw_path_join(dir, BW_CONFIG_FILENAME);
        if (candidate == NULL)
            return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        if (bw_path_exists(candidate)) {
            *path_out = candidate;
            return BW_OK;
        }
        bw_free(candidate);
        char *slash = strrchr(dir, '/');
        if (slash == NULL || slash == dir)
            break;
        *slash = '\0';
    }
    /* The root directory itself. */
    if (bw_path_exists("/" BW_CONFIG_FILENAME)) {
        *path_out = bw_strdup("/" BW_CONFIG_FILENAME);
        return *path_out ? BW_OK : bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    return bw_error_set(err, BW_ERR_NOT_FOUND, "no %s above %s", BW_CONFIG_FILENAME, start_dir);
}

bw_status bw_config_load_nearest(const char *start_dir, bw_config **out, bw_error *err)
{
    char *path = NULL;
    bw_status st = bw_config_find(start_dir, &path, err);
    if (st == BW_ERR_NOT_FOUND) {
        if (err)
            err->status = BW_OK;
        return bw_config_default(out, err);
    }
    if (st != BW_OK)
        return st;
    st = bw_config_load(path, out, err);
    bw_free(path);
    return st;
}

const bw_rule_setting *bw_config_rule(const bw_config *cfg, const char *rule_id)
{
    for (size_t i = 0; cfg != NULL && i < cfg->rule_count; i++)
        if (strcmp(cfg->rules[i].rule_id, rule_id) == 0)
            return &cfg->rules[i];
    return NULL;
}

bool bw_config_rule_enabled(const bw_config *cfg, const char *rule_id)
{
    const bw_rule_setting *r = bw_config_rule(cfg, rule_id);
    return r == NULL || r->enabled;
}

bw_severity bw_config_rule_severity(const bw_config *cfg, const char *rule_id, bw_severity rule_default)
{
    const bw_rule_setting *r = bw_config_rule(cfg, rule_id);
    return (r != NULL && r->severity != BW_SEV_NONE) ? r->severity : rule_default;
}

bw_yaml_node bw_config_section(const bw_config *cfg, const char *name)
{
    if (cfg == NULL || cfg->yaml == NULL)
        return 0;
    return bw_yaml_get(cfg->yaml, bw_yaml_root(cfg->yaml), name);
}

bw_status bw_config_loosenings(const bw_config *cfg, bw_loosenings *out)
{
    for (size_t i = 0; i < cfg->rule_count; i++) {
        const bw_rule_setting *r = &cfg->rules[i];
        bw_status st = BW_OK;
        if (!r->enabled)
            st = bw_loosenings_add(out, "rule-disabled", r->rule_id, r->reason, &r->loc);
        else if (r->severity != BW_SEV_NONE)
            st = bw_loosenings_add(out, "severity-changed", r->rule_id, r->reason, &r->loc);
        if (st != BW_OK)
            return st;
    }
    if (cfg->fail_level > BW_SEV_NOTE) {
        char subject[64];
        snprintf(subject, sizeof subject, "fail-level: %s", bw_severity_name(cfg->fail_level));
        return bw_loosenings_add(out, "fail-level", subject, NULL,
                                 cfg->fail_level_loc.file ? &cfg->fail_level_loc : NULL);
    }
    return BW_OK;
}
