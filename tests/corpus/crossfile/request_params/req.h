/* A request model like demo/web/http.h: parameters in an array of structs,
 * filled through a pointer to the current element. */
#include <stddef.h>
#include <sqlite3.h>

typedef struct param {
    char name[32];
    char value[256];
} param;

typedef struct request {
    char path[128];
    param params[8];
    size_t nparams;
    param defaults[2]; /* filled from literals only */
} request;

int parse_request(const char *line, request *req);
const char *param_get(const request *req, const char *name);
const char *default_get(const request *req);
int db_search(sqlite3 *db, const char *term);
int db_log(sqlite3 *db, const char *user, const char *page);
void greet(const char *name);
int export_report(const char *customer);
void log_message(const char *message);
