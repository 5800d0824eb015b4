/*
 * report.h — the renderers of the report model (internal to bulwark_roadmap).
 * Each appends to `b`; an allocation failure shows in bw_buf_status(b).
 */
#ifndef BULWARK_ROADMAP_REPORT_H
#define BULWARK_ROADMAP_REPORT_H

#include <jansson.h>

#include "bulwark/buf.h"
#include "bulwark/roadmap.h"

/* The burn-down class of a rule id ("injection", "memory-bounds", ...). */
const char *bw_rm_rule_class(const char *rule_id);
/* The model behind a report (owned by the report). */
json_t *bw_rm_report_json(const bw_rm_report *r);

/* Readers of the report model shared by the renderers: a missing or
 * mistyped member reads as NULL / 0 / 0.0. */
static inline const char *js(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static inline json_int_t ji(json_t *o, const char *k) {
    json_t *v = json_object_get(o, k);
    return json_is_integer(v) ? json_integer_value(v) : 0;
}

static inline double jr(json_t *o, const char *k) { return json_number_value(json_object_get(o, k)); }

void bw_rm_render_html(bw_buf *b, json_t *root);
void bw_rm_render_markdown(bw_buf *b, json_t *root);
void bw_rm_render_status(bw_buf *b, json_t *root);

#endif
