/* calc — a small RPN calculator used to test building through the wrapper. */
#ifndef CALC_H
#define CALC_H
#include <stddef.h>

typedef long (*calc_op_fn)(long, long);

struct calc_op {
    char symbol;
    const char *name;
    calc_op_fn fn;
};

const struct calc_op *calc_find_op(char symbol);
int calc_eval(const char *expr, long *result, char *err, size_t errlen);
void calc_copy_token(char *dst, size_t dstlen, const char *src, size_t n);
void calc_banner(void);
#endif
