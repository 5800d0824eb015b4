/* fault_wrapper.c — bulwark-cc's record writing under SQLite and allocation
 * faults: the real wrapper (bw_wrapper_main, the whole of bulwark-cc) run
 * in this process on a small project, compiling with clang and the
 * hardening plugin, checking, recording the TU in the tracker, and linking
 * (which records the verified binary).
 *
 * A compile whose record cannot be written still succeeds (the build must
 * not break because of the tracker) and says so: "warning: compile not
 * recorded in ..." / "link of ... not recorded".  That warning is the clean
 * error here; the database must then hold exactly the old or the new state,
 * and compiling again (the rebuild) must record it once.
 * usage: fault_wrapper <scratch-dir> */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulwark/wrapper.h"
#include "fault_db.h"
#include "fault_ops.h"

typedef struct ctx {
    char dir[512];
} ctx;

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

/* Runs bulwark-cc with `args` in the project with the tracker at `db`;
 * stderr is captured and replayed.  A compile or link that failed is a
 * violation (nothing here should break the build); a record that was not
 * written is returned as BW_ERR_DB with the wrapper's warning. */
static bw_status run_wrapper(ctx *c, const char *db, const char *const *args, bw_error *err)
{
    char *argv[16];
    int argc = 0;
    for (; args[argc] != NULL && argc < 15; argc++)
        if ((argv[argc] = strdup(args[argc])) == NULL)
            abort();
    argv[argc] = NULL;
    char log[700];
    snprintf(log, sizeof log, "%s/wrapper.log", c->dir);
    fflush(stderr);
    int saved = dup(2);
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (saved < 0 || fd < 0) {
        perror("fault_wrapper: redirecting stderr");
        exit(2);
    }
    dup2(fd, 2);
    close(fd);
    setenv("BULWARK_DB", db, 1);
    int rc = bw_wrapper_main(BW_WRAPPER_CC, argc, argv);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    char text[8192] = "";
    FILE *in = fopen(log, "r");
    size_t n = in ? fread(text, 1, sizeof text - 1, in) : 0;
    text[n] = '\0';
    if (in)
        fclose(in);
    fputs(text, stderr);
    if (rc != 0) {
        char what[300];
        snprintf(what, sizeof what, "bulwark-cc %s exited with %d: a tracker failure broke the build",
                 args[argc - 1], rc);
        fdb_violation("fault_wrapper", what, text, NULL);
    }
    const char *w = strstr(text, "not recorded");
    if (w == NULL)
        return BW_OK;
    const char *line = w;
    while (line > text && line[-1] != '\n')
        line--;
    const char *end = strchr(w, '\n');
    return bw_error_set(err, BW_ERR_DB, "%.*s", (int)(end ? end - line : (long)strlen(line)), line);
}

static bw_status op_compile(void *vc, const char *db, bool ref, bw_error *err)
{
    (void)ref;
    static const char *const args[] = {"bulwark-cc", "-O1", "-c", "a.c", "-o", "a.o", NULL};
    return run_wrapper(vc, db, args, err);
}

static bw_status op_compile_b(void *vc, const char *db, bool ref, bw_error *err)
{
    (void)ref;
    static const char *const args[] = {"bulwark-cc", "-O1", "-D_FORTIFY_SOURCE=2", "-c", "b.c", "-o", "b.o", NULL};
    return run_wrapper(vc, db, args, err);
}

static bw_status op_link(void *vc, const char *db, bool ref, bw_error *err)
{
    (void)ref;
    static const char *const args[] = {"bulwark-cc", "a.o", "b.o", "-o", "app", NULL};
    return run_wrapper(vc, db, args, err);
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    if (!fault_init())
        return 0;
    static ctx c;
    if (!fdb_scratch_dir(c.dir, sizeof c.dir, argv[1], "wrapper"))
        return 2;
    char git[600];
    snprintf(git, sizeof git, "%s/.git", c.dir);
    mkdir(git, 0777); /* the project root, for the records' relative paths */
    put_file(c.dir, "a.c",
             "#include <stdio.h>\n#include <string.h>\n"
             "int use(int (*f)(int), int v) { return f(v); }\n"
             "void show(const char *m) { printf(m); }\n");
    put_file(c.dir, "b.c",
             "int use(int (*f)(int), int v);\nvoid show(const char *m);\n"
             "static int twice(int v) { return 2 * v; }\n"
             "int main(int argc, char **argv) { if (argc > 1) show(argv[1]); return use(twice, argc) == 2 ? 0 : 1; }\n");
    if (chdir(c.dir) != 0) {
        perror(c.dir);
        return 2;
    }
    unsetenv("BULWARK_BUILD_ID");
    unsetenv("BULWARK_OFF");
    unsetenv("BULWARK_WERROR");
    char test_db[600], ref_db[600];
    snprintf(test_db, sizeof test_db, "%s/test.db", c.dir);
    snprintf(ref_db, sizeof ref_db, "%s/ref.db", c.dir);
    static const fault_op ops[] = {
        {"compile a.c", op_compile},
        {"compile b.c", op_compile_b},
        {"link", op_link},
    };
    int rc = fault_run_ops("fault_wrapper", ops, sizeof ops / sizeof ops[0], &c, test_db, ref_db, NULL,
                           fdb_no_rows_is_absent);
    if (chdir("/") != 0)
        return 2;
    fdb_remove_tree(c.dir);
    return rc == 3 ? 3 : 0;
}
