/*
 * runner.c — the checker corpus runner.
 *
 *   corpus_runner [--print] [--filter TEXT] CORPUS_DIR
 *
 * Every *.c / *.cpp file under CORPUS_DIR (except crossfile/) is one
 * analysis; every directory under CORPUS_DIR/crossfile/ is one analysis of
 * all its sources through a generated compile_commands.json (expectations in
 * its headers count too).  Expectations
 * are written on the line they are about:
 *
 *     sqlite3_exec(db, q, 0, 0, 0); // expect: BW-SQL-INJECTION
 *
 * The run fails on any missing or unexpected (unsuppressed) finding, so a
 * file without expectations must produce none.  A flow's explanation is
 * checked with
 *
 *     static int run(const char *q) // expect-step: 'q' comes from the caller of run()
 *
 * which needs some unsuppressed finding of the case to have a flow step on
 * that line whose message contains the text (to the end of the line,
 * trailing blanks dropped).  A single file's case compiles with one more
 * flag when it has a line
 *
 *     // corpus-flag: -std=c++14
 *
 * (a language standard whose forms differ).  --print shows the current
 * findings of every case in full, to write a new case quickly.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/checkers.h"
#include "bulwark/config.h"
#include "bulwark/file.h"

#ifndef BW_ANNOTATIONS_INCLUDE
#define BW_ANNOTATIONS_INCLUDE "."
#endif

typedef struct expect {
    char *file; /* relative to the case root */
    unsigned line;
    char *rule;
    bool seen;
} expect;

typedef struct expects {
    expect *items;
    size_t n, cap;
} expects;

/* `// expect-step: TEXT`: a flow step at (file, line) whose message
 * contains TEXT; stored as an expect whose `rule` is TEXT. */

static void die_oom(void)
{
    fprintf(stderr, "corpus_runner: out of memory\n");
    exit(3);
}

static void expects_add(expects *e, const char *file, unsigned line, const char *rule, size_t rlen)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 16;
        e->items = realloc(e->items, e->cap * sizeof(expect));
        if (e->items == NULL)
            die_oom();
    }
    expect *x = &e->items[e->n++];
    x->file = strdup(file);
    x->rule = strndup(rule, rlen);
    x->line = line;
    x->seen = false;
    if (x->file == NULL || x->rule == NULL)
        die_oom();
}

static void expects_free(expects *e)
{
    for (size_t i = 0; i < e->n; i++) {
        free(e->items[i].file);
        free(e->items[i].rule);
    }
    free(e->items);
    memset(e, 0, sizeof(*e));
}

/* Reads `// expect: RULE[, RULE...]` and `// expect-step: TEXT`
 * annotations of one file. */
static void scan_expectations(const char *path, const char *rel, expects *e, expects *steps)
{
    char *text = NULL;
    size_t len = 0;
    bw_error err = {0};
    if (bw_file_read(path, 1u << 24, &text, &len, &err) != BW_OK) {
        fprintf(stderr, "corpus_runner: %s\n", err.message);
        exit(2);
    }
    unsigned line = 1;
    for (char *p = text; *p; p++) {
        if (*p == '\n') {
            line++;
            continue;
        }
        if (strncmp(p, "// expect-step:", 15) == 0) {
            char *t = p + 15;
            while (*t == ' ')
                t++;
            char *end = t;
            while (*end != '\0' && *end != '\n')
                end++;
            char *q = end;
            while (q > t && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\r'))
                q--;
            if (q > t)
                expects_add(steps, rel, line, t, (size_t)(q - t));
            p = end - 1;
            continue;
        }
        if (strncmp(p, "// expect:", 10) != 0)
            continue;
        char *q = p + 10;
        for (;;) {
            while (*q == ' ' || *q == ',')
                q++;
            if (strncmp(q, "BW-", 3) != 0)
                break;
            char *s = q;
            while ((*q >= 'A' && *q <= 'Z') || *q == '-' || (*q >= '0' && *q <= '9'))
                q++;
            expects_add(e, rel, line, s, (size_t)(q - s));
        }
        p = q - 1;
    }
    bw_free(text);
}

static bool is_source(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot != NULL && (strcmp(dot, ".c") == 0 || strcmp(dot, ".cpp") == 0);
}

typedef struct names {
    char **v;
    size_t n, cap;
} names;

static void names_add(names *s, const char *x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->v = realloc(s->v, s->cap * sizeof(char *));
        if (s->v == NULL)
            die_oom();
    }
    if ((s->v[s->n++] = strdup(x)) == NULL)
        die_oom();
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool is_header(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot != NULL && (strcmp(dot, ".h") == 0 || strcmp(dot, ".hpp") == 0);
}

enum { LIST_SOURCES, LIST_DIRS, LIST_HEADERS };

static void list_dir(const char *dir, names *out, int want)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        bool wanted = want == LIST_DIRS ? S_ISDIR(st.st_mode) :
                      S_ISREG(st.st_mode) && (want == LIST_HEADERS ? is_header(de->d_name) : is_source(de->d_name));
        if (wanted)
            names_add(out, path);
    }
    closedir(d);
    if (out->n > 1)
        qsort(out->v, out->n, sizeof(char *), cmp_str);
}

static const char *g_include;

/* Whether an unsuppressed finding has a step at x's line whose message
 * contains x's text. */
static bool step_seen(const bw_findings *fs, const expect *x)
{
    for (size_t i = 0; i < fs->count; i++) {
        const bw_finding *f = fs->items[i];
        if (f->suppression != NULL)
            continue;
        for (size_t k = 0; k < f->step_count; k++) {
            const bw_location *l = &f->steps[k].loc;
            if (l->line == x->line && l->file != NULL && strcmp(l->file, x->file) == 0 &&
                f->steps[k].message != NULL && strstr(f->steps[k].message, x->rule) != NULL)
                return true;
        }
    }
    return false;
}

static int compare(const char *name, const bw_findings *fs, expects *e, const expects *steps, bool print)
{
    int bad = 0;
    for (size_t k = 0; k < steps->n; k++) {
        if (!step_seen(fs, &steps->items[k])) {
            printf("FAIL %s: no flow step at %s:%u says \"%s\"\n", name, steps->items[k].file,
                   steps->items[k].line, steps->items[k].rule);
            bad++;
        }
    }
    for (size_t i = 0; i < fs->count; i++) {
        const bw_finding *f = fs->items[i];
        if (print) {
            printf("  %s:%u:%u: %s: %s [%s]%s\n", f->loc.file, f->loc.line, f->loc.column,
                   bw_severity_name(f->severity), f->message, f->rule_id,
                   f->suppression != NULL ? " (suppressed)" : "");
            for (size_t k = 0; k < f->step_count; k++)
                printf("      %s:%u: %s\n", f->steps[k].loc.file != NULL ? f->steps[k].loc.file : "?",
                       f->steps[k].loc.line, f->steps[k].message);
        }
        if (f->suppression != NULL)
            continue;
        bool matched = false;
        for (size_t k = 0; k < e->n && !matched; k++) {
            expect *x = &e->items[k];
            if (!x->seen && x->line == f->loc.line && strcmp(x->rule, f->rule_id) == 0 &&
                strcmp(x->file, f->loc.file) == 0) {
                x->seen = true;
                matched = true;
            }
        }
        if (!matched) {
            printf("FAIL %s: unexpected %s at %s:%u: %s\n", name, f->rule_id, f->loc.file, f->loc.line, f->message);
            bad++;
        }
    }
    for (size_t k = 0; k < e->n; k++) {
        if (!e->items[k].seen) {
            printf("FAIL %s: missing %s at %s:%u\n", name, e->items[k].rule, e->items[k].file, e->items[k].line);
            bad++;
        }
    }
    return bad;
}

static const char *const g_flags[] = {"-isystem", NULL, "-I", BW_ANNOTATIONS_INCLUDE, "-Wno-everything"};

/* The file's `// corpus-flag: FLAG` into buf (empty: none). */
static void corpus_flag(const char *path, char *buf, size_t size)
{
    buf[0] = '\0';
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return;
    char line[512];
    while (fgets(line, sizeof(line), f) != NULL) {
        const char *p = strstr(line, "// corpus-flag: ");
        if (p == NULL)
            continue;
        p += strlen("// corpus-flag: ");
        size_t n = strcspn(p, " \t\r\n");
        if (n < size) {
            memcpy(buf, p, n);
            buf[n] = '\0';
        }
        break;
    }
    fclose(f);
}

/* One analysis: the given sources, rooted at `root`. */
static int run_case(const char *name, const char *root, names *srcs, bool crossfile, bool print, size_t *ncases)
{
    expects e = {0}, steps = {0};
    for (size_t i = 0; i < srcs->n; i++) {
        char *rel = bw_path_relative(srcs->v[i], root);
        if (rel == NULL)
            die_oom();
        scan_expectations(srcs->v[i], rel, &e, &steps);
        bw_free(rel);
    }
    if (crossfile) {
        /* a case's own headers hold expectations too (findings in the
         * header functions its sources use) */
        names hdrs = {0};
        list_dir(root, &hdrs, LIST_HEADERS);
        for (size_t i = 0; i < hdrs.n; i++) {
            char *rel = bw_path_relative(hdrs.v[i], root);
            if (rel == NULL)
                die_oom();
            scan_expectations(hdrs.v[i], rel, &e, &steps);
            bw_free(rel);
            free(hdrs.v[i]);
        }
        free(hdrs.v);
    }
    *ncases += e.n + steps.n;
    bw_config *cfg = NULL;
    bw_error err = {0};
    char *cfgpath = bw_path_join(root, ".bulwark.yaml");
    bw_status st = cfgpath != NULL && bw_path_exists(cfgpath) ? bw_config_load(cfgpath, &cfg, &err)
                                                               : bw_config_default(&cfg, &err);
    bw_free(cfgpath);
    if (st != BW_OK) {
        printf("FAIL %s: config: %s\n", name, err.message);
        expects_free(&e);
        expects_free(&steps);
        return 1;
    }
    bw_check_options o;
    bw_check_options_init(&o);
    o.root = root;
    o.jobs = 2;
    bw_session *s = NULL;
    int bad = 0;
    char tmpdir[] = "/tmp/bw-corpus-XXXXXX";
    bool made_tmp = false;
    if ((st = bw_session_new(cfg, &o, &s, &err)) != BW_OK)
        goto fail;
    if (crossfile) {
        /* a real compile database, as a build would write it */
        if (mkdtemp(tmpdir) == NULL) {
            snprintf(err.message, sizeof(err.message), "mkdtemp failed");
            goto fail;
        }
        made_tmp = true;
        char dbpath[4200];
        snprintf(dbpath, sizeof(dbpath), "%s/compile_commands.json", tmpdir);
        FILE *db = fopen(dbpath, "w");
        if (db == NULL)
            goto fail;
        fprintf(db, "[\n");
        for (size_t i = 0; i < srcs->n; i++) {
            bool cpp = strcmp(strrchr(srcs->v[i], '.'), ".cpp") == 0;
            fprintf(db,
                    "  {\"directory\": \"%s\", \"file\": \"%s\", \"arguments\": [\"%s\", \"-isystem\", \"%s\", "
                    "\"-I\", \"%s\", \"-Wno-everything\", \"-c\", \"%s\", \"-o\", \"%s.o\"]}%s\n",
                    root, srcs->v[i], cpp ? "clang++" : "clang", g_include, BW_ANNOTATIONS_INCLUDE, srcs->v[i],
                    srcs->v[i], i + 1 < srcs->n ? "," : "");
        }
        fprintf(db, "]\n");
        fclose(db);
        st = bw_session_add_compdb(s, tmpdir, &err);
    } else {
        const char *flags[6];
        memcpy(flags, g_flags, sizeof(g_flags));
        flags[1] = g_include;
        char extra[128];
        corpus_flag(srcs->v[0], extra, sizeof(extra));
        flags[5] = extra;
        st = bw_session_add_tu(s, root, srcs->v[0], extra[0] != '\0' ? 6 : 5, flags, &err);
    }
    if (st != BW_OK || (st = bw_session_run(s, &err)) != BW_OK)
        goto fail;
    bw_session_stats ss;
    bw_session_get_stats(s, &ss);
    for (size_t i = 0; i < ss.failed; i++) {
        printf("FAIL %s: does not compile:\n%s\n", name, bw_session_problem(s, i)->diagnostics);
        bad++;
    }
    if (print)
        printf("%s:\n", name);
    bad += compare(name, bw_session_findings(s), &e, &steps, print);
    goto out;
fail:
    printf("FAIL %s: %s\n", name, err.message);
    bad++;
out:
    if (made_tmp) {
        char p[4200];
        snprintf(p, sizeof(p), "%s/compile_commands.json", tmpdir);
        unlink(p);
        rmdir(tmpdir);
    }
    bw_session_free(s);
    bw_config_free(cfg);
    expects_free(&e);
    expects_free(&steps);
    return bad;
}

int main(int argc, char **argv)
{
    bool print = false;
    const char *filter = NULL, *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--print") == 0)
            print = true;
        else if (strcmp(argv[i], "--filter") == 0 && i + 1 < argc)
            filter = argv[++i];
        else if (dir == NULL)
            dir = argv[i];
        else {
            fprintf(stderr, "usage: corpus_runner [--print] [--filter TEXT] CORPUS_DIR\n");
            return 2;
        }
    }
    if (dir == NULL) {
        fprintf(stderr, "usage: corpus_runner [--print] [--filter TEXT] CORPUS_DIR\n");
        return 2;
    }
    char *root = realpath(dir, NULL);
    if (root == NULL) {
        fprintf(stderr, "corpus_runner: %s: no such directory\n", dir);
        return 2;
    }
    char inc[4096];
    snprintf(inc, sizeof(inc), "%s/include", root);
    g_include = inc;
    size_t nfiles = 0, ncases = 0, failed = 0, passed = 0;
    names groups = {0};
    list_dir(root, &groups, LIST_DIRS);
    for (size_t g = 0; g < groups.n; g++) {
        const char *base = strrchr(groups.v[g], '/') + 1;
        if (strcmp(base, "include") == 0)
            continue;
        if (strcmp(base, "crossfile") == 0) {
            names cases = {0};
            list_dir(groups.v[g], &cases, LIST_DIRS);
            for (size_t c = 0; c < cases.n; c++) {
                if (filter != NULL && strstr(cases.v[c], filter) == NULL)
                    continue;
                names srcs = {0};
                list_dir(cases.v[c], &srcs, LIST_SOURCES);
                const char *nm = cases.v[c] + strlen(root) + 1;
                int bad = srcs.n ? run_case(nm, cases.v[c], &srcs, true, print, &ncases) : 0;
                nfiles += srcs.n;
                bad ? failed++ : passed++;
                for (size_t i = 0; i < srcs.n; i++)
                    free(srcs.v[i]);
                free(srcs.v);
            }
            for (size_t c = 0; c < cases.n; c++)
                free(cases.v[c]);
            free(cases.v);
            continue;
        }
        names files = {0};
        list_dir(groups.v[g], &files, LIST_SOURCES);
        for (size_t f = 0; f < files.n; f++) {
            if (filter != NULL && strstr(files.v[f], filter) == NULL)
                continue;
            names one = {&files.v[f], 1, 1};
            const char *nm = files.v[f] + strlen(root) + 1;
            int bad = run_case(nm, groups.v[g], &one, false, print, &ncases);
            nfiles++;
            bad ? failed++ : passed++;
        }
        for (size_t f = 0; f < files.n; f++)
            free(files.v[f]);
        free(files.v);
    }
    for (size_t g = 0; g < groups.n; g++)
        free(groups.v[g]);
    free(groups.v);
    free(root);
    printf("corpus: %zu files, %zu expectations (findings and flow steps)\n", nfiles, ncases);
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed ? 1 : 0;
}
