/*
 * bulwark/file.h — small file-system helpers shared by the parts.
 */
#ifndef BULWARK_FILE_H
#define BULWARK_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "bulwark/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads a whole file (NUL-terminated; *len_out excludes the NUL).
 * Refuses files larger than max_size with BW_ERR_IO. */
bw_status bw_file_read(const char *path, size_t max_size, char **data_out,
                       size_t *len_out, bw_error *err);
/* Replaces `path` atomically: writes a temporary file in the same
 * directory, fsyncs it, renames it over `path`.  Readers see the old or the
 * new content, never a torn file; on any error `path` is untouched. */
bw_status bw_file_write_atomic(const char *path, const void *data, size_t len,
                               bw_error *err);
/* Joins two path parts with one '/'.  NULL on OOM. */
char *bw_path_join(const char *a, const char *b);
/* `path` relative to `root` when it lies inside it, else a copy of path.
 * Both should be absolute and normalised (realpath). NULL on OOM. */
char *bw_path_relative(const char *path, const char *root);
/* The directory part of path ("." if none). NULL on OOM. */
char *bw_path_dirname(const char *path);
bool bw_path_exists(const char *path);

#ifdef __cplusplus
}
#endif
#endif
