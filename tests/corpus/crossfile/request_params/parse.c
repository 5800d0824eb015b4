/* Decodes into `prm->value` where `prm = &req->params[req->nparams++]`:
 * the callee's writes through the element pointer reach the request. */
#include <ctype.h>
#include <string.h>

#include "req.h"

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

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

static void set_literal(char *dst, size_t cap)
{
    strncpy(dst, "guest", cap - 1);
    dst[cap - 1] = '\0';
}

int parse_request(const char *line, request *req)
{
    memset(req, 0, sizeof *req);
    param *def = &req->defaults[0];
    set_literal(def->value, sizeof def->value);
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
        if (eq != NULL && req->nparams < 8) {
            param *prm = &req->params[req->nparams++];
            url_decode(prm->name, sizeof prm->name, p, (size_t)(eq - p));
            url_decode(prm->value, sizeof prm->value, eq + 1, (size_t)(end - eq - 1));
        }
        p = *end == '&' ? end + 1 : NULL;
    }
    return 0;
}

const char *param_get(const request *req, const char *name)
{
    for (size_t i = 0; i < req->nparams; i++)
        if (strcmp(req->params[i].name, name) == 0)
            return req->params[i].value;
    return NULL;
}

const char *default_get(const request *req)
{
    return req->defaults[0].value;
}
