/*
 * process.c — starting the real compiler (posix_spawnp with an argument
 * vector; never a shell), the scratch files it shares with the wrapper,
 * and telling which compiler it is.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/wrapper.h"

extern char **environ;

bw_status bw_spawn(const char *const *argv, int *pid, bw_error *err)
{
    pid_t child = 0;
    int rc = posix_spawnp(&child, argv[0], NULL, NULL, (char *const *)argv, environ);
    if (rc != 0)
        return bw_error_set(err, BW_ERR_TOOL, "cannot run %s: %s", argv[0], strerror(rc));
    *pid = (int)child;
    return BW_OK;
}

int bw_wait(int pid)
{
    int status = 0;
    for (;;) {
        if (waitpid((pid_t)pid, &status, 0) >= 0)
            break;
        if (errno != EINTR)
            return 127;
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 127;
}

/* An unnamed file in `dir` (O_TMPFILE): no name exists at any moment, so
 * not even a kill between creating and unlinking can leave one behind. */
static int open_unnamed(const char *dir)
{
#ifdef O_TMPFILE
    if (access("/proc/self/fd", X_OK) == 0)
        return open(dir, O_TMPFILE | O_RDWR, 0600); /* inherited: no O_CLOEXEC */
#else
    (void)dir;
#endif
    return -1;
}

static bw_status proc_fd_path(bw_child_file *f, bw_error *err)
{
    bw_buf p = BW_BUF_INIT;
    bw_buf_printf(&p, "/proc/self/fd/%d", f->fd);
    f->path = bw_buf_take(&p);
    if (f->path == NULL) {
        bw_child_file_close(f);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    return BW_OK;
}

bw_status bw_child_file_open(bw_child_file *f, const char *stem, bw_error *err)
{
    f->fd = -1;
    f->path = f->name = NULL;
    const char *tmp = getenv("TMPDIR");
    const char *dir = tmp && *tmp ? tmp : "/tmp";
    f->fd = open_unnamed(dir);
    if (f->fd >= 0)
        return proc_fd_path(f, err);
    /* no O_TMPFILE here (an old kernel, a file system without it) */
    bw_buf b = BW_BUF_INIT;
    bw_buf_printf(&b, "%s/%s-XXXXXX", dir, stem);
    char *name = bw_buf_take(&b);
    if (name == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    int fd = mkstemp(name); /* 0600, and inherited: no O_CLOEXEC */
    if (fd < 0) {
        bw_status st = bw_error_set(err, BW_ERR_IO, "%s: %s", name, strerror(errno));
        bw_free(name);
        return st;
    }
    f->fd = fd;
    if (access("/proc/self/fd", X_OK) == 0 && unlink(name) == 0) {
        bw_free(name); /* nameless from now on */
        return proc_fd_path(f, err);
    }
    f->name = name;
    f->path = bw_strdup(name);
    if (f->path == NULL) {
        bw_child_file_close(f);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    return BW_OK;
}

void bw_child_file_close(bw_child_file *f)
{
    if (f->name != NULL)
        (void)unlink(f->name);
    if (f->fd >= 0)
        (void)close(f->fd);
    bw_free(f->name);
    bw_free(f->path);
    f->fd = -1;
    f->path = f->name = NULL;
}

/* Looks `name` up in PATH like execvp does; copies the hit into out. */
static bool find_in_path(const char *name, char *out, size_t cap)
{
    if (strchr(name, '/') != NULL) {
        int n = snprintf(out, cap, "%s", name);
        return n > 0 && (size_t)n < cap;
    }
    const char *path = getenv("PATH");
    if (path == NULL)
        path = "/usr/local/bin:/usr/bin:/bin";
    const char *p = path;
    for (;;) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        int w = snprintf(out, cap, "%.*s%s%s", (int)n, p, n ? "/" : "", name);
        if (w > 0 && (size_t)w < cap && access(out, X_OK) == 0)
            return true;
        if (!colon)
            return false;
        p = colon + 1;
    }
}

static const char *base_of(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Identifies by a file name such as clang-19, clang++, x86_64-linux-gnu-gcc-12, cc. */
static bool identify_name(const char *base, bw_compiler_info *out)
{
    const char *c = strstr(base, "clang");
    if (c != NULL) {
        out->kind = BW_COMPILER_CLANG;
        out->cxx = strstr(c, "++") != NULL;
        const char *dash = strchr(c, '-');
        if (dash != NULL && dash[1] >= '0' && dash[1] <= '9')
            out->major = (int)strtol(dash + 1, NULL, 10);
        return true;
    }
    size_t n = strlen(base);
    /* ...gcc, ...gcc-12, ...g++, ...g++-12 */
    if (strstr(base, "gcc") != NULL || strstr(base, "g++") != NULL) {
        out->kind = BW_COMPILER_GCC;
        out->cxx = strstr(base, "g++") != NULL;
        return true;
    }
    (void)n;
    return false;
}

/* Runs `path --version` and reads its first line. */
static void identify_by_running(const char *path, bw_compiler_info *out)
{
    int fds[2];
    if (pipe(fds) != 0)
        return;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", 0, 0);
    const char *argv[] = {path, "--version", NULL};
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, path, &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return;
    }
    char buf[512];
    size_t len = 0;
    for (;;) {
        ssize_t r = read(fds[0], buf + len, sizeof buf - 1 - len);
        if (r > 0 && len + (size_t)r < sizeof buf - 1) {
            len += (size_t)r;
            continue;
        }
        if (r < 0 && errno == EINTR)
            continue;
        break;
    }
    close(fds[0]);
    (void)bw_wait((int)pid);
    buf[len] = '\0';
    const char *v = strstr(buf, "clang version ");
    if (v != NULL) {
        out->kind = BW_COMPILER_CLANG;
        out->major = (int)strtol(v + strlen("clang version "), NULL, 10);
    } else if (strstr(buf, "(GCC)") != NULL || strstr(buf, "gcc") != NULL ||
               strstr(buf, "Free Software Foundation") != NULL) {
        out->kind = BW_COMPILER_GCC;
    }
}

void bw_compiler_identify(const char *path, bw_compiler_info *out)
{
    memset(out, 0, sizeof *out);
    const char *base = base_of(path);
    bool named = identify_name(base, out);
    if (named && (out->kind == BW_COMPILER_GCC || out->major != 0))
        return;
    /* cc, c++, clang (unversioned): follow the symlinks to the real name */
    char found[PATH_MAX], real[PATH_MAX];
    if (find_in_path(path, found, sizeof found) && realpath(found, real) != NULL) {
        bw_compiler_info byreal;
        memset(&byreal, 0, sizeof byreal);
        if (identify_name(base_of(real), &byreal)) {
            /* Debian: /usr/bin/clang -> /usr/lib/llvm-19/bin/clang */
            const char *llvm = strstr(real, "/llvm-");
            if (byreal.kind == BW_COMPILER_CLANG && byreal.major == 0 && llvm != NULL)
                byreal.major = (int)strtol(llvm + strlen("/llvm-"), NULL, 10);
            bool cxx = out->cxx || byreal.cxx || strcmp(base, "c++") == 0 ||
                       strcmp(base, "CC") == 0;
            *out = byreal;
            out->cxx = cxx;
            if (out->kind == BW_COMPILER_GCC || out->major != 0)
                return;
        }
    }
    bool cxx = out->cxx || strcmp(base, "c++") == 0;
    identify_by_running(path, out);
    out->cxx = cxx;
}
