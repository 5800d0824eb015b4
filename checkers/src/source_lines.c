/*
 * source_lines.c — line starts indexed once per file (see source_lines.h).
 * Quoting a finding's line by scanning the file from the top cost a tenth
 * of a whole run on the 270k-line SQLite amalgamation.
 */
#include "source_lines.h"

#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/text.h"
#include "ir.h"

struct bw_line_index {
    const char *text;
    uint32_t *start; /* byte offset of each line */
    uint32_t n;
};

void bw_source_lines_free(bw_source_lines *sl)
{
    for (uint32_t i = 0; i < sl->nfiles; i++)
        bw_free(sl->files[i].start);
    bw_free(sl->files);
    memset(sl, 0, sizeof(*sl));
}

static const struct bw_line_index *index_of(bw_source_lines *sl, const char *text, size_t len)
{
    for (uint32_t i = sl->nfiles; i > 0; i--) /* the latest file first: findings come in runs */
        if (sl->files[i - 1].text == text)
            return &sl->files[i - 1];
    uint32_t *start = NULL, n = 0;
    if (!bw_line_starts(text, len, &start, &n) ||
        !bw_ir_grow((void **)&sl->files, &sl->capfiles, sl->nfiles + 1, sizeof(struct bw_line_index))) {
        bw_free(start);
        return NULL;
    }
    sl->files[sl->nfiles] = (struct bw_line_index){text, start, n};
    return &sl->files[sl->nfiles++];
}

bw_status bw_source_line(bw_source_lines *sl, const char *text, size_t len, unsigned line, char **out)
{
    *out = NULL;
    if (text == NULL || line == 0 || len > UINT32_MAX)
        return BW_ERR_NOT_FOUND;
    const struct bw_line_index *li = index_of(sl, text, len);
    if (li == NULL)
        return BW_ERR_NOMEM;
    if (line > li->n)
        return BW_ERR_NOT_FOUND;
    const char *p = text + li->start[line - 1], *end = text + len;
    const char *e = memchr(p, '\n', (size_t)(end - p));
    if (e == NULL)
        e = end;
    while (p < e && (*p == ' ' || *p == '\t'))
        p++;
    *out = bw_strndup(p, (size_t)(e - p));
    return *out != NULL ? BW_OK : BW_ERR_NOMEM;
}
