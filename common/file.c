/* file.c — whole-file reads, atomic replacement, path helpers. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/file.h"

bw_status bw_file_read(const char *path, size_t max_size, char **data_out, size_t *len_out,
                       bw_error *err)
{
    *data_out = NULL;
    if (len_out)
        *len_out = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return bw_error_set(err, errno == ENOENT ? BW_ERR_NOT_FOUND : BW_ERR_IO, "%s: %s", path,
                            strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return bw_error_set(err, BW_ERR_IO, "%s: not a regular file", path);
    }
    if ((unsigned long long)st.st_size > max_size) {
        close(fd);
        return bw_error_set(err, BW_ERR_IO, "%s: larger than the %zu-byte limit", path, max_size);
    }
    bw_buf buf = BW_BUF_INIT;
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            bw_buf_free(&buf);
            return bw_error_set(err, BW_ERR_IO, "%s: %s", path, strerror(e));
        }
        if (n == 0)
            break;
        bw_buf_append(&buf, chunk, (size_t)n);
        if (buf.len > max_size) {
            close(fd);
            bw_buf_free(&buf);
            return bw_error_set(err, BW_ERR_IO, "%s: larger than the %zu-byte limit", path, max_size);
        }
    }
    close(fd);
    size_t len = buf.len;
    char *data = bw_buf_take(&buf);
    if (data == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "%s: out of memory", path);
    *data_out = data;
    if (len_out)
        *len_out = len;
    return BW_OK;
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

bw_status bw_file_write_atomic(const char *path, const void *data, size_t len, bw_error *err)
{
    bw_buf tmp = BW_BUF_INIT;
    bw_buf_printf(&tmp, "%s.tmp.XXXXXX", path);
    if (bw_buf_status(&tmp) != BW_OK)
        return bw_error_set(err, BW_ERR_NOMEM, "%s: out of memory", path);
    int fd = mkstemp(tmp.data);
    if (fd < 0) {
        int e = errno;
        bw_buf_free(&tmp);
        return bw_error_set(err, BW_ERR_IO, "%s: cannot create temporary file: %s", path, strerror(e));
    }
    bool ok = write_all(fd, data, len) && fsync(fd) == 0;
    int e = errno;
    /* Keep the usual permissions of a new file (mkstemp makes it 0600). */
    mode_t mask = umask(0);
    umask(mask);
    if (ok && fchmod(fd, 0666 & ~mask) != 0) {
        ok = false;
        e = errno;
    }
    if (close(fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (ok && rename(tmp.data, path) != 0) {
        ok = false;
        e = errno;
    }
    if (!ok) {
        unlink(tmp.data);
        bw_buf_free(&tmp);
        return bw_error_set(err, BW_ERR_IO, "%s: %s", path, strerror(e));
    }
    bw_buf_free(&tmp);
    /* Make the rename itself durable. */
    char *dir = bw_path_dirname(path);
    if (dir != NULL) {
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            (void)fsync(dfd); /* best effort: some file systems refuse fsync on directories */
            close(dfd);
        }
        bw_free(dir);
    }
    return BW_OK;
}

char *bw_path_join(const char *a, const char *b)
{
    bw_buf out = BW_BUF_INIT;
    if (b[0] == '/' || a[0] == '\0') {
        bw_buf_puts(&out, b);
    } else {
        bw_buf_puts(&out, a);
        if (out.len > 0 && out.data[out.len - 1] != '/')
            bw_buf_putc(&out, '/');
        bw_buf_puts(&out, b);
    }
    return bw_buf_take(&out);
}

char *bw_path_relative(const char *path, const char *root)
{
    size_t n = strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    if (n > 0 && strncmp(path, root, n) == 0 && (path[n] == '/' || (n == 1 && root[0] == '/'))) {
        const char *rest = path + n;
        while (*rest == '/')
            rest++;
        if (*rest != '\0')
            return bw_strdup(rest);
    }
    return bw_strdup(path);
}

char *bw_path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        return bw_strdup(".");
    if (slash == path)
        return bw_strdup("/");
    return bw_strndup(path, (size_t)(slash - path));
}

bool bw_path_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}
