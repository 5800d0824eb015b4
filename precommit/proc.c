/* proc.c — running a program with an argv array (never a shell) and
 * collecting its output. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/precommit.h"

extern char **environ;

#define ERROUT_MAX (64u * 1024u)

/* Standard input comes from an anonymous memory file holding `input`, so
 * nothing has to be written into a pipe while the child's output is read
 * (no deadlock, no SIGPIPE when the child exits early). */
static int input_fd(const char *input, size_t len)
{
    if (input == NULL || len == 0)
        return open("/dev/null", O_RDONLY | O_CLOEXEC);
    int fd = memfd_create("bulwark-input", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, input + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            close(fd);
            return -1;
        }
        off += (size_t)n;
    }
    if (lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

bw_status bw_proc_run(const char *const *argv, const char *input, size_t input_len,
                      bw_buf *out, size_t max_out, bw_buf *errout, int *exit_status,
                      bw_error *err)
{
    int in = -1, po[2] = {-1, -1}, pe[2] = {-1, -1};
    bw_status st = BW_OK;
    posix_spawn_file_actions_t fa;
    bool fa_ok = false;
    pid_t pid = -1;
    size_t errlen = 0;
    bool too_big = false;

    *exit_status = -1;
    in = input_fd(input, input_len);
    if (in < 0 || pipe2(po, O_CLOEXEC) != 0 || pipe2(pe, O_CLOEXEC) != 0) {
        st = bw_error_set(err, BW_ERR_TOOL, "%s: cannot create pipes: %s", argv[0], strerror(errno));
        goto done;
    }
    if (posix_spawn_file_actions_init(&fa) != 0) {
        st = bw_error_set(err, BW_ERR_NOMEM, "%s: out of memory", argv[0]);
        goto done;
    }
    fa_ok = true;
    if (posix_spawn_file_actions_adddup2(&fa, in, 0) != 0 ||
        posix_spawn_file_actions_adddup2(&fa, po[1], 1) != 0 ||
        posix_spawn_file_actions_adddup2(&fa, pe[1], 2) != 0) {
        st = bw_error_set(err, BW_ERR_NOMEM, "%s: out of memory", argv[0]);
        goto done;
    }
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
    if (rc != 0) {
        pid = -1;
        st = bw_error_set(err, BW_ERR_TOOL, "cannot run %s: %s", argv[0], strerror(rc));
        goto done;
    }
    close(po[1]);
    close(pe[1]);
    po[1] = pe[1] = -1;

    struct pollfd fds[2] = {{po[0], POLLIN, 0}, {pe[0], POLLIN, 0}};
    int open_count = 2;
    char chunk[65536];
    while (open_count > 0) {
        int n = poll(fds, 2, -1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            st = bw_error_set(err, BW_ERR_IO, "%s: poll: %s", argv[0], strerror(errno));
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            ssize_t got = read(fds[i].fd, chunk, sizeof chunk);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0) {
                close(fds[i].fd);
                if (i == 0)
                    po[0] = -1;
                else
                    pe[0] = -1;
                fds[i].fd = -1;
                open_count--;
                continue;
            }
            if (i == 0) {
                if (out == NULL)
                    continue;
                if (out->len + (size_t)got > max_out) {
                    too_big = true;
                    continue; /* keep draining so the child can finish */
                }
                bw_buf_append(out, chunk, (size_t)got);
            } else if (errout != NULL && errlen < ERROUT_MAX) {
                size_t take = (size_t)got;
                if (take > ERROUT_MAX - errlen)
                    take = ERROUT_MAX - errlen;
                bw_buf_append(errout, chunk, take);
                errlen += take;
            }
        }
    }

done:
    if (pid > 0) {
        int ws = 0;
        pid_t w;
        do
            w = waitpid(pid, &ws, 0);
        while (w < 0 && errno == EINTR);
        if (w == pid)
            *exit_status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
    }
    if (fa_ok)
        posix_spawn_file_actions_destroy(&fa);
    for (int i = 0; i < 2; i++) {
        if (po[i] >= 0)
            close(po[i]);
        if (pe[i] >= 0)
            close(pe[i]);
    }
    if (in >= 0)
        close(in);
    if (st == BW_OK && too_big)
        st = bw_error_set(err, BW_ERR_IO, "%s: output larger than %zu bytes", argv[0], max_out);
    if (st == BW_OK && ((out != NULL && bw_buf_status(out) != BW_OK) ||
                        (errout != NULL && bw_buf_status(errout) != BW_OK)))
        st = bw_error_set(err, BW_ERR_NOMEM, "%s: out of memory", argv[0]);
    return st;
}
