/* hook.c — the plain git hooks `bulwark install-hook` writes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/file.h"
#include "bulwark/precommit.h"

const char *const bw_hook_names[2] = {"pre-commit", "pre-merge-commit"};

#define CHAINED_SUFFIX ".bulwark-chained"
#define BACKUP_SUFFIX ".bulwark-backup"

/* Appends s as one single-quoted sh word ('it'\''s'). */
static void sh_quote(bw_buf *out, const char *s)
{
    bw_buf_putc(out, '\'');
    for (; *s != '\0'; s++) {
        if (*s == '\'')
            bw_buf_puts(out, "'\\''");
        else
            bw_buf_putc(out, *s);
    }
    bw_buf_putc(out, '\'');
}

static bw_status hook_script(bw_buf *out, const char *name, const char *bulwark, bool chain)
{
    bw_buf_printf(out,
                  "#!/bin/sh\n"
                  "%s\n"
                  "# Checks the staged content (the index) before git records a commit and\n"
                  "# blocks only findings that are not in the baseline (docs/precommit.md).\n"
                  "# Update: bulwark install-hook.  Remove: bulwark install-hook --uninstall.\n",
                  BW_HOOK_MARKER);
    if (chain) {
        bw_buf_printf(out,
                      "# The hook that was here before runs first; its failure stops the commit.\n"
                      "chained=\"$(dirname -- \"$0\")/%s" CHAINED_SUFFIX "\"\n"
                      "if [ -x \"$chained\" ]; then\n"
                      "    \"$chained\" \"$@\" || exit $?\n"
                      "fi\n",
                      name);
    }
    bw_buf_puts(out, "bulwark=");
    sh_quote(out, bulwark);
    bw_buf_puts(out, "\n"
                     "if [ ! -x \"$bulwark\" ]; then\n"
                     "    echo \"bulwark hook: $bulwark is missing; run 'bulwark install-hook' again\" >&2\n"
                     "    exit 2\n"
                     "fi\n"
                     "exec \"$bulwark\" precommit\n");
    return bw_buf_status(out);
}

static bool is_ours(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    bw_error ignored = {0};
    if (bw_file_read(path, 1u << 20, &data, &len, &ignored) != BW_OK)
        return false;
    bool ours = strstr(data, BW_HOOK_MARKER) != NULL;
    bw_free(data);
    return ours;
}

static bw_status write_hook(const char *path, const char *name, const char *bulwark, bool chain,
                            bw_error *err)
{
    bw_buf script = BW_BUF_INIT;
    if (hook_script(&script, name, bulwark, chain) != BW_OK) {
        bw_buf_free(&script);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    bw_status st = bw_file_write_atomic(path, script.data, script.len, err);
    bw_buf_free(&script);
    if (st == BW_OK && chmod(path, 0755) != 0)
        st = bw_error_set(err, BW_ERR_IO, "%s: chmod: %s", path, strerror(errno));
    return st;
}

bw_status bw_hook_install(const char *hooks_dir, const char *name, const bw_hook_options *opts,
                          bw_hook_action *action, bw_error *err)
{
    bw_status st = BW_OK;
    bw_buf path = BW_BUF_INIT, chained = BW_BUF_INIT, backup = BW_BUF_INIT;
    bw_buf_printf(&path, "%s/%s", hooks_dir, name);
    bw_buf_printf(&chained, "%s/%s" CHAINED_SUFFIX, hooks_dir, name);
    bw_buf_printf(&backup, "%s/%s" BACKUP_SUFFIX, hooks_dir, name);
    if (bw_buf_status(&path) != BW_OK || bw_buf_status(&chained) != BW_OK ||
        bw_buf_status(&backup) != BW_OK) {
        st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        goto done;
    }
    struct stat sb;
    bool exists = lstat(path.data, &sb) == 0;
    bool ours = exists && is_ours(path.data);
    bool have_chained = lstat(chained.data, &sb) == 0;

    if (opts->uninstall) {
        if (!ours) {
            *action = BW_HOOK_ABSENT;
            goto done;
        }
        if (have_chained) {
            if (rename(chained.data, path.data) != 0)
                st = bw_error_set(err, BW_ERR_IO, "%s: %s", chained.data, strerror(errno));
        } else if (unlink(path.data) != 0) {
            st = bw_error_set(err, BW_ERR_IO, "%s: %s", path.data, strerror(errno));
        }
        *action = BW_HOOK_REMOVED;
        goto done;
    }
    if (opts->bulwark_path == NULL || opts->bulwark_path[0] != '/') {
        st = bw_error_set(err, BW_ERR_USAGE, "the hook needs the absolute path of bulwark");
        goto done;
    }
    if (!exists) {
        *action = BW_HOOK_INSTALLED;
        st = write_hook(path.data, name, opts->bulwark_path, have_chained && opts->chain, err);
    } else if (ours) {
        *action = BW_HOOK_UPDATED;
        /* Keep running a hook chained earlier. */
        st = write_hook(path.data, name, opts->bulwark_path, have_chained, err);
    } else if (opts->chain) {
        if (have_chained) {
            st = bw_error_set(err, BW_ERR_USAGE,
                              "%s exists already; move it away before chaining %s",
                              chained.data, path.data);
            goto done;
        }
        if (rename(path.data, chained.data) != 0) {
            st = bw_error_set(err, BW_ERR_IO, "%s: %s", path.data, strerror(errno));
            goto done;
        }
        *action = BW_HOOK_CHAINED;
        st = write_hook(path.data, name, opts->bulwark_path, true, err);
        if (st != BW_OK)
            (void)rename(chained.data, path.data); /* put the user's hook back */
    } else if (opts->force) {
        if (rename(path.data, backup.data) != 0) {
            st = bw_error_set(err, BW_ERR_IO, "%s: %s", path.data, strerror(errno));
            goto done;
        }
        *action = BW_HOOK_REPLACED;
        st = write_hook(path.data, name, opts->bulwark_path, false, err);
    } else {
        *action = BW_HOOK_REFUSED;
    }
done:
    bw_buf_free(&path);
    bw_buf_free(&chained);
    bw_buf_free(&backup);
    return st;
}
