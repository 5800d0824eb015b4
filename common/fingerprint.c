/* fingerprint.c — finding identities that survive line shifts and reformatting.
 *
 * The identity of a finding is (rule, file, enclosing function, normalised
 * code of the statement, occurrence).  Line numbers are left out on purpose
 * so that adding a line above a finding does not make it "new" to a
 * baseline.  The hash is two independent 64-bit FNV-1a streams (different
 * offset bases) — not cryptographic, which a fingerprint need not be. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/finding.h"

static bool is_ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$';
}

/* Copies a string or character literal starting at s[*i] verbatim. */
static void copy_literal(bw_buf *out, const char *s, size_t *i)
{
    char quote = s[*i];
    bw_buf_putc(out, s[(*i)++]);
    while (s[*i] != '\0' && s[*i] != quote) {
        if (s[*i] == '\\' && s[*i + 1] != '\0')
            bw_buf_putc(out, s[(*i)++]);
        bw_buf_putc(out, s[(*i)++]);
    }
    if (s[*i] == quote)
        bw_buf_putc(out, s[(*i)++]);
}

char *bw_normalize_code(const char *code)
{
    bw_buf out = BW_BUF_INIT;
    bool pending_space = false;
    size_t i = 0;
    if (code == NULL)
        code = "";
    while (code[i] != '\0') {
        char c = code[i];
        if (c == '/' && code[i + 1] == '/') {
            while (code[i] != '\0' && code[i] != '\n')
                i++;
            pending_space = true;
        } else if (c == '/' && code[i + 1] == '*') {
            const char *end = strstr(code + i + 2, "*/");
            i = end ? (size_t)(end - code) + 2 : strlen(code);
            pending_space = true;
        } else if (isspace((unsigned char)c)) {
            i++;
            pending_space = true;
        } else {
            /* Keep one space only where it separates two identifier chars. */
            if (pending_space && out.len > 0 && is_ident_char(out.data[out.len - 1]) &&
                is_ident_char(c))
                bw_buf_putc(&out, ' ');
            pending_space = false;
            if (c == '"' || c == '\'')
                copy_literal(&out, code, &i);
            else
                bw_buf_putc(&out, code[i++]);
        }
    }
    return bw_buf_take(&out);
}

typedef struct fnv2 {
    uint64_t a, b;
} fnv2;

static void fnv_feed(fnv2 *h, const char *s)
{
    /* Feed the terminating NUL too, so ("ab","c") differs from ("a","bc"). */
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    do {
        h->a = (h->a ^ *p) * 0x100000001b3ULL;
        h->b = (h->b ^ *p) * 0x100000001b3ULL;
    } while (*p++ != '\0');
}

static void fingerprint_with_normalized(const char *rule_id, const char *file,
                                        const char *function, const char *normalized,
                                        unsigned occurrence, char out[BW_FINGERPRINT_LEN + 1])
{
    fnv2 h = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL};
    char occ[16];
    snprintf(occ, sizeof occ, "%u", occurrence);
    fnv_feed(&h, "bulwark-fp-v1");
    fnv_feed(&h, rule_id);
    fnv_feed(&h, file);
    fnv_feed(&h, function);
    fnv_feed(&h, normalized);
    fnv_feed(&h, occ);
    snprintf(out, BW_FINGERPRINT_LEN + 1, "%016llx%016llx", (unsigned long long)h.a,
             (unsigned long long)h.b);
}

void bw_fingerprint(const char *rule_id, const char *file, const char *function,
                    const char *code, unsigned occurrence, char out[BW_FINGERPRINT_LEN + 1])
{
    char *normalized = bw_normalize_code(code);
    /* Without memory the code cannot be normalised; hash it raw so the
     * result is still deterministic for this input. */
    fingerprint_with_normalized(rule_id, file, function, normalized ? normalized : code,
                                occurrence, out);
    bw_free(normalized);
}

typedef struct fp_entry {
    char base[BW_FINGERPRINT_LEN + 1]; /* identity without the occurrence */
    char *normalized;
    bw_finding *finding;
} fp_entry;

static int unsigned_cmp(unsigned a, unsigned b) { return (a > b) - (a < b); }

static int fp_entry_cmp(const void *pa, const void *pb)
{
    const fp_entry *a = pa, *b = pb;
    int c = strcmp(a->base, b->base);
    if (c != 0)
        return c;
    if ((c = unsigned_cmp(a->finding->loc.line, b->finding->loc.line)) != 0)
        return c;
    return unsigned_cmp(a->finding->loc.column, b->finding->loc.column);
}

bw_status bw_findings_fingerprint(bw_findings *list)
{
    if (list->count == 0)
        return BW_OK;
    fp_entry *entries = bw_calloc(list->count, sizeof *entries);
    if (entries == NULL)
        return BW_ERR_NOMEM;
    bw_status status = BW_OK;
    for (size_t i = 0; i < list->count; i++) {
        bw_finding *f = list->items[i];
        entries[i].finding = f;
        entries[i].normalized = bw_normalize_code(f->code);
        if (entries[i].normalized == NULL) {
            status = BW_ERR_NOMEM;
            goto out;
        }
        fingerprint_with_normalized(f->rule_id, f->loc.file, f->function,
                                    entries[i].normalized, 0, entries[i].base);
    }
    qsort(entries, list->count, sizeof *entries, fp_entry_cmp);
    unsigned occurrence = 0;
    for (size_t i = 0; i < list->count; i++) {
        occurrence = (i > 0 && strcmp(entries[i].base, entries[i - 1].base) == 0) ? occurrence + 1 : 0;
        bw_finding *f = entries[i].finding;
        fingerprint_with_normalized(f->rule_id, f->loc.file, f->function,
                                    entries[i].normalized, occurrence, f->fingerprint);
    }
out:
    for (size_t i = 0; i < list->count; i++)
        bw_free(entries[i].normalized);
    bw_free(entries);
    return status;
}
