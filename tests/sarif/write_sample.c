/* write_sample.c — writes a SARIF log full of hostile strings, flows, fixes,
 * suppressions and loosenings, for validation by Microsoft's SARIF Multitool.
 * usage: write_sample <out.sarif> */
#include <stdio.h>

#include "bulwark/output.h"

#define HOSTILE "q\"uo'te \\back\nnew\tline \x01\x1b[31m <script>alert(1)</script> bad\xFF utf \xE2\x80\x8F"

static const bw_rule_info sql_rule = {
    "BW-SQL-INJECTION", "SQL query built from untrusted data", "Finds SQL text built from untrusted data.",
    {89, 0}, BW_SEV_ERROR, "9.8", "# BW-SQL-INJECTION\n\nUse bind parameters.\n"};
static const bw_rule_info xss_rule = {
    "BW-XSS", "Untrusted data written into HTML", "Finds HTML output of unescaped data.",
    {79, 80, 0}, BW_SEV_ERROR, "7.5", NULL};
static const bw_rule_info *const rules[] = {&sql_rule, &xss_rule};

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    bw_findings findings = BW_FINDINGS_INIT;
    bw_loosenings loosenings = BW_LOOSENINGS_INIT;
    bw_location loc = {(char *)"/src/proj/dir with space/" HOSTILE ".c", 12, 5, 12, 30};
    bw_location src = {(char *)"/src/proj/main.c", 3, 14, 3, 18};
    bw_location outside = {(char *)"/usr/include/other.h", 7, 1, 0, 0};
    bw_finding *f = bw_finding_new("BW-SQL-INJECTION", BW_SEV_ERROR, "query from " HOSTILE, &loc);
    if (f == NULL || bw_finding_add_step(f, &src, "argv " HOSTILE) != BW_OK ||
        bw_finding_add_step(f, &outside, "through a header") != BW_OK ||
        bw_finding_add_step(f, &loc, "reaches sqlite3_exec()") != BW_OK ||
        bw_finding_set_code(f, "sqlite3_exec(db, q, 0, 0, 0);") != BW_OK ||
        bw_finding_set_fix(f, "bind with sqlite3_bind_text", &loc, "?") != BW_OK ||
        bw_findings_push(&findings, f) != BW_OK)
        return 3;
    bw_location rel = {(char *)"rel/other.c", 1, 1, 0, 0};
    bw_finding *g = bw_finding_new("BW-XSS", BW_SEV_WARNING, "unknown origin", &rel);
    if (g == NULL || bw_finding_set_suppression(g, "reviewed " HOSTILE) != BW_OK ||
        bw_findings_push(&findings, g) != BW_OK)
        return 3;
    bw_location cfg = {(char *)"/src/proj/.bulwark.yaml", 4, 3, 0, 0};
    if (bw_loosenings_add(&loosenings, "rule-disabled", "BW-FORMAT-STRING", "legacy " HOSTILE, &cfg) != BW_OK)
        return 3;
    bw_findings_sort(&findings);
    if (bw_findings_fingerprint(&findings) != BW_OK)
        return 3;
    bw_report report = {&findings, rules, 2, &loosenings, "0.1.0", "/src/proj", BW_SEV_NOTE, 2, 0};
    FILE *out = fopen(argv[1], "w");
    if (out == NULL)
        return 2;
    bw_status st = bw_write_sarif(out, &report);
    if (fclose(out) != 0 || st != BW_OK)
        return 3;
    bw_findings_free(&findings);
    bw_loosenings_free(&loosenings);
    return 0;
}
