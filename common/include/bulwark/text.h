/*
 * bulwark/text.h — text hygiene for untrusted strings (file names, code,
 * messages taken from analysed sources) before they reach an output format.
 */
#ifndef BULWARK_TEXT_H
#define BULWARK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bulwark/buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* True when s is valid UTF-8 (no overlongs, no surrogates). */
bool bw_utf8_valid(const char *s, size_t len);
/* Appends s to out with every invalid UTF-8 sequence replaced by U+FFFD. */
void bw_utf8_sanitize_append(bw_buf *out, const char *s, size_t len);
/* Newly allocated sanitised copy (NULL on OOM; "" for NULL input). */
char *bw_utf8_sanitize(const char *s);
/* Appends s for a terminal or log line: valid UTF-8, control characters
 * (including newlines and ESC) shown as \n, \t, \xNN, so a hostile name
 * can neither start a fake diagnostic line nor send escape sequences. */
void bw_text_escape_append(bw_buf *out, const char *s);
/* Appends s escaped for HTML text and attribute values (& < > " '). */
void bw_html_escape_append(bw_buf *out, const char *s);
/* Appends s as a URI path: unreserved characters and '/' kept, the rest
 * percent-encoded (RFC 3986). */
void bw_uri_escape_append(bw_buf *out, const char *s);
/* The byte offset of the start of every line of text[0..len) (at least one
 * line), in a new array of *n entries (bw_free).  False on allocation
 * failure or text over 4 GiB.  Quoting many findings' lines from one large
 * file wants this index once, not a scan from the top per line. */
bool bw_line_starts(const char *text, size_t len, uint32_t **starts, uint32_t *n);

#ifdef __cplusplus
}
#endif
#endif
