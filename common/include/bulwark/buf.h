/*
 * bulwark/buf.h — a growable byte buffer for building text.
 *
 * Errors are sticky: after an allocation fails every append is a no-op and
 * bw_buf_status() reports BW_ERR_NOMEM, so a writer can append freely and
 * check once at the end.  The content is always NUL-terminated when
 * `data` is non-NULL.
 */
#ifndef BULWARK_BUF_H
#define BULWARK_BUF_H

#include <stdbool.h>
#include <stddef.h>

#include "bulwark/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bw_buf {
    char *data;
    size_t len;
    size_t cap;
    bool failed;
} bw_buf;

#define BW_BUF_INIT {NULL, 0, 0, false}

void bw_buf_append(bw_buf *b, const char *s, size_t n);
void bw_buf_puts(bw_buf *b, const char *s);
void bw_buf_putc(bw_buf *b, char c);
void bw_buf_printf(bw_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bw_buf_vprintf(bw_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void bw_buf_reset(bw_buf *b);
/* Hands the string to the caller (who frees it with bw_free) and resets b.
 * Returns NULL if any append failed. */
char *bw_buf_take(bw_buf *b);
bw_status bw_buf_status(const bw_buf *b);
void bw_buf_free(bw_buf *b);

#ifdef __cplusplus
}
#endif
#endif
