/*
 * selection.h — operands that never run.  `__builtin_choose_expr(c, a, b)`
 * and `_Generic(x, T: a, default: b)` pick one operand when the program is
 * compiled; the other operands and the controlling expression are never
 * evaluated.  `__builtin_constant_p(e)` and `__builtin_object_size(p, t)`
 * only look at their operand.  Linux's min()/max() are a choose_expr of a
 * plain comparison and a statement expression with locals: analysing both
 * arms adds a second definition of every value they compute.  Both
 * lowerings ask here.
 */
#ifndef BW_CHECKERS_SELECTION_H
#define BW_CHECKERS_SELECTION_H

#include <clang-c/Index.h>
#include <stdbool.h>

/* When `c`, whose children the caller has listed in kids[0..n), is a
 * compile-time selection whose chosen operand libclang lets us know,
 * stores that operand in *chosen and returns true.  False for anything
 * else, and for a selection whose choice is not known (a condition that
 * does not evaluate, two associations of the result's type): the caller
 * then lowers every operand, as for any other expression.  Cheap for the
 * unexposed expressions that are not one (implicit casts: one child). */
bool bw_selected_operand(CXCursor c, const CXCursor *kids, unsigned n, CXCursor *chosen);

/* Whether the call expression `c` is a builtin whose arguments are not
 * evaluated: it yields a number and runs nothing. */
bool bw_unevaluated_call(CXCursor c);

/* The value of the integer constant expression `c`, as clang evaluates
 * it (an unsigned value keeps its bits), or false when `c` is not one. */
bool bw_eval_int(CXCursor c, long long *out);

#endif
