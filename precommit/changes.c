/* changes.c — the staged diff: which files changed and which lines. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/precommit.h"

static const char *const diff_common[] = {
    "--no-ext-diff", "--no-textconv", "--no-relative", "--no-color",
    "-M", /* the same rename detection in both listings keeps them aligned */
};

bool bw_path_is_c_source(const char *path)
{
    static const char *const exts[] = {".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".cp", ".CPP"};
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot == NULL || (slash != NULL && dot < slash))
        return false;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strcmp(dot, exts[i]) == 0)
            return true;
    return false;
}

bool bw_path_is_c_family(const char *path)
{
    static const char *const exts[] = {".h", ".hh", ".hpp", ".hxx", ".h++", ".H", ".ipp", ".inl", ".tcc"};
    if (bw_path_is_c_source(path))
        return true;
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot == NULL || (slash != NULL && dot < slash))
        return false;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strcmp(dot, exts[i]) == 0)
            return true;
    return false;
}

static void change_clear(bw_file_change *c)
{
    bw_free(c->path);
    bw_free(c->old_path);
    bw_free(c->ranges);
    memset(c, 0, sizeof *c);
}

void bw_changes_free(bw_changes *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->count; i++)
        change_clear(&c->items[i]);
    bw_free(c->items);
    c->items = NULL;
    c->count = 0;
}

/* Parses `--raw -z` output:
 *   ":<srcmode> <dstmode> <srcoid> <dstoid> <status>[score]\0<path>\0[<path2>\0]" */
static bw_status parse_raw(const char *data, size_t len, bw_changes *out, bw_error *err)
{
    size_t cap = 0;
    size_t off = 0;
    while (off < len) {
        const char *rec = data + off;
        size_t rlen = strnlen(rec, len - off);
        if (off + rlen >= len || rec[0] != ':')
            return bw_error_set(err, BW_ERR_TOOL, "git diff --raw: unexpected output '%.60s'", rec);
        off += rlen + 1;
        bw_file_change c = {0};
        char *e = NULL;
        errno = 0;
        (void)strtoul(rec + 1, &e, 8);
        if (errno != 0 || *e != ' ')
            return bw_error_set(err, BW_ERR_TOOL, "git diff --raw: bad mode in '%.60s'", rec);
        unsigned long dst = strtoul(e + 1, &e, 8);
        if (errno != 0 || *e != ' ')
            return bw_error_set(err, BW_ERR_TOOL, "git diff --raw: bad mode in '%.60s'", rec);
        c.new_mode = (unsigned)dst;
        const char *p = strchr(e + 1, ' '); /* skip the source oid */
        if (p == NULL)
            return bw_error_set(err, BW_ERR_TOOL, "git diff --raw: bad record '%.60s'", rec);
        const char *oid = p + 1;
        const char *q = strchr(oid, ' ');
        if (q == NULL || (q - oid != 40 && q - oid != 64))
            return bw_error_set(err, BW_ERR_TOOL, "git diff --raw: bad object id in '%.60s'", rec);
        char kind = q[1];
        if (strchr("AMDRCT", kind) == NULL || kind == '\0')
            return bw_error_set(err, BW_ERR_TOOL, "git diff --raw: unexpected status '%c'", kind);
        c.kind = (bw_change_kind)kind;
        if (kind != 'D') {
            memcpy(c.new_oid, oid, (size_t)(q - oid));
            c.new_oid[q - oid] = '\0';
        }
        const char *path1 = data + off;
        size_t l1 = strnlen(path1, len - off);
        if (off + l1 >= len)
            return bw_error_set(err, BW_ERR_TOOL, "git diff --raw: truncated record");
        off += l1 + 1;
        if (kind == 'R' || kind == 'C') {
            const char *path2 = data + off;
            size_t l2 = strnlen(path2, len - off);
            if (off + l2 >= len)
                return bw_error_set(err, BW_ERR_TOOL, "git diff --raw: truncated rename record");
            off += l2 + 1;
            c.old_path = bw_strdup(path1);
            c.path = bw_strdup(path2);
        } else {
            c.path = bw_strdup(path1);
        }
        if (c.path == NULL || ((kind == 'R' || kind == 'C') && c.old_path == NULL)) {
            change_clear(&c);
            return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        }
        if (out->count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            bw_file_change *items = bw_reallocarray(out->items, ncap, sizeof *items);
            if (items == NULL) {
                change_clear(&c);
                return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            }
            out->items = items;
            cap = ncap;
        }
        out->items[out->count++] = c;
    }
    return BW_OK;
}

static bool starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

/* "@@ -a[,b] +c[,d] @@" */
static bool parse_hunk(const char *s, size_t n, unsigned long *old_count, unsigned long *new_start,
                       unsigned long *new_count)
{
    char tmp[128];
    if (n >= sizeof tmp)
        n = sizeof tmp - 1;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    char *p = tmp + 3, *e = NULL;
    if (*p != '-')
        return false;
    errno = 0;
    (void)strtoul(p + 1, &e, 10);
    *old_count = 1;
    if (*e == ',')
        *old_count = strtoul(e + 1, &e, 10);
    if (errno != 0 || *e != ' ' || e[1] != '+')
        return false;
    *new_start = strtoul(e + 2, &e, 10);
    *new_count = 1;
    if (*e == ',')
        *new_count = strtoul(e + 1, &e, 10);
    return errno == 0 && *e == ' ' && *new_start <= 0xFFFFFFFFul && *new_count <= 0xFFFFFFFFul;
}

static bool add_range(bw_file_change *c, size_t *cap, unsigned first, unsigned last)
{
    if (c->range_count > 0 && c->ranges[c->range_count - 1].last + 1 >= first) {
        bw_line_range *r = &c->ranges[c->range_count - 1];
        if (last > r->last)
            r->last = last;
        return true;
    }
    if (c->range_count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        bw_line_range *rs = bw_reallocarray(c->ranges, ncap, sizeof *rs);
        if (rs == NULL)
            return false;
        c->ranges = rs;
        *cap = ncap;
    }
    c->ranges[c->range_count].first = first;
    c->ranges[c->range_count].last = last;
    c->range_count++;
    return true;
}

bw_status bw_changes_parse_patch(bw_changes *c, const char *patch, size_t len, bw_error *err)
{
    size_t file = 0;     /* 1-based index of the current section; 0 before the first */
    size_t cap = 0;
    unsigned long minus_left = 0, plus_left = 0;
    size_t off = 0;
    while (off < len) {
        const char *line = patch + off;
        const char *nl = memchr(line, '\n', len - off);
        size_t n = nl != NULL ? (size_t)(nl - line) : len - off;
        off += n + (nl != NULL);
        if (minus_left > 0 || plus_left > 0) {
            if (n > 0 && line[0] == '-' && minus_left > 0)
                minus_left--;
            else if (n > 0 && line[0] == '+' && plus_left > 0)
                plus_left--;
            else if (!(n > 0 && line[0] == '\\'))
                return bw_error_set(err, BW_ERR_TOOL, "git diff: malformed hunk in section %zu", file);
            continue;
        }
        if (n > 0 && line[0] == '\\')
            continue; /* "\ No newline at end of file" */
        if (starts_with(line, n, "diff --git ")) {
            if (file >= c->count)
                return bw_error_set(err, BW_ERR_TOOL,
                                    "git diff: more patch sections than changed files");
            file++;
            cap = 0;
            continue;
        }
        if (file == 0)
            continue;
        bw_file_change *fc = &c->items[file - 1];
        if (starts_with(line, n, "Binary files ") || starts_with(line, n, "GIT binary patch")) {
            fc->binary = true;
        } else if (starts_with(line, n, "@@ ")) {
            unsigned long oldn, start, newn;
            if (!parse_hunk(line, n, &oldn, &start, &newn))
                return bw_error_set(err, BW_ERR_TOOL, "git diff: bad hunk header '%.*s'",
                                    (int)(n > 80 ? 80 : n), line);
            bool ok;
            if (newn > 0)
                ok = add_range(fc, &cap, (unsigned)start, (unsigned)(start + newn - 1));
            else /* a pure deletion after line `start`: both neighbours count */
                ok = add_range(fc, &cap, start > 0 ? (unsigned)start : 1u, (unsigned)start + 1u);
            if (!ok)
                return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            minus_left = oldn;
            plus_left = newn;
        }
    }
    if (file != c->count)
        return bw_error_set(err, BW_ERR_TOOL,
                            "git diff: %zu patch sections for %zu changed files", file, c->count);
    return BW_OK;
}

bw_status bw_git_staged_changes(const bw_git *g, bw_changes *out, bw_error *err)
{
    out->items = NULL;
    out->count = 0;
    enum { NCOMMON = sizeof diff_common / sizeof diff_common[0] };
    const char *raw_args[NCOMMON + 6], *patch_args[NCOMMON + 9];
    size_t r = 0, p = 0;
    raw_args[r++] = "diff";
    raw_args[r++] = "--cached";
    raw_args[r++] = "--raw";
    raw_args[r++] = "-z";
    raw_args[r++] = "--no-abbrev";
    patch_args[p++] = "diff";
    patch_args[p++] = "--cached";
    patch_args[p++] = "-U0";
    patch_args[p++] = "--inter-hunk-context=0";
    patch_args[p++] = "--src-prefix=a/";
    patch_args[p++] = "--dst-prefix=b/";
    for (size_t i = 0; i < NCOMMON; i++) {
        raw_args[r++] = diff_common[i];
        patch_args[p++] = diff_common[i];
    }
    raw_args[r] = NULL;
    patch_args[p] = NULL;

    bw_buf raw = BW_BUF_INIT, patch = BW_BUF_INIT;
    bw_status st = bw_git_run(g, raw_args, NULL, 0, &raw, NULL, err);
    if (st == BW_OK)
        st = parse_raw(raw.data != NULL ? raw.data : "", raw.len, out, err);
    if (st == BW_OK && out->count > 0)
        st = bw_git_run(g, patch_args, NULL, 0, &patch, NULL, err);
    if (st == BW_OK && out->count > 0)
        st = bw_changes_parse_patch(out, patch.data != NULL ? patch.data : "", patch.len, err);
    bw_buf_free(&raw);
    bw_buf_free(&patch);
    if (st != BW_OK)
        bw_changes_free(out);
    return st;
}

const bw_file_change *bw_changes_find(const bw_changes *c, const char *path)
{
    for (size_t i = 0; i < c->count; i++)
        if (c->items[i].kind != BW_CHANGE_DELETED && strcmp(c->items[i].path, path) == 0)
            return &c->items[i];
    return NULL;
}

bool bw_changes_line_changed(const bw_changes *c, const char *path, unsigned line)
{
    const bw_file_change *fc = bw_changes_find(c, path);
    if (fc == NULL || line == 0)
        return false;
    size_t lo = 0, hi = fc->range_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (fc->ranges[mid].last < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < fc->range_count && fc->ranges[lo].first <= line;
}
