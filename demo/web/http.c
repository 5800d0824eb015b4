/* http.c — request-line parsing and URL decoding (safe: every copy is bounded). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "http.h"

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* Decodes %XX and '+' from src[0..len) into dst (capacity cap, always terminated). */
static void url_decode(char *dst, size_t cap, const char *src, size_t len)
{
    size_t out = 0;
    for (size_t i = 0; i < len && out + 1 < cap; i++) {
        if (src[i] == '%' && i + 2 < len && hex_value(src[i + 1]) >= 0 && hex_value(src[i + 2]) >= 0) {
            dst[out++] = (char)(hex_value(src[i + 1]) * 16 + hex_value(src[i + 2]));
            i += 2;
        } else {
            dst[out++] = src[i] == '+' ? ' ' : src[i];
        }
    }
    dst[out] = '\0';
}

int demo_parse_request(const char *line, demo_request *req)
{
    memset(req, 0, sizeof *req);
    if (strncmp(line, "GET ", 4) != 0)
        return -1;
    const char *path = line + 4;
    const char *query = strchr(path, '?');
    size_t path_len = query ? (size_t)(query - path) : strcspn(path, " ");
    if (path_len >= sizeof req->path)
        return -1;
    memcpy(req->path, path, path_len);
    req->path[path_len] = '\0';
    for (const char *p = query ? query + 1 : NULL; p != NULL && *p != '\0' && *p != ' ';) {
        const char *end = p + strcspn(p, "& ");
        const char *eq = memchr(p, '=', (size_t)(end - p));
        if (eq != NULL && req->param_count < DEMO_MAX_PARAMS) {
            demo_param *prm = &req->params[req->param_count++];
            url_decode(prm->name, sizeof prm->name, p, (size_t)(eq - p));
            url_decode(prm->value, sizeof prm->value, eq + 1, (size_t)(end - eq - 1));
        }
        p = *end == '&' ? end + 1 : NULL;
    }
    return 0;
}

const char *demo_param_get(const demo_request *req, const char *name)
{
    for (size_t i = 0; i < req->param_count; i++)
        if (strcmp(req->params[i].name, name) == 0)
            return req->params[i].value;
    return NULL;
}
