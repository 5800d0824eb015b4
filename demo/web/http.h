/* http.h — the tiny request model of the demo "inventory" web app. */
#ifndef DEMO_HTTP_H
#define DEMO_HTTP_H

#include <stddef.h>

#define DEMO_MAX_PARAMS 8

typedef struct demo_param {
    char name[32];
    char value[256];
} demo_param;

typedef struct demo_request {
    char path[128];
    demo_param params[DEMO_MAX_PARAMS];
    size_t param_count;
} demo_request;

/* Parses "GET /path?a=1&b=2" (one line, no trailing newline). Returns 0 on success. */
int demo_parse_request(const char *line, demo_request *req);
/* The decoded value of parameter `name`, or NULL. */
const char *demo_param_get(const demo_request *req, const char *name);

#endif
