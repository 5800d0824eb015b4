/* fuzz_writers.c — libFuzzer harness for the JSON, SARIF and text writers.
 * The input is split into strings used as file name, message, function,
 * flow message, fix and suppression reason.  JSON and SARIF output must
 * parse back with jansson and carry the message unchanged (after UTF-8
 * repair); text output must contain no raw control character but '\n'. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/output.h"
#include "bulwark/text.h"

static const bw_rule_info rule = {"BW-FUZZ", "fuzz", "fuzz", {89, 0}, BW_SEV_ERROR, "9.0", NULL};
static const bw_rule_info *const rules[] = {&rule};

static char *next_field(const uint8_t **p, const uint8_t *end)
{
    const uint8_t *start = *p;
    while (*p < end && **p != 0)
        (*p)++;
    char *s = bw_strndup((const char *)start, (size_t)(*p - start));
    if (*p < end)
        (*p)++;
    return s;
}

static char *render(bw_status (*write)(FILE *, const bw_report *), const bw_report *r, size_t *len)
{
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    if (out == NULL)
        return NULL;
    bw_status st = write(out, r);
    fclose(out);
    if (st != BW_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

static bw_status write_text_default(FILE *out, const bw_report *r)
{
    bw_text_options opts = {false, false, true};
    return bw_write_text(out, r, &opts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    char *fields[6];
    for (int i = 0; i < 6; i++)
        fields[i] = next_field(&p, end);
    bw_findings findings = BW_FINDINGS_INIT;
    bw_loosenings ls = BW_LOOSENINGS_INIT;
    bw_location loc = {fields[0], 3, 4, 3, 9};
    bw_finding *f = fields[0] && fields[1] ? bw_finding_new("BW-FUZZ", BW_SEV_ERROR, fields[1], &loc) : NULL;
    if (f != NULL) {
        bw_finding_set_function(f, fields[2]);
        bw_finding_add_step(f, &loc, fields[3] ? fields[3] : "");
        bw_finding_set_fix(f, fields[4], &loc, fields[4]);
        bw_finding_set_code(f, fields[4]);
        if (fields[5] != NULL && fields[5][0] != '\0')
            bw_finding_set_suppression(f, fields[5]);
        bw_findings_push(&findings, f);
        bw_loosenings_add(&ls, "rule-disabled", fields[2], fields[5], &loc);
    }
    bw_findings_fingerprint(&findings);
    bw_report report = {&findings, rules, 1, &ls, "0.1.0", "/src", BW_SEV_NOTE, 1, 0};
    size_t len = 0;
    char *json = render(bw_write_json, &report, &len);
    if (json != NULL && f != NULL) {
        json_error_t jerr;
        json_t *doc = json_loads(json, 0, &jerr);
        if (doc == NULL)
            __builtin_trap();
        const char *msg = json_string_value(json_object_get(json_array_get(json_object_get(doc, "findings"), 0), "message"));
        char *want = bw_utf8_sanitize(fields[1]);
        if (msg == NULL || (want != NULL && strcmp(msg, want) != 0))
            __builtin_trap();
        bw_free(want);
        json_decref(doc);
    }
    free(json);
    char *sarif = render(bw_write_sarif, &report, &len);
    if (sarif != NULL) {
        json_error_t jerr;
        json_t *doc = json_loads(sarif, 0, &jerr);
        if (doc == NULL)
            __builtin_trap();
        json_decref(doc);
    }
    free(sarif);
    char *text = render(write_text_default, &report, &len);
    for (size_t i = 0; text != NULL && i < len; i++)
        if ((unsigned char)text[i] < 0x20 && text[i] != '\n')
            __builtin_trap();
    free(text);
    bw_findings_free(&findings);
    bw_loosenings_free(&ls);
    for (int i = 0; i < 6; i++)
        bw_free(fields[i]);
    return 0;
}
