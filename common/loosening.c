/* loosening.c — the list of weakened defaults that every report shows. */
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/loosening.h"

static char *dup_or_null(const char *s, bool *ok)
{
    if (s == NULL)
        return NULL;
    char *copy = bw_strdup(s);
    if (copy == NULL)
        *ok = false;
    return copy;
}

static void loosening_clear(bw_loosening *l)
{
    bw_free(l->kind);
    bw_free(l->subject);
    bw_free(l->reason);
    bw_location_clear(&l->loc);
}

bw_status bw_loosenings_add(bw_loosenings *list, const char *kind, const char *subject,
                            const char *reason, const bw_location *loc)
{
    if (list->count == list->capacity) {
        size_t cap = list->capacity ? list->capacity * 2 : 8;
        bw_loosening *items = bw_reallocarray(list->items, cap, sizeof *items);
        if (items == NULL)
            return BW_ERR_NOMEM;
        list->items = items;
        list->capacity = cap;
    }
    bw_loosening *l = &list->items[list->count];
    memset(l, 0, sizeof *l);
    bool ok = true;
    l->kind = dup_or_null(kind, &ok);
    l->subject = dup_or_null(subject, &ok);
    l->reason = dup_or_null(reason, &ok);
    if (ok && loc != NULL && bw_location_copy(&l->loc, loc) != BW_OK)
        ok = false;
    if (!ok) {
        loosening_clear(l);
        return BW_ERR_NOMEM;
    }
    list->count++;
    return BW_OK;
}

void bw_loosenings_free(bw_loosenings *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        loosening_clear(&list->items[i]);
    bw_free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}
