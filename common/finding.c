/* finding.c — the shared finding model: construction, lists, ordering. */
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/finding.h"

static const char *const severity_names[] = {"none", "note", "warning", "error"};

const char *bw_severity_name(bw_severity sev)
{
    if ((unsigned)sev > BW_SEV_ERROR)
        return "none";
    return severity_names[sev];
}

bool bw_severity_parse(const char *name, bw_severity *out)
{
    for (unsigned i = 0; i <= BW_SEV_ERROR; i++) {
        if (name != NULL && strcmp(name, severity_names[i]) == 0) {
            *out = (bw_severity)i;
            return true;
        }
    }
    return false;
}

/* Replaces *slot with a copy of value (NULL clears it). */
static bw_status set_string(char **slot, const char *value)
{
    char *copy = NULL;
    if (value != NULL && (copy = bw_strdup(value)) == NULL)
        return BW_ERR_NOMEM;
    bw_free(*slot);
    *slot = copy;
    return BW_OK;
}

bw_status bw_location_copy(bw_location *dst, const bw_location *src)
{
    *dst = *src;
    dst->file = NULL;
    return set_string(&dst->file, src->file);
}

void bw_location_clear(bw_location *loc)
{
    bw_free(loc->file);
    memset(loc, 0, sizeof *loc);
}

bw_finding *bw_finding_new(const char *rule_id, bw_severity severity,
                           const char *message, const bw_location *loc)
{
    bw_finding *f = bw_calloc(1, sizeof *f);
    if (f == NULL)
        return NULL;
    f->severity = severity;
    if (set_string(&f->rule_id, rule_id) != BW_OK || set_string(&f->message, message) != BW_OK ||
        (loc != NULL && bw_location_copy(&f->loc, loc) != BW_OK)) {
        bw_finding_free(f);
        return NULL;
    }
    return f;
}

bw_status bw_finding_add_step(bw_finding *f, const bw_location *loc, const char *message)
{
    bw_flow_step *steps = bw_reallocarray(f->steps, f->step_count + 1, sizeof *steps);
    if (steps == NULL)
        return BW_ERR_NOMEM;
    f->steps = steps;
    bw_flow_step *step = &steps[f->step_count];
    memset(step, 0, sizeof *step);
    if (bw_location_copy(&step->loc, loc) != BW_OK)
        return BW_ERR_NOMEM;
    if (set_string(&step->message, message) != BW_OK) {
        bw_location_clear(&step->loc);
        return BW_ERR_NOMEM;
    }
    f->step_count++;
    return BW_OK;
}

bw_status bw_finding_set_function(bw_finding *f, const char *function)
{
    return set_string(&f->function, function);
}

bw_status bw_finding_set_code(bw_finding *f, const char *code)
{
    return set_string(&f->code, code);
}

bw_status bw_finding_set_fix(bw_finding *f, const char *hint, const bw_location *range,
                             const char *replacement)
{
    if (set_string(&f->fix_hint, hint) != BW_OK)
        return BW_ERR_NOMEM;
    bw_location_clear(&f->fix_range);
    if (range != NULL && bw_location_copy(&f->fix_range, range) != BW_OK)
        return BW_ERR_NOMEM;
    return set_string(&f->fix_replacement, range != NULL ? replacement : NULL);
}

bw_status bw_finding_set_suppression(bw_finding *f, const char *reason)
{
    return set_string(&f->suppression, reason);
}

bw_finding *bw_finding_clone(const bw_finding *src)
{
    bw_finding *f = bw_finding_new(src->rule_id, src->severity, src->message, &src->loc);
    if (f == NULL)
        return NULL;
    bool ok = bw_finding_set_function(f, src->function) == BW_OK &&
              bw_finding_set_code(f, src->code) == BW_OK &&
              bw_finding_set_fix(f, src->fix_hint, src->fix_range.file ? &src->fix_range : NULL,
                                 src->fix_replacement) == BW_OK &&
              bw_finding_set_suppression(f, src->suppression) == BW_OK;
    for (size_t i = 0; ok && i < src->step_count; i++)
        ok = bw_finding_add_step(f, &src->steps[i].loc, src->steps[i].message) == BW_OK;
    if (!ok) {
        bw_finding_free(f);
        return NULL;
    }
    memcpy(f->fingerprint, src->fingerprint, sizeof f->fingerprint);
    return f;
}

void bw_finding_free(bw_finding *f)
{
    if (f == NULL)
        return;
    for (size_t i = 0; i < f->step_count; i++) {
        bw_location_clear(&f->steps[i].loc);
        bw_free(f->steps[i].message);
    }
    bw_free(f->steps);
    bw_location_clear(&f->loc);
    bw_location_clear(&f->fix_range);
    bw_free(f->rule_id);
    bw_free(f->message);
    bw_free(f->function);
    bw_free(f->code);
    bw_free(f->fix_hint);
    bw_free(f->fix_replacement);
    bw_free(f->suppression);
    bw_free(f);
}

bw_status bw_findings_push(bw_findings *list, bw_finding *f)
{
    if (list->count == list->capacity) {
        size_t cap = list->capacity ? list->capacity * 2 : 16;
        bw_finding **items = bw_reallocarray(list->items, cap, sizeof *items);
        if (items == NULL) {
            bw_finding_free(f);
            return BW_ERR_NOMEM;
        }
        list->items = items;
        list->capacity = cap;
    }
    list->items[list->count++] = f;
    return BW_OK;
}

static int strcmp_null(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int cmp_unsigned(unsigned a, unsigned b)
{
    return (a > b) - (a < b);
}

/* Where and what: two findings equal here are one finding (dedup). */
static int finding_key_cmp(const void *pa, const void *pb)
{
    const bw_finding *a = *(const bw_finding *const *)pa;
    const bw_finding *b = *(const bw_finding *const *)pb;
    int c;
    if ((c = strcmp_null(a->loc.file, b->loc.file)) != 0)
        return c;
    if ((c = cmp_unsigned(a->loc.line, b->loc.line)) != 0)
        return c;
    if ((c = cmp_unsigned(a->loc.column, b->loc.column)) != 0)
        return c;
    if ((c = strcmp_null(a->rule_id, b->rule_id)) != 0)
        return c;
    return strcmp_null(a->message, b->message);
}

static int location_cmp(const bw_location *x, const bw_location *y)
{
    int c;
    if ((c = strcmp_null(x->file, y->file)) != 0 || (c = cmp_unsigned(x->line, y->line)) != 0 ||
        (c = cmp_unsigned(x->column, y->column)) != 0 || (c = cmp_unsigned(x->end_line, y->end_line)) != 0)
        return c;
    return cmp_unsigned(x->end_column, y->end_column);
}

/* The key, then the flow (the fewest steps first, then the steps in
 * order), then every other field.  A total order, so that of two reports
 * of one finding the same one comes first and is kept, whichever order
 * they were made in and however qsort orders equal elements. */
static int finding_cmp(const void *pa, const void *pb)
{
    int c = finding_key_cmp(pa, pb);
    if (c != 0)
        return c;
    const bw_finding *a = *(const bw_finding *const *)pa;
    const bw_finding *b = *(const bw_finding *const *)pb;
    if (a->step_count != b->step_count)
        return a->step_count < b->step_count ? -1 : 1;
    for (size_t i = 0; i < a->step_count; i++) {
        const bw_flow_step *x = &a->steps[i], *y = &b->steps[i];
        if ((c = location_cmp(&x->loc, &y->loc)) != 0 || (c = strcmp_null(x->message, y->message)) != 0)
            return c;
    }
    if ((c = cmp_unsigned((unsigned)a->severity, (unsigned)b->severity)) != 0 ||
        (c = location_cmp(&a->loc, &b->loc)) != 0 || (c = strcmp_null(a->function, b->function)) != 0 ||
        (c = strcmp_null(a->code, b->code)) != 0 || (c = strcmp_null(a->fix_hint, b->fix_hint)) != 0 ||
        (c = location_cmp(&a->fix_range, &b->fix_range)) != 0 ||
        (c = strcmp_null(a->fix_replacement, b->fix_replacement)) != 0)
        return c;
    return strcmp_null(a->suppression, b->suppression);
}

void bw_findings_sort(bw_findings *list)
{
    if (list->count > 1)
        qsort(list->items, list->count, sizeof *list->items, finding_cmp);
}

void bw_findings_dedup(bw_findings *list)
{
    size_t out = 0;
    for (size_t i = 0; i < list->count; i++) {
        if (out > 0 && finding_key_cmp(&list->items[out - 1], &list->items[i]) == 0) {
            bw_finding_free(list->items[i]);
            continue;
        }
        list->items[out++] = list->items[i];
    }
    list->count = out;
}

size_t bw_findings_count_at_least(const bw_findings *list, bw_severity level)
{
    size_t n = 0;
    if (level == BW_SEV_NONE)
        return 0;
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i]->suppression == NULL && list->items[i]->severity >= level)
            n++;
    return n;
}

void bw_findings_truncate(bw_findings *list, size_t count)
{
    if (list == NULL)
        return;
    for (size_t i = count; i < list->count; i++)
        bw_finding_free(list->items[i]);
    if (count < list->count)
        list->count = count;
}

void bw_findings_free(bw_findings *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        bw_finding_free(list->items[i]);
    bw_free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}
