/* cmd_report.c — `bulwark report`: the roadmap dashboard as HTML, Markdown or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/file.h"
#include "bulwark/roadmap.h"
#include "bulwark/tracker.h"
#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark report -o FILE [--format html|markdown|json] [options]\n"
            "       bulwark report -o FILE --merge A.json B.json ...\n\n"
            "Renders the memory-safety roadmap report from the tracker database: a\n"
            "self-contained HTML dashboard (no external resources, strict CSP), Markdown\n"
            "for publishing, or JSON for other tools.  --merge combines the JSON exports\n"
            "of several repositories into one organisation-level report, each product's\n"
            "components kept apart.\n\n"
            "Options:\n"
            "  -o, --output FILE   where to write ('-' for stdout); replaced atomically\n"
            "  --format F          html (default; markdown for *.md, json for *.json)\n"
            "  --merge FILES...    merge JSON exports instead of reading the database\n"
            "  --root DIR          repository root (default: the git work tree around the cwd)\n"
            "  --db PATH           tracker database (default: $BULWARK_DB or <root>/.bulwark/tracker.db)\n"
            "  --product NAME      product name shown (default: the organisation name)\n"
            "  --as-of DATE        judge due and late as of YYYY-MM-DD (default: today, UTC)\n"
            "  --max-points N      most snapshots drawn per chart (default 200)\n\n%s",
            bw_cli_exit_codes_help);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

int bw_cmd_report(int argc, char **argv)
{
    const char *output = NULL, *format = NULL, *root = NULL, *db = NULL, *product = NULL,
               *as_of = NULL;
    size_t max_points = 0;
    const char **merge = bw_calloc((size_t)argc + 1, sizeof *merge);
    size_t nmerge = 0;
    bool merging = false;
    if (merge == NULL)
        return BW_EXIT_INTERNAL;
    int rc = -1;
    for (int i = 1; i < argc && rc < 0; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            rc = BW_EXIT_OK;
            break;
        }
        if (strcmp(a, "--merge") == 0) {
            merging = true;
            continue;
        }
        const char **slot = NULL;
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            slot = &output;
        else if (strcmp(a, "--format") == 0)
            slot = &format;
        else if (strcmp(a, "--root") == 0)
            slot = &root;
        else if (strcmp(a, "--db") == 0)
            slot = &db;
        else if (strcmp(a, "--product") == 0)
            slot = &product;
        else if (strcmp(a, "--as-of") == 0)
            slot = &as_of;
        else if (strcmp(a, "--max-points") == 0) {
            char *end = NULL;
            long v = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
            if (i + 1 >= argc || *end != '\0' || v < 2 || v > 100000)
                rc = bw_cli_usage_error("report", "--max-points needs a number from 2 to 100000");
            max_points = (size_t)v;
            i++;
            continue;
        } else if (a[0] == '-' && a[1] != '\0') {
            rc = bw_cli_usage_error("report", "unknown option '%s'", a);
            break;
        } else if (merging) {
            merge[nmerge++] = a;
            continue;
        } else {
            rc = bw_cli_usage_error("report", "unexpected argument '%s'", a);
            break;
        }
        if (i + 1 >= argc) {
            rc = bw_cli_usage_error("report", "%s needs a value", a);
            break;
        }
        *slot = argv[++i];
    }
    if (rc >= 0) {
        bw_free(merge);
        return rc;
    }
    if (output == NULL) {
        bw_free(merge);
        return bw_cli_usage_error("report", "name the output with -o FILE ('-' for stdout)");
    }
    if (merging && nmerge == 0) {
        bw_free(merge);
        return bw_cli_usage_error("report", "--merge needs JSON exports to merge");
    }
    bw_rm_format fmt = BW_RM_HTML;
    if (format != NULL) {
        if (!bw_rm_format_parse(format, &fmt) || fmt == BW_RM_STATUS) {
            bw_free(merge);
            return bw_cli_usage_error("report", "unknown format '%s' (html, markdown, json)", format);
        }
    } else if (ends_with(output, ".md")) {
        fmt = BW_RM_MARKDOWN;
    } else if (ends_with(output, ".json")) {
        fmt = BW_RM_JSON;
    }

    bw_error err = {0};
    bw_status s = BW_OK;
    bw_rm_report *r = NULL;
    bw_report_options ro = {.product = product, .as_of = as_of, .tool_version = BULWARK_VERSION,
                            .max_points = max_points};
    char *root_dir = NULL, *db_path = NULL;
    bw_tracker *t = NULL;
    if (merging) {
        s = bw_rm_report_merge(merge, nmerge, &ro, &r, &err);
    } else {
        s = bw_roadmap_find_root(root ? root : ".", &root_dir, &err);
        if (s == BW_OK) {
            if (db != NULL) {
                db_path = bw_strdup(db);
                if (db_path == NULL)
                    s = bw_error_set(&err, BW_ERR_NOMEM, "out of memory");
            } else {
                s = bw_tracker_default_path(root_dir, &db_path, &err);
            }
        }
        if (s == BW_OK)
            s = bw_tracker_open(db_path, BW_TRACKER_READ, &t, &err);
        if (s == BW_OK)
            s = bw_rm_report_from_db(t, &ro, &r, &err);
    }
    char *text = NULL;
    size_t len = 0;
    if (s == BW_OK)
        s = bw_rm_report_render(r, fmt, &text, &len, &err);
    if (s == BW_OK) {
        if (strcmp(output, "-") == 0) {
            if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
                s = bw_error_set(&err, BW_ERR_IO, "writing the report to stdout failed");
        } else {
            s = bw_file_write_atomic(output, text, len, &err);
        }
    }
    bw_free(text);
    bw_rm_report_free(r);
    bw_tracker_close(t);
    bw_free(root_dir);
    bw_free(db_path);
    bw_free(merge);
    return s == BW_OK ? BW_EXIT_OK : bw_cli_fail(&err);
}
