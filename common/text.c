/* text.c — UTF-8 validation and escaping for the output formats. */
#include <stdint.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/text.h"

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t utf8_seq_len(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07u;
    } else {
        return 0;
    }
    if (n > avail)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

bool bw_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t n = utf8_seq_len(p + i, len - i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

void bw_utf8_sanitize_append(bw_buf *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t n = utf8_seq_len(p + i, len - i);
        if (n == 0) {
            bw_buf_puts(out, "\xEF\xBF\xBD");
            i++;
        } else {
            bw_buf_append(out, s + i, n);
            i += n;
        }
    }
}

char *bw_utf8_sanitize(const char *s)
{
    bw_buf out = BW_BUF_INIT;
    if (s == NULL)
        s = "";
    bw_utf8_sanitize_append(&out, s, strlen(s));
    return bw_buf_take(&out);
}

void bw_text_escape_append(bw_buf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t len = strlen((const char *)p);
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        size_t n = utf8_seq_len(p + i, len - i);
        if (n == 0) {
            bw_buf_printf(out, "\\x%02X", c);
            i++;
        } else if (c == '\n') {
            bw_buf_puts(out, "\\n");
            i++;
        } else if (c == '\t') {
            bw_buf_puts(out, "\\t");
            i++;
        } else if (c == '\r') {
            bw_buf_puts(out, "\\r");
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            bw_buf_printf(out, "\\x%02X", c);
            i++;
        } else if (n == 2 && c == 0xC2 && p[i + 1] < 0xA0) {
            bw_buf_printf(out, "\\u%04X", (unsigned)p[i + 1]); /* C1 controls */
            i += 2;
        } else {
            bw_buf_append(out, (const char *)p + i, n);
            i += n;
        }
    }
}

void bw_html_escape_append(bw_buf *out, const char *s)
{
    bw_buf clean = BW_BUF_INIT;
    bw_utf8_sanitize_append(&clean, s ? s : "", s ? strlen(s) : 0);
    if (clean.failed) {
        out->failed = true;
        return;
    }
    for (size_t i = 0; i < clean.len; i++) {
        switch (clean.data[i]) {
        case '&': bw_buf_puts(out, "&amp;"); break;
        case '<': bw_buf_puts(out, "&lt;"); break;
        case '>': bw_buf_puts(out, "&gt;"); break;
        case '"': bw_buf_puts(out, "&quot;"); break;
        case '\'': bw_buf_puts(out, "&#39;"); break;
        default: bw_buf_putc(out, clean.data[i]);
        }
    }
    bw_buf_free(&clean);
}

void bw_uri_escape_append(bw_buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        unsigned char c = *p;
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        if (keep) {
            bw_buf_putc(out, (char)c);
        } else {
            char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
            bw_buf_append(out, enc, 3);
        }
    }
}

bool bw_line_starts(const char *text, size_t len, uint32_t **starts, uint32_t *n)
{
    *starts = NULL;
    *n = 0;
    if (len > UINT32_MAX)
        return false;
    uint32_t lines = 1;
    for (const char *p = text; p != NULL && (p = memchr(p, '\n', (size_t)(text + len - p))) != NULL; p++)
        lines++;
    uint32_t *st = bw_calloc(lines, sizeof(uint32_t));
    if (st == NULL)
        return false;
    uint32_t k = 1;
    const char *end = text + len;
    for (const char *p = text; k < lines && (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        st[k++] = (uint32_t)(p - text + 1);
    *starts = st;
    *n = lines;
    return true;
}
