/* cursor_map.c — a per-cursor result cache (see cursor_map.h). */
#include "cursor_map.h"

#include <string.h>

#include "bulwark/alloc.h"

/* clang_equalCursors without the library call where the answer is plain:
 * it compares kind and data, ignoring data[1] of declarations only, so
 * cursors identical in those fields are equal and cursors whose kind,
 * data[0] or data[2] differ are not.  (The call was ~60 instructions, made
 * for every probe of every lookup: each reference to a variable.) */
static bool same_cursor(CXCursor a, CXCursor b)
{
    if (a.kind != b.kind || a.data[0] != b.data[0] || a.data[2] != b.data[2])
        return false;
    return a.data[1] == b.data[1] || clang_equalCursors(a, b);
}

/* A cursor's identity for hashing: its kind and what it points at
 * (data[0], the declaration or expression); equal cursors share both. */
static uint32_t slot_of(const bw_cursor_map *m, CXCursor c)
{
    uint64_t h = (uint64_t)(uintptr_t)c.data[0] * 0x9e3779b97f4a7c15ull ^ (uint64_t)c.kind;
    h ^= h >> 31;
    uint32_t mask = m->cap - 1, i = (uint32_t)h & mask;
    while (m->used[i] && !same_cursor(m->keys[i], c))
        i = (i + 1) & mask;
    return i;
}

bool bw_cursor_map_get(const bw_cursor_map *m, CXCursor c, uint32_t *val)
{
    if (m->count == 0)
        return false;
    uint32_t i = slot_of(m, c);
    if (!m->used[i])
        return false;
    *val = m->vals[i];
    return true;
}

static bool grow(bw_cursor_map *m)
{
    uint32_t ncap = m->cap ? m->cap * 2 : 256;
    bw_cursor_map n = {bw_calloc(ncap, sizeof(CXCursor)), bw_calloc(ncap, sizeof(uint32_t)), bw_calloc(ncap, 1),
                       ncap, 0};
    if (n.keys == NULL || n.vals == NULL || n.used == NULL) {
        bw_cursor_map_free(&n);
        return false;
    }
    for (uint32_t i = 0; i < m->cap; i++) {
        if (!m->used[i])
            continue;
        uint32_t j = slot_of(&n, m->keys[i]);
        n.keys[j] = m->keys[i];
        n.vals[j] = m->vals[i];
        n.used[j] = 1;
        n.count++;
    }
    bw_cursor_map_free(m);
    *m = n;
    return true;
}

bool bw_cursor_map_put(bw_cursor_map *m, CXCursor c, uint32_t val)
{
    if ((m->count + 1) * 2 > m->cap && !grow(m))
        return false;
    uint32_t i = slot_of(m, c);
    if (!m->used[i]) {
        m->keys[i] = c;
        m->used[i] = 1;
        m->count++;
    }
    m->vals[i] = val;
    return true;
}

void bw_cursor_map_clear(bw_cursor_map *m)
{
    if (m->count == 0)
        return;
    memset(m->used, 0, m->cap);
    m->count = 0;
}

void bw_cursor_map_free(bw_cursor_map *m)
{
    if (m == NULL)
        return;
    bw_free(m->keys);
    bw_free(m->vals);
    bw_free(m->used);
    memset(m, 0, sizeof(*m));
}

bool bw_cursor_pairs_get(const bw_cursor_pairs *m, CXCursor c, uint32_t pair[2])
{
    uint32_t v;
    if (!bw_cursor_map_get(&m->index, c, &v))
        return false;
    pair[0] = m->vals[v][0];
    pair[1] = m->vals[v][1];
    return true;
}

bool bw_cursor_pairs_add(bw_cursor_pairs *m, CXCursor c, uint32_t a, uint32_t b)
{
    if (m->n == m->cap) {
        uint32_t cap = m->cap ? m->cap * 2 : 64;
        void *v = bw_reallocarray(m->vals, cap, sizeof(*m->vals));
        if (v == NULL)
            return false;
        m->vals = v;
        m->cap = cap;
    }
    if (!bw_cursor_map_put(&m->index, c, m->n))
        return false;
    m->vals[m->n][0] = a;
    m->vals[m->n][1] = b;
    m->n++;
    return true;
}

void bw_cursor_pairs_free(bw_cursor_pairs *m)
{
    if (m == NULL)
        return;
    bw_cursor_map_free(&m->index);
    bw_free(m->vals);
    memset(m, 0, sizeof(*m));
}

/* ---- file numbers -------------------------------------------------------- */

static uint32_t file_slot(CXFile f, uint32_t cap)
{
    return (uint32_t)(((uint64_t)(uintptr_t)f * 0x9e3779b97f4a7c15ull) >> 32) & (cap - 1);
}

static void file_ids_put(uint32_t *slots, uint32_t cap, CXFile f, uint32_t k)
{
    uint32_t s = file_slot(f, cap);
    while (slots[s] != 0)
        s = (s + 1) & (cap - 1);
    slots[s] = k + 1;
}

uint32_t bw_file_ids_find(const bw_file_ids *t, CXFile f)
{
    if (t->capslots == 0)
        return UINT32_MAX;
    for (uint32_t s = file_slot(f, t->capslots);; s = (s + 1) & (t->capslots - 1)) {
        uint32_t k = t->slots[s];
        if (k == 0)
            return UINT32_MAX;
        if (t->files[k - 1] == f)
            return k - 1;
    }
}

uint32_t bw_file_ids_add(bw_file_ids *t, CXFile f)
{
    if ((t->n + 1) * 2 > t->capslots) {
        uint32_t cap = t->capslots ? t->capslots * 2 : 256;
        uint32_t *slots = bw_calloc(cap, sizeof(uint32_t));
        if (slots == NULL)
            return UINT32_MAX;
        for (uint32_t k = 0; k < t->n; k++)
            file_ids_put(slots, cap, t->files[k], k);
        bw_free(t->slots);
        t->slots = slots;
        t->capslots = cap;
    }
    if (t->n == t->cap) {
        uint32_t cap = t->cap ? t->cap * 2 : 64;
        CXFile *files = bw_reallocarray(t->files, cap, sizeof(CXFile));
        if (files == NULL)
            return UINT32_MAX;
        t->files = files;
        t->cap = cap;
    }
    t->files[t->n] = f;
    file_ids_put(t->slots, t->capslots, f, t->n);
    return t->n++;
}

void bw_file_ids_free(bw_file_ids *t)
{
    bw_free(t->files);
    bw_free(t->slots);
    memset(t, 0, sizeof(*t));
}
