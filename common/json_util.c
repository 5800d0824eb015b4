/* json_util.c — jansson helpers that make untrusted strings safe to emit. */
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/text.h"
#include "json_util.h"

json_t *bw_json_str(const char *s)
{
    if (s == NULL)
        return json_null();
    if (bw_utf8_valid(s, strlen(s)))
        return json_string(s);
    char *clean = bw_utf8_sanitize(s);
    if (clean == NULL)
        return NULL;
    json_t *j = json_string(clean);
    bw_free(clean);
    return j;
}

bool bw_json_set(json_t *obj, const char *key, json_t *value)
{
    return value != NULL && json_object_set_new(obj, key, value) == 0;
}

bool bw_json_append(json_t *array, json_t *value)
{
    return value != NULL && json_array_append_new(array, value) == 0;
}

bw_status bw_json_dump(FILE *out, json_t *doc)
{
    if (json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
        return BW_ERR_IO;
    if (fputc('\n', out) == EOF || fflush(out) != 0)
        return BW_ERR_IO;
    return BW_OK;
}

bool bw_json_move(json_t *obj, const char *key, json_t **value)
{
    json_t *v = *value;
    *value = NULL;
    return bw_json_set(obj, key, v);
}

bool bw_json_append_move(json_t *array, json_t **value)
{
    json_t *v = *value;
    *value = NULL;
    return bw_json_append(array, v);
}
