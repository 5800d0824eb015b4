/* buf.c — growable text buffer with sticky errors. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/buf.h"

static bool buf_reserve(bw_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra > SIZE_MAX / 2 - b->len) {
        b->failed = true;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *data = bw_realloc(b->data, cap);
    if (data == NULL) {
        b->failed = true;
        return false;
    }
    b->data = data;
    b->cap = cap;
    return true;
}

void bw_buf_append(bw_buf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    if (n > 0)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void bw_buf_puts(bw_buf *b, const char *s)
{
    bw_buf_append(b, s, strlen(s));
}

void bw_buf_putc(bw_buf *b, char c)
{
    bw_buf_append(b, &c, 1);
}

void bw_buf_vprintf(bw_buf *b, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if (!buf_reserve(b, (size_t)n))
        return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void bw_buf_printf(bw_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bw_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void bw_buf_reset(bw_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *bw_buf_take(bw_buf *b)
{
    if (b->failed) {
        bw_buf_free(b);
        return NULL;
    }
    if (b->data == NULL && !buf_reserve(b, 0))
        return NULL;
    if (b->len == 0)
        b->data[0] = '\0';
    char *s = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

bw_status bw_buf_status(const bw_buf *b)
{
    return b->failed ? BW_ERR_NOMEM : BW_OK;
}

void bw_buf_free(bw_buf *b)
{
    if (b == NULL)
        return;
    bw_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}
