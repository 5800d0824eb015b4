/* fault_cache.c — the checkers' SQLite summary cache (checkers/src/cache.c)
 * under SQLite and allocation faults, reached through the public session
 * API the way `bulwark check` and the compiler wrapper use it:
 *   a cold run that fills the cache, a run after one file changed, a warm
 *   run whose findings come from the cache, and the wrapper's per-TU check
 *   that reads every cached TU as context.
 * A run that fails must say why and leave the cache consistent, old or new;
 * a run that succeeds must report exactly the findings of a fault-free run
 * (a cache must never change results).  The whole-program result row is
 * written best effort (a miss only costs time) and is left out of the
 * state comparison.
 * usage: fault_cache <scratch-dir> */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/checkers.h"
#include "fault_db.h"
#include "fault_ops.h"

typedef struct ctx {
    char dir[512];
    char *got[8]; /* a faulted run's findings, per operation */

} ctx;

static const char a_c[] =
    "#include <stdio.h>\n#include <string.h>\n"
    "void show(const char *m) { printf(m); }\n"
    "void copy(char *d, const char *s) { char buf[8]; strcpy(buf, s); d[0] = buf[0]; }\n";
static const char b_c1[] =
    "void show(const char *m);\nint main(int argc, char **argv) { if (argc > 1) show(argv[1]); return 0; }\n";
static const char b_c2[] =
    "#include <stdio.h>\nvoid show(const char *m);\n"
    "int main(int argc, char **argv) { char q[16]; if (argc > 1) { sprintf(q, argv[1]); show(q); } return 0; }\n";

static void put_file(const char *dir, const char *name, const char *text)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

/* The findings as text: rule, file, line, fingerprint, one per line. */
static char *findings_text(const bw_findings *fs)
{
    size_t cap = 256 + fs->count * 200, len = 0;
    char *s = malloc(cap);
    if (s == NULL)
        abort();
    s[0] = '\0';
    for (size_t i = 0; i < fs->count; i++) {
        const bw_finding *f = fs->items[i];
        len += (size_t)snprintf(s + len, cap - len, "%s %s:%u %s%s\n", f->rule_id,
                                f->loc.file ? f->loc.file : "-", f->loc.line, f->fingerprint,
                                f->suppression ? " suppressed" : "");
    }
    return s;
}

/* Keeps a faulted run's findings, or compares them with the reference
 * run's (which follows a faulted run). */
static void compare(ctx *c, unsigned op, bool ref, const bw_findings *fs)
{
    char *text = findings_text(fs);
    if (!ref) {
        free(c->got[op]);
        c->got[op] = text;
        return;
    }
    if (c->got[op] != NULL && strcmp(text, c->got[op]) != 0)
        fdb_violation("fault_cache", "a run succeeded with findings that differ from a fault-free run",
                      c->got[op], text);
    free(text);
}

static bw_status session_run(ctx *c, unsigned op, const char *db, bool ref, bw_error *err)
{
    bw_check_options o;
    bw_check_options_init(&o);
    o.jobs = 1;
    o.cache_path = db;
    o.root = c->dir;
    bw_session *s = NULL;
    bw_status st = bw_session_new(NULL, &o, &s, err);
    static const char *const args[] = {"-std=c11"};
    char path[700];
    for (int i = 0; st == BW_OK && i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", c->dir, i == 0 ? "a.c" : "b.c");
        st = bw_session_add_tu(s, c->dir, path, 1, args, err);
    }
    if (st == BW_OK)
        st = bw_session_run(s, err);
    if (st == BW_OK)
        compare(c, op, ref, bw_session_findings(s));
    else if (!ref) {
        free(c->got[op]);
        c->got[op] = NULL;
    }
    bw_session_free(s);
    return st;
}

static bw_status op_cold(void *vc, const char *db, bool ref, bw_error *err)
{
    ctx *c = vc;
    put_file(c->dir, "b.c", b_c1);
    return session_run(c, 0, db, ref, err);
}

static bw_status op_changed(void *vc, const char *db, bool ref, bw_error *err)
{
    ctx *c = vc;
    put_file(c->dir, "b.c", b_c2);
    return session_run(c, 1, db, ref, err);
}

static bw_status op_warm(void *vc, const char *db, bool ref, bw_error *err)
{
    return session_run(vc, 2, db, ref, err);
}

/* What the compiler wrapper does for one compile: the TU, with every cached
 * TU as context. */
static bw_status op_wrapper_tu(void *vc, const char *db, bool ref, bw_error *err)
{
    ctx *c = vc;
    bw_check_options o;
    bw_check_options_init(&o);
    o.jobs = 1;
    o.cache_path = db;
    o.root = c->dir;
    char path[700];
    snprintf(path, sizeof path, "%s/a.c", c->dir);
    const char *argv[] = {"clang-19", "-std=c11", "-c", path, "-o", "/dev/null"};
    bw_findings fs = BW_FINDINGS_INIT;
    bw_loosenings ls = BW_LOOSENINGS_INIT;
    bw_status st = bw_check_tu(NULL, c->dir, 6, argv, &o, &fs, &ls, err);
    if (st == BW_OK) {
        compare(c, 3, ref, &fs);
    } else if (!ref) {
        free(c->got[3]);
        c->got[3] = NULL;
    }
    bw_findings_free(&fs);
    bw_loosenings_free(&ls);
    return st;
}

/* A cache holding only its schema (and the meta row naming it) holds
 * nothing: the same as no cache (opening creates the schema in a
 * transaction of its own). */
static char *normalize(char *state)
{
    size_t rows = 0, meta = 0;
    for (const char *p = state; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p != NULL ? p + 1 : NULL) {
        if (*p == '|') {
            rows++;
            meta += strncmp(p, "|6:schema|", 10) == 0;
        }
    }
    if (strncmp(state, "CORRUPT", 7) != 0 && rows == meta && rows <= 1)
        snprintf(state, strlen(state) + 1, "%s", "absent");
    return state;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    if (!fault_init())
        return 0;
    static ctx c;
    if (!fdb_scratch_dir(c.dir, sizeof c.dir, argv[1], "cache"))
        return 2;
    put_file(c.dir, "a.c", a_c);
    char test_db[600], ref_db[600];
    snprintf(test_db, sizeof test_db, "%s/test/cache.db", c.dir);
    snprintf(ref_db, sizeof ref_db, "%s/ref/cache.db", c.dir);
    static const fault_op ops[] = {
        {"cold run", op_cold},
        {"run after a change", op_changed},
        {"warm run", op_warm},
        {"wrapper per-TU check", op_wrapper_tu},
    };
    static const char *const skip[] = {"result", NULL};
    int rc = fault_run_ops("fault_cache", ops, sizeof ops / sizeof ops[0], &c, test_db, ref_db, skip, normalize);
    for (size_t i = 0; i < 8; i++)
        free(c.got[i]);
    fdb_remove_tree(c.dir);
    return rc == 3 ? 3 : 0;
}
