/*
 * bulwark/precommit.h — the pre-commit checker: what is staged, what
 * changed, the baseline ratchet, and the git hook.
 *
 * Four parts, each usable alone (the CLI's `precommit`, `baseline` and
 * `install-hook` commands put them together):
 *
 *   git       runs git (always with an argv array, never through a shell)
 *             and reads the index: staged entries, staged blobs, the staged
 *             diff against HEAD (or against the empty tree in a repository
 *             with no commits yet) with the changed line ranges of each file.
 *   baseline  the committed list of accepted findings: parse, build from
 *             findings, serialise (sorted, one entry per line), match
 *             findings against it by stable fingerprint, and the ratchet
 *             (an update may only remove entries unless growth is allowed
 *             with a reason, which is recorded in the file and reported as
 *             a "baseline-growth" loosening).
 *   classify  which findings of a run block a commit: new (not in the
 *             baseline) and related to the staged change — in a changed
 *             file, or with a flow step on a changed line.
 *   hook      installs the plain git hooks (pre-commit, pre-merge-commit).
 *
 * Conventions (status.h): fallible functions return a bw_status and fill
 * the caller's bw_error; nothing here prints; destructors accept NULL.
 * Paths inside a repository are relative to its top-level directory and use
 * '/' separators, exactly as git prints them.
 */
#ifndef BULWARK_PRECOMMIT_H
#define BULWARK_PRECOMMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "bulwark/buf.h"
#include "bulwark/config.h"
#include "bulwark/finding.h"
#include "bulwark/loosening.h"
#include "bulwark/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ git */

/* Runs a program found through PATH with argv (argv[0] is the program;
 * NULL-terminated), never through a shell.  `input` (may be NULL) is given
 * on standard input; standard output is appended to `out` (may be NULL to
 * discard it) up to `max_out` bytes (BW_ERR_IO beyond); standard error is
 * appended to `errout` (may be NULL), truncated at 64 KiB.  *exit_status
 * receives the exit code, or 128+signal when the child was killed.
 * BW_ERR_TOOL when the program cannot be started. */
bw_status bw_proc_run(const char *const *argv, const char *input, size_t input_len,
                      bw_buf *out, size_t max_out, bw_buf *errout, int *exit_status,
                      bw_error *err);

typedef struct bw_git bw_git;

/* Opens the repository containing `dir` (NULL: the current directory).
 * BW_ERR_NOT_FOUND when dir is not inside a git work tree, BW_ERR_TOOL when
 * git cannot be run.  The environment (GIT_DIR, GIT_INDEX_FILE set by git
 * while it runs a hook) is honoured. */
bw_status bw_git_open(const char *dir, bw_git **out, bw_error *err);
void bw_git_free(bw_git *g);
/* Absolute path of the work tree's top-level directory. */
const char *bw_git_root(const bw_git *g);
/* False in a repository with no commits yet (unborn HEAD). */
bool bw_git_has_head(const bw_git *g);
/* True while a merge is being concluded (MERGE_HEAD exists). */
bool bw_git_merging(const bw_git *g);

/* Runs `git -C <root> <args...>` (args NULL-terminated, without "git").
 * Fails with BW_ERR_TOOL, including git's own message, when git exits
 * non-zero and `exit_status` is NULL; otherwise stores the exit code there. */
bw_status bw_git_run(const bw_git *g, const char *const *args, const char *input,
                     size_t input_len, bw_buf *out, int *exit_status, bw_error *err);

/* One entry of the index (`git ls-files -s`). */
typedef struct bw_index_entry {
    char *path;
    unsigned mode;   /* 0100644, 0100755, 0120000 (symlink), 0160000 (submodule) */
    char oid[65];    /* hex object id (SHA-1 or SHA-256) */
    unsigned stage;  /* 0 normally; 1-3 for an unmerged path */
} bw_index_entry;

typedef struct bw_index {
    bw_index_entry *items; /* in git's order (sorted by path) */
    size_t count;
} bw_index;

/* Reads the index.  Unmerged paths appear once per stage. */
bw_status bw_git_read_index(const bw_git *g, bw_index *out, bw_error *err);
/* The stage-0 entry for path, or NULL. */
const bw_index_entry *bw_index_find(const bw_index *idx, const char *path);
/* True when some path has a stage other than 0 (conflicts not resolved). */
bool bw_index_has_conflicts(const bw_index *idx);
void bw_index_free(bw_index *idx);

/* Reads blobs by object id (one `git cat-file --batch` for all of them).
 * data[i]/len[i] receive blob i (NUL-terminated, freed with bw_free).
 * BW_ERR_NOT_FOUND when an object is missing. */
bw_status bw_git_read_blobs(const bw_git *g, size_t n, const char *const *oids,
                            char **data, size_t *len, bw_error *err);
/* Reads `<rev>:<path>` ("" rev: the index, ":path").  BW_ERR_NOT_FOUND when
 * it does not exist there. */
bw_status bw_git_read_file(const bw_git *g, const char *rev, const char *path,
                           char **data, size_t *len, bw_error *err);

/* Paths whose work-tree content differs from the index (unstaged changes,
 * including files deleted from the work tree).  Each string is freed with
 * bw_free, the array too. */
bw_status bw_git_unstaged_paths(const bw_git *g, char ***paths, size_t *count,
                                bw_error *err);

typedef enum bw_change_kind {
    BW_CHANGE_ADDED = 'A',
    BW_CHANGE_MODIFIED = 'M',
    BW_CHANGE_DELETED = 'D',
    BW_CHANGE_RENAMED = 'R',
    BW_CHANGE_COPIED = 'C',
    BW_CHANGE_TYPE = 'T'    /* e.g. a file became a symlink */
} bw_change_kind;

typedef struct bw_line_range {
    unsigned first, last; /* 1-based, inclusive, in the staged file */
} bw_line_range;

/* One file of the staged diff against HEAD. */
typedef struct bw_file_change {
    bw_change_kind kind;
    char *path;            /* staged path (the old path for a deletion) */
    char *old_path;        /* the HEAD path for renames and copies, else NULL */
    unsigned new_mode;     /* staged mode; 0 for a deletion */
    char new_oid[65];      /* staged blob; "" for a deletion */
    bool binary;           /* git treats the file as binary: no line ranges */
    bw_line_range *ranges; /* lines added or replaced, sorted; a pure deletion
                              marks the lines on both sides of the cut */
    size_t range_count;
} bw_file_change;

typedef struct bw_changes {
    bw_file_change *items; /* in git's order */
    size_t count;
} bw_changes;

/* The staged changes: `git diff --cached` against HEAD, or against the empty
 * tree when there are no commits yet, with rename detection. */
bw_status bw_git_staged_changes(const bw_git *g, bw_changes *out, bw_error *err);
/* The change for a staged path, or NULL when the file did not change. */
const bw_file_change *bw_changes_find(const bw_changes *c, const char *path);
/* True when `line` of staged `path` was added or edited by the change. */
bool bw_changes_line_changed(const bw_changes *c, const char *path, unsigned line);
void bw_changes_free(bw_changes *c);

/* Parses the output of `git diff -U0` (`patch`) for the entries already in
 * `c` (filled from `--raw -z` output, same order), setting each one's
 * ranges and binary flag.  Exposed for tests; bw_git_staged_changes uses it. */
bw_status bw_changes_parse_patch(bw_changes *c, const char *patch, size_t len, bw_error *err);

/* True when path names a C or C++ source or header (by extension). */
bool bw_path_is_c_family(const char *path);
/* True when path names a C or C++ translation unit (not a header). */
bool bw_path_is_c_source(const char *path);

/* ------------------------------------------------------------- baseline */

#define BW_BASELINE_DEFAULT_PATH ".bulwark-baseline.json"
#define BW_BASELINE_VERSION 1

typedef struct bw_baseline_entry {
    char *rule;
    char *file;
    char *function;                           /* "" at file scope */
    char fingerprint[BW_FINGERPRINT_LEN + 1]; /* bw_finding.fingerprint */
    /* The same fingerprint computed without the file path: lets a finding
     * whose file was renamed or whose function moved to another file match. */
    char code_fingerprint[BW_FINGERPRINT_LEN + 1];
} bw_baseline_entry;

/* A recorded growth of the baseline (the reason is mandatory). */
typedef struct bw_baseline_growth {
    char *date;     /* UTC, ISO 8601 */
    size_t added;   /* entries added by that update */
    char *reason;
} bw_baseline_growth;

typedef struct bw_baseline {
    bw_baseline_entry *entries;
    size_t count, capacity;
    bw_baseline_growth *growth; /* oldest first */
    size_t growth_count;
} bw_baseline;

#define BW_BASELINE_INIT {NULL, 0, 0, NULL, 0}

/* Parses baseline text; `name` is used in messages.  BW_ERR_PARSE with the
 * line and column for malformed input, BW_ERR_VERSION for a newer format. */
bw_status bw_baseline_parse(const char *text, size_t len, const char *name,
                            bw_baseline *out, bw_error *err);
/* Reads and parses a file; BW_ERR_NOT_FOUND when it does not exist. */
bw_status bw_baseline_load(const char *path, bw_baseline *out, bw_error *err);
/* Appends an entry for every finding that is not suppressed inline.  The
 * findings must be fingerprinted (bw_findings_fingerprint). */
bw_status bw_baseline_add_findings(bw_baseline *b, const bw_findings *findings,
                                   bw_error *err);
/* Sorts the entries (file, rule, function, fingerprint) and drops
 * duplicate fingerprints. */
void bw_baseline_sort(bw_baseline *b);
/* The file's text: a JSON document, entries sorted, one per line, so a
 * review diff shows one line per accepted or removed finding. */
bw_status bw_baseline_serialize(bw_baseline *b, bw_buf *out);
/* Serialises and replaces `path` atomically. */
bw_status bw_baseline_write(bw_baseline *b, const char *path, bw_error *err);
/* Appends one "baseline-growth" loosening per recorded growth. */
bw_status bw_baseline_loosenings(const bw_baseline *b, const char *path,
                                 bw_loosenings *out);
void bw_baseline_free(bw_baseline *b);

/* The path-independent fingerprints of `findings` (out[i] for item i):
 * bw_fingerprint over rule, function and code without the file, numbered
 * per file like the real ones. */
bw_status bw_findings_code_fingerprints(const bw_findings *findings,
                                        char (*out)[BW_FINGERPRINT_LEN + 1], bw_error *err);

typedef enum bw_match_kind {
    BW_MATCH_NEW = 0,   /* not in the baseline */
    BW_MATCH_SAME,      /* same fingerprint */
    BW_MATCH_MOVED,     /* same code fingerprint: renamed file or moved function */
    BW_MATCH_SUPPRESSED /* suppressed inline; never matched, never new */
} bw_match_kind;

typedef struct bw_match {
    bw_match_kind *finding;   /* per finding */
    size_t *entry_of;         /* per finding: matched entry index (SAME/MOVED) */
    bool *entry_seen;         /* per baseline entry */
    size_t new_count, same_count, moved_count, suppressed_count;
    size_t stale_count;       /* baseline entries no finding matched (fixed) */
} bw_match;

/* Matches findings against the baseline: first by fingerprint, then, for
 * the rest, by rule and code fingerprint.  Each entry matches at most one
 * finding. */
bw_status bw_baseline_match(const bw_baseline *b, const bw_findings *findings,
                            bw_match *out, bw_error *err);
void bw_match_free(bw_match *m);

typedef struct bw_baseline_update {
    bool refused;        /* growth without allow_growth: nothing was changed */
    size_t added;        /* new findings (added, or refused) */
    size_t removed;      /* stale entries dropped */
    size_t kept;
} bw_baseline_update;

/* The ratchet.  Builds in `out` the baseline that follows `old` for the
 * current findings: matched entries are kept (rewritten from the finding,
 * so a renamed file's entries follow it), stale ones removed.  New findings
 * are added only when `allow_growth` is set, and then `reason` (non-empty)
 * and `date` are recorded as a growth entry; otherwise `result->refused` is
 * set and `out` is a copy of `old` minus nothing.  BW_ERR_USAGE when
 * allow_growth is set without a reason. */
bw_status bw_baseline_ratchet(const bw_baseline *old, const bw_findings *current,
                              bool allow_growth, const char *reason, const char *date,
                              bw_baseline *out, bw_baseline_update *result, bw_error *err);

/* ------------------------------------------------------------- classify */

typedef enum bw_pc_class {
    BW_PC_BASELINED = 0,  /* matched by fingerprint */
    BW_PC_MOVED,          /* matched by code fingerprint */
    BW_PC_SUPPRESSED,     /* suppressed inline with a reason */
    BW_PC_NEW_LINE,       /* new, and its primary line was changed */
    BW_PC_NEW_FLOW,       /* new, primary line unchanged, a flow step on a changed line */
    BW_PC_NEW_FILE,       /* new, in a changed file, no changed line involved */
    BW_PC_NEW_ELSEWHERE   /* new, but nothing in it was touched by this change */
} bw_pc_class;

typedef struct bw_pc_result {
    bw_pc_class *cls;     /* per finding */
    size_t counts[BW_PC_NEW_ELSEWHERE + 1];
    size_t stale;         /* baseline entries no longer found */
} bw_pc_result;

/* Classifies every finding of the staged content.  `renamed` findings match
 * their baseline entries through code fingerprints (see bw_baseline_match). */
bw_status bw_precommit_classify(const bw_baseline *b, const bw_findings *findings,
                                const bw_changes *changes, bw_pc_result *out, bw_error *err);
/* True for classes that block a commit.  BW_PC_NEW_ELSEWHERE blocks only
 * when `all` is set (`bulwark precommit --all`). */
bool bw_pc_blocks(bw_pc_class cls, bool all);
void bw_pc_result_free(bw_pc_result *r);

/* Compares the staged baseline with HEAD's: entries whose fingerprint was
 * not in HEAD's baseline are growth; `*unexplained` is set when the staged
 * file grew without a new growth record (a hand edit), which must block. */
void bw_baseline_compare_staged(const bw_baseline *head, const bw_baseline *staged,
                                size_t *grown, bool *unexplained);

/* ------------------------------------------------------------- analysis */

/* Analysing the staged content with the checker engine (checkers.h). */
typedef struct bw_pc_analysis_options {
    const char *build_dir;  /* directory of compile_commands.json; NULL: the config's
                               `precommit: compile-database`, else <root>/build or <root>
                               when either holds one, else none (every C/C++ source in
                               the index is analysed with the config's compile-flags) */
    const char *cache_path; /* NULL: the engine's default for build_dir and root */
    bool no_cache;          /* analyse without the summary cache */
    unsigned jobs;          /* 0: one per CPU */
    bool worktree;          /* analyse the files on disk, not the index */
} bw_pc_analysis_options;

typedef struct bw_pc_analysis {
    bw_findings findings;      /* sorted and fingerprinted, paths relative to the root */
    bw_loosenings loosenings;  /* the config's and every inline suppression */
    size_t tus, parsed, from_cache, failed;
    size_t overlaid;           /* files analysed with their index content */
    char **problems;           /* one "file: diagnostics" text per failed TU */
    size_t problem_count;
    char *build_dir;           /* the compile database directory used, or NULL */
} bw_pc_analysis;

/* The `precommit:` section of .bulwark.yaml:
 *   precommit:
 *     baseline: .bulwark-baseline.json   # where the baseline lives
 *     compile-database: build            # directory of compile_commands.json
 *     scope: changes                     # or "all": block on every new finding
 * Strings point into cfg and live as long as it.  Unknown keys are errors
 * with their line and column. */
typedef struct bw_pc_config {
    const char *baseline;
    const char *compile_database;
    bool all;
} bw_pc_config;
bw_status bw_precommit_config(const bw_config *cfg, bw_pc_config *out, bw_error *err);

/* True when this library was built with the checker engine. */
bool bw_precommit_have_engine(void);

/* Analyses the project as staged: every TU of the compile database (or every
 * C/C++ source in the index), where each file whose work-tree content differs
 * from the index is analysed with its index content, files the index deletes
 * are analysed as empty, and staged sources without a compile command get the
 * config's flags or a neighbour's.  Unchanged TUs come from the summary cache.
 * BW_ERR_TOOL when built without the engine. */
bw_status bw_precommit_analyze(const bw_git *g, const bw_config *cfg, const bw_index *idx,
                               const bw_changes *changes, const bw_pc_analysis_options *opts,
                               bw_pc_analysis *out, bw_error *err);
void bw_pc_analysis_free(bw_pc_analysis *a);

/* The configuration the commit records: .bulwark.yaml from the index when it
 * is staged there (worktree false), else the nearest one on disk above the
 * root, else the defaults.  *from_index tells which. */
bw_status bw_precommit_load_config(const bw_git *g, const bw_index *idx, bool worktree,
                                   bw_config **out, bool *from_index, bw_error *err);

typedef enum bw_baseline_source {
    BW_BASELINE_NONE = 0,  /* no baseline anywhere: empty */
    BW_BASELINE_INDEX,     /* the staged file */
    BW_BASELINE_WORKTREE   /* not in the index (or worktree set): the file on disk */
} bw_baseline_source;

/* Loads the baseline at repository path `path`: staged version first (unless
 * worktree), else the file on disk, else an empty baseline (BW_OK, source
 * BW_BASELINE_NONE). */
bw_status bw_precommit_load_baseline(const bw_git *g, const bw_index *idx, const char *path,
                                     bool worktree, bw_baseline *out,
                                     bw_baseline_source *source, bw_error *err);
/* HEAD's version of the baseline; *exists false (BW_OK) when HEAD has none. */
bw_status bw_precommit_head_baseline(const bw_git *g, const char *path, bw_baseline *out,
                                     bool *exists, bw_error *err);

/* ----------------------------------------------------------------- hook */

#define BW_HOOK_MARKER "# bulwark-hook: managed by `bulwark install-hook`"

typedef struct bw_hook_options {
    const char *bulwark_path; /* absolute path of the bulwark executable */
    bool force;               /* replace a foreign hook (kept as <hook>.bulwark-backup) */
    bool chain;               /* keep a foreign hook as <hook>.bulwark-chained and run it first */
    bool uninstall;           /* remove our hooks, restoring a chained one */
} bw_hook_options;

typedef enum bw_hook_action {
    BW_HOOK_INSTALLED,  /* no hook existed */
    BW_HOOK_UPDATED,    /* our own hook was rewritten */
    BW_HOOK_REPLACED,   /* a foreign hook was replaced (--force) */
    BW_HOOK_CHAINED,    /* a foreign hook now runs before ours */
    BW_HOOK_REFUSED,    /* a foreign hook exists; nothing changed */
    BW_HOOK_REMOVED,    /* uninstall: ours removed (chained one restored) */
    BW_HOOK_ABSENT      /* uninstall: nothing of ours there */
} bw_hook_action;

/* The hooks we install, in order: "pre-commit" and "pre-merge-commit"
 * (git runs the latter, not pre-commit, for a merge that commits itself). */
extern const char *const bw_hook_names[2];

/* Installs (or removes) hook `name` in `hooks_dir`.  *action says what
 * happened; a refusal is BW_OK with BW_HOOK_REFUSED. */
bw_status bw_hook_install(const char *hooks_dir, const char *name,
                          const bw_hook_options *opts, bw_hook_action *action,
                          bw_error *err);
/* The hooks directory of the repository (core.hooksPath honoured),
 * created when missing.  Freed with bw_free. */
bw_status bw_git_hooks_dir(const bw_git *g, char **out, bw_error *err);

#ifdef __cplusplus
}
#endif
#endif
