#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include "calc.h"

int calc_eval(const char *expr, long *result, char *err, size_t errlen)
{
    long stack[32];
    size_t depth = 0;
    const char *p = expr;
    while (*p) {
        if (isspace((unsigned char)*p)) {
            p++;
            continue;
        }
        if (isdigit((unsigned char)*p)) {
            char tok[24];
            size_t n = 0;
            while (isdigit((unsigned char)p[n]))
                n++;
            calc_copy_token(tok, sizeof tok, p, n);
            if (depth == sizeof stack / sizeof stack[0]) {
                snprintf(err, errlen, "stack full");
                return -1;
            }
            stack[depth++] = strtol(tok, NULL, 10);
            p += n;
            continue;
        }
        const struct calc_op *op = calc_find_op(*p);
        if (op == NULL || depth < 2) {
            snprintf(err, errlen, "bad token '%c'", *p);
            return -1;
        }
        long b = stack[--depth], a = stack[--depth];
        stack[depth++] = op->fn(a, b); /* indirect call: CFI-checked */
        p++;
    }
    if (depth != 1) {
        snprintf(err, errlen, "unbalanced expression");
        return -1;
    }
    *result = stack[0];
    return 0;
}
