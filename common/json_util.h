/* json_util.h — internal helpers for the JSON and SARIF writers (not installed). */
#ifndef BULWARK_JSON_UTIL_H
#define BULWARK_JSON_UTIL_H

#include <jansson.h>
#include <stdio.h>

#include "bulwark/status.h"

/* A JSON string from untrusted text: invalid UTF-8 replaced by U+FFFD;
 * NULL input becomes JSON null.  Returns NULL only on OOM. */
json_t *bw_json_str(const char *s);
/* Sets obj[key] = value, taking ownership of value; false on failure
 * (value NULL, or OOM). */
bool bw_json_set(json_t *obj, const char *key, json_t *value);
bool bw_json_append(json_t *array, json_t *value);
/* Dumps doc (sorted keys off, indent 2) with a trailing newline. */
bw_status bw_json_dump(FILE *out, json_t *doc);

#endif
