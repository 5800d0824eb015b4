/*
 * bulwark/yaml.h — read-only access to a YAML document loaded with libyaml,
 * with the line and column of every node for error messages.
 *
 * Bulwark never parses YAML by hand: this wraps libyaml's document loader.
 * Aliases are refused at load time (config and roadmap files have no use
 * for them, and refusing them removes "billion laughs" style bombs); so is
 * a document with more than one YAML document in the stream.  An empty
 * file loads as a document without a root (bw_yaml_root() returns 0).
 */
#ifndef BULWARK_YAML_H
#define BULWARK_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "bulwark/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bw_yaml bw_yaml;
typedef int bw_yaml_node; /* 0 means "no node" */

typedef enum bw_yaml_kind {
    BW_YAML_NONE = 0,
    BW_YAML_SCALAR,
    BW_YAML_SEQUENCE,
    BW_YAML_MAPPING
} bw_yaml_kind;

/* Loads `path`.  On error returns BW_ERR_IO / BW_ERR_PARSE / BW_ERR_NOMEM
 * with "path:line:col: message" in err. */
bw_status bw_yaml_load_file(const char *path, bw_yaml **out, bw_error *err);
/* Loads from memory; `name` is used in messages. */
bw_status bw_yaml_load_string(const char *text, size_t len, const char *name,
                              bw_yaml **out, bw_error *err);
void bw_yaml_free(bw_yaml *doc);

const char *bw_yaml_name(const bw_yaml *doc);
bw_yaml_node bw_yaml_root(const bw_yaml *doc);
bw_yaml_kind bw_yaml_kind_of(const bw_yaml *doc, bw_yaml_node node);
/* The scalar's text, or NULL when node is not a scalar. */
const char *bw_yaml_scalar(const bw_yaml *doc, bw_yaml_node node);
/* True when the scalar was written plain (unquoted): only then is `null`
 * or `123` more than a string. */
bool bw_yaml_is_plain(const bw_yaml *doc, bw_yaml_node node);
/* The value for `key` in a mapping, or 0. */
bw_yaml_node bw_yaml_get(const bw_yaml *doc, bw_yaml_node map, const char *key);
/* Items of a sequence, or pairs of a mapping. */
size_t bw_yaml_len(const bw_yaml *doc, bw_yaml_node node);
bw_yaml_node bw_yaml_at(const bw_yaml *doc, bw_yaml_node seq, size_t index);
bool bw_yaml_pair_at(const bw_yaml *doc, bw_yaml_node map, size_t index,
                     bw_yaml_node *key, bw_yaml_node *value);
/* 1-based position of a node (0 when unknown). */
unsigned bw_yaml_line(const bw_yaml *doc, bw_yaml_node node);
unsigned bw_yaml_column(const bw_yaml *doc, bw_yaml_node node);

/* Convenience: sets err to "name:line:col: message" at `node` and returns BW_ERR_PARSE. */
bw_status bw_yaml_error(const bw_yaml *doc, bw_yaml_node node, bw_error *err,
                        const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Typed scalar readers; each reports a line-numbered error on a wrong type. */
bw_status bw_yaml_read_bool(const bw_yaml *doc, bw_yaml_node node, bool *out, bw_error *err);
bw_status bw_yaml_read_long(const bw_yaml *doc, bw_yaml_node node, long min, long max,
                            long *out, bw_error *err);
bw_status bw_yaml_read_string(const bw_yaml *doc, bw_yaml_node node, const char **out,
                              bw_error *err);

#ifdef __cplusplus
}
#endif
#endif
