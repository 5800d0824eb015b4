/* cmd_roadmap.c — `bulwark roadmap init|check|snapshot|status|import-log`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/file.h"
#include "bulwark/roadmap.h"
#include "bulwark/tracker.h"
#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark roadmap <subcommand> [options]\n\n"
            "Tracks each component's memory-safety roadmap (docs/roadmap.md).\n\n"
            "Subcommands:\n"
            "  init        write a commented starter roadmap file from the top-level directories\n"
            "  check       validate the roadmap file (line-numbered errors); with a snapshot in the\n"
            "              tracker, also check that every phase marked done meets its criteria\n"
            "  snapshot    measure every component and record a snapshot in the tracker\n"
            "  status      one line per component: phase, target date, late or on track, counts\n"
            "  import-log  import runtime audit logs (JSON lines; '-' reads stdin)\n\n"
            "Options:\n"
            "  --root DIR      repository root (default: the git work tree around the cwd)\n"
            "  --file PATH     roadmap file (default: <root>/%s)\n"
            "  --db PATH       tracker database (default: $BULWARK_DB or <root>/.bulwark/tracker.db)\n"
            "  --force         init: overwrite an existing roadmap file\n"
            "  --time T        snapshot: record at this RFC 3339 UTC time instead of now\n"
            "  --commit SHA    snapshot: record this commit instead of `git rev-parse HEAD`\n"
            "  --as-of DATE    status/check: judge due and late as of YYYY-MM-DD (default today)\n\n"
            "status and check exit with 1 when a milestone is late or marked done while a\n"
            "criterion fails.\n\n%s",
            BW_ROADMAP_FILENAME, bw_cli_exit_codes_help);
}

typedef struct opts {
    const char *root, *file, *db, *time, *commit, *as_of;
    bool force;
    char **rest;
    int nrest;
} opts;

static int parse(const char *cmd, int argc, char **argv, opts *o)
{
    memset(o, 0, sizeof *o);
    o->rest = bw_calloc((size_t)argc + 1, sizeof *o->rest);
    if (o->rest == NULL)
        return BW_EXIT_INTERNAL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--root") == 0)
            slot = &o->root;
        else if (strcmp(a, "--file") == 0)
            slot = &o->file;
        else if (strcmp(a, "--db") == 0)
            slot = &o->db;
        else if (strcmp(a, "--time") == 0)
            slot = &o->time;
        else if (strcmp(a, "--commit") == 0)
            slot = &o->commit;
        else if (strcmp(a, "--as-of") == 0)
            slot = &o->as_of;
        else if (strcmp(a, "--force") == 0) {
            o->force = true;
            continue;
        } else if (strcmp(a, "--") == 0) {
            while (++i < argc)
                o->rest[o->nrest++] = argv[i];
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            return bw_cli_usage_error(cmd, "unknown option '%s'", a);
        } else {
            o->rest[o->nrest++] = argv[i];
            continue;
        }
        if (i + 1 >= argc)
            return bw_cli_usage_error(cmd, "%s needs a value", a);
        *slot = argv[++i];
    }
    return -1;
}

/* Resolved paths for a run; freed by paths_free. */
typedef struct paths {
    char *root, *file, *db;
} paths;

static void paths_free(paths *p)
{
    bw_free(p->root);
    bw_free(p->file);
    bw_free(p->db);
}

static bw_status resolve(const opts *o, paths *p, bw_error *err)
{
    memset(p, 0, sizeof *p);
    bw_status s = bw_roadmap_find_root(o->root ? o->root : ".", &p->root, err);
    if (s != BW_OK)
        return s;
    p->file = o->file ? bw_strdup(o->file) : bw_path_join(p->root, BW_ROADMAP_FILENAME);
    if (p->file == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    if (o->db) {
        p->db = bw_strdup(o->db);
        return p->db ? BW_OK : bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    return bw_tracker_default_path(p->root, &p->db, err);
}

static int cmd_init(const opts *o)
{
    bw_error err = {0};
    paths p;
    bw_status s = resolve(o, &p, &err);
    char *text = NULL;
    if (s == BW_OK && bw_path_exists(p.file) && !o->force) {
        fprintf(stderr, "bulwark roadmap init: %s exists; use --force to overwrite it\n", p.file);
        paths_free(&p);
        return BW_EXIT_INPUT;
    }
    if (s == BW_OK)
        s = bw_roadmap_starter(p.root, &text, &err);
    /* The starter must load: it is our own output. */
    bw_roadmap *rm = NULL;
    if (s == BW_OK)
        s = bw_roadmap_load_string(text, strlen(text), p.file, &rm, &err);
    if (s == BW_OK)
        s = bw_file_write_atomic(p.file, text, strlen(text), &err);
    if (s == BW_OK)
        printf("wrote %s with %zu components; edit the TODOs, then run 'bulwark roadmap check'\n",
               p.file, rm->component_count);
    bw_roadmap_free(rm);
    bw_free(text);
    paths_free(&p);
    return s == BW_OK ? BW_EXIT_OK : bw_cli_fail(&err);
}

/* Loads the report of the tracker, when there is one. */
static bw_status load_report(const paths *p, const opts *o, bw_rm_report **out, bw_error *err)
{
    bw_tracker *t = NULL;
    bw_status s = bw_tracker_open(p->db, BW_TRACKER_READ, &t, err);
    if (s != BW_OK)
        return s;
    bw_report_options ro = {.as_of = o->as_of, .tool_version = BULWARK_VERSION, .max_points = 60};
    s = bw_rm_report_from_db(t, &ro, out, err);
    bw_tracker_close(t);
    return s;
}

static int cmd_check(const opts *o)
{
    bw_error err = {0};
    paths p;
    bw_roadmap *rm = NULL;
    bw_status s = resolve(o, &p, &err);
    if (s == BW_OK)
        s = bw_roadmap_load_file(p.file, &rm, &err);
    if (s != BW_OK) {
        paths_free(&p);
        return bw_cli_fail(&err);
    }
    size_t milestones = 0;
    for (size_t i = 0; i < rm->component_count; i++)
        milestones += rm->components[i].plan_count;
    printf("%s: ok — %zu components, %zu phases, %zu milestones\n", p.file, rm->component_count,
           rm->phase_count, milestones);
    int rc = BW_EXIT_OK;
    bw_rm_report *r = NULL;
    bw_error rerr = {0};
    s = load_report(&p, o, &r, &rerr);
    if (s == BW_OK) {
        if (bw_rm_report_has_problems(r)) {
            char *text = NULL;
            if (bw_rm_report_render(r, BW_RM_STATUS, &text, NULL, &rerr) == BW_OK)
                fputs(text, stdout);
            bw_free(text);
            fprintf(stderr, "bulwark roadmap check: a milestone is late or marked done while a "
                            "criterion fails (latest snapshot)\n");
            rc = BW_EXIT_FINDINGS;
        }
    } else if (s != BW_ERR_NOT_FOUND) {
        rc = bw_cli_fail(&rerr);
    }
    bw_rm_report_free(r);
    bw_roadmap_free(rm);
    paths_free(&p);
    return rc;
}

static int cmd_snapshot(const opts *o)
{
    bw_error err = {0};
    paths p;
    bw_roadmap *rm = NULL;
    bw_tracker *t = NULL;
    int64_t id = 0;
    bw_status s = resolve(o, &p, &err);
    if (s == BW_OK)
        s = bw_roadmap_load_file(p.file, &rm, &err);
    if (s == BW_OK)
        s = bw_tracker_open(p.db, BW_TRACKER_WRITE, &t, &err);
    if (s == BW_OK) {
        bw_snapshot_options so = {.root = p.root, .taken_at = o->time, .git_commit = o->commit,
                                  .tool_version = BULWARK_VERSION};
        s = bw_snapshot_take(t, rm, &so, &id, &err);
    }
    if (s == BW_OK)
        printf("snapshot %lld of %zu components recorded in %s\n", (long long)id,
               rm->component_count, p.db);
    bw_tracker_close(t);
    bw_roadmap_free(rm);
    paths_free(&p);
    return s == BW_OK ? BW_EXIT_OK : bw_cli_fail(&err);
}

static int cmd_status(const opts *o)
{
    bw_error err = {0};
    paths p;
    bw_rm_report *r = NULL;
    char *text = NULL;
    bw_status s = resolve(o, &p, &err);
    if (s == BW_OK)
        s = load_report(&p, o, &r, &err);
    if (s == BW_OK)
        s = bw_rm_report_render(r, BW_RM_STATUS, &text, NULL, &err);
    int rc = BW_EXIT_OK;
    if (s == BW_OK) {
        fputs(text, stdout);
        if (bw_rm_report_has_problems(r))
            rc = BW_EXIT_FINDINGS;
        if (fflush(stdout) != 0)
            rc = BW_EXIT_INTERNAL;
    } else {
        rc = bw_cli_fail(&err);
    }
    bw_free(text);
    bw_rm_report_free(r);
    paths_free(&p);
    return rc;
}

static int cmd_import_log(const opts *o)
{
    if (o->nrest == 0)
        return bw_cli_usage_error("roadmap import-log", "name at least one audit log ('-' for stdin)");
    bw_error err = {0};
    paths p;
    bw_tracker *t = NULL;
    bw_status s = resolve(o, &p, &err);
    if (s == BW_OK)
        s = bw_tracker_open(p.db, BW_TRACKER_WRITE, &t, &err);
    for (int i = 0; s == BW_OK && i < o->nrest; i++) {
        const char *name = o->rest[i];
        bool is_stdin = strcmp(name, "-") == 0;
        FILE *in = is_stdin ? stdin : fopen(name, "r");
        if (in == NULL) {
            s = bw_error_set(&err, BW_ERR_IO, "%s: %s", name, strerror(errno));
            break;
        }
        bw_audit_import_stats st;
        s = bw_tracker_import_audit_log(t, in, is_stdin ? "(stdin)" : name, &st, &err);
        if (!is_stdin)
            fclose(in);
        if (s == BW_OK)
            printf("%s: %zu lines, %zu events imported, %zu already known; rejected %zu invalid, "
                   "%zu truncated, %zu forged\n",
                   name, st.lines, st.imported, st.duplicates, st.invalid, st.truncated, st.forged);
    }
    bw_tracker_close(t);
    paths_free(&p);
    return s == BW_OK ? BW_EXIT_OK : bw_cli_fail(&err);
}

int bw_cmd_roadmap(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? BW_EXIT_INPUT : BW_EXIT_OK;
    }
    const char *sub = argv[1];
    opts o;
    int rc = parse("roadmap", argc - 2, argv + 2, &o);
    if (rc >= 0) {
        bw_free(o.rest);
        return rc;
    }
    if (strcmp(sub, "init") == 0 && o.nrest == 0)
        rc = cmd_init(&o);
    else if (strcmp(sub, "check") == 0 && o.nrest == 0)
        rc = cmd_check(&o);
    else if (strcmp(sub, "snapshot") == 0 && o.nrest == 0)
        rc = cmd_snapshot(&o);
    else if (strcmp(sub, "status") == 0 && o.nrest == 0)
        rc = cmd_status(&o);
    else if (strcmp(sub, "import-log") == 0)
        rc = cmd_import_log(&o);
    else if (o.nrest)
        rc = bw_cli_usage_error("roadmap", "unexpected argument '%s'", o.rest[0]);
    else
        rc = bw_cli_usage_error("roadmap", "unknown subcommand '%s'", sub);
    bw_free(o.rest);
    return rc;
}
