/* staged.c — the configuration and the baseline as the commit records them. */
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/file.h"
#include "bulwark/precommit.h"

#define STAGED_MAX ((size_t)256 << 20)

bw_status bw_precommit_load_config(const bw_git *g, const bw_index *idx, bool worktree,
                                   bw_config **out, bool *from_index, bw_error *err)
{
    *out = NULL;
    *from_index = false;
    const bw_index_entry *e = worktree ? NULL : bw_index_find(idx, BW_CONFIG_FILENAME);
    if (e == NULL)
        return bw_config_load_nearest(bw_git_root(g), out, err);
    char *data = NULL;
    size_t len = 0;
    const char *oid = e->oid;
    bw_status st = bw_git_read_blobs(g, 1, &oid, &data, &len, err);
    if (st != BW_OK)
        return st;
    char *path = bw_path_join(bw_git_root(g), BW_CONFIG_FILENAME);
    if (path == NULL) {
        bw_free(data);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    st = bw_config_load_buffer(data, len, path, bw_git_root(g), out, err);
    bw_free(path);
    bw_free(data);
    if (st == BW_OK)
        *from_index = true;
    return st;
}

bw_status bw_precommit_load_baseline(const bw_git *g, const bw_index *idx, const char *path,
                                     bool worktree, bw_baseline *out,
                                     bw_baseline_source *source, bw_error *err)
{
    memset(out, 0, sizeof *out);
    *source = BW_BASELINE_NONE;
    const bw_index_entry *e = worktree ? NULL : bw_index_find(idx, path);
    if (e != NULL) {
        char *data = NULL;
        size_t len = 0;
        const char *oid = e->oid;
        bw_status st = bw_git_read_blobs(g, 1, &oid, &data, &len, err);
        if (st == BW_OK) {
            bw_buf name = BW_BUF_INIT;
            bw_buf_printf(&name, "%s (staged)", path);
            st = bw_buf_status(&name) != BW_OK
                     ? bw_error_set(err, BW_ERR_NOMEM, "out of memory")
                     : bw_baseline_parse(data, len, name.data, out, err);
            bw_buf_free(&name);
        }
        bw_free(data);
        if (st == BW_OK)
            *source = BW_BASELINE_INDEX;
        return st;
    }
    char *abs = bw_path_join(bw_git_root(g), path);
    if (abs == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    bw_status st = bw_baseline_load(abs, out, err);
    bw_free(abs);
    if (st == BW_OK) {
        *source = BW_BASELINE_WORKTREE;
    } else if (st == BW_ERR_NOT_FOUND) {
        err->status = BW_OK;
        err->message[0] = '\0';
        st = BW_OK;
    }
    return st;
}

bw_status bw_precommit_head_baseline(const bw_git *g, const char *path, bw_baseline *out,
                                     bool *exists, bw_error *err)
{
    memset(out, 0, sizeof *out);
    *exists = false;
    if (!bw_git_has_head(g))
        return BW_OK;
    char *data = NULL;
    size_t len = 0;
    bw_error ignored = {0};
    if (bw_git_read_file(g, "HEAD", path, &data, &len, &ignored) != BW_OK)
        return BW_OK; /* not in HEAD */
    bw_buf name = BW_BUF_INIT;
    bw_buf_printf(&name, "HEAD:%s", path);
    bw_status st = bw_buf_status(&name) != BW_OK ? bw_error_set(err, BW_ERR_NOMEM, "out of memory")
                                                 : bw_baseline_parse(data, len, name.data, out, err);
    bw_buf_free(&name);
    bw_free(data);
    *exists = st == BW_OK;
    return st;
}
