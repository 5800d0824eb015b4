/*
 * knowledge.c — the built-in taint knowledge and its extension by
 * .bulwark.yaml (`taint:`) and by source annotations.
 *
 * Adding support for a library is adding rows here, not code.
 */
#include "knowledge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/checkers.h"

#define SQL (1u << BW_TAINT_SQL)
#define CMD (1u << BW_TAINT_CMD)
#define LDAP (1u << BW_TAINT_LDAP)
#define HTML (1u << BW_TAINT_HTML)
#define FMT (1u << BW_TAINT_FORMAT)
#define ALLK BW_TAINT_ALL_KINDS

/* row helpers */
#define SRC_RET(f) {f, BW_ROLE_SOURCE, -1, -1, BW_RET, ALLK, -1, -1, 0, NULL}
#define SRC_ARG(f, a) {f, BW_ROLE_SOURCE, -1, -1, a, ALLK, -1, -1, BW_KF_STRONG, NULL}
#define SRC_SCANF(f, fm, fi) {f, BW_ROLE_SOURCE, -1, -1, -1, ALLK, fm, fi, BW_KF_SCANF, NULL}
#define SINK(f, a, k, h) {f, BW_ROLE_SINK, a, -1, -1, k, -1, -1, 0, h}
#define SINKF(f, a, k, fl, fm, h) {f, BW_ROLE_SINK, a, -1, -1, k, fm, -1, fl, h}
/* printf-style: format sink on `fm`, and (for output functions) the data */
#define PRINTF_OUT(f, fm, fi) {f, BW_ROLE_SINK, fm, -1, -1, FMT, fm, fi, BW_KF_PRINTF, NULL}
#define VPRINTF_OUT(f, fm, fi) {f, BW_ROLE_SINK, fm, -1, -1, FMT, fm, fi, BW_KF_PRINTF | BW_KF_VA, NULL}
#define PROP(f, fr, t) {f, BW_ROLE_PROPAGATOR, -1, fr, t, ALLK, -1, -1, 0, NULL}
#define PROP_STRONG(f, fr, t) {f, BW_ROLE_PROPAGATOR, -1, fr, t, ALLK, -1, -1, BW_KF_STRONG, NULL}
#define PROP_PRINTF(f, t, fm, fi, fl) {f, BW_ROLE_PROPAGATOR, -1, -1, t, ALLK, fm, fi, BW_KF_PRINTF | BW_KF_STRONG | (fl), NULL}
#define PROP_SCANF(f, fr, fm, fi) {f, BW_ROLE_PROPAGATOR, -1, fr, -1, ALLK, fm, fi, BW_KF_SCANF, NULL}
#define SAN(f, fr, t, k) {f, BW_ROLE_SANITIZER, -1, fr, t, k, -1, -1, BW_KF_STRONG, NULL}
#define TRUSTED(f) {f, BW_ROLE_TRUSTED, -1, -1, BW_RET, ALLK, -1, -1, 0, NULL}
#define SQL_HANDLE(f, a) {f, BW_ROLE_TRUSTED, a, -1, BW_RET, ALLK, -1, -1, BW_KF_SQL_HANDLE, NULL}

static const char HINT_SQLITE[] =
    "prepare the statement once with '?' placeholders (sqlite3_prepare_v2) and pass values "
    "with sqlite3_bind_text()/sqlite3_bind_int(); if you must build SQL text, use %q/%Q in "
    "sqlite3_mprintf()";
static const char HINT_MYSQL[] =
    "use a prepared statement: mysql_stmt_prepare() with '?' placeholders and "
    "mysql_stmt_bind_param()";
static const char HINT_PQ[] =
    "use PQexecParams()/PQprepare()+PQexecPrepared() with $1, $2 placeholders and pass "
    "values in paramValues";
static const char HINT_ODBC[] =
    "use SQLPrepare() with '?' placeholders and SQLBindParameter(), then SQLExecute()";
static const char HINT_CMD[] =
    "do not run a shell: call execv()/posix_spawn() with a fixed program and the value as "
    "its own argv element; validate it against an allow-list";
static const char HINT_LDAP[] =
    "escape the value for an LDAP filter (RFC 4515) with ldap_bv2escaped_filter_value() or "
    "an equivalent escaper before building the filter";
static const char HINT_HTML[] =
    "escape the value for HTML before writing it (g_markup_escape_text(), "
    "xmlEncodeEntitiesReentrant(), or your own escaper marked BW_SANITIZER(html))";

const bw_know bw_builtin_knowledge[] = {
    /* ---- sources: untrusted input ---- */
    SRC_RET("getenv"), SRC_RET("secure_getenv"), SRC_RET("std::getenv"), SRC_RET("g_getenv"),
    SRC_RET("FCGX_GetParam"), SRC_RET("sqlite3_column_text"), SRC_RET("sqlite3_column_text16"),
    SRC_RET("sqlite3_column_blob"), SRC_RET("sqlite3_value_text"), SRC_RET("sqlite3_value_blob"),
    SRC_RET("mysql_fetch_row"), SRC_RET("PQgetvalue"), SRC_RET("fgetc"), SRC_RET("getc"),
    SRC_RET("getchar"), SRC_RET("getc_unlocked"), SRC_RET("fgetc_unlocked"),
    SRC_RET("getchar_unlocked"), SRC_RET("readline"), SRC_RET("MHD_lookup_connection_value"),
    SRC_RET("mg_get_header"), SRC_RET("cgiGetValue"),
    SRC_ARG("fgets", 0), SRC_ARG("fgets_unlocked", 0), SRC_ARG("fgetws", 0), SRC_ARG("gets", 0),
    SRC_ARG("getline", 0), SRC_ARG("getdelim", 0), SRC_ARG("getwline", 0), SRC_ARG("fread", 0),
    SRC_ARG("fread_unlocked", 0), SRC_ARG("read", 1), SRC_ARG("pread", 1), SRC_ARG("recv", 1),
    SRC_ARG("recvfrom", 1), SRC_ARG("recvmsg", 1), SRC_ARG("readv", 1), SRC_ARG("mg_read", 1),
    SRC_ARG("mg_get_var", 3), SRC_ARG("mg_get_cookie", 2), SRC_ARG("FCGX_GetStr", 0),
    SRC_ARG("FCGX_GetLine", 0), SRC_ARG("std::getline", 1), SRC_ARG("std::operator>>", 1),
    SRC_ARG("std::basic_istream::operator>>", 1), SRC_ARG("std::basic_istream::getline", 1),
    SRC_ARG("std::basic_istream::read", 1), SRC_ARG("std::basic_istream::get", 1),
    SRC_SCANF("scanf", 0, 1), SRC_SCANF("fscanf", 1, 2), SRC_SCANF("wscanf", 0, 1),
    SRC_SCANF("fwscanf", 1, 2), SRC_SCANF("__isoc99_scanf", 0, 1),
    SRC_SCANF("__isoc99_fscanf", 1, 2), SRC_SCANF("__isoc23_scanf", 0, 1),
    SRC_SCANF("__isoc23_fscanf", 1, 2),

    /* ---- SQL sinks ---- */
    SINK("sqlite3_exec", 1, SQL, HINT_SQLITE), SINK("sqlite3_prepare", 1, SQL, HINT_SQLITE),
    SINK("sqlite3_prepare_v2", 1, SQL, HINT_SQLITE), SINK("sqlite3_prepare_v3", 1, SQL, HINT_SQLITE),
    SINK("sqlite3_prepare16", 1, SQL, HINT_SQLITE), SINK("sqlite3_prepare16_v2", 1, SQL, HINT_SQLITE),
    SINK("sqlite3_prepare16_v3", 1, SQL, HINT_SQLITE), SINK("sqlite3_get_table", 1, SQL, HINT_SQLITE),
    SINK("mysql_query", 1, SQL, HINT_MYSQL), SINK("mysql_real_query", 1, SQL, HINT_MYSQL),
    SINK("mysql_send_query", 1, SQL, HINT_MYSQL), SINK("mysql_stmt_prepare", 1, SQL, HINT_MYSQL),
    SINK("PQexec", 1, SQL, HINT_PQ), SINK("PQsendQuery", 1, SQL, HINT_PQ),
    SINK("PQprepare", 2, SQL, HINT_PQ), SINK("PQsendPrepare", 2, SQL, HINT_PQ),
    SINK("PQexecParams", 1, SQL, HINT_PQ), SINK("PQsendQueryParams", 1, SQL, HINT_PQ),
    SINK("SQLExecDirect", 1, SQL, HINT_ODBC), SINK("SQLExecDirectA", 1, SQL, HINT_ODBC),
    SINK("SQLExecDirectW", 1, SQL, HINT_ODBC), SINK("SQLPrepare", 1, SQL, HINT_ODBC),
    SINK("SQLPrepareA", 1, SQL, HINT_ODBC), SINK("SQLPrepareW", 1, SQL, HINT_ODBC),

    /* ---- command sinks ---- */
    SINK("system", 0, CMD, HINT_CMD), SINK("std::system", 0, CMD, HINT_CMD),
    SINK("popen", 0, CMD, HINT_CMD), SINK("g_spawn_command_line_sync", 0, CMD, HINT_CMD),
    SINK("g_spawn_command_line_async", 0, CMD, HINT_CMD),
    SINKF("execl", 1, CMD, BW_KF_SHELL_EXEC, 0, HINT_CMD),
    SINKF("execlp", 1, CMD, BW_KF_SHELL_EXEC, 0, HINT_CMD),
    SINKF("execle", 1, CMD, BW_KF_SHELL_EXEC, 0, HINT_CMD),
    SINKF("execv", 1, CMD, BW_KF_SHELL_EXEC, 0, HINT_CMD),
    SINKF("execvp", 1, CMD, BW_KF_SHELL_EXEC, 0, HINT_CMD),
    SINKF("execve", 1, CMD, BW_KF_SHELL_EXEC, 0, HINT_CMD),
    SINKF("execvpe", 1, CMD, BW_KF_SHELL_EXEC, 0, HINT_CMD),

    /* ---- LDAP filter sinks ---- */
    SINK("ldap_search", 3, LDAP, HINT_LDAP), SINK("ldap_search_s", 3, LDAP, HINT_LDAP),
    SINK("ldap_search_st", 3, LDAP, HINT_LDAP), SINK("ldap_search_ext", 3, LDAP, HINT_LDAP),
    SINK("ldap_search_ext_s", 3, LDAP, HINT_LDAP),

    /* ---- HTML response sinks ---- */
    {"printf", BW_ROLE_SINK, -1, -1, -1, HTML, 0, 1, BW_KF_PRINTF | BW_KF_CGI, HINT_HTML},
    {"vprintf", BW_ROLE_SINK, -1, -1, -1, HTML, 0, 1, BW_KF_PRINTF | BW_KF_VA | BW_KF_CGI, HINT_HTML},
    {"fprintf", BW_ROLE_SINK, -1, -1, -1, HTML, 1, 2, BW_KF_PRINTF | BW_KF_CGI | BW_KF_STREAM, HINT_HTML},
    {"vfprintf", BW_ROLE_SINK, -1, -1, -1, HTML, 1, 2, BW_KF_PRINTF | BW_KF_VA | BW_KF_CGI | BW_KF_STREAM, HINT_HTML},
    SINKF("puts", 0, HTML, BW_KF_CGI, -1, HINT_HTML),
    SINKF("fputs", 0, HTML, BW_KF_CGI | BW_KF_STREAM, 1, HINT_HTML),
    SINKF("fwrite", 0, HTML, BW_KF_CGI | BW_KF_STREAM, 3, HINT_HTML),
    SINKF("write", 1, HTML, BW_KF_CGI | BW_KF_FD, 0, HINT_HTML),
    SINKF("std::operator<<", 1, HTML, BW_KF_CGI | BW_KF_STREAM, 0, HINT_HTML),
    SINKF("std::basic_ostream::operator<<", 1, HTML, BW_KF_CGI | BW_KF_STREAM, 0, HINT_HTML),
    {"FCGX_FPrintF", BW_ROLE_SINK, -1, -1, -1, HTML, 1, 2, BW_KF_PRINTF, HINT_HTML},
    {"FCGX_VFPrintF", BW_ROLE_SINK, -1, -1, -1, HTML, 1, 2, BW_KF_PRINTF | BW_KF_VA, HINT_HTML},
    {"FCGI_printf", BW_ROLE_SINK, -1, -1, -1, HTML, 0, 1, BW_KF_PRINTF, HINT_HTML},
    SINK("FCGX_PutS", 0, HTML, HINT_HTML), SINK("FCGX_PutStr", 0, HTML, HINT_HTML),
    {"mg_printf", BW_ROLE_SINK, -1, -1, -1, HTML, 1, 2, BW_KF_PRINTF, HINT_HTML},
    SINK("mg_write", 1, HTML, HINT_HTML), SINK("mg_send_chunk", 1, HTML, HINT_HTML),
    SINK("MHD_create_response_from_buffer", 1, HTML, HINT_HTML),
    SINK("MHD_create_response_from_buffer_copy", 1, HTML, HINT_HTML),
    SINK("MHD_create_response_from_buffer_static", 1, HTML, HINT_HTML),
    SINK("MHD_create_response_from_data", 1, HTML, HINT_HTML),

    /* ---- format strings: output ---- */
    PRINTF_OUT("printf", 0, 1), PRINTF_OUT("fprintf", 1, 2), PRINTF_OUT("dprintf", 1, 2),
    PRINTF_OUT("wprintf", 0, 1), PRINTF_OUT("fwprintf", 1, 2), PRINTF_OUT("syslog", 1, 2),
    PRINTF_OUT("err", 1, 2), PRINTF_OUT("errx", 1, 2), PRINTF_OUT("warn", 0, 1),
    PRINTF_OUT("warnx", 0, 1), PRINTF_OUT("error", 2, 3), PRINTF_OUT("FCGX_FPrintF", 1, 2),
    PRINTF_OUT("FCGI_printf", 0, 1), PRINTF_OUT("mg_printf", 1, 2), PRINTF_OUT("g_print", 0, 1),
    PRINTF_OUT("g_printerr", 0, 1), PRINTF_OUT("g_error", 0, 1), PRINTF_OUT("g_warning", 0, 1),
    PRINTF_OUT("g_message", 0, 1), PRINTF_OUT("printw", 0, 1), PRINTF_OUT("__printf_chk", 1, 2),
    PRINTF_OUT("__fprintf_chk", 2, 3), PRINTF_OUT("sqlite3_log", 1, 2),
    VPRINTF_OUT("vprintf", 0, 1), VPRINTF_OUT("vfprintf", 1, 2), VPRINTF_OUT("vdprintf", 1, 2),
    VPRINTF_OUT("vsyslog", 1, 2), VPRINTF_OUT("verr", 1, 2), VPRINTF_OUT("verrx", 1, 2),
    VPRINTF_OUT("vwarn", 0, 1), VPRINTF_OUT("vwarnx", 0, 1), VPRINTF_OUT("vwprintf", 0, 1),
    VPRINTF_OUT("FCGX_VFPrintF", 1, 2),
    /* format strings: builders are format sinks too */
    PRINTF_OUT("sprintf", 1, 2), PRINTF_OUT("snprintf", 2, 3), PRINTF_OUT("asprintf", 1, 2),
    PRINTF_OUT("swprintf", 2, 3), PRINTF_OUT("sqlite3_mprintf", 0, 1),
    PRINTF_OUT("sqlite3_snprintf", 2, 3), PRINTF_OUT("g_strdup_printf", 0, 1),
    PRINTF_OUT("g_string_printf", 1, 2), PRINTF_OUT("g_string_append_printf", 1, 2),
    PRINTF_OUT("g_snprintf", 2, 3), PRINTF_OUT("g_markup_printf_escaped", 0, 1),
    PRINTF_OUT("__sprintf_chk", 3, 4), PRINTF_OUT("__snprintf_chk", 4, 5),
    VPRINTF_OUT("vsprintf", 1, 2), VPRINTF_OUT("vsnprintf", 2, 3), VPRINTF_OUT("vasprintf", 1, 2),
    VPRINTF_OUT("sqlite3_vmprintf", 0, 1), VPRINTF_OUT("sqlite3_vsnprintf", 2, 3),
    VPRINTF_OUT("g_strdup_vprintf", 0, 1),
    /* format strings: input */
    {"scanf", BW_ROLE_SINK, 0, -1, -1, FMT, -1, -1, 0, NULL},
    {"fscanf", BW_ROLE_SINK, 1, -1, -1, FMT, -1, -1, 0, NULL},
    {"sscanf", BW_ROLE_SINK, 1, -1, -1, FMT, -1, -1, 0, NULL},
    /* the va_list forms as printf-style rows: a function handing its own
     * format and va_list to them is a scanf-style wrapper, checked at its callers */
    {"vscanf", BW_ROLE_SINK, -1, -1, -1, FMT, 0, 1, BW_KF_PRINTF | BW_KF_VA, NULL},
    {"vfscanf", BW_ROLE_SINK, -1, -1, -1, FMT, 1, 2, BW_KF_PRINTF | BW_KF_VA, NULL},
    {"vsscanf", BW_ROLE_SINK, -1, -1, -1, FMT, 1, 2, BW_KF_PRINTF | BW_KF_VA, NULL},

    /* ---- string building (format-aware) ---- */
    PROP_PRINTF("sprintf", 0, 1, 2, 0), PROP_PRINTF("snprintf", 0, 2, 3, 0),
    PROP_PRINTF("__sprintf_chk", 0, 3, 4, 0), PROP_PRINTF("__snprintf_chk", 0, 4, 5, 0),
    PROP_PRINTF("swprintf", 0, 2, 3, 0), PROP_PRINTF("asprintf", 0, 1, 2, 0),
    PROP_PRINTF("vsprintf", 0, 1, 2, BW_KF_VA), PROP_PRINTF("vsnprintf", 0, 2, 3, BW_KF_VA),
    PROP_PRINTF("vasprintf", 0, 1, 2, BW_KF_VA),
    PROP_PRINTF("sqlite3_mprintf", BW_RET, 0, 1, BW_KF_MPRINTF),
    PROP_PRINTF("sqlite3_vmprintf", BW_RET, 0, 1, BW_KF_MPRINTF | BW_KF_VA),
    PROP_PRINTF("sqlite3_snprintf", 1, 2, 3, BW_KF_MPRINTF),
    PROP_PRINTF("sqlite3_vsnprintf", 1, 2, 3, BW_KF_MPRINTF | BW_KF_VA),
    /* sqlite3_str (public) and the amalgamation's own printf, for projects that embed SQLite */
    PROP_PRINTF("sqlite3_str_appendf", 0, 1, 2, BW_KF_MPRINTF),
    PROP_PRINTF("sqlite3_str_vappendf", 0, 1, 2, BW_KF_MPRINTF | BW_KF_VA),
    PROP("sqlite3_str_appendall", 1, 0), PROP("sqlite3_str_append", 1, 0),
    PROP("sqlite3_str_finish", 0, BW_RET), PROP("sqlite3_str_value", 0, BW_RET),
    PROP_PRINTF("sqlite3MPrintf", BW_RET, 1, 2, BW_KF_MPRINTF),
    PROP_PRINTF("sqlite3VMPrintf", BW_RET, 1, 2, BW_KF_MPRINTF | BW_KF_VA),
    PROP_PRINTF("g_strdup_printf", BW_RET, 0, 1, 0),
    PROP_PRINTF("g_strdup_vprintf", BW_RET, 0, 1, BW_KF_VA),
    PROP_PRINTF("g_string_printf", 0, 1, 2, 0), PROP_PRINTF("g_string_append_printf", 0, 1, 2, 0),
    PROP_PRINTF("g_snprintf", 0, 2, 3, 0),
    PROP_PRINTF("g_markup_printf_escaped", BW_RET, 0, 1, BW_KF_ESC_HTML),
    PROP_SCANF("sscanf", 0, 1, 2), PROP_SCANF("__isoc99_sscanf", 0, 1, 2),
    PROP_SCANF("__isoc23_sscanf", 0, 1, 2), PROP_SCANF("swscanf", 0, 1, 2),

    /* ---- plain propagators ---- */
    PROP("strdup", 0, BW_RET), PROP("strndup", 0, BW_RET), PROP("wcsdup", 0, BW_RET),
    PROP("g_strdup", 0, BW_RET), PROP("g_strndup", 0, BW_RET), PROP("sqlite3_strdup", 0, BW_RET),
    PROP_STRONG("strcpy", 1, 0), PROP_STRONG("strncpy", 1, 0), PROP_STRONG("wcscpy", 1, 0),
    PROP_STRONG("wcsncpy", 1, 0), PROP_STRONG("strlcpy", 1, 0), PROP_STRONG("g_strlcpy", 1, 0),
    PROP("strcpy", 0, BW_RET), PROP("strncpy", 0, BW_RET),
    PROP_STRONG("stpcpy", 1, 0), PROP_STRONG("stpncpy", 1, 0), PROP("stpcpy", 0, BW_RET),
    PROP("strcat", 1, 0), PROP("strncat", 1, 0), PROP("wcscat", 1, 0), PROP("wcsncat", 1, 0),
    PROP("strlcat", 1, 0), PROP("g_strlcat", 1, 0), PROP("strcat", 0, BW_RET),
    PROP("memcpy", 1, 0), PROP("memmove", 1, 0), PROP("mempcpy", 1, 0), PROP("memccpy", 1, 0),
    PROP("wmemcpy", 1, 0), PROP("bcopy", 0, 1), PROP("memcpy", 0, BW_RET),
    PROP("strchr", 0, BW_RET), PROP("strrchr", 0, BW_RET), PROP("strstr", 0, BW_RET),
    PROP("strcasestr", 0, BW_RET), PROP("strpbrk", 0, BW_RET), PROP("memchr", 0, BW_RET),
    PROP("index", 0, BW_RET), PROP("rindex", 0, BW_RET), PROP("strchrnul", 0, BW_RET),
    PROP("strtok", 0, BW_RET), PROP("strtok_r", 0, BW_RET), PROP("strsep", 0, BW_RET),
    PROP("realloc", 0, BW_RET), PROP("reallocarray", 0, BW_RET), PROP("basename", 0, BW_RET),
    PROP("dirname", 0, BW_RET), PROP("tolower", 0, BW_RET), PROP("toupper", 0, BW_RET),
    PROP("towlower", 0, BW_RET), PROP("towupper", 0, BW_RET),
    PROP("gettext", 0, BW_RET), PROP("dgettext", 1, BW_RET), PROP("dcgettext", 1, BW_RET),
    PROP("ngettext", 0, BW_RET), PROP("ngettext", 1, BW_RET),
    PROP("g_strconcat", BW_ALL, BW_RET), PROP("g_strjoin", BW_ALL, BW_RET),
    PROP("g_build_filename", BW_ALL, BW_RET), PROP("g_string_new", 0, BW_RET),
    PROP("g_string_append", 1, 0), PROP("g_string_prepend", 1, 0), PROP("g_string_insert", 2, 0),
    PROP("g_string_free", 0, BW_RET), PROP("std::move", 0, BW_RET), PROP("std::forward", 0, BW_RET),
    PROP("std::basic_string::basic_string", BW_ALL, BW_RET),

    /* ---- sanitizers ---- */
    SAN("mysql_real_escape_string", 2, 1, SQL), SAN("mysql_real_escape_string_quote", 2, 1, SQL),
    SAN("mysql_escape_string", 1, 0, SQL), SAN("PQescapeLiteral", 1, BW_RET, SQL),
    SAN("PQescapeIdentifier", 1, BW_RET, SQL), SAN("PQescapeStringConn", 2, 1, SQL),
    SAN("PQescapeString", 1, 0, SQL), SAN("g_markup_escape_text", 0, BW_RET, HTML),
    SAN("xmlEncodeEntitiesReentrant", 1, BW_RET, HTML), SAN("xmlEncodeSpecialChars", 1, BW_RET, HTML),
    SAN("htmlEncodeEntities", 2, 0, HTML), SAN("g_shell_quote", 0, BW_RET, CMD),
    SAN("ldap_bv2escaped_filter_value", 0, 1, LDAP), SAN("curl_easy_escape", 1, BW_RET, ALLK & ~FMT),
    SAN("g_uri_escape_string", 0, BW_RET, ALLK & ~FMT),
    /* libxml2 (2.9.4 and later; vendored by many projects): doubles each
     * '%' of *msg in place and returns the result, so that messages built
     * from document names can be handed to its printf-style error API */
    SAN("xmlEscapeFormatString", 0, 0, FMT), SAN("xmlEscapeFormatString", 0, BW_RET, FMT),

    /* ---- glibc _FORTIFY_SOURCE: the same functions under their checking names ---- */
    SRC_ARG("__fgets_chk", 0), SRC_ARG("__fgets_unlocked_chk", 0), SRC_ARG("__fread_chk", 0),
    SRC_ARG("__fread_unlocked_chk", 0), SRC_ARG("__read_chk", 1), SRC_ARG("__pread_chk", 1),
    SRC_ARG("__recv_chk", 1), SRC_ARG("__recvfrom_chk", 1), SRC_ARG("__getdelim_chk", 0),
    PROP_PRINTF("__builtin___snprintf_chk", 0, 4, 5, 0), PRINTF_OUT("__builtin___snprintf_chk", 4, 5),
    PROP_PRINTF("__builtin___sprintf_chk", 0, 3, 4, 0), PRINTF_OUT("__builtin___sprintf_chk", 3, 4),
    PROP_PRINTF("__builtin___vsnprintf_chk", 0, 4, 5, BW_KF_VA), VPRINTF_OUT("__builtin___vsnprintf_chk", 4, 5),
    PROP_PRINTF("__builtin___vsprintf_chk", 0, 3, 4, BW_KF_VA), VPRINTF_OUT("__builtin___vsprintf_chk", 3, 4),
    PROP_PRINTF("__vasprintf_chk", 0, 2, 3, BW_KF_VA), PROP_PRINTF("__asprintf_chk", 0, 2, 3, 0),
    PROP_STRONG("__builtin___strcpy_chk", 1, 0), PROP_STRONG("__builtin___strncpy_chk", 1, 0),
    PROP_STRONG("__builtin___stpcpy_chk", 1, 0), PROP_STRONG("__builtin___stpncpy_chk", 1, 0),
    PROP("__builtin___strcat_chk", 1, 0), PROP("__builtin___strncat_chk", 1, 0),
    PROP("__builtin___memcpy_chk", 1, 0), PROP("__builtin___memmove_chk", 1, 0),
    PROP("__builtin___mempcpy_chk", 1, 0), PROP("__builtin___strcpy_chk", 0, BW_RET),
    PRINTF_OUT("__dprintf_chk", 2, 3), PRINTF_OUT("__syslog_chk", 2, 3), VPRINTF_OUT("__vprintf_chk", 1, 2),
    VPRINTF_OUT("__vfprintf_chk", 2, 3), VPRINTF_OUT("__vsyslog_chk", 2, 3),
    {"__printf_chk", BW_ROLE_SINK, -1, -1, -1, HTML, 1, 2, BW_KF_PRINTF | BW_KF_CGI, HINT_HTML},
    {"__fprintf_chk", BW_ROLE_SINK, -1, -1, -1, HTML, 2, 3, BW_KF_PRINTF | BW_KF_CGI | BW_KF_STREAM, HINT_HTML},
    {"__vprintf_chk", BW_ROLE_SINK, -1, -1, -1, HTML, 1, 2, BW_KF_PRINTF | BW_KF_VA | BW_KF_CGI, HINT_HTML},

    /* ---- constant text ---- */
    TRUSTED("strerror"), TRUSTED("strsignal"), TRUSTED("sqlite3_libversion"),
    TRUSTED("sqlite3_sourceid"), TRUSTED("sqlite3_errstr"), TRUSTED("gai_strerror"),
    TRUSTED("dlerror"), TRUSTED("setlocale"), TRUSTED("nl_langinfo"),

    /* ---- prepared-statement and blob handles: no SQL text goes in ----
     * sqlite3_step() runs a statement whose text was checked where it was
     * prepared (sqlite3_prepare*, a sink above); the blob API reads and
     * writes one value found by database, table and column name and row id
     * (names, not SQL text; what it reads is stored data: a source).
     * Without these rows, a program that
     * compiles SQLite itself (the amalgamation) derived "runs SQL" for
     * them from the engine's own internals, and every statement or blob
     * handle that ever held an untrusted value became a query (FP-stmt in
     * docs/triage.md). */
    SQL_HANDLE("sqlite3_step", 0), SQL_HANDLE("sqlite3_reset", 0), SQL_HANDLE("sqlite3_finalize", 0),
    TRUSTED("sqlite3_blob_open"), SQL_HANDLE("sqlite3_blob_reopen", 0), SQL_HANDLE("sqlite3_blob_write", 0),
    SQL_HANDLE("sqlite3_blob_close", 0),
    SRC_ARG("sqlite3_blob_read", 1), /* stored data, like sqlite3_column_blob() */

    {NULL, BW_ROLE_SOURCE, 0, 0, 0, 0, 0, 0, 0, NULL}};

/* ---- lookup table ------------------------------------------------------ */

typedef struct group {
    const bw_know **rows;
    size_t n, cap;
} group;

struct bw_kdb {
    bw_strmap index; /* name -> group */
    group *groups;
    uint32_t ngroups, capgroups;
    char **names; /* owned keys for dynamic rows */
    uint32_t nnames, capnames;
    bw_know **owned;
    uint32_t nowned, capowned;
};

static bool kdb_add_row(bw_kdb *db, const bw_know *row)
{
    uint32_t g = bw_strmap_get(&db->index, row->function);
    if (g == BW_NONE) {
        if (!bw_ir_grow((void **)&db->groups, &db->capgroups, db->ngroups + 1, sizeof(group)))
            return false;
        g = db->ngroups;
        memset(&db->groups[g], 0, sizeof(group));
        if (!bw_strmap_put(&db->index, row->function, g))
            return false;
        db->ngroups++;
    }
    group *gr = &db->groups[g];
    if (gr->n == gr->cap) {
        size_t ncap = gr->cap ? gr->cap * 2 : 4;
        const bw_know **n = bw_reallocarray(gr->rows, ncap, sizeof(*n));
        if (n == NULL)
            return false;
        gr->rows = n;
        gr->cap = ncap;
    }
    gr->rows[gr->n++] = row;
    return true;
}

static bool kdb_add_owned(bw_kdb *db, const bw_know *tmpl)
{
    bw_know *r = bw_malloc(sizeof(*r));
    char *name = bw_strdup(tmpl->function);
    char *hint = tmpl->hint != NULL ? bw_strdup(tmpl->hint) : NULL;
    if (r == NULL || name == NULL || (tmpl->hint != NULL && hint == NULL) ||
        !bw_ir_grow((void **)&db->owned, &db->capowned, db->nowned + 1, sizeof(bw_know *)) ||
        !bw_ir_grow((void **)&db->names, &db->capnames, db->nnames + 2, sizeof(char *))) {
        bw_free(r);
        bw_free(name);
        bw_free(hint);
        return false;
    }
    *r = *tmpl;
    r->function = name;
    r->hint = hint;
    db->owned[db->nowned++] = r;
    db->names[db->nnames++] = name;
    if (hint != NULL)
        db->names[db->nnames++] = hint;
    return kdb_add_row(db, r);
}

void bw_kdb_free(bw_kdb *db)
{
    if (db == NULL)
        return;
    for (uint32_t i = 0; i < db->ngroups; i++)
        bw_free(db->groups[i].rows);
    bw_free(db->groups);
    for (uint32_t i = 0; i < db->nnames; i++)
        bw_free(db->names[i]);
    bw_free(db->names);
    for (uint32_t i = 0; i < db->nowned; i++)
        bw_free(db->owned[i]);
    bw_free(db->owned);
    bw_strmap_free(&db->index);
    bw_free(db);
}

const bw_know *const *bw_kdb_lookup(const bw_kdb *db, const char *function, size_t *count)
{
    uint32_t g = bw_strmap_get(&db->index, function);
    if (g == BW_NONE && strncmp(function, "std::", 5) == 0)
        g = bw_strmap_get(&db->index, function + 5);
    if (g == BW_NONE) {
        *count = 0;
        return NULL;
    }
    *count = db->groups[g].n;
    return db->groups[g].rows;
}

/* ---- annotations ------------------------------------------------------- */

static bool parse_kinds(const char *s, unsigned *out)
{
    if (strcmp(s, "all") == 0) {
        *out = BW_TAINT_ALL_KINDS;
        return true;
    }
    bw_taint_kind k;
    if (!bw_taint_kind_parse(s, &k))
        return false;
    *out = 1u << k;
    return true;
}

static bool parse_argno(const char *s, int *out)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || v < 0 || v > 255)
        return false;
    *out = (int)v;
    return true;
}

bool bw_kdb_add_annotation(bw_kdb *db, const char *function, const char *annotation)
{
    char buf[128];
    if (strncmp(annotation, "bulwark:", 8) != 0 || strlen(annotation) >= sizeof(buf))
        return true;
    snprintf(buf, sizeof(buf), "%s", annotation + 8);
    char *parts[4] = {NULL, NULL, NULL, NULL};
    size_t np = 0;
    char *p = buf;
    while (np < 4) {
        parts[np++] = p;
        char *c = strchr(p, ':');
        if (c == NULL)
            break;
        *c = '\0';
        p = c + 1;
    }
    bw_know r = {function, BW_ROLE_SOURCE, -1, -1, BW_RET, BW_TAINT_ALL_KINDS, -1, -1, 0, NULL};
    int a = 0, b = 0;
    if (strcmp(parts[0], "source") == 0) {
        if (np == 2) {
            if (!parse_argno(parts[1], &a) || a == 0)
                return true;
            r.to = a - 1;
            r.flags = BW_KF_STRONG;
        }
    } else if (strcmp(parts[0], "sink") == 0 && np == 3) {
        if (!parse_kinds(parts[1], &r.kinds) || !parse_argno(parts[2], &a) || a == 0)
            return true;
        r.role = BW_ROLE_SINK;
        r.arg = a - 1;
    } else if (strcmp(parts[0], "sanitizer") == 0 && (np == 2 || np == 3)) {
        /* sanitizer:kind:N (BW_SANITIZER_ARG, or a text parameter of a
         * BW_SANITIZER function, extract.c): the arguments' sanitized text
         * is written into argument N, which the function fills or escapes
         * where it lies */
        if (!parse_kinds(parts[1], &r.kinds) || (np == 3 && (!parse_argno(parts[2], &a) || a == 0)))
            return true;
        r.role = BW_ROLE_SANITIZER;
        r.from = BW_ALL;
        r.to = np == 3 ? a - 1 : BW_RET;
        r.flags = np == 3 ? BW_KF_FILLS : BW_KF_STRONG;
    } else if (strcmp(parts[0], "validator") == 0 && np == 3) {
        if (!parse_kinds(parts[1], &r.kinds) || !parse_argno(parts[2], &a) || a == 0)
            return true;
        r.role = BW_ROLE_VALIDATOR;
        r.arg = a - 1;
    } else if (strcmp(parts[0], "propagator") == 0 && np == 3) {
        if (!parse_argno(parts[1], &a) || !parse_argno(parts[2], &b) || a == 0)
            return true;
        r.role = BW_ROLE_PROPAGATOR;
        r.from = a - 1;
        r.to = b == 0 ? BW_RET : b - 1;
    } else {
        return true;
    }
    return kdb_add_owned(db, &r);
}

bool bw_kdb_add_format(bw_kdb *db, const char *function, int fmt, int first)
{
    bw_know r = {function, BW_ROLE_SINK, fmt, -1, -1, 1u << BW_TAINT_FORMAT, fmt, first,
                 BW_KF_PRINTF | (first < 0 ? BW_KF_VA : 0), NULL};
    return kdb_add_owned(db, &r);
}

/* ---- the `taint:` section of .bulwark.yaml ------------------------------ */

typedef struct cfg_ctx {
    const bw_yaml *doc;
    bw_kdb *db; /* NULL: validate only */
    bw_error *err;
} cfg_ctx;

static bw_status read_argno(cfg_ctx *c, bw_yaml_node n, bool allow_return, int *out)
{
    const char *s = bw_yaml_scalar(c->doc, n);
    if (s == NULL)
        return bw_yaml_error(c->doc, n, c->err, "expected an argument number%s",
                             allow_return ? " or 'return'" : "");
    if (allow_return && strcmp(s, "return") == 0) {
        *out = BW_RET;
        return BW_OK;
    }
    long v;
    bw_status st = bw_yaml_read_long(c->doc, n, 1, 255, &v, c->err);
    if (st != BW_OK)
        return st;
    *out = (int)v - 1;
    return BW_OK;
}

static bw_status read_kinds(cfg_ctx *c, bw_yaml_node n, bool allow_all, unsigned *out)
{
    *out = 0;
    bw_yaml_kind k = bw_yaml_kind_of(c->doc, n);
    size_t cnt = k == BW_YAML_SEQUENCE ? bw_yaml_len(c->doc, n) : 1;
    if (k != BW_YAML_SEQUENCE && k != BW_YAML_SCALAR)
        return bw_yaml_error(c->doc, n, c->err, "expected a kind or a list of kinds");
    if (cnt == 0)
        return bw_yaml_error(c->doc, n, c->err, "empty list of kinds");
    for (size_t i = 0; i < cnt; i++) {
        bw_yaml_node item = k == BW_YAML_SEQUENCE ? bw_yaml_at(c->doc, n, i) : n;
        const char *s = bw_yaml_scalar(c->doc, item);
        unsigned bits;
        if (s == NULL || (!allow_all && strcmp(s, "all") == 0) || !parse_kinds(s, &bits))
            return bw_yaml_error(c->doc, item, c->err,
                                 "unknown taint kind '%s' (expected sql, cmd, ldap, html, format%s)",
                                 s != NULL ? s : "", allow_all ? " or all" : "");
        *out |= bits;
    }
    return BW_OK;
}

static bw_status parse_entry(cfg_ctx *c, const char *section, bw_yaml_node e)
{
    const bw_yaml *doc = c->doc;
    if (bw_yaml_kind_of(doc, e) != BW_YAML_MAPPING)
        return bw_yaml_error(doc, e, c->err, "each entry of taint.%s must be a mapping with 'function'", section);
    bool is_source = strcmp(section, "sources") == 0, is_sink = strcmp(section, "sinks") == 0,
         is_san = strcmp(section, "sanitizers") == 0, is_val = strcmp(section, "validators") == 0,
         is_prop = strcmp(section, "propagators") == 0;
    static const char *const keys_source[] = {"function", "returns", "args", NULL};
    static const char *const keys_sink[] = {"function", "kind", "arg", "hint", NULL};
    static const char *const keys_san[] = {"function", "kinds", "from", "to", NULL};
    static const char *const keys_val[] = {"function", "kinds", "arg", NULL};
    static const char *const keys_prop[] = {"function", "from", "to", NULL};
    const char *const *allowed = is_source ? keys_source : is_sink ? keys_sink : is_san ? keys_san :
                                 is_val ? keys_val : keys_prop;
    size_t np = bw_yaml_len(doc, e);
    for (size_t i = 0; i < np; i++) {
        bw_yaml_node k, v;
        if (!bw_yaml_pair_at(doc, e, i, &k, &v))
            continue;
        const char *ks = bw_yaml_scalar(doc, k);
        bool ok = false;
        for (size_t j = 0; ks != NULL && allowed[j] != NULL; j++)
            if (strcmp(ks, allowed[j]) == 0)
                ok = true;
        if (!ok) {
            bw_buf list = BW_BUF_INIT;
            for (size_t j = 0; allowed[j] != NULL; j++)
                bw_buf_printf(&list, "%s%s", j ? ", " : "", allowed[j]);
            bw_status st = bw_yaml_error(doc, k, c->err, "unknown key '%s' in taint.%s (allowed: %s)",
                                         ks != NULL ? ks : "?", section, list.data != NULL ? list.data : "");
            bw_buf_free(&list);
            return st;
        }
    }
    bw_yaml_node fn = bw_yaml_get(doc, e, "function");
    const char *fname;
    if (fn == 0)
        return bw_yaml_error(doc, e, c->err, "taint.%s entry needs 'function'", section);
    bw_status st = bw_yaml_read_string(doc, fn, &fname, c->err);
    if (st != BW_OK)
        return st;
    if (fname[0] == '\0')
        return bw_yaml_error(doc, fn, c->err, "'function' must not be empty");
    bw_know r = {fname, BW_ROLE_SOURCE, -1, -1, BW_RET, BW_TAINT_ALL_KINDS, -1, -1, 0, NULL};
    if (is_source) {
        bool returns = true;
        bw_yaml_node rn = bw_yaml_get(doc, e, "returns"), an = bw_yaml_get(doc, e, "args");
        if (rn != 0 && (st = bw_yaml_read_bool(doc, rn, &returns, c->err)) != BW_OK)
            return st;
        if (an != 0) {
            if (bw_yaml_kind_of(doc, an) != BW_YAML_SEQUENCE)
                return bw_yaml_error(doc, an, c->err, "'args' must be a list of argument numbers");
            if (rn == 0)
                returns = false;
            for (size_t i = 0; i < bw_yaml_len(doc, an); i++) {
                int a;
                if ((st = read_argno(c, bw_yaml_at(doc, an, i), false, &a)) != BW_OK)
                    return st;
                bw_know ra = r;
                ra.to = a;
                ra.flags = BW_KF_STRONG;
                if (c->db != NULL && !kdb_add_owned(c->db, &ra))
                    return bw_error_set(c->err, BW_ERR_NOMEM, "out of memory");
            }
        }
        if (!returns && an == 0)
            return bw_yaml_error(doc, e, c->err, "a source needs 'returns: true' or 'args'");
        if (returns && c->db != NULL && !kdb_add_owned(c->db, &r))
            return bw_error_set(c->err, BW_ERR_NOMEM, "out of memory");
        return BW_OK;
    }
    if (is_sink) {
        bw_yaml_node kn = bw_yaml_get(doc, e, "kind"), an = bw_yaml_get(doc, e, "arg"),
                     hn = bw_yaml_get(doc, e, "hint");
        if (kn == 0)
            return bw_yaml_error(doc, e, c->err, "a sink needs 'kind' (sql, cmd, ldap, html or format)");
        if (an == 0)
            return bw_yaml_error(doc, e, c->err, "a sink needs 'arg' (the 1-based argument that must be safe)");
        if ((st = read_kinds(c, kn, false, &r.kinds)) != BW_OK)
            return st;
        if (bw_yaml_kind_of(doc, kn) != BW_YAML_SCALAR)
            return bw_yaml_error(doc, kn, c->err, "a sink has exactly one kind");
        if ((st = read_argno(c, an, false, &r.arg)) != BW_OK)
            return st;
        if (hn != 0 && (st = bw_yaml_read_string(doc, hn, &r.hint, c->err)) != BW_OK)
            return st;
        r.role = BW_ROLE_SINK;
    } else if (is_san) {
        bw_yaml_node kn = bw_yaml_get(doc, e, "kinds"), fn2 = bw_yaml_get(doc, e, "from"),
                     tn = bw_yaml_get(doc, e, "to");
        r.role = BW_ROLE_SANITIZER;
        r.from = BW_ALL;
        r.to = BW_RET;
        r.flags = BW_KF_STRONG;
        if (kn != 0 && (st = read_kinds(c, kn, true, &r.kinds)) != BW_OK)
            return st;
        if (fn2 != 0 && (st = read_argno(c, fn2, false, &r.from)) != BW_OK)
            return st;
        if (tn != 0 && (st = read_argno(c, tn, true, &r.to)) != BW_OK)
            return st;
    } else if (is_val) {
        bw_yaml_node kn = bw_yaml_get(doc, e, "kinds"), an = bw_yaml_get(doc, e, "arg");
        r.role = BW_ROLE_VALIDATOR;
        r.arg = 0;
        if (kn != 0 && (st = read_kinds(c, kn, true, &r.kinds)) != BW_OK)
            return st;
        if (an != 0 && (st = read_argno(c, an, false, &r.arg)) != BW_OK)
            return st;
    } else if (is_prop) {
        bw_yaml_node fn2 = bw_yaml_get(doc, e, "from"), tn = bw_yaml_get(doc, e, "to");
        if (fn2 == 0 || tn == 0)
            return bw_yaml_error(doc, e, c->err, "a propagator needs 'from' and 'to'");
        r.role = BW_ROLE_PROPAGATOR;
        if ((st = read_argno(c, fn2, false, &r.from)) != BW_OK)
            return st;
        if ((st = read_argno(c, tn, true, &r.to)) != BW_OK)
            return st;
    }
    if (c->db != NULL && !kdb_add_owned(c->db, &r))
        return bw_error_set(c->err, BW_ERR_NOMEM, "out of memory");
    return BW_OK;
}

static bw_status parse_section(cfg_ctx *c, bw_yaml_node node)
{
    const bw_yaml *doc = c->doc;
    if (node == 0)
        return BW_OK;
    if (bw_yaml_kind_of(doc, node) != BW_YAML_MAPPING)
        return bw_yaml_error(doc, node, c->err,
                             "'taint' must be a mapping with sources, sinks, sanitizers, validators, propagators");
    size_t n = bw_yaml_len(doc, node);
    for (size_t i = 0; i < n; i++) {
        bw_yaml_node k, v;
        if (!bw_yaml_pair_at(doc, node, i, &k, &v))
            continue;
        const char *ks = bw_yaml_scalar(doc, k);
        static const char *const sections[] = {"sources", "sinks", "sanitizers", "validators",
                                               "propagators", NULL};
        bool ok = false;
        for (size_t j = 0; ks != NULL && sections[j] != NULL; j++)
            if (strcmp(ks, sections[j]) == 0)
                ok = true;
        if (!ok)
            return bw_yaml_error(doc, k, c->err,
                                 "unknown key '%s' in taint (allowed: sources, sinks, sanitizers, "
                                 "validators, propagators)",
                                 ks != NULL ? ks : "?");
        if (bw_yaml_kind_of(doc, v) == BW_YAML_SCALAR && bw_yaml_is_plain(doc, v) &&
            strcmp(bw_yaml_scalar(doc, v), "") == 0)
            continue; /* "sinks:" with nothing after it */
        if (bw_yaml_kind_of(doc, v) != BW_YAML_SEQUENCE)
            return bw_yaml_error(doc, v, c->err, "taint.%s must be a list", ks);
        for (size_t j = 0; j < bw_yaml_len(doc, v); j++) {
            bw_status st = parse_entry(c, ks, bw_yaml_at(doc, v, j));
            if (st != BW_OK)
                return st;
        }
    }
    return BW_OK;
}

bw_status bw_taint_section_check(const bw_yaml *doc, bw_yaml_node node, bw_error *err)
{
    cfg_ctx c = {doc, NULL, err};
    return parse_section(&c, node);
}

bw_status bw_kdb_new(const bw_config *cfg, bw_kdb **out, bw_error *err)
{
    *out = NULL;
    bw_kdb *db = bw_calloc(1, sizeof(*db));
    if (db == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    for (size_t i = 0; bw_builtin_knowledge[i].function != NULL; i++) {
        if (!kdb_add_row(db, &bw_builtin_knowledge[i])) {
            bw_kdb_free(db);
            return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
        }
    }
    if (cfg != NULL && cfg->yaml != NULL) {
        bw_yaml_node n = bw_config_section(cfg, "taint");
        cfg_ctx c = {cfg->yaml, db, err};
        bw_status st = parse_section(&c, n);
        /* the memory rules read their own section (memory_knowledge.c); a
         * session rejects an invalid one here, like an invalid taint section */
        if (st == BW_OK)
            st = bw_memory_config_check(cfg, err);
        if (st != BW_OK) {
            bw_kdb_free(db);
            return st;
        }
    }
    *out = db;
    return BW_OK;
}
