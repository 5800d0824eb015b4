/* BW-XSS in server libraries: FastCGI, civetweb, libmicrohttpd. */
#include <civetweb.h>
#include <fcgiapp.h>
#include <glib.h>
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

void fcgi_bad(FCGX_Stream *out, FCGX_ParamArray envp)
{
    const char *name = FCGX_GetParam("QUERY_STRING", envp);
    FCGX_FPrintF(out, "<html><body>Hello %s</body></html>", name); // expect: BW-XSS
}

void fcgi_safe(FCGX_Stream *out, FCGX_ParamArray envp)
{
    char *name = g_markup_escape_text(FCGX_GetParam("QUERY_STRING", envp), -1);
    FCGX_FPrintF(out, "<html><body>Hello %s</body></html>", name);
}

void fcgi_puts_bad(FCGX_Stream *out, FCGX_ParamArray envp)
{
    FCGX_PutS(FCGX_GetParam("HTTP_REFERER", envp), out); // expect: BW-XSS
}

void civetweb_bad(struct mg_connection *c, const char *qs)
{
    char name[64];
    mg_get_var(qs, strlen(qs), "name", name, sizeof name);
    mg_printf(c, "<p>%s</p>", name); // expect: BW-XSS
}

void civetweb_safe(struct mg_connection *c, const char *qs)
{
    char name[64];
    mg_get_var(qs, strlen(qs), "name", name, sizeof name);
    char *e = g_markup_escape_text(name, -1);
    mg_printf(c, "<p>%s</p>", e);
}

struct MHD_Response *mhd_bad(struct MHD_Connection *c)
{
    static char page[512];
    const char *who = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "who");
    snprintf(page, sizeof page, "<html>%s</html>", who);
    return MHD_create_response_from_buffer(strlen(page), page, MHD_RESPMEM_MUST_COPY); // expect: BW-XSS
}

struct MHD_Response *mhd_safe(struct MHD_Connection *c)
{
    static char page[512];
    (void)c;
    snprintf(page, sizeof page, "<html>%s</html>", "static");
    return MHD_create_response_from_buffer(strlen(page), page, MHD_RESPMEM_MUST_COPY);
}
