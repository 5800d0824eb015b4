/* json_util.h — internal helpers for the JSON and SARIF writers (not installed). */
#ifndef BULWARK_JSON_UTIL_H
#define BULWARK_JSON_UTIL_H

#include <jansson.h>
#include <stdio.h>

#include "bulwark/status.h"

/* A JSON string from untrusted text: invalid UTF-8 replaced by U+FFFD;
 * NULL input becomes JSON null.  Returns NULL only on OOM. */
json_t *bw_json_str(const char *s);
/* Sets obj[key] = value.  The value is always consumed: on failure (value
 * NULL, obj NULL, out of memory) jansson releases it.  Returns false then. */
bool bw_json_set(json_t *obj, const char *key, json_t *value);
bool bw_json_append(json_t *array, json_t *value);
/* Like bw_json_set / bw_json_append, but for a value held in a variable that
 * must not be touched again: *value is set to NULL first, since the value
 * belongs to the container (or is already released) whatever the outcome. */
bool bw_json_move(json_t *obj, const char *key, json_t **value);
bool bw_json_append_move(json_t *array, json_t **value);
/* Dumps doc (sorted keys off, indent 2) with a trailing newline. */
bw_status bw_json_dump(FILE *out, json_t *doc);

#endif
