/* git.c — the repository handle, the index and blobs, through git's own
 * plumbing commands run with argv arrays. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bulwark/alloc.h"
#include "bulwark/precommit.h"

#define GIT_MAX_OUT ((size_t)1 << 30)
#define MAX_ARGS 64

struct bw_git {
    char *root;
    bool has_head;
    bool merging;
};

/* Trims trailing newlines in place. */
static void chomp(bw_buf *b)
{
    while (b->len > 0 && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == '\r'))
        b->data[--b->len] = '\0';
}

/* Runs git with `pre` (options before the subcommand) and args. */
static bw_status run_git(const char *dir, const char *const *args, const char *input,
                         size_t input_len, bw_buf *out, int *exit_status, bw_error *err)
{
    const char *argv[MAX_ARGS];
    size_t n = 0;
    argv[n++] = "git";
    argv[n++] = "--no-optional-locks"; /* never take index.lock while git runs our hook */
    argv[n++] = "-c";
    argv[n++] = "core.quotePath=true";
    if (dir != NULL) {
        argv[n++] = "-C";
        argv[n++] = dir;
    }
    for (size_t i = 0; args[i] != NULL; i++) {
        if (n + 2 > MAX_ARGS)
            return bw_error_set(err, BW_ERR_INTERNAL, "git: too many arguments");
        argv[n++] = args[i];
    }
    argv[n] = NULL;

    bw_buf errout = BW_BUF_INIT;
    int status = -1;
    bw_status st = bw_proc_run(argv, input, input_len, out, GIT_MAX_OUT, &errout, &status, err);
    if (st == BW_OK) {
        if (exit_status != NULL) {
            *exit_status = status;
        } else if (status != 0) {
            chomp(&errout);
            /* git's message, first line only, for a one-line error. */
            const char *msg = errout.data != NULL ? errout.data : "";
            const char *nl = strchr(msg, '\n');
            int mlen = nl != NULL ? (int)(nl - msg) : (int)strlen(msg);
            st = bw_error_set(err, BW_ERR_TOOL, "git %s failed (exit %d): %.*s", args[0], status,
                              mlen, msg);
        }
    }
    bw_buf_free(&errout);
    return st;
}

bw_status bw_git_run(const bw_git *g, const char *const *args, const char *input,
                     size_t input_len, bw_buf *out, int *exit_status, bw_error *err)
{
    return run_git(g->root, args, input, input_len, out, exit_status, err);
}

bw_status bw_git_open(const char *dir, bw_git **out, bw_error *err)
{
    *out = NULL;
    bw_buf buf = BW_BUF_INIT;
    int status = 0;
    bw_status st;
    bw_git *g = bw_calloc(1, sizeof *g);
    if (g == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");

    const char *top[] = {"rev-parse", "--show-toplevel", NULL};
    st = run_git(dir, top, NULL, 0, &buf, &status, err);
    if (st != BW_OK)
        goto fail;
    chomp(&buf);
    if (status != 0 || buf.len == 0) {
        st = bw_error_set(err, BW_ERR_NOT_FOUND, "%s is not inside a git work tree",
                          dir != NULL ? dir : "the current directory");
        goto fail;
    }
    g->root = bw_buf_take(&buf);
    if (g->root == NULL) {
        st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        goto fail;
    }
    const char *head[] = {"rev-parse", "-q", "--verify", "HEAD^{commit}", NULL};
    st = run_git(g->root, head, NULL, 0, NULL, &status, err);
    if (st != BW_OK)
        goto fail;
    g->has_head = status == 0;
    const char *merge[] = {"rev-parse", "-q", "--verify", "MERGE_HEAD", NULL};
    st = run_git(g->root, merge, NULL, 0, NULL, &status, err);
    if (st != BW_OK)
        goto fail;
    g->merging = status == 0;
    *out = g;
    return BW_OK;
fail:
    bw_buf_free(&buf);
    bw_git_free(g);
    return st;
}

void bw_git_free(bw_git *g)
{
    if (g == NULL)
        return;
    bw_free(g->root);
    bw_free(g);
}

const char *bw_git_root(const bw_git *g) { return g->root; }
bool bw_git_has_head(const bw_git *g) { return g->has_head; }
bool bw_git_merging(const bw_git *g) { return g->merging; }

/* Parses "<octal>" from s (up to a space); false when malformed. */
static bool parse_mode(const char *s, const char **end, unsigned *mode)
{
    char *e = NULL;
    errno = 0;
    unsigned long v = strtoul(s, &e, 8);
    if (e == s || errno != 0 || v > 0777777ul)
        return false;
    *mode = (unsigned)v;
    *end = e;
    return true;
}

/* Copies a hex object id of 40 or 64 digits ending at a space or tab. */
static bool parse_oid(const char *s, const char **end, char oid[65])
{
    size_t n = 0;
    while ((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f'))
        n++;
    if (n != 40 && n != 64)
        return false;
    memcpy(oid, s, n);
    oid[n] = '\0';
    *end = s + n;
    return true;
}

bw_status bw_git_read_index(const bw_git *g, bw_index *out, bw_error *err)
{
    out->items = NULL;
    out->count = 0;
    bw_buf buf = BW_BUF_INIT;
    const char *args[] = {"ls-files", "-s", "-z", "--full-name", NULL};
    bw_status st = run_git(g->root, args, NULL, 0, &buf, NULL, err);
    if (st != BW_OK)
        goto done;
    size_t cap = 0;
    for (size_t off = 0; off < buf.len;) {
        const char *rec = buf.data + off;
        size_t rlen = strlen(rec);
        off += rlen + 1;
        /* "<mode> <oid> <stage>\t<path>" */
        const char *p = rec, *e;
        bw_index_entry ent = {0};
        if (!parse_mode(p, &e, &ent.mode) || *e != ' ' || !parse_oid(e + 1, &e, ent.oid) ||
            *e != ' ' || e[1] < '0' || e[1] > '3' || e[2] != '\t') {
            st = bw_error_set(err, BW_ERR_TOOL, "git ls-files: unexpected output '%.60s'", rec);
            goto done;
        }
        ent.stage = (unsigned)(e[1] - '0');
        ent.path = bw_strdup(e + 3);
        if (ent.path == NULL) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
        if (out->count == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            bw_index_entry *items = bw_reallocarray(out->items, ncap, sizeof *items);
            if (items == NULL) {
                bw_free(ent.path);
                st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
                goto done;
            }
            out->items = items;
            cap = ncap;
        }
        out->items[out->count++] = ent;
    }
done:
    bw_buf_free(&buf);
    if (st != BW_OK)
        bw_index_free(out);
    return st;
}

const bw_index_entry *bw_index_find(const bw_index *idx, const char *path)
{
    /* ls-files output is sorted by path (byte order), stages in order. */
    size_t lo = 0, hi = idx->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(idx->items[mid].path, path);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < idx->count && strcmp(idx->items[i].path, path) == 0; i++)
        if (idx->items[i].stage == 0)
            return &idx->items[i];
    return NULL;
}

bool bw_index_has_conflicts(const bw_index *idx)
{
    for (size_t i = 0; i < idx->count; i++)
        if (idx->items[i].stage != 0)
            return true;
    return false;
}

void bw_index_free(bw_index *idx)
{
    if (idx == NULL)
        return;
    for (size_t i = 0; i < idx->count; i++)
        bw_free(idx->items[i].path);
    bw_free(idx->items);
    idx->items = NULL;
    idx->count = 0;
}

bw_status bw_git_read_blobs(const bw_git *g, size_t n, const char *const *oids, char **data,
                            size_t *len, bw_error *err)
{
    for (size_t i = 0; i < n; i++) {
        data[i] = NULL;
        len[i] = 0;
    }
    if (n == 0)
        return BW_OK;
    bw_buf in = BW_BUF_INIT, out = BW_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        bw_buf_printf(&in, "%s\n", oids[i]);
    if (bw_buf_status(&in) != BW_OK) {
        bw_buf_free(&in);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    const char *args[] = {"cat-file", "--batch", NULL};
    bw_status st = run_git(g->root, args, in.data, in.len, &out, NULL, err);
    size_t off = 0;
    for (size_t i = 0; st == BW_OK && i < n; i++) {
        /* "<oid> <type> <size>\n<content>\n" or "<oid> missing\n" */
        const char *hdr = out.data != NULL ? out.data + off : "";
        const char *nl = off < out.len ? memchr(hdr, '\n', out.len - off) : NULL;
        if (nl == NULL) {
            st = bw_error_set(err, BW_ERR_TOOL, "git cat-file: truncated output");
            break;
        }
        const char *sp = memchr(hdr, ' ', (size_t)(nl - hdr));
        if (sp != NULL && (size_t)(nl - sp) == 8 && memcmp(sp, " missing", 8) == 0) {
            st = bw_error_set(err, BW_ERR_NOT_FOUND, "git object %s is missing", oids[i]);
            break;
        }
        const char *sz = NULL;
        for (const char *p = nl; p > hdr; p--)
            if (p[-1] == ' ') {
                sz = p;
                break;
            }
        char *e = NULL;
        errno = 0;
        unsigned long long size = sz != NULL ? strtoull(sz, &e, 10) : 0;
        if (sz == NULL || e != nl || errno != 0 ||
            size > (unsigned long long)(out.len - (size_t)(nl + 1 - out.data))) {
            st = bw_error_set(err, BW_ERR_TOOL, "git cat-file: unexpected header '%.*s'",
                              (int)(nl - hdr), hdr);
            break;
        }
        off = (size_t)(nl + 1 - out.data);
        data[i] = bw_strndup(out.data + off, (size_t)size);
        if (data[i] == NULL) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            break;
        }
        len[i] = (size_t)size;
        off += (size_t)size + 1;
    }
    bw_buf_free(&in);
    bw_buf_free(&out);
    if (st != BW_OK)
        for (size_t i = 0; i < n; i++) {
            bw_free(data[i]);
            data[i] = NULL;
            len[i] = 0;
        }
    return st;
}

bw_status bw_git_read_file(const bw_git *g, const char *rev, const char *path, char **data,
                           size_t *len, bw_error *err)
{
    *data = NULL;
    *len = 0;
    bw_buf spec = BW_BUF_INIT, out = BW_BUF_INIT;
    bw_buf_printf(&spec, "%s:%s", rev, path);
    if (bw_buf_status(&spec) != BW_OK)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    int status = 0;
    const char *args[] = {"cat-file", "blob", spec.data, NULL};
    bw_status st = run_git(g->root, args, NULL, 0, &out, &status, err);
    if (st == BW_OK && status != 0)
        st = bw_error_set(err, BW_ERR_NOT_FOUND, "%s: not in %s", path,
                          rev[0] != '\0' ? rev : "the index");
    if (st == BW_OK) {
        size_t n = out.len;
        char *d = n == 0 ? bw_strdup("") : bw_buf_take(&out);
        if (d == NULL)
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        *data = d;
        *len = n;
    }
    bw_buf_free(&spec);
    bw_buf_free(&out);
    return st;
}

/* Splits NUL-separated records into an array of strings. */
static bw_status split_nul(const bw_buf *buf, char ***paths, size_t *count, bw_error *err)
{
    size_t n = 0;
    for (size_t i = 0; i < buf->len; i++)
        if (buf->data[i] == '\0')
            n++;
    char **list = bw_calloc(n + 1, sizeof *list);
    if (list == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    size_t k = 0;
    for (size_t off = 0; off < buf->len && k < n;) {
        const char *s = buf->data + off;
        off += strlen(s) + 1;
        list[k] = bw_strdup(s);
        if (list[k] == NULL) {
            for (size_t j = 0; j < k; j++)
                bw_free(list[j]);
            bw_free(list);
            return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        }
        k++;
    }
    *paths = list;
    *count = k;
    return BW_OK;
}

bw_status bw_git_unstaged_paths(const bw_git *g, char ***paths, size_t *count, bw_error *err)
{
    *paths = NULL;
    *count = 0;
    bw_buf buf = BW_BUF_INIT;
    const char *args[] = {"diff", "--name-only", "-z", "--no-renames", "--no-ext-diff",
                          "--no-textconv", "--no-relative", "--ignore-submodules=all", NULL};
    bw_status st = run_git(g->root, args, NULL, 0, &buf, NULL, err);
    if (st == BW_OK)
        st = split_nul(&buf, paths, count, err);
    bw_buf_free(&buf);
    return st;
}

bw_status bw_git_hooks_dir(const bw_git *g, char **out, bw_error *err)
{
    *out = NULL;
    bw_buf buf = BW_BUF_INIT;
    const char *args[] = {"rev-parse", "--path-format=absolute", "--git-path", "hooks", NULL};
    bw_status st = run_git(g->root, args, NULL, 0, &buf, NULL, err);
    if (st != BW_OK) {
        bw_buf_free(&buf);
        return st;
    }
    chomp(&buf);
    char *dir = bw_buf_take(&buf);
    if (dir == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        st = bw_error_set(err, BW_ERR_IO, "%s: %s", dir, strerror(errno));
        bw_free(dir);
        return st;
    }
    *out = dir;
    return BW_OK;
}
