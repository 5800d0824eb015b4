#include "calc.h"

static long op_add(long a, long b) { return a + b; }
static long op_sub(long a, long b) { return a - b; }
static long op_mul(long a, long b) { return a * b; }
static long op_div(long a, long b) { return b ? a / b : 0; }

static const struct calc_op ops[] = {
    {'+', "add", op_add}, {'-', "sub", op_sub}, {'*', "mul", op_mul}, {'/', "div", op_div},
};

const struct calc_op *calc_find_op(char symbol)
{
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (ops[i].symbol == symbol)
            return &ops[i];
    return NULL;
}
