/* Helpers for the precommit tests: real git repositories in temporary
 * directories, driven with argv arrays (never a shell). */
#ifndef BW_PC_TEST_UTIL_H
#define BW_PC_TEST_UTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/precommit.h"

/* Runs git -C dir <args...> (NULL-terminated); returns its exit status. */
static inline int git_in(const char *dir, ...)
{
    const char *argv[40];
    size_t n = 0;
    argv[n++] = "git";
    argv[n++] = "-C";
    argv[n++] = dir;
    va_list ap;
    va_start(ap, dir);
    const char *a;
    while ((a = va_arg(ap, const char *)) != NULL && n < 39)
        argv[n++] = a;
    va_end(ap);
    argv[n] = NULL;
    int status = -1;
    bw_error err = {0};
    bw_buf out = BW_BUF_INIT, errout = BW_BUF_INIT;
    if (bw_proc_run(argv, NULL, 0, &out, 1u << 24, &errout, &status, &err) != BW_OK)
        status = -1;
    bw_buf_free(&out);
    bw_buf_free(&errout);
    return status;
}

/* A clean environment for git: no config from the user or a hook. */
static inline void git_env(void)
{
    unsetenv("GIT_DIR");
    unsetenv("GIT_INDEX_FILE");
    unsetenv("GIT_WORK_TREE");
    setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
    setenv("GIT_AUTHOR_NAME", "t", 1);
    setenv("GIT_AUTHOR_EMAIL", "t@example.org", 1);
    setenv("GIT_COMMITTER_NAME", "t", 1);
    setenv("GIT_COMMITTER_EMAIL", "t@example.org", 1);
}

static inline char *new_repo(void)
{
    char tmpl[] = "/tmp/bw-pc-test.XXXXXX";
    char *d = mkdtemp(tmpl);
    if (d == NULL)
        abort();
    char *dir = strdup(d);
    if (dir == NULL || git_in(dir, "init", "-q", "-b", "main", NULL) != 0)
        abort();
    return dir;
}

static inline void put_file(const char *dir, const char *name, const char *text, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(text, 1, len, f) != len)
        abort();
    fclose(f);
}
#define PUT(dir, name, text) put_file((dir), (name), (text), strlen(text))

static inline void rm_tree(char *dir)
{
    const char *argv[] = {"rm", "-rf", dir, NULL};
    int status;
    bw_error err = {0};
    (void)bw_proc_run(argv, NULL, 0, NULL, 0, NULL, &status, &err);
    free(dir);
}

#endif
