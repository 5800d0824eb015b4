/*
 * check_wire.c — the file the wrapper and its checkers exchange when the
 * checkers run inside the compiler process (docs/wrapper.md, "Where the
 * checkers run").
 *
 * The wrapper writes a request (the TU's compile command, the project root,
 * the summary cache, the config file) to a private scratch file
 * (bw_child_file) and names it in $BULWARK_CHECK_REQUEST; the checkers module, loaded into the
 * compiler with -fpass-plugin, answers by replacing the file's content with
 * a response (status, findings with their flows, loosenings, CPU times).
 * Both are JSON written and read with jansson.  Strings are carried byte
 * for byte: one that is not valid UTF-8 (a hostile file name) is written as
 * {"hex": "..."} rather than altered.  Anything that does not read back as
 * a well-formed response is BW_ERR_PARSE, and the wrapper then runs the
 * checkers itself: a lost or damaged answer costs time, never findings.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/file.h"
#include "bulwark/wrapper.h"

#define WIRE_VERSION 1
#define WIRE_MAX_BYTES (64u << 20) /* a response is findings of one TU */

/* ---- strings, byte for byte ---------------------------------------------------- */

static json_t *put_str(const char *s)
{
    if (s == NULL)
        return json_null();
    json_t *v = json_string(s);
    if (v != NULL)
        return v;
    /* not UTF-8: hex, so that the bytes survive */
    size_t n = strlen(s);
    char *hex = bw_malloc(2 * n + 1);
    if (hex == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        static const char digits[] = "0123456789abcdef";
        hex[2 * i] = digits[(unsigned char)s[i] >> 4];
        hex[2 * i + 1] = digits[(unsigned char)s[i] & 15];
    }
    hex[2 * n] = '\0';
    json_t *obj = json_pack("{s:s}", "hex", hex);
    bw_free(hex);
    return obj;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Reads a string written by put_str into *out (NULL for null or absent).
 * False when the value has another shape or decodes to a NUL byte. */
static bool get_str(const json_t *v, char **out)
{
    *out = NULL;
    if (v == NULL || json_is_null(v))
        return true;
    if (json_is_string(v)) {
        if (strlen(json_string_value(v)) != json_string_length(v))
            return false; /* an embedded \u0000 */
        *out = bw_strdup(json_string_value(v));
        return *out != NULL;
    }
    const char *hex = json_string_value(json_object_get(v, "hex"));
    size_t n = hex ? strlen(hex) : 1;
    if (hex == NULL || n % 2 != 0 || json_object_size(v) != 1)
        return false;
    char *s = bw_malloc(n / 2 + 1);
    if (s == NULL)
        return false;
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
        if (hi < 0 || lo < 0 || (hi | lo) == 0) {
            bw_free(s);
            return false;
        }
        s[i] = (char)(hi << 4 | lo);
    }
    s[n / 2] = '\0';
    *out = s;
    return true;
}

/* obj[key] = value; false (value released) when either is missing. */
static bool set(json_t *obj, const char *key, json_t *value)
{
    return value != NULL && json_object_set_new(obj, key, value) == 0;
}

static bool get_uint(const json_t *obj, const char *key, unsigned *out)
{
    const json_t *v = json_object_get(obj, key);
    if (v == NULL) {
        *out = 0;
        return true;
    }
    json_int_t i = json_integer_value(v);
    if (!json_is_integer(v) || i < 0 || i > (json_int_t)UINT32_MAX)
        return false;
    *out = (unsigned)i;
    return true;
}

static double get_real(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_number(v) ? json_number_value(v) : 0.0;
}

/* ---- locations, findings, loosenings -------------------------------------------- */

static json_t *put_loc(const bw_location *loc)
{
    if (loc->file == NULL)
        return json_null();
    json_t *o = json_object();
    if (o == NULL || !set(o, "file", put_str(loc->file)) ||
        !set(o, "line", json_integer(loc->line)) || !set(o, "column", json_integer(loc->column)) ||
        !set(o, "end_line", json_integer(loc->end_line)) ||
        !set(o, "end_column", json_integer(loc->end_column))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static bool get_loc(const json_t *v, bw_location *loc)
{
    memset(loc, 0, sizeof *loc);
    if (v == NULL || json_is_null(v))
        return true;
    if (!json_is_object(v) || !get_str(json_object_get(v, "file"), &loc->file))
        return false;
    if (get_uint(v, "line", &loc->line) && get_uint(v, "column", &loc->column) &&
        get_uint(v, "end_line", &loc->end_line) && get_uint(v, "end_column", &loc->end_column))
        return true;
    bw_location_clear(loc);
    return false;
}

static json_t *put_finding(const bw_finding *f)
{
    json_t *o = json_object(), *steps = json_array();
    if (o == NULL || !set(o, "steps", steps)) { /* steps now belongs to o */
        json_decref(o);
        json_decref(o ? NULL : steps);
        return NULL;
    }
    bool ok = true;
    for (size_t i = 0; ok && i < f->step_count; i++) {
        json_t *s = json_object();
        if (s == NULL || !set(s, "loc", put_loc(&f->steps[i].loc)) ||
            !set(s, "message", put_str(f->steps[i].message))) {
            json_decref(s);
            ok = false;
        } else {
            ok = json_array_append_new(steps, s) == 0;
        }
    }
    ok = ok && set(o, "rule", put_str(f->rule_id)) &&
         set(o, "severity", json_string(bw_severity_name(f->severity))) &&
         set(o, "message", put_str(f->message)) && set(o, "loc", put_loc(&f->loc)) &&
         set(o, "function", put_str(f->function)) && set(o, "code", put_str(f->code)) &&
         set(o, "fix_hint", put_str(f->fix_hint)) && set(o, "fix_range", put_loc(&f->fix_range)) &&
         set(o, "fix_replacement", put_str(f->fix_replacement)) &&
         set(o, "suppression", put_str(f->suppression)) &&
         set(o, "fingerprint", json_string(f->fingerprint));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The finding `v` describes, or NULL (malformed, or out of memory). */
static bw_finding *get_finding(const json_t *v)
{
    char *rule = NULL, *message = NULL, *function = NULL, *code = NULL, *hint = NULL,
         *replacement = NULL, *suppression = NULL;
    bw_location loc, fix_range;
    bw_severity sev = BW_SEV_NONE;
    const char *fp = json_string_value(json_object_get(v, "fingerprint"));
    const json_t *steps = json_object_get(v, "steps");
    bw_finding *f = NULL;
    bool ok = json_is_object(v) && get_loc(json_object_get(v, "loc"), &loc);
    if (!ok)
        return NULL;
    ok = get_loc(json_object_get(v, "fix_range"), &fix_range);
    if (!ok) {
        bw_location_clear(&loc);
        return NULL;
    }
    ok = get_str(json_object_get(v, "rule"), &rule) && rule != NULL &&
         get_str(json_object_get(v, "message"), &message) && message != NULL &&
         json_is_string(json_object_get(v, "severity")) &&
         bw_severity_parse(json_string_value(json_object_get(v, "severity")), &sev) &&
         get_str(json_object_get(v, "function"), &function) &&
         get_str(json_object_get(v, "code"), &code) &&
         get_str(json_object_get(v, "fix_hint"), &hint) &&
         get_str(json_object_get(v, "fix_replacement"), &replacement) &&
         get_str(json_object_get(v, "suppression"), &suppression) && fp != NULL &&
         strlen(fp) <= BW_FINGERPRINT_LEN && json_is_array(steps);
    if (ok)
        f = bw_finding_new(rule, sev, message, &loc);
    ok = f != NULL && bw_finding_set_function(f, function) == BW_OK &&
         bw_finding_set_code(f, code) == BW_OK &&
         bw_finding_set_fix(f, hint, fix_range.file ? &fix_range : NULL, replacement) == BW_OK &&
         bw_finding_set_suppression(f, suppression) == BW_OK;
    for (size_t i = 0; ok && i < json_array_size(steps); i++) {
        const json_t *s = json_array_get(steps, i);
        bw_location sloc;
        char *smsg = NULL;
        ok = json_is_object(s) && get_loc(json_object_get(s, "loc"), &sloc);
        if (!ok)
            break;
        ok = get_str(json_object_get(s, "message"), &smsg) && smsg != NULL &&
             bw_finding_add_step(f, &sloc, smsg) == BW_OK;
        bw_location_clear(&sloc);
        bw_free(smsg);
    }
    if (ok)
        memcpy(f->fingerprint, fp, strlen(fp) + 1);
    bw_location_clear(&loc);
    bw_location_clear(&fix_range);
    bw_free(rule);
    bw_free(message);
    bw_free(function);
    bw_free(code);
    bw_free(hint);
    bw_free(replacement);
    bw_free(suppression);
    if (!ok) {
        bw_finding_free(f);
        return NULL;
    }
    return f;
}

static json_t *put_loosening(const bw_loosening *l)
{
    json_t *o = json_object();
    if (o == NULL || !set(o, "kind", put_str(l->kind)) || !set(o, "subject", put_str(l->subject)) ||
        !set(o, "reason", put_str(l->reason)) || !set(o, "loc", put_loc(&l->loc))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static bool get_loosening(const json_t *v, bw_loosenings *out)
{
    char *kind = NULL, *subject = NULL, *reason = NULL;
    bw_location loc;
    if (!json_is_object(v) || !get_loc(json_object_get(v, "loc"), &loc))
        return false;
    bool ok = get_str(json_object_get(v, "kind"), &kind) && kind != NULL &&
              get_str(json_object_get(v, "subject"), &subject) && subject != NULL &&
              get_str(json_object_get(v, "reason"), &reason) &&
              bw_loosenings_add(out, kind, subject, reason, loc.file ? &loc : NULL) == BW_OK;
    bw_location_clear(&loc);
    bw_free(kind);
    bw_free(subject);
    bw_free(reason);
    return ok;
}

/* ---- the file ------------------------------------------------------------------------ */

/* Replaces the content of `path`, the private file the wrapper made
 * (bw_child_file: usually /proc/self/fd/<n>, a link that must be
 * followed, to a file that no longer has a name). */
static bw_status write_doc(const char *path, json_t *doc, bw_error *err)
{
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    if (text == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    bw_status st = BW_OK;
    size_t len = strlen(text);
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) {
        st = bw_error_set(err, BW_ERR_IO, "%s: %s", path, strerror(errno));
    } else {
        for (size_t done = 0; done < len && st == BW_OK;) {
            ssize_t n = write(fd, text + done, len - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                st = bw_error_set(err, BW_ERR_IO, "%s: %s", path, strerror(errno));
            else
                done += (size_t)n;
        }
        if (close(fd) != 0 && st == BW_OK)
            st = bw_error_set(err, BW_ERR_IO, "%s: %s", path, strerror(errno));
    }
    free(text); /* jansson's allocator: the default, malloc */
    return st;
}

/* The document in `path` with its version checked; `kind` is "request" or
 * "response".  *doc is NULL (BW_OK) when the file holds the other kind. */
static bw_status read_doc(const char *path, const char *kind, json_t **doc, bw_error *err)
{
    *doc = NULL;
    char *text = NULL;
    size_t len = 0;
    bw_status st = bw_file_read(path, WIRE_MAX_BYTES, &text, &len, err);
    if (st != BW_OK)
        return st;
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    bw_free(text);
    if (root == NULL)
        return bw_error_set(err, BW_ERR_PARSE, "%s: %s", path, je.text);
    if (json_integer_value(json_object_get(root, "bulwark_check")) != WIRE_VERSION) {
        json_decref(root);
        return bw_error_set(err, BW_ERR_PARSE, "%s: not a version %d check file", path,
                            WIRE_VERSION);
    }
    json_t *body = json_object_get(root, kind);
    if (body != NULL && !json_is_object(body)) {
        json_decref(root);
        return bw_error_set(err, BW_ERR_PARSE, "%s: '%s' is not an object", path, kind);
    }
    if (body != NULL)
        *doc = json_incref(body);
    json_decref(root);
    return BW_OK;
}

/* Writes {"bulwark_check": 1, kind: body} to `path` when the body was
 * built whole (`ok`); takes the body either way. */
static bw_status write_body(const char *path, const char *kind, json_t *body, bool ok,
                            bw_error *err)
{
    json_t *root = ok ? json_object() : NULL;
    if (root == NULL || !set(root, "bulwark_check", json_integer(WIRE_VERSION))) {
        json_decref(root);
        json_decref(body);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    if (!set(root, kind, body)) { /* body released by jansson */
        json_decref(root);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    return write_doc(path, root, err);
}

bw_status bw_check_request_write(const char *path, const bw_check_request *r, bw_error *err)
{
    json_t *o = json_object(), *argv = json_array();
    if (o == NULL)
        json_decref(argv);
    bool ok = o != NULL && set(o, "argv", argv); /* argv now belongs to o */
    for (size_t i = 0; ok && i < r->argc; i++) {
        json_t *a = put_str(r->argv[i]);
        ok = a != NULL && json_array_append_new(argv, a) == 0;
    }
    ok = ok && set(o, "directory", put_str(r->directory)) && set(o, "root", put_str(r->root)) &&
         set(o, "cache", put_str(r->cache_path)) && set(o, "config", put_str(r->config_path));
    return write_body(path, "request", o, ok, err);
}

bw_status bw_check_request_read(const char *path, bw_check_request *out, bool *answered,
                                bw_error *err)
{
    memset(out, 0, sizeof *out);
    *answered = false;
    json_t *o = NULL;
    bw_status st = read_doc(path, "request", &o, err);
    if (st != BW_OK)
        return st;
    if (o == NULL) {
        *answered = true; /* a response replaced it: another compiler job answered */
        return BW_OK;
    }
    const json_t *argv = json_object_get(o, "argv");
    bool ok = json_is_array(argv) && json_array_size(argv) > 0 &&
              get_str(json_object_get(o, "directory"), &out->directory) && out->directory &&
              get_str(json_object_get(o, "root"), &out->root) && out->root &&
              get_str(json_object_get(o, "cache"), &out->cache_path) &&
              get_str(json_object_get(o, "config"), &out->config_path);
    if (ok) {
        out->argv = bw_calloc(json_array_size(argv), sizeof *out->argv);
        ok = out->argv != NULL;
    }
    for (size_t i = 0; ok && i < json_array_size(argv); i++) {
        ok = get_str(json_array_get(argv, i), &out->argv[i]) && out->argv[i] != NULL;
        out->argc += ok;
    }
    json_decref(o);
    if (!ok) {
        bw_check_request_clear(out);
        return bw_error_set(err, BW_ERR_PARSE, "%s: malformed check request", path);
    }
    return BW_OK;
}

void bw_check_request_clear(bw_check_request *r)
{
    for (size_t i = 0; r->argv != NULL && i < r->argc; i++)
        bw_free(r->argv[i]);
    bw_free(r->argv);
    bw_free(r->directory);
    bw_free(r->root);
    bw_free(r->cache_path);
    bw_free(r->config_path);
    memset(r, 0, sizeof *r);
}

bw_status bw_check_response_write(const char *path, const bw_check_response *r, bw_error *err)
{
    json_t *o = json_object(), *findings = json_array(), *loose = json_array();
    if (o == NULL) {
        json_decref(findings);
        json_decref(loose);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    /* the arrays belong to o once set (released with it when setting fails) */
    bool ok = set(o, "findings", findings);
    if (ok)
        ok = set(o, "loosenings", loose);
    else
        json_decref(loose);
    for (size_t i = 0; ok && i < r->findings.count; i++) {
        json_t *f = put_finding(r->findings.items[i]);
        ok = f != NULL && json_array_append_new(findings, f) == 0;
    }
    for (size_t i = 0; ok && i < r->loosenings.count; i++) {
        json_t *l = put_loosening(&r->loosenings.items[i]);
        ok = l != NULL && json_array_append_new(loose, l) == 0;
    }
    ok = ok && set(o, "status", json_integer(r->error.status)) &&
         set(o, "message", put_str(r->error.message)) &&
         set(o, "parse_cpu", json_real(r->parse_cpu)) &&
         set(o, "analysis_cpu", json_real(r->analysis_cpu));
    return write_body(path, "response", o, ok, err);
}

bw_status bw_check_response_read(const char *path, bw_check_response *out, bool *present,
                                 bw_error *err)
{
    memset(out, 0, sizeof *out);
    *present = false;
    json_t *o = NULL;
    bw_status st = read_doc(path, "response", &o, err);
    if (st != BW_OK || o == NULL)
        return st; /* still the request: the compiler never reached the checkers */
    const json_t *findings = json_object_get(o, "findings"), *loose = json_object_get(o, "loosenings");
    const json_t *status = json_object_get(o, "status");
    char *message = NULL;
    bool ok = json_is_array(findings) && json_is_array(loose) && json_is_integer(status) &&
              json_integer_value(status) >= 0 && json_integer_value(status) <= BW_ERR_INTERNAL &&
              get_str(json_object_get(o, "message"), &message);
    if (ok) {
        out->error.status = (bw_status)json_integer_value(status);
        snprintf(out->error.message, sizeof out->error.message, "%s", message ? message : "");
        out->parse_cpu = get_real(o, "parse_cpu");
        out->analysis_cpu = get_real(o, "analysis_cpu");
    }
    bw_free(message);
    for (size_t i = 0; ok && i < json_array_size(findings); i++) {
        bw_finding *f = get_finding(json_array_get(findings, i));
        ok = f != NULL && bw_findings_push(&out->findings, f) == BW_OK;
    }
    for (size_t i = 0; ok && i < json_array_size(loose); i++)
        ok = get_loosening(json_array_get(loose, i), &out->loosenings);
    json_decref(o);
    if (!ok) {
        bw_check_response_clear(out);
        return bw_error_set(err, BW_ERR_PARSE, "%s: malformed check response", path);
    }
    *present = true;
    return BW_OK;
}

void bw_check_response_clear(bw_check_response *r)
{
    bw_findings_free(&r->findings);
    bw_loosenings_free(&r->loosenings);
    memset(r, 0, sizeof *r);
}
