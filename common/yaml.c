/* yaml.c — read-only YAML documents on libyaml, with positions for errors. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "bulwark/alloc.h"
#include "bulwark/file.h"
#include "bulwark/yaml.h"

/* Config and roadmap files are small; a larger file is a mistake or an attack. */
#define BW_YAML_MAX_BYTES (16u * 1024u * 1024u)

struct bw_yaml {
    yaml_document_t doc;
    char *name;
};

static yaml_node_t *node_at(const bw_yaml *doc, bw_yaml_node node)
{
    if (doc == NULL || node <= 0)
        return NULL;
    return yaml_document_get_node((yaml_document_t *)&doc->doc, node);
}

/* Refuses documents in which a node is reachable twice (an alias). */
static bool has_alias(const bw_yaml *doc, bw_yaml_node node, unsigned char *seen, int depth)
{
    yaml_node_t *n = node_at(doc, node);
    if (n == NULL)
        return false;
    if (seen[node] || depth > 256)
        return true;
    seen[node] = 1;
    if (n->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++)
            if (has_alias(doc, *it, seen, depth + 1))
                return true;
    } else if (n->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++)
            if (has_alias(doc, p->key, seen, depth + 1) || has_alias(doc, p->value, seen, depth + 1))
                return true;
    }
    return false;
}

static size_t node_count(const bw_yaml *doc)
{
    return (size_t)(doc->doc.nodes.top - doc->doc.nodes.start);
}

static bw_status load(yaml_parser_t *parser, const char *name, bw_yaml **out, bw_error *err)
{
    bw_yaml *doc = bw_calloc(1, sizeof *doc);
    if (doc == NULL || (doc->name = bw_strdup(name)) == NULL) {
        bw_free(doc);
        return bw_error_set(err, BW_ERR_NOMEM, "%s: out of memory", name);
    }
    if (!yaml_parser_load(parser, &doc->doc)) {
        bw_status st = parser->error == YAML_MEMORY_ERROR ? BW_ERR_NOMEM : BW_ERR_PARSE;
        bw_error_set(err, st, "%s:%zu:%zu: %s%s%s", name, parser->problem_mark.line + 1,
                     parser->problem_mark.column + 1, parser->problem ? parser->problem : "invalid YAML",
                     parser->context ? " " : "", parser->context ? parser->context : "");
        bw_free(doc->name);
        bw_free(doc);
        return st;
    }
    /* A second document in the stream is refused: it would be silently ignored. */
    yaml_document_t extra;
    if (yaml_parser_load(parser, &extra)) {
        bool more = yaml_document_get_root_node(&extra) != NULL;
        yaml_document_delete(&extra);
        if (more) {
            bw_yaml_free(doc);
            return bw_error_set(err, BW_ERR_PARSE, "%s: more than one YAML document", name);
        }
    }
    size_t n = node_count(doc);
    unsigned char *seen = bw_calloc(n + 2, 1);
    if (seen == NULL) {
        bw_yaml_free(doc);
        return bw_error_set(err, BW_ERR_NOMEM, "%s: out of memory", name);
    }
    bool alias = has_alias(doc, bw_yaml_root(doc), seen, 0);
    bw_free(seen);
    if (alias) {
        bw_yaml_free(doc);
        return bw_error_set(err, BW_ERR_PARSE,
                            "%s: YAML anchors/aliases (or nesting deeper than 256) are not allowed", name);
    }
    *out = doc;
    return BW_OK;
}

bw_status bw_yaml_load_string(const char *text, size_t len, const char *name, bw_yaml **out,
                              bw_error *err)
{
    yaml_parser_t parser;
    *out = NULL;
    if (len > BW_YAML_MAX_BYTES)
        return bw_error_set(err, BW_ERR_PARSE, "%s: larger than %u bytes", name, BW_YAML_MAX_BYTES);
    if (!yaml_parser_initialize(&parser))
        return bw_error_set(err, BW_ERR_NOMEM, "%s: out of memory", name);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    bw_status st = load(&parser, name, out, err);
    yaml_parser_delete(&parser);
    return st;
}

bw_status bw_yaml_load_file(const char *path, bw_yaml **out, bw_error *err)
{
    char *data = NULL;
    size_t len = 0;
    *out = NULL;
    bw_status st = bw_file_read(path, BW_YAML_MAX_BYTES, &data, &len, err);
    if (st != BW_OK)
        return st;
    st = bw_yaml_load_string(data, len, path, out, err);
    bw_free(data);
    return st;
}

void bw_yaml_free(bw_yaml *doc)
{
    if (doc == NULL)
        return;
    yaml_document_delete(&doc->doc);
    bw_free(doc->name);
    bw_free(doc);
}

const char *bw_yaml_name(const bw_yaml *doc) { return doc ? doc->name : ""; }

bw_yaml_node bw_yaml_root(const bw_yaml *doc)
{
    if (doc == NULL || yaml_document_get_root_node((yaml_document_t *)&doc->doc) == NULL)
        return 0;
    return 1; /* libyaml numbers nodes from 1 and the root is the first */
}

bw_yaml_kind bw_yaml_kind_of(const bw_yaml *doc, bw_yaml_node node)
{
    yaml_node_t *n = node_at(doc, node);
    if (n == NULL)
        return BW_YAML_NONE;
    switch (n->type) {
    case YAML_SCALAR_NODE: return BW_YAML_SCALAR;
    case YAML_SEQUENCE_NODE: return BW_YAML_SEQUENCE;
    case YAML_MAPPING_NODE: return BW_YAML_MAPPING;
    default: return BW_YAML_NONE;
    }
}

const char *bw_yaml_scalar(const bw_yaml *doc, bw_yaml_node node)
{
    yaml_node_t *n = node_at(doc, node);
    if (n == NULL || n->type != YAML_SCALAR_NODE)
        return NULL;
    return (const char *)n->data.scalar.value;
}

bool bw_yaml_is_plain(const bw_yaml *doc, bw_yaml_node node)
{
    yaml_node_t *n = node_at(doc, node);
    return n != NULL && n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

bw_yaml_node bw_yaml_get(const bw_yaml *doc, bw_yaml_node map, const char *key)
{
    yaml_node_t *n = node_at(doc, map);
    if (n == NULL || n->type != YAML_MAPPING_NODE)
        return 0;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        const char *k = bw_yaml_scalar(doc, p->key);
        if (k != NULL && strcmp(k, key) == 0)
            return p->value;
    }
    return 0;
}

size_t bw_yaml_len(const bw_yaml *doc, bw_yaml_node node)
{
    yaml_node_t *n = node_at(doc, node);
    if (n == NULL)
        return 0;
    if (n->type == YAML_SEQUENCE_NODE)
        return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    if (n->type == YAML_MAPPING_NODE)
        return (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
    return 0;
}

bw_yaml_node bw_yaml_at(const bw_yaml *doc, bw_yaml_node seq, size_t index)
{
    yaml_node_t *n = node_at(doc, seq);
    if (n == NULL || n->type != YAML_SEQUENCE_NODE || index >= bw_yaml_len(doc, seq))
        return 0;
    return n->data.sequence.items.start[index];
}

bool bw_yaml_pair_at(const bw_yaml *doc, bw_yaml_node map, size_t index, bw_yaml_node *key,
                     bw_yaml_node *value)
{
    yaml_node_t *n = node_at(doc, map);
    if (n == NULL || n->type != YAML_MAPPING_NODE || index >= bw_yaml_len(doc, map))
        return false;
    *key = n->data.mapping.pairs.start[index].key;
    *value = n->data.mapping.pairs.start[index].value;
    return true;
}

unsigned bw_yaml_line(const bw_yaml *doc, bw_yaml_node node)
{
    yaml_node_t *n = node_at(doc, node);
    return n ? (unsigned)n->start_mark.line + 1 : 0;
}

unsigned bw_yaml_column(const bw_yaml *doc, bw_yaml_node node)
{
    yaml_node_t *n = node_at(doc, node);
    return n ? (unsigned)n->start_mark.column + 1 : 0;
}

bw_status bw_yaml_error(const bw_yaml *doc, bw_yaml_node node, bw_error *err, const char *fmt, ...)
{
    char detail[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    return bw_error_set(err, BW_ERR_PARSE, "%s:%u:%u: %s", bw_yaml_name(doc), bw_yaml_line(doc, node),
                        bw_yaml_column(doc, node), detail);
}

bw_status bw_yaml_read_string(const bw_yaml *doc, bw_yaml_node node, const char **out, bw_error *err)
{
    const char *s = bw_yaml_scalar(doc, node);
    if (s == NULL)
        return bw_yaml_error(doc, node, err, "expected a string");
    *out = s;
    return BW_OK;
}

bw_status bw_yaml_read_bool(const bw_yaml *doc, bw_yaml_node node, bool *out, bw_error *err)
{
    const char *s = bw_yaml_scalar(doc, node);
    if (s != NULL && bw_yaml_is_plain(doc, node)) {
        if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0 || strcmp(s, "on") == 0) {
            *out = true;
            return BW_OK;
        }
        if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0 || strcmp(s, "off") == 0) {
            *out = false;
            return BW_OK;
        }
    }
    return bw_yaml_error(doc, node, err, "expected true or false");
}

bw_status bw_yaml_read_long(const bw_yaml *doc, bw_yaml_node node, long min, long max, long *out,
                            bw_error *err)
{
    const char *s = bw_yaml_scalar(doc, node);
    if (s != NULL && *s != '\0') {
        char *end = NULL;
        errno = 0;
        long v = strtol(s, &end, 10);
        if (errno == 0 && *end == '\0' && v >= min && v <= max) {
            *out = v;
            return BW_OK;
        }
    }
    return bw_yaml_error(doc, node, err, "expected a whole number from %ld to %ld", min, max);
}
