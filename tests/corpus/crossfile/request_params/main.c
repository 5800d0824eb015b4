/* One request handler reaching five sinks (the demo's shape): each sink is
 * its own finding at the call that brings the request in; the handler fed
 * only the literal defaults is silent. */
#include <stdio.h>
#include <string.h>

#include "req.h"

static void handle(sqlite3 *db, const request *req)
{
    const char *q;
    if (strcmp(req->path, "/search") == 0 && (q = param_get(req, "q")) != NULL) {
        db_search(db, q);
    } else if (strcmp(req->path, "/profile") == 0 && (q = param_get(req, "name")) != NULL) {
        db_log(db, q, req->path);
    } else if (strcmp(req->path, "/hello") == 0 && (q = param_get(req, "name")) != NULL) {
        greet(q);
    } else if ((q = param_get(req, "customer")) != NULL) {
        log_message(q);
        export_report(q);
    }
}

static void handle_defaults(sqlite3 *db, const request *req)
{
    const char *d = default_get(req);
    db_search(db, d);
    db_log(db, d, "/");
    greet(d);
    log_message(d);
    export_report(d);
}

int main(void)
{
    char line[1024];
    while (fgets(line, sizeof line, stdin) != NULL) {
        request req;
        if (parse_request(line, &req) != 0)
            continue;
        handle(NULL, &req); // expect: BW-SQL-INJECTION, BW-SQL-INJECTION, BW-XSS, BW-CMD-INJECTION, BW-FORMAT-STRING
        handle_defaults(NULL, &req);
    }
    return 0;
}
