/*
 * registry.c — the rule table, generated from checkers/rules/rules.def.
 */
#include <string.h>

#include "bulwark/rules.h"

#define BW_RULE(name) extern const bw_rule name;
#include "rules.def"
#undef BW_RULE

static const bw_rule *const rules[] = {
#define BW_RULE(name) &name,
#include "rules.def"
#undef BW_RULE
};

#define NRULES (sizeof(rules) / sizeof(rules[0]))

size_t bw_rules_count(void) { return NRULES; }

const bw_rule_info *bw_rules_info(size_t index) { return index < NRULES ? &rules[index]->info : NULL; }

const bw_rule *bw_rule_at(size_t index) { return index < NRULES ? rules[index] : NULL; }

const bw_rule *bw_rule_find(const char *id)
{
    if (id == NULL)
        return NULL;
    for (size_t i = 0; i < NRULES; i++)
        if (strcmp(rules[i]->info.id, id) == 0)
            return rules[i];
    return NULL;
}

const bw_rule_info *bw_rules_find(const char *id)
{
    const bw_rule *r = bw_rule_find(id);
    return r != NULL ? &r->info : NULL;
}

static const char *const kind_names[BW_TAINT_KIND_COUNT] = {"sql", "cmd", "ldap", "html", "format"};

const char *bw_taint_kind_name(bw_taint_kind kind)
{
    return (unsigned)kind < BW_TAINT_KIND_COUNT ? kind_names[kind] : NULL;
}

bool bw_taint_kind_parse(const char *name, bw_taint_kind *out)
{
    for (unsigned i = 0; name != NULL && i < BW_TAINT_KIND_COUNT; i++)
        if (strcmp(name, kind_names[i]) == 0) {
            *out = (bw_taint_kind)i;
            return true;
        }
    return false;
}
