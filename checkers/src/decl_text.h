/*
 * decl_text.h — clang's own printing of a declaration.  libclang has no
 * cursor kind for some attributes (format, alloc_size), and a macro that
 * writes one (Linux's `__printf(2, 0)`, `__alloc_size(1)`) leaves its
 * parameter names as the attribute's tokens; the printing has the numbers.
 * Both lowerings read attributes from it.
 */
#ifndef BW_CHECKERS_DECL_TEXT_H
#define BW_CHECKERS_DECL_TEXT_H

#include <clang-c/Index.h>
#include <stdbool.h>

/* Declaration `d` as clang prints it, tersely (no body), into *out, which
 * the caller disposes with clang_disposeString; false (nothing to
 * dispose) when libclang has no printing policy for it. */
bool bw_decl_text(CXCursor d, CXString *out);

#endif
