/* main.c — the demo "inventory" web application: a FastCGI-style loop that
 * reads one request line at a time from standard input and writes the
 * response to standard output.
 *
 *   GET /search?q=TERM         items matching TERM
 *   GET /item?id=N             one item
 *   GET /profile?name=NAME     the profile page (legacy formatter)
 *   GET /hello?name=NAME       a greeting
 *   GET /export?customer=C     a report export (legacy)
 *   GET /status                build banner */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../legacy/report.h"
#include "../store/db.h"
#include "http.h"
#include "render.h"

static void handle(sqlite3 *db, const demo_request *req)
{
    const char *q;
    demo_page_start(req->path);
    if (strcmp(req->path, "/search") == 0 && (q = demo_param_get(req, "q")) != NULL) {
        demo_render_search_header(q);
        printf("<ul>\n");
        demo_db_search(db, q);
        printf("</ul>\n");
    } else if (strcmp(req->path, "/item") == 0 && (q = demo_param_get(req, "id")) != NULL) {
        demo_db_show_item(db, q);
    } else if (strcmp(req->path, "/profile") == 0 && (q = demo_param_get(req, "name")) != NULL) {
        demo_db_log_view(db, q, req->path);
        legacy_profile(q);
    } else if (strcmp(req->path, "/hello") == 0 && (q = demo_param_get(req, "name")) != NULL) {
        demo_render_greeting(q);
    } else if (strcmp(req->path, "/export") == 0 && (q = demo_param_get(req, "customer")) != NULL) {
        legacy_log(q);
        printf("<p>export %s</p>\n", legacy_export(q) == 0 ? "done" : "failed");
    } else if (strcmp(req->path, "/status") == 0) {
        legacy_status();
        printf("<p>ok</p>\n");
    } else {
        printf("<p>not found</p>\n");
    }
    demo_page_end();
}

int main(int argc, char **argv)
{
    sqlite3 *db = demo_db_open(argc > 1 ? argv[1] : ":memory:");
    if (db == NULL) {
        fprintf(stderr, "inventory: cannot open the database\n");
        return 1;
    }
    char line[1024];
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        demo_request req;
        if (demo_parse_request(line, &req) != 0) {
            printf("Status: 400\r\n\r\n");
            fflush(stdout);
            continue;
        }
        handle(db, &req);
    }
    sqlite3_close(db);
    return 0;
}
