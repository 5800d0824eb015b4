/* baseline.c — the committed list of accepted findings and its ratchet. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/file.h"
#include "bulwark/precommit.h"
#include "bulwark/text.h"

#define BASELINE_MAX_SIZE ((size_t)256 << 20)
#define FORMAT_KEY "bulwark-baseline"

static void entry_clear(bw_baseline_entry *e)
{
    bw_free(e->rule);
    bw_free(e->file);
    bw_free(e->function);
    memset(e, 0, sizeof *e);
}

void bw_baseline_free(bw_baseline *b)
{
    if (b == NULL)
        return;
    for (size_t i = 0; i < b->count; i++)
        entry_clear(&b->entries[i]);
    for (size_t i = 0; i < b->growth_count; i++) {
        bw_free(b->growth[i].date);
        bw_free(b->growth[i].reason);
    }
    bw_free(b->entries);
    bw_free(b->growth);
    memset(b, 0, sizeof *b);
}

static bool is_fingerprint(const char *s)
{
    size_t n = 0;
    for (; s[n] != '\0'; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == BW_FINGERPRINT_LEN;
}

/* Appends a copy of the strings; takes nothing. */
static bw_status push_entry(bw_baseline *b, const char *rule, const char *file,
                            const char *function, const char *fp, const char *code_fp)
{
    if (b->count == b->capacity) {
        size_t ncap = b->capacity ? b->capacity * 2 : 64;
        bw_baseline_entry *items = bw_reallocarray(b->entries, ncap, sizeof *items);
        if (items == NULL)
            return BW_ERR_NOMEM;
        b->entries = items;
        b->capacity = ncap;
    }
    bw_baseline_entry e = {0};
    e.rule = bw_strdup(rule);
    e.file = bw_strdup(file);
    e.function = bw_strdup(function != NULL ? function : "");
    if (e.rule == NULL || e.file == NULL || e.function == NULL) {
        entry_clear(&e);
        return BW_ERR_NOMEM;
    }
    snprintf(e.fingerprint, sizeof e.fingerprint, "%s", fp);
    snprintf(e.code_fingerprint, sizeof e.code_fingerprint, "%s", code_fp);
    b->entries[b->count++] = e;
    return BW_OK;
}

static bw_status push_growth(bw_baseline *b, const char *date, size_t added, const char *reason)
{
    bw_baseline_growth *g = bw_reallocarray(b->growth, b->growth_count + 1, sizeof *g);
    if (g == NULL)
        return BW_ERR_NOMEM;
    b->growth = g;
    bw_baseline_growth n = {bw_strdup(date), added, bw_strdup(reason)};
    if (n.date == NULL || n.reason == NULL) {
        bw_free(n.date);
        bw_free(n.reason);
        return BW_ERR_NOMEM;
    }
    b->growth[b->growth_count++] = n;
    return BW_OK;
}

static const char *get_str(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

bw_status bw_baseline_parse(const char *text, size_t len, const char *name, bw_baseline *out,
                            bw_error *err)
{
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL)
        return bw_error_set(err, BW_ERR_PARSE, "%s:%d:%d: %s", name, jerr.line, jerr.column,
                            jerr.text);
    bw_status st = BW_OK;
    json_t *ver = json_object_get(root, FORMAT_KEY);
    json_t *findings = json_object_get(root, "findings");
    json_t *growth = json_object_get(root, "growth");
    if (!json_is_object(root) || !json_is_integer(ver)) {
        st = bw_error_set(err, BW_ERR_PARSE, "%s: not a Bulwark baseline (no \"%s\" version)",
                          name, FORMAT_KEY);
        goto done;
    }
    if (json_integer_value(ver) > BW_BASELINE_VERSION || json_integer_value(ver) < 1) {
        st = bw_error_set(err, BW_ERR_VERSION,
                          "%s: baseline format %lld is not supported by this Bulwark (knows %d)",
                          name, (long long)json_integer_value(ver), BW_BASELINE_VERSION);
        goto done;
    }
    if (!json_is_array(findings) || (growth != NULL && !json_is_array(growth))) {
        st = bw_error_set(err, BW_ERR_PARSE, "%s: \"findings\" (and \"growth\") must be arrays", name);
        goto done;
    }
    size_t i;
    json_t *item;
    json_array_foreach(findings, i, item) {
        const char *rule = get_str(item, "rule"), *file = get_str(item, "file");
        const char *fn = get_str(item, "function"), *fp = get_str(item, "fingerprint");
        const char *cfp = get_str(item, "code_fingerprint");
        if (rule == NULL || file == NULL || fp == NULL || !is_fingerprint(fp) ||
            (cfp != NULL && !is_fingerprint(cfp))) {
            st = bw_error_set(err, BW_ERR_PARSE,
                              "%s: findings[%zu] needs \"rule\", \"file\" and a %d-digit "
                              "\"fingerprint\"", name, i, BW_FINGERPRINT_LEN);
            goto done;
        }
        if (push_entry(out, rule, file, fn, fp, cfp != NULL ? cfp : "") != BW_OK) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
    }
    json_array_foreach(growth, i, item) {
        const char *date = get_str(item, "date"), *reason = get_str(item, "reason");
        json_t *added = json_object_get(item, "added");
        if (date == NULL || reason == NULL || reason[0] == '\0' || !json_is_integer(added) ||
            json_integer_value(added) < 0) {
            st = bw_error_set(err, BW_ERR_PARSE,
                              "%s: growth[%zu] needs \"date\", \"added\" and a non-empty \"reason\"",
                              name, i);
            goto done;
        }
        if (push_growth(out, date, (size_t)json_integer_value(added), reason) != BW_OK) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
    }
done:
    json_decref(root);
    if (st != BW_OK)
        bw_baseline_free(out);
    return st;
}

bw_status bw_baseline_load(const char *path, bw_baseline *out, bw_error *err)
{
    memset(out, 0, sizeof *out);
    char *data = NULL;
    size_t len = 0;
    bw_status st = bw_file_read(path, BASELINE_MAX_SIZE, &data, &len, err);
    if (st == BW_OK)
        st = bw_baseline_parse(data, len, path, out, err);
    bw_free(data);
    return st;
}

typedef struct file_group {
    const char *file;
    size_t index;
} file_group;

static int group_cmp(const void *pa, const void *pb)
{
    const file_group *a = pa, *b = pb;
    int c = strcmp(a->file, b->file);
    return c != 0 ? c : (a->index > b->index) - (a->index < b->index);
}

bw_status bw_findings_code_fingerprints(const bw_findings *findings,
                                        char (*out)[BW_FINGERPRINT_LEN + 1], bw_error *err)
{
    size_t n = findings->count;
    if (n == 0)
        return BW_OK;
    file_group *order = bw_calloc(n, sizeof *order);
    bw_finding *copies = bw_calloc(n, sizeof *copies);
    bw_finding **ptrs = bw_calloc(n, sizeof *ptrs);
    bw_status st = BW_OK;
    if (order == NULL || copies == NULL || ptrs == NULL) {
        st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const char *f = findings->items[i]->loc.file;
        order[i].file = f != NULL ? f : "";
        order[i].index = i;
    }
    qsort(order, n, sizeof *order, group_cmp);
    /* Shallow copies with the file left out, fingerprinted one file at a
     * time so that identical statements are numbered within their file. */
    for (size_t start = 0; start < n;) {
        size_t end = start;
        while (end < n && strcmp(order[end].file, order[start].file) == 0)
            end++;
        for (size_t k = start; k < end; k++) {
            copies[k] = *findings->items[order[k].index];
            copies[k].loc.file = NULL;
            ptrs[k - start] = &copies[k];
        }
        bw_findings group = {ptrs, end - start, end - start};
        if (bw_findings_fingerprint(&group) != BW_OK) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t k = start; k < end; k++)
            memcpy(out[order[k].index], copies[k].fingerprint, BW_FINGERPRINT_LEN + 1);
        start = end;
    }
done:
    bw_free(order);
    bw_free(copies);
    bw_free(ptrs);
    return st;
}

bw_status bw_baseline_add_findings(bw_baseline *b, const bw_findings *findings, bw_error *err)
{
    if (findings->count == 0)
        return BW_OK;
    char(*code)[BW_FINGERPRINT_LEN + 1] = bw_calloc(findings->count, sizeof *code);
    if (code == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    bw_status st = bw_findings_code_fingerprints(findings, code, err);
    for (size_t i = 0; st == BW_OK && i < findings->count; i++) {
        const bw_finding *f = findings->items[i];
        if (f->suppression != NULL)
            continue;
        if (f->fingerprint[0] == '\0') {
            st = bw_error_set(err, BW_ERR_INTERNAL, "finding without a fingerprint");
            break;
        }
        if (push_entry(b, f->rule_id, f->loc.file != NULL ? f->loc.file : "", f->function,
                       f->fingerprint, code[i]) != BW_OK)
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    bw_free(code);
    return st;
}

static int entry_cmp(const void *pa, const void *pb)
{
    const bw_baseline_entry *a = pa, *b = pb;
    int c;
    if ((c = strcmp(a->file, b->file)) != 0)
        return c;
    if ((c = strcmp(a->rule, b->rule)) != 0)
        return c;
    if ((c = strcmp(a->function, b->function)) != 0)
        return c;
    return strcmp(a->fingerprint, b->fingerprint);
}

void bw_baseline_sort(bw_baseline *b)
{
    if (b->count > 1)
        qsort(b->entries, b->count, sizeof *b->entries, entry_cmp);
    size_t w = 0;
    for (size_t r = 0; r < b->count; r++) {
        if (w > 0 && strcmp(b->entries[w - 1].fingerprint, b->entries[r].fingerprint) == 0) {
            entry_clear(&b->entries[r]);
            continue;
        }
        b->entries[w++] = b->entries[r];
    }
    b->count = w;
}

/* A JSON string literal; invalid UTF-8 is replaced so the file stays valid. */
static void put_json_string(bw_buf *out, const char *s)
{
    bw_buf clean = BW_BUF_INIT;
    bw_utf8_sanitize_append(&clean, s != NULL ? s : "", strlen(s != NULL ? s : ""));
    bw_buf_putc(out, '"');
    for (size_t i = 0; i < clean.len; i++) {
        unsigned char c = (unsigned char)clean.data[i];
        if (c == '"' || c == '\\') {
            bw_buf_putc(out, '\\');
            bw_buf_putc(out, (char)c);
        } else if (c == '\n') {
            bw_buf_puts(out, "\\n");
        } else if (c == '\t') {
            bw_buf_puts(out, "\\t");
        } else if (c < 0x20 || c == 0x7f) {
            bw_buf_printf(out, "\\u%04x", c);
        } else {
            bw_buf_putc(out, (char)c);
        }
    }
    bw_buf_putc(out, '"');
    if (clean.failed)
        out->failed = true;
    bw_buf_free(&clean);
}

bw_status bw_baseline_serialize(bw_baseline *b, bw_buf *out)
{
    bw_baseline_sort(b);
    bw_buf_printf(out, "{\n  \"%s\": %d,\n", FORMAT_KEY, BW_BASELINE_VERSION);
    bw_buf_puts(out, "  \"about\": \"Findings accepted as known debt. `bulwark precommit` blocks "
                     "only findings not listed here. Entries may only be removed "
                     "(`bulwark baseline update`); growth needs --allow-growth --reason and is "
                     "recorded below.\",\n");
    bw_buf_puts(out, "  \"growth\": [");
    for (size_t i = 0; i < b->growth_count; i++) {
        bw_buf_puts(out, i == 0 ? "\n    {\"date\": " : ",\n    {\"date\": ");
        put_json_string(out, b->growth[i].date);
        bw_buf_printf(out, ", \"added\": %zu, \"reason\": ", b->growth[i].added);
        put_json_string(out, b->growth[i].reason);
        bw_buf_putc(out, '}');
    }
    bw_buf_puts(out, b->growth_count > 0 ? "\n  ],\n" : "],\n");
    bw_buf_puts(out, "  \"findings\": [");
    for (size_t i = 0; i < b->count; i++) {
        const bw_baseline_entry *e = &b->entries[i];
        bw_buf_puts(out, i == 0 ? "\n    {\"rule\": " : ",\n    {\"rule\": ");
        put_json_string(out, e->rule);
        bw_buf_puts(out, ", \"file\": ");
        put_json_string(out, e->file);
        bw_buf_puts(out, ", \"function\": ");
        put_json_string(out, e->function);
        bw_buf_printf(out, ", \"fingerprint\": \"%s\"", e->fingerprint);
        if (e->code_fingerprint[0] != '\0')
            bw_buf_printf(out, ", \"code_fingerprint\": \"%s\"", e->code_fingerprint);
        bw_buf_putc(out, '}');
    }
    bw_buf_puts(out, b->count > 0 ? "\n  ]\n}\n" : "]\n}\n");
    return bw_buf_status(out);
}

bw_status bw_baseline_write(bw_baseline *b, const char *path, bw_error *err)
{
    bw_buf text = BW_BUF_INIT;
    if (bw_baseline_serialize(b, &text) != BW_OK) {
        bw_buf_free(&text);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    bw_status st = bw_file_write_atomic(path, text.data, text.len, err);
    bw_buf_free(&text);
    return st;
}

bw_status bw_baseline_loosenings(const bw_baseline *b, const char *path, bw_loosenings *out)
{
    for (size_t i = 0; i < b->growth_count; i++) {
        bw_buf subject = BW_BUF_INIT;
        bw_buf_printf(&subject, "%s: +%zu entr%s on %s", path, b->growth[i].added,
                      b->growth[i].added == 1 ? "y" : "ies", b->growth[i].date);
        if (bw_buf_status(&subject) != BW_OK)
            return BW_ERR_NOMEM;
        bw_status st = bw_loosenings_add(out, "baseline-growth", subject.data, b->growth[i].reason, NULL);
        bw_buf_free(&subject);
        if (st != BW_OK)
            return st;
    }
    return BW_OK;
}

/* ------------------------------------------------------------ matching */

typedef struct fp_index {
    const char *key;
    size_t entry;
} fp_index;

static int fp_index_cmp(const void *pa, const void *pb)
{
    const fp_index *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c != 0 ? c : (a->entry > b->entry) - (a->entry < b->entry);
}

/* First unused entry with this key, or SIZE_MAX. */
static size_t fp_lookup(const fp_index *idx, size_t n, const char *key, const bool *used)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(idx[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < n && strcmp(idx[lo].key, key) == 0; lo++)
        if (!used[idx[lo].entry])
            return idx[lo].entry;
    return (size_t)-1;
}

void bw_match_free(bw_match *m)
{
    if (m == NULL)
        return;
    bw_free(m->finding);
    bw_free(m->entry_of);
    bw_free(m->entry_seen);
    memset(m, 0, sizeof *m);
}

bw_status bw_baseline_match(const bw_baseline *b, const bw_findings *findings, bw_match *out,
                            bw_error *err)
{
    memset(out, 0, sizeof *out);
    size_t n = findings->count, m = b->count;
    bw_status st = BW_OK;
    fp_index *byfp = NULL, *bycode = NULL;
    char(*code)[BW_FINGERPRINT_LEN + 1] = NULL;
    out->finding = bw_calloc(n + 1, sizeof *out->finding);
    out->entry_of = bw_calloc(n + 1, sizeof *out->entry_of);
    out->entry_seen = bw_calloc(m + 1, sizeof *out->entry_seen);
    byfp = bw_calloc(m + 1, sizeof *byfp);
    bycode = bw_calloc(m + 1, sizeof *bycode);
    code = bw_calloc(n + 1, sizeof *code);
    if (out->finding == NULL || out->entry_of == NULL || out->entry_seen == NULL ||
        byfp == NULL || bycode == NULL || code == NULL) {
        st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        goto done;
    }
    st = bw_findings_code_fingerprints(findings, code, err);
    if (st != BW_OK)
        goto done;
    size_t ncode = 0;
    for (size_t j = 0; j < m; j++) {
        byfp[j].key = b->entries[j].fingerprint;
        byfp[j].entry = j;
        if (b->entries[j].code_fingerprint[0] != '\0') {
            bycode[ncode].key = b->entries[j].code_fingerprint;
            bycode[ncode++].entry = j;
        }
    }
    qsort(byfp, m, sizeof *byfp, fp_index_cmp);
    qsort(bycode, ncode, sizeof *bycode, fp_index_cmp);
    /* Pass 1: exact fingerprints. */
    for (size_t i = 0; i < n; i++) {
        const bw_finding *f = findings->items[i];
        out->entry_of[i] = (size_t)-1;
        if (f->suppression != NULL) {
            out->finding[i] = BW_MATCH_SUPPRESSED;
            out->suppressed_count++;
            continue;
        }
        size_t j = fp_lookup(byfp, m, f->fingerprint, out->entry_seen);
        if (j != (size_t)-1) {
            out->entry_seen[j] = true;
            out->entry_of[i] = j;
            out->finding[i] = BW_MATCH_SAME;
            out->same_count++;
        }
    }
    /* Pass 2: what is left, by code fingerprint (same rule, function, code). */
    for (size_t i = 0; i < n; i++) {
        if (findings->items[i]->suppression != NULL || out->entry_of[i] != (size_t)-1)
            continue;
        size_t j = fp_lookup(bycode, ncode, code[i], out->entry_seen);
        if (j != (size_t)-1 && strcmp(b->entries[j].rule, findings->items[i]->rule_id) == 0) {
            out->entry_seen[j] = true;
            out->entry_of[i] = j;
            out->finding[i] = BW_MATCH_MOVED;
            out->moved_count++;
        } else {
            out->finding[i] = BW_MATCH_NEW;
            out->new_count++;
        }
    }
    for (size_t j = 0; j < m; j++)
        if (!out->entry_seen[j])
            out->stale_count++;
done:
    bw_free(byfp);
    bw_free(bycode);
    bw_free(code);
    if (st != BW_OK)
        bw_match_free(out);
    return st;
}

bw_status bw_baseline_ratchet(const bw_baseline *old, const bw_findings *current,
                              bool allow_growth, const char *reason, const char *date,
                              bw_baseline *out, bw_baseline_update *result, bw_error *err)
{
    memset(out, 0, sizeof *out);
    memset(result, 0, sizeof *result);
    if (allow_growth && (reason == NULL || reason[0] == '\0'))
        return bw_error_set(err, BW_ERR_USAGE, "--allow-growth needs a --reason");
    bw_match m;
    bw_status st = bw_baseline_match(old, current, &m, err);
    if (st != BW_OK)
        return st;
    result->added = m.new_count;
    result->removed = m.stale_count;
    result->kept = m.same_count + m.moved_count;
    bool grow = m.new_count > 0 && allow_growth;
    result->refused = m.new_count > 0 && !allow_growth;

    if (result->refused) {
        /* Nothing changes: the caller reports the findings that would grow it. */
        for (size_t j = 0; st == BW_OK && j < old->count; j++) {
            const bw_baseline_entry *e = &old->entries[j];
            if (push_entry(out, e->rule, e->file, e->function, e->fingerprint, e->code_fingerprint) != BW_OK)
                st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        }
        result->removed = 0;
    } else {
        /* Entries are rebuilt from the findings (a renamed file's entries
         * follow it); code fingerprints are computed over the whole list so
         * they are numbered exactly as bw_baseline_match numbers them. */
        char(*code)[BW_FINGERPRINT_LEN + 1] = bw_calloc(current->count + 1, sizeof *code);
        if (code == NULL) {
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
            goto done;
        }
        st = bw_findings_code_fingerprints(current, code, err);
        for (size_t i = 0; st == BW_OK && i < current->count; i++) {
            if (!(m.finding[i] == BW_MATCH_SAME || m.finding[i] == BW_MATCH_MOVED ||
                  (grow && m.finding[i] == BW_MATCH_NEW)))
                continue;
            const bw_finding *f = current->items[i];
            if (push_entry(out, f->rule_id, f->loc.file != NULL ? f->loc.file : "", f->function,
                           f->fingerprint, code[i]) != BW_OK)
                st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        }
        bw_free(code);
    }
    for (size_t g = 0; st == BW_OK && g < old->growth_count; g++)
        if (push_growth(out, old->growth[g].date, old->growth[g].added, old->growth[g].reason) != BW_OK)
            st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    if (st == BW_OK && grow && push_growth(out, date, m.new_count, reason) != BW_OK)
        st = bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    if (st == BW_OK)
        bw_baseline_sort(out);
done:
    bw_match_free(&m);
    if (st != BW_OK)
        bw_baseline_free(out);
    return st;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void bw_baseline_compare_staged(const bw_baseline *head, const bw_baseline *staged,
                                size_t *grown, bool *unexplained)
{
    *grown = 0;
    *unexplained = false;
    const char **keys = bw_calloc(2 * head->count + 1, sizeof *keys);
    if (keys == NULL) {
        /* Cannot tell: treat every staged entry as growth (fail closed). */
        *grown = staged->count;
        *unexplained = staged->count > 0;
        return;
    }
    size_t nk = 0;
    for (size_t j = 0; j < head->count; j++) {
        keys[nk++] = head->entries[j].fingerprint;
        if (head->entries[j].code_fingerprint[0] != '\0')
            keys[nk++] = head->entries[j].code_fingerprint;
    }
    qsort(keys, nk, sizeof *keys, str_cmp);
    for (size_t i = 0; i < staged->count; i++) {
        const char *fp = staged->entries[i].fingerprint;
        const char *cfp = staged->entries[i].code_fingerprint;
        bool found = bsearch(&fp, keys, nk, sizeof *keys, str_cmp) != NULL ||
                     (cfp[0] != '\0' && bsearch(&cfp, keys, nk, sizeof *keys, str_cmp) != NULL);
        if (!found)
            (*grown)++;
    }
    bw_free(keys);
    /* Growth is explained only by new growth records covering it. */
    size_t recorded = 0;
    for (size_t g = head->growth_count; g < staged->growth_count; g++)
        recorded += staged->growth[g].added;
    *unexplained = *grown > recorded || staged->growth_count < head->growth_count;
}
