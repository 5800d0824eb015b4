/* writer_text.c — clang-style diagnostics for terminals, IDEs and CI logs. */
#include <stdio.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"
#include "bulwark/file.h"
#include "bulwark/output.h"
#include "bulwark/text.h"

/* The colours clang uses: bold locations, magenta warnings, red errors, cyan notes. */
#define C_BOLD "\033[1m"
#define C_RESET "\033[0m"
#define C_RED "\033[1;31m"
#define C_MAGENTA "\033[1;35m"
#define C_CYAN "\033[1;36m"
#define C_GREEN "\033[1;32m"

#define SOURCE_MAX_BYTES (64u * 1024u * 1024u)

static const char *severity_color(bw_severity sev)
{
    switch (sev) {
    case BW_SEV_ERROR: return C_RED;
    case BW_SEV_WARNING: return C_MAGENTA;
    default: return C_CYAN;
    }
}

static void put_location(bw_buf *out, const bw_location *loc, bool color)
{
    if (color)
        bw_buf_puts(out, C_BOLD);
    bw_text_escape_append(out, loc->file ? loc->file : "<unknown>");
    if (loc->line > 0) {
        bw_buf_printf(out, ":%u", loc->line);
        if (loc->column > 0)
            bw_buf_printf(out, ":%u", loc->column);
    }
    bw_buf_puts(out, ": ");
    if (color)
        bw_buf_puts(out, C_RESET);
}

static void put_label(bw_buf *out, const char *label, bw_severity sev, bool color)
{
    if (color)
        bw_buf_puts(out, severity_color(sev));
    bw_buf_puts(out, label);
    bw_buf_puts(out, ": ");
    if (color)
        bw_buf_puts(out, C_RESET);
}

/* The file whose lines findings quote, read and indexed once per report:
 * a report of hundreds of findings in one large file (an amalgamation)
 * used to read and scan the whole file again for each of them. */
typedef struct source_cache {
    char *path;
    char *data;
    size_t len;
    uint32_t *starts; /* offset of each line */
    uint32_t nlines;
    bool unreadable;
} source_cache;

static void source_cache_free(source_cache *sc)
{
    bw_free(sc->path);
    bw_free(sc->data);
    bw_free(sc->starts);
    memset(sc, 0, sizeof(*sc));
}

static bool source_cache_load(source_cache *sc, const char *path)
{
    if (sc->path != NULL && strcmp(sc->path, path) == 0)
        return !sc->unreadable;
    source_cache_free(sc);
    sc->path = bw_strdup(path);
    if (sc->path == NULL || bw_file_read(path, SOURCE_MAX_BYTES, &sc->data, &sc->len, NULL) != BW_OK) {
        sc->unreadable = true;
        return false;
    }
    if (!bw_line_starts(sc->data, sc->len, &sc->starts, &sc->nlines)) {
        sc->unreadable = true;
        return false;
    }
    return true;
}

/* Appends the source line of loc and a caret/tilde marker under its range. */
static void put_source(bw_buf *out, const bw_location *loc, bool color, source_cache *sc)
{
    if (loc->file == NULL || loc->line == 0 || !source_cache_load(sc, loc->file))
        return;
    if (loc->line > sc->nlines || sc->starts[loc->line - 1] >= sc->len)
        return;
    const char *data = sc->data;
    size_t len = sc->len;
    const char *line = data + sc->starts[loc->line - 1];
    const char *end = memchr(line, '\n', len - (size_t)(line - data));
    size_t line_len = end ? (size_t)(end - line) : len - (size_t)(line - data);
    if (line_len > 0 && line[line_len - 1] == '\r')
        line_len--;
    /* Tabs become spaces so the caret lines up; other controls are escaped. */
    bw_buf text = BW_BUF_INIT;
    bw_buf caret = BW_BUF_INIT;
    unsigned first = loc->column ? loc->column : 1;
    unsigned last = (loc->end_line == loc->line && loc->end_column > first) ? loc->end_column - 1 : first;
    for (size_t i = 0; i < line_len; i++) {
        char c = line[i];
        char one[2] = {c == '\t' ? ' ' : c, '\0'};
        size_t before = text.len;
        if ((unsigned char)c < 0x20 && c != '\t')
            bw_text_escape_append(&text, one);
        else
            bw_buf_putc(&text, one[0]);
        /* Continuation bytes of UTF-8 take no column of their own. */
        if (((unsigned char)c & 0xC0) == 0x80)
            continue;
        unsigned col = (unsigned)i + 1;
        char mark = col == first ? '^' : (col > first && col <= last) ? '~' : ' ';
        for (size_t k = before; k < text.len; k++)
            bw_buf_putc(&caret, mark);
    }
    while (caret.len > 0 && caret.data[caret.len - 1] == ' ')
        caret.len--;
    if (caret.data)
        caret.data[caret.len] = '\0';
    bw_buf clean = BW_BUF_INIT;
    bw_utf8_sanitize_append(&clean, text.data ? text.data : "", text.len);
    bw_buf_puts(out, clean.data ? clean.data : "");
    bw_buf_putc(out, '\n');
    if (color)
        bw_buf_puts(out, C_GREEN);
    bw_buf_puts(out, caret.data ? caret.data : "^");
    if (color)
        bw_buf_puts(out, C_RESET);
    bw_buf_putc(out, '\n');
    bw_buf_free(&clean);
    bw_buf_free(&text);
    bw_buf_free(&caret);
}

static void format_finding(bw_buf *out, const bw_finding *f, const bw_text_options *opts, source_cache *sc)
{
    bool color = opts && opts->color;
    put_location(out, &f->loc, color);
    put_label(out, bw_severity_name(f->severity), f->severity, color);
    if (color)
        bw_buf_puts(out, C_BOLD);
    bw_text_escape_append(out, f->message);
    bw_buf_puts(out, " [");
    bw_text_escape_append(out, f->rule_id);
    bw_buf_puts(out, "]");
    if (color)
        bw_buf_puts(out, C_RESET);
    bw_buf_putc(out, '\n');
    if (opts && opts->show_source)
        put_source(out, &f->loc, color, sc);
    for (size_t i = 0; i < f->step_count; i++) {
        const bw_flow_step *step = &f->steps[i];
        put_location(out, &step->loc, color);
        put_label(out, "note", BW_SEV_NOTE, color);
        bw_buf_printf(out, "[%zu/%zu] ", i + 1, f->step_count);
        bw_text_escape_append(out, step->message);
        bw_buf_putc(out, '\n');
    }
    if (f->fix_hint != NULL) {
        put_location(out, &f->loc, color);
        put_label(out, "note", BW_SEV_NOTE, color);
        bw_buf_puts(out, "fix: ");
        bw_text_escape_append(out, f->fix_hint);
        bw_buf_putc(out, '\n');
    }
    if (f->fix_replacement != NULL && f->fix_range.file != NULL) {
        /* The form clang prints with -fdiagnostics-parseable-fixits. */
        bw_buf_puts(out, "fix-it:\"");
        bw_text_escape_append(out, f->fix_range.file);
        bw_buf_printf(out, "\":{%u:%u-%u:%u}:\"", f->fix_range.line, f->fix_range.column,
                      f->fix_range.end_line, f->fix_range.end_column);
        bw_text_escape_append(out, f->fix_replacement);
        bw_buf_puts(out, "\"\n");
    }
}

static bw_status flush(FILE *out, bw_buf *b)
{
    if (bw_buf_status(b) != BW_OK) {
        bw_buf_free(b);
        return BW_ERR_NOMEM;
    }
    bool ok = b->len == 0 || fwrite(b->data, 1, b->len, out) == b->len;
    bw_buf_free(b);
    return ok && fflush(out) == 0 ? BW_OK : BW_ERR_IO;
}

bw_status bw_write_text_finding(FILE *out, const bw_finding *f, const bw_text_options *opts)
{
    bw_buf b = BW_BUF_INIT;
    source_cache sc = {0};
    format_finding(&b, f, opts, &sc);
    source_cache_free(&sc);
    return flush(out, &b);
}

static void format_loosenings(bw_buf *out, const bw_loosenings *ls, bool color)
{
    if (ls == NULL || ls->count == 0)
        return;
    if (color)
        bw_buf_puts(out, C_MAGENTA);
    bw_buf_printf(out, "bulwark: %zu loosening%s in effect (defaults weakened on purpose):\n", ls->count,
                  ls->count == 1 ? "" : "s");
    if (color)
        bw_buf_puts(out, C_RESET);
    for (size_t i = 0; i < ls->count; i++) {
        const bw_loosening *l = &ls->items[i];
        bw_buf_puts(out, "  - ");
        bw_text_escape_append(out, l->kind);
        bw_buf_puts(out, ": ");
        bw_text_escape_append(out, l->subject);
        if (l->loc.file != NULL) {
            bw_buf_puts(out, " (");
            bw_text_escape_append(out, l->loc.file);
            bw_buf_printf(out, ":%u)", l->loc.line);
        }
        bw_buf_puts(out, " — reason: ");
        if (l->reason != NULL)
            bw_text_escape_append(out, l->reason);
        else
            bw_buf_puts(out, "(none given)");
        bw_buf_putc(out, '\n');
    }
}

/* "3 findings (1 error, 2 warnings) in 4 files: BW-XSS 2, BW-SQL-INJECTION 1; 1 suppressed" */
static void format_summary(bw_buf *out, const bw_report *r)
{
    const bw_findings *fs = r->findings;
    size_t by_sev[BW_SEV_ERROR + 1] = {0};
    size_t suppressed = 0, active = 0;
    for (size_t i = 0; i < fs->count; i++) {
        if (fs->items[i]->suppression != NULL) {
            suppressed++;
            continue;
        }
        active++;
        by_sev[fs->items[i]->severity]++;
    }
    bw_buf_printf(out, "bulwark: %zu finding%s (%zu error%s, %zu warning%s, %zu note%s) in %zu file%s",
                  active, active == 1 ? "" : "s", by_sev[BW_SEV_ERROR], by_sev[BW_SEV_ERROR] == 1 ? "" : "s",
                  by_sev[BW_SEV_WARNING], by_sev[BW_SEV_WARNING] == 1 ? "" : "s", by_sev[BW_SEV_NOTE],
                  by_sev[BW_SEV_NOTE] == 1 ? "" : "s", r->files_analyzed, r->files_analyzed == 1 ? "" : "s");
    if (r->files_failed > 0)
        bw_buf_printf(out, ", %zu file%s could not be analysed", r->files_failed, r->files_failed == 1 ? "" : "s");
    if (suppressed > 0)
        bw_buf_printf(out, ", %zu suppressed", suppressed);
    bw_buf_putc(out, '\n');
    /* Counts per rule, in rule-table order. */
    for (size_t k = 0; k < r->rule_count; k++) {
        size_t n = 0;
        for (size_t i = 0; i < fs->count; i++)
            if (fs->items[i]->suppression == NULL && strcmp(fs->items[i]->rule_id, r->rules[k]->id) == 0)
                n++;
        if (n > 0)
            bw_buf_printf(out, "  %-24s %zu\n", r->rules[k]->id, n);
    }
}

bw_status bw_write_text(FILE *out, const bw_report *report, const bw_text_options *opts)
{
    bw_buf b = BW_BUF_INIT;
    source_cache sc = {0};
    for (size_t i = 0; i < report->findings->count; i++) {
        const bw_finding *f = report->findings->items[i];
        if (f->suppression != NULL)
            continue;
        format_finding(&b, f, opts, &sc);
        bw_status st = flush(out, &b);
        if (st != BW_OK) {
            source_cache_free(&sc);
            return st;
        }
    }
    source_cache_free(&sc);
    if (opts == NULL || opts->summary) {
        format_summary(&b, report);
        format_loosenings(&b, report->loosenings, opts && opts->color);
    }
    return flush(out, &b);
}
