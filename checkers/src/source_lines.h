/*
 * source_lines.h — the text of a source line, for a finding's quoted code
 * (and so its fingerprint).  Both engines report findings; each keeps one
 * bw_source_lines so that every file is indexed once, however many
 * findings it has.
 */
#ifndef BW_CHECKERS_SOURCE_LINES_H
#define BW_CHECKERS_SOURCE_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "bulwark/status.h"

typedef struct bw_source_lines {
    struct bw_line_index *files;
    uint32_t nfiles, capfiles;
} bw_source_lines;

#define BW_SOURCE_LINES_INIT {NULL, 0, 0}

void bw_source_lines_free(bw_source_lines *sl);

/* *out = line `line` (1-based) of `text` (len bytes), leading blanks
 * removed; the caller frees it.  `text` identifies the file: it must stay
 * valid and unchanged while `sl` is used.  BW_ERR_NOT_FOUND when the file
 * has no such line, BW_ERR_NOMEM when out of memory (a finding must not
 * silently lose its code: that would change its fingerprint). */
bw_status bw_source_line(bw_source_lines *sl, const char *text, size_t len, unsigned line, char **out);

#endif
