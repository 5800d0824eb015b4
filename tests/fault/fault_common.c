/* fault_common.c — one pass over common/'s whole public API, written so that
 * every call may fail and everything is released on every path.
 * tests/fault/run_faults.sh runs it failing the 1st, 2nd, ... allocation:
 * each run must end with a clean status, no leak and no crash, and a run in
 * which no failure was injected must succeed completely.
 * usage: fault_common <scratch-dir> */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/config.h"
#include "bulwark/file.h"
#include "bulwark/output.h"
#include "bulwark/text.h"

static const char config_text[] =
    "version: 1\nfail-level: warning\nrules:\n"
    "  BW-XSS: {enabled: false, reason: \"no html <here>\"}\n"
    "  BW-FORMAT-STRING: {severity: warning, reason: legacy}\n"
    "compile-flags: [-Iinclude, -DX=1]\nwerror: error\ntaint:\n  sinks: []\n";

static const bw_rule_info rule = {"BW-SQL-INJECTION", "SQL", "SQL built from data", {89, 0},
                                  BW_SEV_ERROR, "9.8", "# doc\n"};
static const bw_rule_info *const rules[] = {&rule};

static bw_status build_findings(bw_findings *list)
{
    for (unsigned i = 0; i < 3; i++) {
        bw_location loc = {(char *)"/src/p/a b.c", 10 + i, 2, 10 + i, 8};
        bw_finding *f = bw_finding_new("BW-SQL-INJECTION", BW_SEV_ERROR, "query \xFF <x>", &loc);
        if (f == NULL)
            return BW_ERR_NOMEM;
        bw_status st = bw_finding_add_step(f, &loc, "from argv");
        if (st == BW_OK)
            st = bw_finding_set_function(f, "run");
        if (st == BW_OK)
            st = bw_finding_set_code(f, "sqlite3_exec(db, q, 0, 0, 0);");
        if (st == BW_OK)
            st = bw_finding_set_fix(f, "bind", &loc, "?");
        if (st == BW_OK && i == 2)
            st = bw_finding_set_suppression(f, "reviewed");
        if (st != BW_OK) {
            bw_finding_free(f);
            return st;
        }
        bw_finding *copy = bw_finding_clone(f);
        bw_finding_free(f);
        if (copy == NULL)
            return BW_ERR_NOMEM;
        if ((st = bw_findings_push(list, copy)) != BW_OK)
            return st;
    }
    bw_findings_sort(list);
    return bw_findings_fingerprint(list);
}

static bw_status write_all_formats(const bw_findings *findings, const bw_loosenings *ls)
{
    bw_report report = {findings, rules, 1, ls, "0.1.0", "/src/p", BW_SEV_NOTE, 1, 0};
    bw_text_options opts = {false, false, true};
    FILE *sink = fopen("/dev/null", "w");
    if (sink == NULL)
        return BW_ERR_IO;
    bw_status st = bw_write_json(sink, &report);
    if (st == BW_OK)
        st = bw_write_sarif(sink, &report);
    if (st == BW_OK)
        st = bw_write_text(sink, &report, &opts);
    fclose(sink);
    return st;
}

static bw_status config_round(const char *dir, bw_loosenings *ls)
{
    bw_error err = {0};
    char *path = bw_path_join(dir, BW_CONFIG_FILENAME);
    if (path == NULL)
        return BW_ERR_NOMEM;
    bw_status st = bw_file_write_atomic(path, config_text, sizeof config_text - 1, &err);
    bw_config *cfg = NULL;
    if (st == BW_OK)
        st = bw_config_load_nearest(dir, &cfg, &err);
    if (st == BW_OK)
        st = bw_config_loosenings(cfg, ls);
    bw_config_free(cfg);
    cfg = NULL;
    if (st == BW_OK)
        st = bw_config_load_buffer(config_text, sizeof config_text - 1, "mem.yaml", dir, &cfg, &err);
    bw_config_free(cfg);
    if (st != BW_OK && err.message[0] == '\0' && st != BW_ERR_NOMEM)
        st = BW_ERR_INTERNAL; /* a failure must say what failed */
    unlink(path);
    bw_free(path);
    return st;
}

static bw_status text_round(void)
{
    bw_buf b = BW_BUF_INIT;
    bw_text_escape_append(&b, "a\nb\x1b");
    bw_html_escape_append(&b, "<script>\xFF");
    bw_uri_escape_append(&b, "a b");
    bw_buf_printf(&b, "%d", 42);
    bw_status st = bw_buf_status(&b);
    bw_buf_free(&b);
    char *s = bw_utf8_sanitize("x\xFFy");
    char *n = bw_normalize_code("f( a ) ; // c");
    if (st == BW_OK && (s == NULL || n == NULL))
        st = BW_ERR_NOMEM;
    bw_free(s);
    bw_free(n);
    return st;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    /* Route jansson's allocations through bw_malloc so they fail in turn too. */
    json_set_alloc_funcs(bw_malloc, bw_free);
    bw_findings findings = BW_FINDINGS_INIT;
    bw_loosenings ls = BW_LOOSENINGS_INIT;
    bw_status st = text_round();
    if (st == BW_OK)
        st = build_findings(&findings);
    if (st == BW_OK)
        st = config_round(argv[1], &ls);
    if (st == BW_OK)
        st = write_all_formats(&findings, &ls);
    bw_findings_free(&findings);
    bw_loosenings_free(&ls);
    if (st != BW_OK && !bw_fault_alloc_fired()) {
        fprintf(stderr, "fault_common: failed without an injected fault: %s\n", bw_status_str(st));
        return 1;
    }
    if (st == BW_ERR_INTERNAL) {
        fprintf(stderr, "fault_common: a failure without a message\n");
        return 1;
    }
    printf("fault_common: %s\n", bw_status_str(st));
    return 0;
}
