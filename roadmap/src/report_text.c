/*
 * report_text.c — the Markdown report (for publishing the roadmap) and the
 * terminal summary of `bulwark roadmap status`.
 */
#include <string.h>

#include "internal.h"
#include "report.h"

static void md(bw_buf *b, const char *s) { bw_rm_md_escape(b, s); }

static void md_or(bw_buf *b, const char *s, const char *missing) {
    if (s && *s) {
        md(b, s);
    } else {
        bw_buf_puts(b, "**");
        md(b, missing);
        bw_buf_puts(b, "**");
    }
}

/* Terminal text: control characters and bidi controls are made visible so
 * a hostile name cannot rewrite the terminal. */
static void term(bw_buf *b, const char *s) {
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            bw_buf_printf(b, "\\x%02x", *p);
        } else if (p[0] == 0xe2 && p[1] == 0x80 &&
                   (p[2] == 0x8e || p[2] == 0x8f || (p[2] >= 0xaa && p[2] <= 0xae))) {
            bw_buf_printf(b, "[U+%04X]", 0x2000u + (unsigned)(p[2] - 0x80));
            p += 2;
        } else if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9) {
            bw_buf_printf(b, "[U+%04X]", 0x2040u + (unsigned)(p[2] - 0x80));
            p += 2;
        } else {
            bw_buf_putc(b, (char)*p);
        }
    }
}

static void md_product(bw_buf *b, json_t *p, bool many) {
    json_t *t = json_object_get(p, "totals");
    json_t *org = json_object_get(p, "organization");
    bw_buf_puts(b, many ? "## " : "# ");
    md(b, js(p, "name"));
    bw_buf_puts(b, ": memory-safety roadmap\n\n");
    bw_buf_puts(b, "Snapshot ");
    md(b, js(p, "snapshot_time"));
    bw_buf_puts(b, ", commit `");
    md(b, js(p, "git_commit") ? js(p, "git_commit") : "(not in git)");
    bw_buf_printf(b, "`, %lld snapshots recorded.\n\n", (long long)ji(p, "snapshots"));

    const char *h = many ? "###" : "##";
    bw_buf_printf(b, "%s Commitments\n\n", h);
    static const struct {
        const char *key, *label, *missing;
    } items[] = {
        {"executive_sponsor", "Executive owner", "not named"},
        {"memory_safe_new_code_date", "New code in memory-safe languages from", "no date set"},
        {"training_plan", "Developer training plan", "none"},
        {"dependency_plan", "External C/C++ dependencies", "no plan"},
        {"transparency", "Public updates", "no cadence set"},
        {"cve_policy", "CVE policy", "none"},
    };
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        bw_buf_printf(b, "- %s: ", items[i].label);
        md_or(b, js(org, items[i].key), items[i].missing);
        bw_buf_puts(b, "\n");
    }
    json_int_t tus = ji(t, "tu_total");
    bw_buf_printf(b, "\n%s Summary\n\n", h);
    bw_buf_printf(b, "- Memory-safe share of code: %.1f%%\n", jr(t, "memory_safe_share") * 100);
    bw_buf_printf(b, "- Lines of C, C++ and assembly: %lld; in memory-safe languages: %lld\n",
                  (long long)ji(t, "lines_unsafe"), (long long)ji(t, "lines_safe"));
    bw_buf_printf(b, "- Unsafe constructs in C/C++: %lld\n", (long long)ji(t, "unsafe_constructs"));
    bw_buf_printf(b, "- Open findings: %lld (%lld of severity error); baseline: %lld\n",
                  (long long)ji(t, "findings_open"), (long long)ji(t, "findings_high"),
                  (long long)ji(t, "baseline_size"));
    if (tus)
        bw_buf_printf(b, "- Compile units built hardened: %lld of %lld (%.1f%%)\n",
                      (long long)ji(t, "tu_hardened"), (long long)tus,
                      100.0 * (double)ji(t, "tu_hardened") / (double)tus);
    else
        bw_buf_puts(b, "- Compile units built hardened: none recorded\n");
    bw_buf_printf(b, "- Runtime violations recorded: %lld (%lld in report-only mode)\n",
                  (long long)ji(t, "runtime_violations"), (long long)ji(t, "runtime_report_only"));
    bw_buf_printf(b, "- Components late: %lld of %lld\n\n", (long long)ji(t, "components_late"),
                  (long long)ji(t, "components"));

    bw_buf_printf(b, "%s Components\n\n", h);
    bw_buf_puts(b, "| Component | Owner | Phase | Next milestone | Status | Memory-safe | "
                   "C/C++/asm lines | Open findings (error) | Hardened TUs |\n"
                   "|---|---|---|---|---|---:|---:|---:|---:|\n");
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(p, "components"), i, c) {
        bw_buf_puts(b, "| ");
        md(b, js(c, "name"));
        bw_buf_puts(b, " | ");
        md(b, js(c, "owner") ? js(c, "owner") : "");
        bw_buf_puts(b, " | ");
        md(b, js(c, "phase") ? js(c, "phase") : "not measured");
        bw_buf_puts(b, " | ");
        if (js(c, "next_phase")) {
            md(b, js(c, "next_phase"));
            bw_buf_puts(b, " by ");
            md(b, js(c, "next_target"));
        }
        bw_buf_puts(b, " | ");
        const char *st = js(c, "status");
        if (st && strcmp(st, "late") == 0)
            bw_buf_puts(b, "**LATE**");
        else
            md(b, st);
        bw_buf_printf(b, " | %.1f%% | %lld | %lld (%lld) | %lld / %lld |\n",
                      jr(c, "memory_safe_share") * 100, (long long)ji(c, "lines_unsafe"),
                      (long long)ji(c, "findings_open"), (long long)ji(c, "findings_high"),
                      (long long)ji(c, "tu_hardened"), (long long)ji(c, "tu_total"));
    }
    bw_buf_printf(b, "\n%s Milestones\n\n", h);
    json_array_foreach(json_object_get(p, "components"), i, c) {
        size_t k;
        json_t *m;
        json_array_foreach(json_object_get(c, "milestones"), k, m) {
            bw_buf_puts(b, "- ");
            md(b, js(c, "name"));
            bw_buf_puts(b, ": ");
            md(b, js(m, "phase"));
            bw_buf_puts(b, " by ");
            md(b, js(m, "target"));
            bw_buf_puts(b, " — ");
            const char *st = js(m, "status");
            if (st && (strcmp(st, "late") == 0 || strcmp(st, "blocked") == 0)) {
                bw_buf_puts(b, "**");
                md(b, st);
                bw_buf_puts(b, "**");
            } else {
                md(b, st);
            }
            size_t q;
            json_t *cr;
            json_array_foreach(json_object_get(m, "criteria"), q, cr) {
                if (json_is_true(json_object_get(cr, "holds")))
                    continue;
                bw_buf_puts(b, "; failing `");
                md(b, js(cr, "id"));
                bw_buf_puts(b, "`: ");
                md(b, js(cr, "detail"));
            }
            bw_buf_puts(b, "\n");
        }
    }
    bw_buf_printf(b, "\n%s External dependencies\n\n", h);
    bool any = false;
    json_array_foreach(json_object_get(p, "components"), i, c) {
        size_t k;
        json_t *d;
        json_array_foreach(json_object_get(c, "dependencies"), k, d) {
            any = true;
            bw_buf_puts(b, "- ");
            md(b, js(c, "name"));
            bw_buf_puts(b, ": ");
            md(b, js(d, "name"));
            if (js(d, "language")) {
                bw_buf_puts(b, " (");
                md(b, js(d, "language"));
                bw_buf_puts(b, ")");
            }
            bw_buf_puts(b, " — ");
            md(b, js(d, "status"));
            if (js(d, "plan")) {
                bw_buf_puts(b, "; plan: ");
                md(b, js(d, "plan"));
            }
            bw_buf_puts(b, "\n");
        }
    }
    if (!any)
        bw_buf_puts(b, "None declared.\n");

    bw_buf_printf(b, "\n%s Loosenings in force\n\n", h);
    json_t *ls = json_object_get(p, "loosenings");
    if (json_array_size(ls) == 0)
        bw_buf_puts(b, "None recorded.\n");
    json_t *l;
    json_array_foreach(ls, i, l) {
        bw_buf_puts(b, "- ");
        md(b, js(l, "kind"));
        bw_buf_puts(b, ": `");
        md(b, js(l, "subject"));
        bw_buf_puts(b, "`");
        if (js(l, "file")) {
            bw_buf_puts(b, " at ");
            md(b, js(l, "file"));
            if (ji(l, "line") > 0)
                bw_buf_printf(b, ":%lld", (long long)ji(l, "line"));
        }
        bw_buf_puts(b, " — reason: ");
        md_or(b, js(l, "reason"), "none given");
        if (ji(l, "occurrences") > 1)
            bw_buf_printf(b, " (%lld times)", (long long)ji(l, "occurrences"));
        bw_buf_puts(b, "\n");
    }
    bw_buf_puts(b, "\n");
}

void bw_rm_render_markdown(bw_buf *b, json_t *root) {
    json_t *products = json_object_get(root, "products");
    size_t np = json_array_size(products);
    if (np > 1) {
        bw_buf_puts(b, "# Memory-safety roadmap\n\n| Product | Memory-safe | C/C++/asm lines | "
                       "Components late | Open findings |\n|---|---:|---:|---:|---:|\n");
        size_t i;
        json_t *p;
        json_array_foreach(products, i, p) {
            json_t *t = json_object_get(p, "totals");
            bw_buf_puts(b, "| ");
            md(b, js(p, "name"));
            bw_buf_printf(b, " | %.1f%% | %lld | %lld | %lld |\n",
                          jr(t, "memory_safe_share") * 100, (long long)ji(t, "lines_unsafe"),
                          (long long)ji(t, "components_late"), (long long)ji(t, "findings_open"));
        }
        bw_buf_puts(b, "\n");
    }
    size_t i;
    json_t *p;
    json_array_foreach(products, i, p) md_product(b, p, np > 1);
    bw_buf_puts(b, "_Generated ");
    md(b, js(root, "generated_at"));
    bw_buf_puts(b, "; milestones judged as of ");
    md(b, js(root, "as_of"));
    bw_buf_puts(b, "._\n");
}

void bw_rm_render_status(bw_buf *b, json_t *root) {
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(root, "products"), i, p) {
        json_t *t = json_object_get(p, "totals");
        term(b, js(p, "name"));
        bw_buf_printf(b, ": %.1f%% memory-safe, %lld lines of C/C++/asm, %lld open findings "
                         "(%lld error), %lld of %lld components late, %zu loosenings\n",
                      jr(t, "memory_safe_share") * 100, (long long)ji(t, "lines_unsafe"),
                      (long long)ji(t, "findings_open"), (long long)ji(t, "findings_high"),
                      (long long)ji(t, "components_late"), (long long)ji(t, "components"),
                      json_array_size(json_object_get(p, "loosenings")));
        size_t k;
        json_t *c;
        json_array_foreach(json_object_get(p, "components"), k, c) {
            const char *st = js(c, "status");
            bw_buf_puts(b, "  ");
            term(b, js(c, "name"));
            bw_buf_puts(b, ": ");
            term(b, js(c, "phase") ? js(c, "phase") : "not measured");
            if (js(c, "next_phase")) {
                bw_buf_puts(b, " -> ");
                term(b, js(c, "next_phase"));
                bw_buf_puts(b, " by ");
                term(b, js(c, "next_target"));
            }
            bw_buf_puts(b, ", ");
            bw_buf_puts(b, st && strcmp(st, "late") == 0 ? "LATE" : (st ? st : "?"));
            bw_buf_printf(b, "; %.1f%% memory-safe, %lld unsafe lines, %lld unsafe constructs, "
                             "%lld findings (%lld error), %lld/%lld TUs hardened, %lld runtime "
                             "violations\n",
                          jr(c, "memory_safe_share") * 100, (long long)ji(c, "lines_unsafe"),
                          (long long)ji(c, "unsafe_constructs"), (long long)ji(c, "findings_open"),
                          (long long)ji(c, "findings_high"), (long long)ji(c, "tu_hardened"),
                          (long long)ji(c, "tu_total"), (long long)ji(c, "runtime_violations"));
            size_t q;
            json_t *m;
            json_array_foreach(json_object_get(c, "milestones"), q, m) {
                const char *ms = js(m, "status");
                if (!ms || (strcmp(ms, "late") != 0 && strcmp(ms, "blocked") != 0))
                    continue;
                size_t r;
                json_t *cr;
                json_array_foreach(json_object_get(m, "criteria"), r, cr) {
                    if (json_is_true(json_object_get(cr, "holds")))
                        continue;
                    bw_buf_puts(b, "      ");
                    term(b, js(m, "phase"));
                    bw_buf_puts(b, " (");
                    term(b, ms);
                    bw_buf_puts(b, "): criterion ");
                    term(b, js(cr, "id"));
                    bw_buf_puts(b, " fails: ");
                    term(b, js(cr, "detail"));
                    bw_buf_puts(b, "\n");
                }
            }
        }
        json_t *l;
        json_array_foreach(json_object_get(p, "loosenings"), k, l) {
            bw_buf_puts(b, "  loosening: ");
            term(b, js(l, "kind"));
            bw_buf_puts(b, " ");
            term(b, js(l, "subject"));
            bw_buf_puts(b, " — ");
            term(b, js(l, "reason") ? js(l, "reason") : "no reason given");
            bw_buf_puts(b, "\n");
        }
    }
}
