/* analyze.c — runs the checker engine over the project as it is staged, and
 * reads the `precommit:` section of .bulwark.yaml. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/file.h"
#include "bulwark/precommit.h"
#ifdef BW_PRECOMMIT_HAVE_ENGINE
#include "bulwark/checkers.h"
#endif

bw_status bw_precommit_config(const bw_config *cfg, bw_pc_config *out, bw_error *err)
{
    memset(out, 0, sizeof *out);
    bw_yaml_node sec = bw_config_section(cfg, "precommit");
    if (sec == 0)
        return BW_OK;
    const bw_yaml *doc = cfg->yaml;
    if (bw_yaml_kind_of(doc, sec) != BW_YAML_MAPPING)
        return bw_yaml_error(doc, sec, err, "'precommit' must be a mapping");
    for (size_t i = 0; i < bw_yaml_len(doc, sec); i++) {
        bw_yaml_node k, v;
        if (!bw_yaml_pair_at(doc, sec, i, &k, &v))
            continue;
        const char *key = bw_yaml_scalar(doc, k);
        const char *val = NULL;
        bw_status st;
        if (key == NULL)
            return bw_yaml_error(doc, k, err, "precommit: keys must be scalars");
        if (strcmp(key, "baseline") == 0) {
            if ((st = bw_yaml_read_string(doc, v, &out->baseline, err)) != BW_OK)
                return st;
        } else if (strcmp(key, "compile-database") == 0) {
            if ((st = bw_yaml_read_string(doc, v, &out->compile_database, err)) != BW_OK)
                return st;
        } else if (strcmp(key, "scope") == 0) {
            if ((st = bw_yaml_read_string(doc, v, &val, err)) != BW_OK)
                return st;
            if (strcmp(val, "all") == 0)
                out->all = true;
            else if (strcmp(val, "changes") != 0)
                return bw_yaml_error(doc, v, err, "precommit: scope must be 'changes' or 'all'");
        } else {
            return bw_yaml_error(doc, k, err,
                                 "precommit: unknown key '%s' (known: baseline, compile-database, scope)",
                                 key);
        }
    }
    return BW_OK;
}

void bw_pc_analysis_free(bw_pc_analysis *a)
{
    if (a == NULL)
        return;
    bw_findings_free(&a->findings);
    bw_loosenings_free(&a->loosenings);
    for (size_t i = 0; i < a->problem_count; i++)
        bw_free(a->problems[i]);
    bw_free(a->problems);
    bw_free(a->build_dir);
    memset(a, 0, sizeof *a);
}

#ifndef BW_PRECOMMIT_HAVE_ENGINE

bool bw_precommit_have_engine(void) { return false; }

bw_status bw_precommit_analyze(const bw_git *g, const bw_config *cfg, const bw_index *idx,
                               const bw_changes *changes, const bw_pc_analysis_options *opts,
                               bw_pc_analysis *out, bw_error *err)
{
    (void)g, (void)cfg, (void)idx, (void)changes, (void)opts;
    memset(out, 0, sizeof *out);
    return bw_error_set(err, BW_ERR_TOOL,
                        "this bulwark was built without the checker engine (checkers/); "
                        "nothing can be analysed");
}

#else

bool bw_precommit_have_engine(void) { return true; }

/* Picks the compile database directory; NULL when there is none. */
static bw_status pick_build_dir(const char *root, const char *configured, char **out, bw_error *err)
{
    *out = NULL;
    if (configured != NULL) {
        char *dir = bw_path_join(root, configured);
        char *db = dir != NULL ? bw_path_join(dir, "compile_commands.json") : NULL;
        if (db == NULL) {
            bw_free(dir);
            return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        }
        bool ok = bw_path_exists(db);
        bw_free(db);
        if (!ok) {
            bw_status st = bw_error_set(err, BW_ERR_NOT_FOUND,
                                        "%s/compile_commands.json does not exist (configure the "
                                        "build with CMAKE_EXPORT_COMPILE_COMMANDS=ON)", dir);
            bw_free(dir);
            return st;
        }
        *out = dir;
        return BW_OK;
    }
    static const char *const candidates[] = {"build", "."};
    for (size_t i = 0; i < 2; i++) {
        char *dir = bw_path_join(root, candidates[i]);
        char *db = dir != NULL ? bw_path_join(dir, "compile_commands.json") : NULL;
        if (db == NULL) {
            bw_free(dir);
            return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        }
        bool ok = bw_path_exists(db);
        bw_free(db);
        if (ok) {
            *out = dir;
            return BW_OK;
        }
        bw_free(dir);
    }
    return BW_OK;
}

/* The absolute source paths listed in a compile database, sorted. */
static bw_status compdb_files(const char *build_dir, char ***files, size_t *count, bw_error *err)
{
    *files = NULL;
    *count = 0;
    char *path = bw_path_join(build_dir, "compile_commands.json");
    if (path == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    json_error_t jerr;
    json_t *db = json_load_file(path, 0, &jerr);
    bw_status st = BW_OK;
    if (db == NULL || !json_is_array(db)) {
        st = bw_error_set(err, BW_ERR_PARSE, "%s:%d:%d: %s", path, jerr.line, jerr.column,
                          db == NULL ? jerr.text : "not an array of compile commands");
        goto done;
    }
    char **list = bw_calloc(json_array_size(db) + 1, sizeof *list);
    if (list == NULL) {
        st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        goto done;
    }
    size_t n = 0, i;
    json_t *cmd;
    json_array_foreach(db, i, cmd) {
        const char *dir = json_string_value(json_object_get(cmd, "directory"));
        const char *file = json_string_value(json_object_get(cmd, "file"));
        if (file == NULL)
            continue;
        char *abs = bw_path_join(dir != NULL ? dir : build_dir, file);
        char *real = abs != NULL ? realpath(abs, NULL) : NULL;
        list[n] = real != NULL ? bw_strdup(real) : (abs != NULL ? bw_strdup(abs) : NULL);
        free(real); /* from realpath(): libc's allocator */
        bw_free(abs);
        if (list[n] == NULL) {
            for (size_t k = 0; k < n; k++)
                bw_free(list[k]);
            bw_free(list);
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
        n++;
    }
    *files = list;
    *count = n;
done:
    json_decref(db);
    bw_free(path);
    return st;
}

static bool listed(char *const *files, size_t n, const char *abs)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(files[i], abs) == 0)
            return true;
    return false;
}

bw_status bw_precommit_analyze(const bw_git *g, const bw_config *cfg, const bw_index *idx,
                               const bw_changes *changes, const bw_pc_analysis_options *opts,
                               bw_pc_analysis *out, bw_error *err)
{
    memset(out, 0, sizeof *out);
    const char *root = bw_git_root(g);
    bw_session *s = NULL;
    char *cache = NULL;
    char **dbfiles = NULL, **unstaged = NULL;
    size_t ndb = 0, nunstaged = 0;
    const char **oids = NULL;
    char **blobs = NULL, **blob_paths = NULL;
    size_t *blob_lens = NULL, nblobs = 0;
    bw_pc_config pc;
    bw_status st = bw_precommit_config(cfg, &pc, err);
    if (st != BW_OK)
        goto done;

    st = pick_build_dir(root, opts->build_dir != NULL ? opts->build_dir : pc.compile_database,
                        &out->build_dir, err);
    if (st != BW_OK)
        goto done;
    bw_check_options co;
    bw_check_options_init(&co);
    co.jobs = opts->jobs;
    co.root = root;
    if (!opts->no_cache) {
        cache = opts->cache_path != NULL ? bw_strdup(opts->cache_path)
                                         : bw_default_cache_path(out->build_dir, root);
        if (cache == NULL) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
        co.cache_path = cache;
    }
    if ((st = bw_session_new(cfg, &co, &s, err)) != BW_OK)
        goto done;

    if (out->build_dir != NULL) {
        if ((st = bw_session_add_compdb(s, out->build_dir, err)) != BW_OK)
            goto done;
        if ((st = compdb_files(out->build_dir, &dbfiles, &ndb, err)) != BW_OK)
            goto done;
    }

    /* Files of the project without a compile command: with a database, the
     * staged sources it does not know (new files); without one, every source. */
    for (size_t i = 0; i < idx->count; i++) {
        const bw_index_entry *e = &idx->items[i];
        if (e->stage != 0 || (e->mode & 0170000) != 0100000 || !bw_path_is_c_source(e->path))
            continue;
        if (out->build_dir != NULL && bw_changes_find(changes, e->path) == NULL)
            continue;
        char *abs = bw_path_join(root, e->path);
        if (abs == NULL) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
        if (!listed(dbfiles, ndb, abs))
            st = bw_session_add_file(s, abs, err);
        bw_free(abs);
        if (st != BW_OK)
            goto done;
    }

    if (!opts->worktree) {
        /* What the commit records: every C/C++ file whose work-tree content
         * differs from the index is analysed with its index content. */
        if ((st = bw_git_unstaged_paths(g, &unstaged, &nunstaged, err)) != BW_OK)
            goto done;
        oids = bw_calloc(nunstaged + 1, sizeof *oids);
        blob_paths = bw_calloc(nunstaged + 1, sizeof *blob_paths);
        blobs = bw_calloc(nunstaged + 1, sizeof *blobs);
        blob_lens = bw_calloc(nunstaged + 1, sizeof *blob_lens);
        if (oids == NULL || blob_paths == NULL || blobs == NULL || blob_lens == NULL) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < nunstaged; i++) {
            const bw_index_entry *e = bw_index_find(idx, unstaged[i]);
            if (e == NULL || (e->mode & 0170000) != 0100000 || !bw_path_is_c_family(e->path))
                continue;
            oids[nblobs] = e->oid;
            blob_paths[nblobs++] = unstaged[i];
        }
        if ((st = bw_git_read_blobs(g, nblobs, oids, blobs, blob_lens, err)) != BW_OK)
            goto done;
        for (size_t i = 0; i < nblobs; i++) {
            char *abs = bw_path_join(root, blob_paths[i]);
            if (abs == NULL) {
                st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
                goto done;
            }
            st = bw_session_set_content(s, abs, blobs[i], blob_lens[i], err);
            bw_free(abs);
            if (st != BW_OK)
                goto done;
            out->overlaid++;
        }
        /* Files the commit deletes (or renames away) but that are still on
         * disk and in the compile database: analysed as empty. */
        for (size_t i = 0; i < changes->count; i++) {
            const bw_file_change *c = &changes->items[i];
            const char *gone = c->kind == BW_CHANGE_DELETED ? c->path
                               : c->kind == BW_CHANGE_RENAMED ? c->old_path : NULL;
            if (gone == NULL || !bw_path_is_c_family(gone) || bw_index_find(idx, gone) != NULL)
                continue;
            char *abs = bw_path_join(root, gone);
            if (abs == NULL) {
                st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
                goto done;
            }
            if (bw_path_exists(abs)) {
                st = bw_session_set_content(s, abs, "", 0, err);
                out->overlaid++;
            }
            bw_free(abs);
            if (st != BW_OK)
                goto done;
        }
    }

    if ((st = bw_session_run(s, err)) != BW_OK)
        goto done;
    if ((st = bw_session_take_findings(s, &out->findings, err)) != BW_OK)
        goto done;
    const bw_loosenings *ls = bw_session_loosenings(s);
    for (size_t i = 0; ls != NULL && i < ls->count; i++) {
        const bw_loosening *l = &ls->items[i];
        if (bw_loosenings_add(&out->loosenings, l->kind, l->subject, l->reason,
                              l->loc.file != NULL ? &l->loc : NULL) != BW_OK) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
    }
    bw_session_stats stats;
    bw_session_get_stats(s, &stats);
    out->tus = stats.tus;
    out->parsed = stats.parsed;
    out->from_cache = stats.from_cache;
    out->failed = stats.failed;
    if (stats.failed > 0) {
        out->problems = bw_calloc(stats.failed, sizeof *out->problems);
        if (out->problems == NULL) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < stats.failed; i++) {
            const bw_tu_problem *p = bw_session_problem(s, i);
            if (p == NULL)
                break;
            bw_buf b = BW_BUF_INIT;
            if (p->why == BW_TU_DOES_NOT_COMPILE)
                bw_buf_printf(&b, "%s: %s", p->file, p->diagnostics != NULL ? p->diagnostics : "");
            else /* a one-line reason that names the file */
                bw_buf_puts(&b, p->diagnostics != NULL ? p->diagnostics : p->file);
            out->problems[out->problem_count] = bw_buf_take(&b);
            if (out->problems[out->problem_count] == NULL) {
                st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
                goto done;
            }
            out->problem_count++;
        }
    }
done:
    bw_session_free(s);
    bw_free(cache);
    for (size_t i = 0; i < ndb; i++)
        bw_free(dbfiles[i]);
    bw_free(dbfiles);
    for (size_t i = 0; i < nunstaged; i++)
        bw_free(unstaged[i]);
    bw_free(unstaged);
    for (size_t i = 0; i < nblobs; i++)
        bw_free(blobs[i]);
    bw_free(blobs);
    bw_free(blob_lens);
    bw_free(blob_paths);
    bw_free(oids);
    if (st != BW_OK)
        bw_pc_analysis_free(out);
    return st;
}

#endif
