/*
 * roadmap_file.c — loading and validating the roadmap file (YAML through
 * bulwark/yaml.h, which wraps libyaml and refuses aliases), the starter
 * file for `roadmap init`, and component path globs.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/roadmap.h"
#include "bulwark/yaml.h"
#include "internal.h"

/* The default phases and their criteria (knowledge as data). */
static const struct {
    const char *name;
    const char *description;
    const char *criteria[6];
} default_phases[] = {
    {"legacy", "C/C++ as it is today", {NULL}},
    {"hardened",
     "built with Bulwark hardening, no open high-severity findings",
     {"hardened-build", "no-high-findings", NULL}},
    {"isolated",
     "sandboxed or behind a memory-safe boundary; runtime protections enforcing",
     {"hardened-build", "no-high-findings", "isolation-declared", "runtime-enforcing", NULL}},
    {"migrating",
     "new code written in a memory-safe language; unsafe code no longer growing",
     {"hardened-build", "no-high-findings", "memory-safe-code-present", "unsafe-code-not-growing",
      NULL}},
    {"memory-safe", "no C, C++ or assembly left; no open findings",
     {"no-unsafe-code", "no-open-findings", NULL}},
};

static void phase_free(bw_rm_phase *p) {
    bw_free(p->name);
    bw_free(p->description);
    for (size_t i = 0; i < p->criteria_count; i++)
        bw_free(p->criteria[i]);
    bw_free(p->criteria);
}

static void component_free(bw_rm_component *c) {
    bw_free(c->name);
    for (size_t i = 0; i < c->path_count; i++)
        bw_free(c->paths[i]);
    bw_free(c->paths);
    bw_free(c->owner);
    bw_free(c->isolation);
    for (size_t i = 0; i < c->binary_count; i++)
        bw_free(c->binaries[i]);
    bw_free(c->binaries);
    for (size_t i = 0; i < c->plan_count; i++) {
        bw_free(c->plan[i].phase);
        bw_free(c->plan[i].target);
    }
    bw_free(c->plan);
    for (size_t i = 0; i < c->dep_count; i++) {
        bw_free(c->deps[i].name);
        bw_free(c->deps[i].language);
        bw_free(c->deps[i].status);
        bw_free(c->deps[i].plan);
    }
    bw_free(c->deps);
}

void bw_roadmap_free(bw_roadmap *rm) {
    if (!rm)
        return;
    bw_free(rm->source);
    bw_free(rm->organization);
    bw_free(rm->executive_sponsor);
    bw_free(rm->memory_safe_new_code_date);
    bw_free(rm->training_plan);
    bw_free(rm->transparency);
    bw_free(rm->cve_policy);
    bw_free(rm->dependency_plan);
    for (size_t i = 0; i < rm->phase_count; i++)
        phase_free(&rm->phases[i]);
    bw_free(rm->phases);
    for (size_t i = 0; i < rm->component_count; i++)
        component_free(&rm->components[i]);
    bw_free(rm->components);
    bw_free(rm);
}

int bw_roadmap_phase_index(const bw_roadmap *rm, const char *name) {
    for (size_t i = 0; rm && name && i < rm->phase_count; i++)
        if (strcmp(rm->phases[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* ---- YAML reading helpers ------------------------------------------------------- */

typedef struct loader {
    const bw_yaml *doc;
    bw_error *err;
} loader;

static bw_status nomem(loader *L) { return bw_error_set(L->err, BW_ERR_NOMEM, "out of memory"); }

/* Checks that every key of `map` is in `allowed` (NULL-terminated). */
static bw_status check_keys(loader *L, bw_yaml_node map, const char *what,
                            const char *const *allowed) {
    size_t n = bw_yaml_len(L->doc, map);
    for (size_t i = 0; i < n; i++) {
        bw_yaml_node k, v;
        bw_yaml_pair_at(L->doc, map, i, &k, &v);
        const char *key = bw_yaml_scalar(L->doc, k);
        if (!key)
            return bw_yaml_error(L->doc, k, L->err, "%s: keys must be plain strings", what);
        bool ok = false;
        for (size_t j = 0; allowed[j]; j++)
            if (strcmp(allowed[j], key) == 0)
                ok = true;
        if (!ok) {
            bw_buf b = BW_BUF_INIT;
            for (size_t j = 0; allowed[j]; j++)
                bw_buf_printf(&b, "%s%s", j ? ", " : "", allowed[j]);
            bw_status s = bw_yaml_error(L->doc, k, L->err, "%s: unknown key '%s' (expected: %s)",
                                        what, key, b.data ? b.data : "");
            bw_buf_free(&b);
            return s;
        }
    }
    return BW_OK;
}

static bw_status want_kind(loader *L, bw_yaml_node node, bw_yaml_kind kind, const char *what) {
    if (bw_yaml_kind_of(L->doc, node) == kind)
        return BW_OK;
    static const char *const names[] = {"nothing", "a string", "a list", "a mapping"};
    return bw_yaml_error(L->doc, node, L->err, "%s must be %s", what, names[kind]);
}

/* Optional string field: *out stays NULL when absent. */
static bw_status opt_string(loader *L, bw_yaml_node map, const char *key, char **out) {
    bw_yaml_node v = bw_yaml_get(L->doc, map, key);
    if (!v)
        return BW_OK;
    const char *s;
    bw_status st = bw_yaml_read_string(L->doc, v, &s, L->err);
    if (st != BW_OK)
        return st;
    if (!*s)
        return bw_yaml_error(L->doc, v, L->err, "'%s' must not be empty", key);
    *out = bw_strdup(s);
    return *out ? BW_OK : nomem(L);
}

static bw_status req_string(loader *L, bw_yaml_node map, const char *key, const char *what,
                            char **out) {
    if (!bw_yaml_get(L->doc, map, key))
        return bw_yaml_error(L->doc, map, L->err, "%s: '%s' is required", what, key);
    return opt_string(L, map, key, out);
}

static bw_status opt_date(loader *L, bw_yaml_node map, const char *key, char **out) {
    bw_status s = opt_string(L, map, key, out);
    long days;
    if (s == BW_OK && *out && !bw_rm_parse_date(*out, &days))
        return bw_yaml_error(L->doc, bw_yaml_get(L->doc, map, key), L->err,
                             "'%s' must be a date written YYYY-MM-DD, not '%s'", key, *out);
    return s;
}

/* A list of strings (a single string is accepted as a one-item list). */
static bw_status string_list(loader *L, bw_yaml_node node, const char *what, char ***out,
                             size_t *count) {
    *out = NULL;
    *count = 0;
    if (bw_yaml_kind_of(L->doc, node) == BW_YAML_SCALAR) {
        const char *s = bw_yaml_scalar(L->doc, node);
        if (!*s)
            return bw_yaml_error(L->doc, node, L->err, "%s must not be empty", what);
        *out = bw_calloc(1, sizeof **out);
        if (!*out || !((*out)[0] = bw_strdup(s)))
            return nomem(L);
        *count = 1;
        return BW_OK;
    }
    bw_status s = want_kind(L, node, BW_YAML_SEQUENCE, what);
    if (s != BW_OK)
        return s;
    size_t n = bw_yaml_len(L->doc, node);
    *out = bw_calloc(n ? n : 1, sizeof **out);
    if (!*out)
        return nomem(L);
    for (size_t i = 0; i < n; i++) {
        bw_yaml_node it = bw_yaml_at(L->doc, node, i);
        const char *v;
        if ((s = bw_yaml_read_string(L->doc, it, &v, L->err)) != BW_OK)
            return s;
        if (!*v)
            return bw_yaml_error(L->doc, it, L->err, "%s: empty entry", what);
        if (!((*out)[i] = bw_strdup(v)))
            return nomem(L);
        (*count)++;
    }
    return BW_OK;
}

static bw_status load_org(loader *L, bw_yaml_node org, bw_roadmap *rm) {
    static const char *const keys[] = {"name", "executive-sponsor", "memory-safe-new-code-date",
                                       "training-plan", "transparency", "cve-policy",
                                       "dependency-plan", NULL};
    bw_status s;
    if ((s = want_kind(L, org, BW_YAML_MAPPING, "'organization'")) != BW_OK ||
        (s = check_keys(L, org, "organization", keys)) != BW_OK ||
        (s = opt_string(L, org, "name", &rm->organization)) != BW_OK ||
        (s = opt_string(L, org, "executive-sponsor", &rm->executive_sponsor)) != BW_OK ||
        (s = opt_date(L, org, "memory-safe-new-code-date", &rm->memory_safe_new_code_date)) !=
            BW_OK ||
        (s = opt_string(L, org, "training-plan", &rm->training_plan)) != BW_OK ||
        (s = opt_string(L, org, "transparency", &rm->transparency)) != BW_OK ||
        (s = opt_string(L, org, "cve-policy", &rm->cve_policy)) != BW_OK ||
        (s = opt_string(L, org, "dependency-plan", &rm->dependency_plan)) != BW_OK)
        return s;
    return BW_OK;
}

static bw_status default_phase_list(loader *L, bw_roadmap *rm) {
    size_t n = sizeof default_phases / sizeof default_phases[0];
    rm->phases = bw_calloc(n, sizeof *rm->phases);
    if (!rm->phases)
        return nomem(L);
    for (size_t i = 0; i < n; i++) {
        bw_rm_phase *p = &rm->phases[i];
        rm->phase_count++;
        p->name = bw_strdup(default_phases[i].name);
        p->description = bw_strdup(default_phases[i].description);
        if (!p->name || !p->description)
            return nomem(L);
        size_t c = 0;
        while (default_phases[i].criteria[c])
            c++;
        p->criteria = bw_calloc(c ? c : 1, sizeof *p->criteria);
        if (!p->criteria)
            return nomem(L);
        for (size_t j = 0; j < c; j++) {
            if (!(p->criteria[j] = bw_strdup(default_phases[i].criteria[j])))
                return nomem(L);
            p->criteria_count++;
        }
    }
    return BW_OK;
}

static bw_status load_phases(loader *L, bw_yaml_node node, bw_roadmap *rm) {
    static const char *const keys[] = {"name", "description", "criteria", NULL};
    bw_status s = want_kind(L, node, BW_YAML_SEQUENCE, "'phases'");
    if (s != BW_OK)
        return s;
    size_t n = bw_yaml_len(L->doc, node);
    if (n == 0)
        return bw_yaml_error(L->doc, node, L->err, "'phases' must list at least one phase");
    rm->phases = bw_calloc(n, sizeof *rm->phases);
    if (!rm->phases)
        return nomem(L);
    for (size_t i = 0; i < n; i++) {
        bw_yaml_node it = bw_yaml_at(L->doc, node, i);
        bw_rm_phase *p = &rm->phases[i];
        rm->phase_count++;
        if ((s = want_kind(L, it, BW_YAML_MAPPING, "a phase")) != BW_OK ||
            (s = check_keys(L, it, "phase", keys)) != BW_OK ||
            (s = req_string(L, it, "name", "phase", &p->name)) != BW_OK ||
            (s = opt_string(L, it, "description", &p->description)) != BW_OK)
            return s;
        for (size_t j = 0; j < i; j++)
            if (strcmp(rm->phases[j].name, p->name) == 0)
                return bw_yaml_error(L->doc, it, L->err, "phase '%s' is listed twice", p->name);
        bw_yaml_node crit = bw_yaml_get(L->doc, it, "criteria");
        if (crit) {
            if ((s = string_list(L, crit, "'criteria'", &p->criteria, &p->criteria_count)) != BW_OK)
                return s;
            for (size_t j = 0; j < p->criteria_count; j++) {
                if (!bw_criterion_describe(p->criteria[j])) {
                    bw_buf b = BW_BUF_INIT;
                    for (size_t k = 0; bw_criterion_id_at(k); k++)
                        bw_buf_printf(&b, "%s%s", k ? ", " : "", bw_criterion_id_at(k));
                    s = bw_yaml_error(L->doc, crit, L->err,
                                      "phase '%s': unknown criterion '%s' (known: %s)", p->name,
                                      p->criteria[j], b.data ? b.data : "");
                    bw_buf_free(&b);
                    return s;
                }
            }
        }
    }
    return BW_OK;
}

static bw_status load_component(loader *L, bw_yaml_node it, bw_roadmap *rm, bw_rm_component *c) {
    static const char *const keys[] = {"name", "paths", "owner", "isolation", "binaries",
                                       "plan", "dependencies", NULL};
    static const char *const mkeys[] = {"phase", "target", "done", NULL};
    static const char *const dkeys[] = {"name", "language", "status", "plan", NULL};
    bw_status s;
    c->line = bw_yaml_line(L->doc, it);
    if ((s = want_kind(L, it, BW_YAML_MAPPING, "a component")) != BW_OK ||
        (s = check_keys(L, it, "component", keys)) != BW_OK ||
        (s = req_string(L, it, "name", "component", &c->name)) != BW_OK ||
        (s = opt_string(L, it, "owner", &c->owner)) != BW_OK ||
        (s = opt_string(L, it, "isolation", &c->isolation)) != BW_OK)
        return s;
    bw_yaml_node paths = bw_yaml_get(L->doc, it, "paths");
    if (!paths)
        return bw_yaml_error(L->doc, it, L->err, "component '%s': 'paths' is required", c->name);
    if ((s = string_list(L, paths, "'paths'", &c->paths, &c->path_count)) != BW_OK)
        return s;
    if (c->path_count == 0)
        return bw_yaml_error(L->doc, paths, L->err, "component '%s': 'paths' is empty", c->name);
    for (size_t i = 0; i < c->path_count; i++)
        if (c->paths[i][0] == '/' || strstr(c->paths[i], ".."))
            return bw_yaml_error(L->doc, paths, L->err,
                                 "component '%s': path '%s' must be relative to the repository "
                                 "root and stay inside it",
                                 c->name, c->paths[i]);

    bw_yaml_node bins = bw_yaml_get(L->doc, it, "binaries");
    if (bins &&
        (s = string_list(L, bins, "'binaries'", &c->binaries, &c->binary_count)) != BW_OK)
        return s;

    bw_yaml_node plan = bw_yaml_get(L->doc, it, "plan");
    if (plan) {
        if ((s = want_kind(L, plan, BW_YAML_SEQUENCE, "'plan'")) != BW_OK)
            return s;
        size_t n = bw_yaml_len(L->doc, plan);
        c->plan = bw_calloc(n ? n : 1, sizeof *c->plan);
        if (!c->plan)
            return nomem(L);
        int last_phase = 0;
        for (size_t i = 0; i < n; i++) {
            bw_yaml_node m = bw_yaml_at(L->doc, plan, i);
            bw_rm_milestone *ms = &c->plan[i];
            c->plan_count++;
            ms->line = bw_yaml_line(L->doc, m);
            if ((s = want_kind(L, m, BW_YAML_MAPPING, "a plan step")) != BW_OK ||
                (s = check_keys(L, m, "plan step", mkeys)) != BW_OK ||
                (s = req_string(L, m, "phase", "plan step", &ms->phase)) != BW_OK)
                return s;
            if (!bw_yaml_get(L->doc, m, "target"))
                return bw_yaml_error(L->doc, m, L->err,
                                     "component '%s': phase '%s' needs a 'target' date", c->name,
                                     ms->phase);
            if ((s = opt_date(L, m, "target", &ms->target)) != BW_OK)
                return s;
            bw_yaml_node done = bw_yaml_get(L->doc, m, "done");
            if (done && (s = bw_yaml_read_bool(L->doc, done, &ms->done, L->err)) != BW_OK)
                return s;
            int idx = bw_roadmap_phase_index(rm, ms->phase);
            bw_yaml_node pn = bw_yaml_get(L->doc, m, "phase");
            if (idx < 0)
                return bw_yaml_error(L->doc, pn, L->err, "component '%s': unknown phase '%s'",
                                     c->name, ms->phase);
            if (idx == 0)
                return bw_yaml_error(L->doc, pn, L->err,
                                     "component '%s': '%s' is the starting phase; plan the "
                                     "phases after it",
                                     c->name, ms->phase);
            if (idx <= last_phase)
                return bw_yaml_error(L->doc, pn, L->err,
                                     "component '%s': phase '%s' is out of order or repeated "
                                     "(phases go %s)",
                                     c->name, ms->phase, "in the order of 'phases'");
            if (i > 0) {
                long a, b;
                bw_rm_parse_date(c->plan[i - 1].target, &a);
                bw_rm_parse_date(ms->target, &b);
                if (b < a)
                    return bw_yaml_error(L->doc, bw_yaml_get(L->doc, m, "target"), L->err,
                                         "component '%s': target of '%s' (%s) is before the "
                                         "target of '%s' (%s)",
                                         c->name, ms->phase, ms->target, c->plan[i - 1].phase,
                                         c->plan[i - 1].target);
            }
            last_phase = idx;
        }
    }

    bw_yaml_node deps = bw_yaml_get(L->doc, it, "dependencies");
    if (deps) {
        if ((s = want_kind(L, deps, BW_YAML_SEQUENCE, "'dependencies'")) != BW_OK)
            return s;
        size_t n = bw_yaml_len(L->doc, deps);
        c->deps = bw_calloc(n ? n : 1, sizeof *c->deps);
        if (!c->deps)
            return nomem(L);
        for (size_t i = 0; i < n; i++) {
            bw_yaml_node d = bw_yaml_at(L->doc, deps, i);
            bw_rm_dependency *dep = &c->deps[i];
            c->dep_count++;
            dep->line = bw_yaml_line(L->doc, d);
            if ((s = want_kind(L, d, BW_YAML_MAPPING, "a dependency")) != BW_OK ||
                (s = check_keys(L, d, "dependency", dkeys)) != BW_OK ||
                (s = req_string(L, d, "name", "dependency", &dep->name)) != BW_OK ||
                (s = opt_string(L, d, "language", &dep->language)) != BW_OK ||
                (s = req_string(L, d, "status", "dependency", &dep->status)) != BW_OK ||
                (s = opt_string(L, d, "plan", &dep->plan)) != BW_OK)
                return s;
        }
    }
    return BW_OK;
}

static bw_status load_doc(loader *L, bw_roadmap *rm) {
    static const char *const keys[] = {"version", "organization", "phases", "components", NULL};
    bw_yaml_node root = bw_yaml_root(L->doc);
    bw_status s;
    if (!root)
        return bw_error_set(L->err, BW_ERR_PARSE, "%s: the roadmap file is empty", rm->source);
    if ((s = want_kind(L, root, BW_YAML_MAPPING, "the roadmap file")) != BW_OK ||
        (s = check_keys(L, root, "roadmap", keys)) != BW_OK)
        return s;
    bw_yaml_node ver = bw_yaml_get(L->doc, root, "version");
    if (!ver)
        return bw_yaml_error(L->doc, root, L->err, "'version: %d' is required",
                             BW_ROADMAP_FILE_VERSION);
    long v;
    if ((s = bw_yaml_read_long(L->doc, ver, 1, 1000000, &v, L->err)) != BW_OK)
        return s;
    if (v > BW_ROADMAP_FILE_VERSION)
        return bw_yaml_error(L->doc, ver, L->err,
                             "roadmap format version %ld is newer than this Bulwark reads (%d)", v,
                             BW_ROADMAP_FILE_VERSION);
    bw_yaml_node org = bw_yaml_get(L->doc, root, "organization");
    if (org && (s = load_org(L, org, rm)) != BW_OK)
        return s;
    bw_yaml_node phases = bw_yaml_get(L->doc, root, "phases");
    if ((s = phases ? load_phases(L, phases, rm) : default_phase_list(L, rm)) != BW_OK)
        return s;
    bw_yaml_node comps = bw_yaml_get(L->doc, root, "components");
    if (!comps)
        return bw_yaml_error(L->doc, root, L->err, "'components' is required");
    if ((s = want_kind(L, comps, BW_YAML_SEQUENCE, "'components'")) != BW_OK)
        return s;
    size_t n = bw_yaml_len(L->doc, comps);
    if (n == 0)
        return bw_yaml_error(L->doc, comps, L->err, "'components' lists no component");
    rm->components = bw_calloc(n, sizeof *rm->components);
    if (!rm->components)
        return nomem(L);
    for (size_t i = 0; i < n; i++) {
        bw_yaml_node it = bw_yaml_at(L->doc, comps, i);
        rm->component_count++;
        if ((s = load_component(L, it, rm, &rm->components[i])) != BW_OK)
            return s;
        for (size_t j = 0; j < i; j++)
            if (strcmp(rm->components[j].name, rm->components[i].name) == 0)
                return bw_yaml_error(L->doc, it, L->err,
                                     "component '%s' is declared twice (first on line %u)",
                                     rm->components[i].name, rm->components[j].line);
    }
    return BW_OK;
}

static bw_status finish_load(bw_yaml *doc, const char *name, bw_roadmap **out, bw_error *err) {
    bw_roadmap *rm = bw_calloc(1, sizeof *rm);
    bw_status s;
    if (!rm || !(rm->source = bw_strdup(name))) {
        s = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        goto done;
    }
    loader L = {doc, err};
    s = load_doc(&L, rm);
done:
    bw_yaml_free(doc);
    if (s != BW_OK) {
        bw_roadmap_free(rm);
        return s;
    }
    *out = rm;
    return BW_OK;
}

bw_status bw_roadmap_load_file(const char *path, bw_roadmap **out, bw_error *err) {
    *out = NULL;
    bw_yaml *doc = NULL;
    bw_status s = bw_yaml_load_file(path, &doc, err);
    if (s != BW_OK)
        return s;
    return finish_load(doc, path, out, err);
}

bw_status bw_roadmap_load_string(const char *text, size_t len, const char *name,
                                 bw_roadmap **out, bw_error *err) {
    *out = NULL;
    bw_yaml *doc = NULL;
    bw_status s = bw_yaml_load_string(text, len, name, &doc, err);
    if (s != BW_OK)
        return s;
    return finish_load(doc, name, out, err);
}

bw_status bw_roadmap_find_root(const char *start, char **out, bw_error *err) {
    *out = NULL;
    char *abs = realpath(start ? start : ".", NULL);
    if (!abs)
        return bw_error_set(err, BW_ERR_IO, "%s: no such directory", start ? start : ".");
    size_t len = strlen(abs);
    bw_buf probe = BW_BUF_INIT;
    for (;;) {
        probe.len = 0;
        bw_buf_append(&probe, abs, len);
        bw_buf_puts(&probe, len == 1 ? ".git" : "/.git");
        struct stat sb;
        if (probe.data && !probe.failed && lstat(probe.data, &sb) == 0) {
            *out = bw_strndup(abs, len);
            break;
        }
        if (len <= 1)
            break;
        while (len > 1 && abs[len - 1] != '/')
            len--;
        if (len > 1)
            len--; /* drop the slash */
    }
    bw_buf_free(&probe);
    if (!*out)
        *out = bw_strdup(abs);
    free(abs); /* from realpath */
    return *out ? BW_OK : bw_error_set(err, BW_ERR_NOMEM, "out of memory");
}

/* ---- globs ---------------------------------------------------------------------------- */

static bool class_match(const char **pp, char c) {
    const char *p = *pp + 1; /* after '[' */
    bool neg = false, hit = false;
    if (*p == '!' || *p == '^') {
        neg = true;
        p++;
    }
    bool first = true;
    while (*p && (*p != ']' || first)) {
        first = false;
        char lo = *p, hi = *p;
        if (p[1] == '-' && p[2] && p[2] != ']') {
            hi = p[2];
            p += 2;
        }
        if (c >= lo && c <= hi)
            hit = true;
        p++;
    }
    if (*p != ']')
        return false; /* unterminated: treated as no match */
    *pp = p + 1;
    return hit != neg;
}

static bool glob_rec(const char *p, const char *s, int depth) {
    if (depth > 64)
        return false;
    while (*p) {
        if (p[0] == '*' && p[1] == '*') {
            const char *rest = p + 2;
            if (*rest == '/')
                rest++;
            /* "**" at the end matches everything. */
            if (!*rest)
                return true;
            /* Try the rest at this position and after every '/'. */
            for (const char *t = s;; t++) {
                if ((t == s || t[-1] == '/') && glob_rec(rest, t, depth + 1))
                    return true;
                if (!*t)
                    return false;
            }
        }
        if (*p == '*') {
            p++;
            for (const char *t = s;; t++) {
                if (glob_rec(p, t, depth + 1))
                    return true;
                if (!*t || *t == '/')
                    return false;
            }
        }
        if (!*s)
            return false;
        if (*p == '?') {
            if (*s == '/')
                return false;
        } else if (*p == '[') {
            if (*s == '/' || !class_match(&p, *s))
                return false;
            s++;
            continue;
        } else if (*p != *s) {
            return false;
        }
        p++;
        s++;
    }
    return *s == '\0';
}

bool bw_glob_match(const char *pattern, const char *path) {
    if (!pattern || !path)
        return false;
    while (pattern[0] == '.' && pattern[1] == '/')
        pattern += 2;
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    size_t n = strlen(pattern);
    if (!strpbrk(pattern, "*?[")) {
        /* A literal path names a file or a directory and everything below it. */
        while (n > 1 && pattern[n - 1] == '/')
            n--;
        return strncmp(pattern, path, n) == 0 && (path[n] == '\0' || path[n] == '/');
    }
    if (n > 0 && pattern[n - 1] == '/') {
        /* "dir/" means everything below dir. */
        char buf[4096];
        if (n + 2 >= sizeof buf)
            return false;
        memcpy(buf, pattern, n);
        buf[n] = '*';
        buf[n + 1] = '*';
        buf[n + 2] = '\0';
        return glob_rec(buf, path, 0);
    }
    return glob_rec(pattern, path, 0);
}

int bw_roadmap_component_for(const bw_roadmap *rm, const char *relpath) {
    for (size_t i = 0; rm && i < rm->component_count; i++)
        for (size_t j = 0; j < rm->components[i].path_count; j++)
            if (bw_glob_match(rm->components[i].paths[j], relpath))
                return (int)i;
    return -1;
}

int bw_roadmap_component_for_binary(const bw_roadmap *rm, const char *name) {
    if (!rm || !name)
        return -1;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    for (size_t i = 0; i < rm->component_count; i++)
        for (size_t j = 0; j < rm->components[i].binary_count; j++)
            if (bw_glob_match(rm->components[i].binaries[j], name) ||
                bw_glob_match(rm->components[i].binaries[j], base))
                return (int)i;
    return -1;
}

/* ---- the starter file ------------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool skip_dir(const char *name) {
    static const char *const skip[] = {"build",  "out",   "dist", "node_modules", "target",
                                       "vendor", "third_party", "_build", NULL};
    if (name[0] == '.')
        return true;
    if (strncmp(name, "build", 5) == 0 || strncmp(name, "cmake-build", 11) == 0)
        return true;
    for (size_t i = 0; skip[i]; i++)
        if (strcmp(name, skip[i]) == 0)
            return true;
    return false;
}

/* True when dir holds a source file somewhere within a few levels. */
static bool has_source(const char *dir, int depth) {
    if (depth > 6)
        return false;
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        bw_buf p = BW_BUF_INIT;
        bw_buf_printf(&p, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (p.data && lstat(p.data, &sb) == 0) {
            if (S_ISDIR(sb.st_mode))
                found = has_source(p.data, depth + 1);
            else if (S_ISREG(sb.st_mode) && bw_language_for_path(e->d_name) >= 0)
                found = true;
        }
        bw_buf_free(&p);
    }
    closedir(d);
    return found;
}

static void yaml_quoted(bw_buf *b, const char *s) {
    bw_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            bw_buf_printf(b, "\\%c", *p);
        else if (*p < 0x20)
            bw_buf_printf(b, "\\x%02x", *p);
        else
            bw_buf_putc(b, (char)*p);
    }
    bw_buf_putc(b, '"');
}

bw_status bw_roadmap_starter(const char *root, char **out, bw_error *err) {
    *out = NULL;
    DIR *d = opendir(root);
    if (!d)
        return bw_error_set(err, BW_ERR_IO, "%s: cannot read directory", root);
    char **names = NULL;
    size_t n = 0, cap = 0;
    bool root_files = false;
    bw_status s = BW_OK;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        bw_buf p = BW_BUF_INIT;
        bw_buf_printf(&p, "%s/%s", root, e->d_name);
        struct stat sb;
        bool dir = p.data && lstat(p.data, &sb) == 0 && S_ISDIR(sb.st_mode);
        bool reg = p.data && lstat(p.data, &sb) == 0 && S_ISREG(sb.st_mode);
        if (reg && e->d_name[0] != '.' && bw_language_for_path(e->d_name) >= 0)
            root_files = true;
        if (dir && !skip_dir(e->d_name) && has_source(p.data, 0)) {
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 16;
                char **nn = bw_reallocarray(names, nc, sizeof *nn);
                if (!nn) {
                    bw_buf_free(&p);
                    s = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
                    break;
                }
                names = nn;
                cap = nc;
            }
            if (!(names[n] = bw_strdup(e->d_name))) {
                bw_buf_free(&p);
                s = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
                break;
            }
            n++;
        }
        bw_buf_free(&p);
    }
    closedir(d);
    if (s == BW_OK) {
        if (n)
            qsort(names, n, sizeof *names, cmp_str);
        char today[16];
        bw_rm_today(today);
        bw_buf b = BW_BUF_INIT;
        bw_buf_printf(
            &b,
            "# Bulwark memory-safety roadmap (docs/roadmap.md explains every key).\n"
            "# It follows CISA's \"The Case for Memory Safe Roadmaps\": phases with dates\n"
            "# and outcomes, the date after which new code is memory-safe, a training\n"
            "# plan, a plan for external C/C++ dependencies, regular public updates,\n"
            "# CWEs on every CVE, and a named senior executive owner.\n"
            "# Check it with `bulwark roadmap check`; measure with `bulwark roadmap snapshot`.\n"
            "version: %d\n\n"
            "organization:\n"
            "  name: \"Example Corp\"                        # TODO\n"
            "  executive-sponsor: \"Name, title\"          # TODO: the senior executive who owns it\n"
            "  memory-safe-new-code-date: %s         # TODO: new code memory-safe after this\n"
            "  training-plan: \"TODO: how developers learn a memory-safe language\"\n"
            "  transparency: \"TODO: e.g. quarterly public update of this report\"\n"
            "  cve-policy: \"TODO: e.g. a CWE on every CVE we publish\"\n"
            "  dependency-plan: \"TODO: how external C/C++ dependencies are handled\"\n\n"
            "# Phases in order (these are the defaults; uncomment to change them).\n"
            "# Criteria are measured; a phase counts as done only when they hold.\n"
            "# phases:\n",
            BW_ROADMAP_FILE_VERSION, today);
        for (size_t i = 0; i < sizeof default_phases / sizeof default_phases[0]; i++) {
            bw_buf_printf(&b, "#   - name: %s\n", default_phases[i].name);
            if (default_phases[i].criteria[0]) {
                bw_buf_puts(&b, "#     criteria: [");
                for (size_t j = 0; default_phases[i].criteria[j]; j++)
                    bw_buf_printf(&b, "%s%s", j ? ", " : "", default_phases[i].criteria[j]);
                bw_buf_puts(&b, "]\n");
            }
        }
        bw_buf_puts(&b, "\ncomponents:\n");
        if (n == 0 || root_files) {
            bw_buf_printf(&b, "  - name: %s\n    paths: [\"*\"]   # files at the top level\n",
                          n == 0 ? "main" : "top-level");
            bw_buf_puts(&b, "    owner: \"TODO\"\n    plan:\n"
                            "      - phase: hardened\n        target: 2026-12-31   # TODO\n");
        }
        for (size_t i = 0; i < n; i++) {
            bw_buf_puts(&b, "  - name: ");
            yaml_quoted(&b, names[i]);
            bw_buf_puts(&b, "\n    paths: [");
            bw_buf q = BW_BUF_INIT;
            bw_buf_printf(&q, "%s/**", names[i]);
            if (q.data)
                yaml_quoted(&b, q.data);
            else
                b.failed = true;
            bw_buf_free(&q);
            bw_buf_puts(&b, "]\n    owner: \"TODO\"\n"
                            "    # isolation: \"how it is sandboxed or bounded\"\n"
                            "    plan:\n"
                            "      - phase: hardened\n        target: 2026-12-31   # TODO\n"
                            "      # - phase: isolated\n      #   target: 2027-06-30\n"
                            "    # dependencies:\n"
                            "    #   - {name: zlib, language: C, status: \"vendored\", plan: "
                            "\"TODO\"}\n");
        }
        if (bw_buf_status(&b) != BW_OK) {
            bw_buf_free(&b);
            s = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        } else {
            *out = bw_buf_take(&b);
        }
    }
    for (size_t i = 0; i < n; i++)
        bw_free(names[i]);
    bw_free(names);
    return s;
}
