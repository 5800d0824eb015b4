/*
 * bulwark/config.h — the project configuration file, `.bulwark.yaml`.
 *
 * Found like `.clang-tidy`: the nearest one upward from the analysed file
 * (or the working directory).  Every rule and protection is on by default;
 * anything that turns one off must carry a `reason`, and every such
 * loosening is returned by bw_config_loosenings() so reports can show it.
 *
 * Core keys understood here:
 *   version: 1
 *   fail-level: note|warning|error      # default: note (every finding fails)
 *   rules:                               # per-rule settings
 *     BW-FORMAT-STRING: {enabled: false, reason: "..."}
 *     BW-XSS: {severity: error}
 *   compile-flags: [-Iinclude, -DX=1]    # for files without a compile database entry
 *   werror: error                        # wrapper: findings at/above this fail the compile
 * Sections owned by other parts are kept as YAML nodes and validated there:
 *   taint and memory (checkers), hardening (wrapper/passes), precommit, roadmap.
 * Unknown top-level keys are errors (a typo must not silently disable a check).
 */
#ifndef BULWARK_CONFIG_H
#define BULWARK_CONFIG_H

#include <stdbool.h>

#include "bulwark/finding.h"
#include "bulwark/loosening.h"
#include "bulwark/status.h"
#include "bulwark/yaml.h"

#ifdef __cplusplus
extern "C" {
#endif

#define BW_CONFIG_FILENAME ".bulwark.yaml"

typedef struct bw_rule_setting {
    char *rule_id;
    bool enabled;          /* false only with a reason */
    char *reason;          /* why it was disabled or changed; NULL if not given */
    bw_severity severity;  /* BW_SEV_NONE: the rule's default */
    bw_location loc;       /* where in the config file */
} bw_rule_setting;

typedef struct bw_config {
    char *path;                 /* file it was loaded from; NULL for defaults */
    char *root;                 /* directory containing it (or the cwd for defaults) */
    bw_severity fail_level;     /* default BW_SEV_NOTE */
    bw_location fail_level_loc;
    bw_rule_setting *rules;
    size_t rule_count;
    char **compile_flags;
    size_t compile_flag_count;
    bw_severity werror_level;   /* BW_SEV_NONE: findings never fail a compile */
    bw_yaml *yaml;              /* the parsed file, for sections owned elsewhere; NULL for defaults */
} bw_config;

/* Searches `start_dir` and its parents for .bulwark.yaml.  On success
 * *path_out is a newly allocated path; BW_ERR_NOT_FOUND when none exists. */
bw_status bw_config_find(const char *start_dir, char **path_out, bw_error *err);
/* Loads and validates `path`. */
bw_status bw_config_load(const char *path, bw_config **out, bw_error *err);
/* Loads and validates configuration text held in memory (for example the
 * staged content of .bulwark.yaml).  `name` is used in messages and as the
 * config's path; `root` is the directory the file belongs to. */
bw_status bw_config_load_buffer(const char *text, size_t len, const char *name,
                                const char *root, bw_config **out, bw_error *err);
/* Loads the nearest config above start_dir, or the defaults when none exists. */
bw_status bw_config_load_nearest(const char *start_dir, bw_config **out, bw_error *err);
/* Secure defaults: everything on, fail on any finding. */
bw_status bw_config_default(bw_config **out, bw_error *err);
void bw_config_free(bw_config *cfg);

/* The setting for a rule, or NULL when the file says nothing about it. */
const bw_rule_setting *bw_config_rule(const bw_config *cfg, const char *rule_id);
bool bw_config_rule_enabled(const bw_config *cfg, const char *rule_id);
bw_severity bw_config_rule_severity(const bw_config *cfg, const char *rule_id,
                                    bw_severity rule_default);
/* A section owned by another part ("taint", "hardening", ...), or 0. */
bw_yaml_node bw_config_section(const bw_config *cfg, const char *name);
/* Appends every loosening this config makes (disabled rules, lowered
 * severities, a fail level above note). */
bw_status bw_config_loosenings(const bw_config *cfg, bw_loosenings *out);

#ifdef __cplusplus
}
#endif
#endif
