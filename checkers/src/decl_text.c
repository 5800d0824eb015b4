/* decl_text.c — see decl_text.h. */
#include "decl_text.h"

bool bw_decl_text(CXCursor d, CXString *out)
{
    CXPrintingPolicy pp = clang_getCursorPrintingPolicy(d);
    if (pp == NULL)
        return false;
    clang_PrintingPolicy_setProperty(pp, CXPrintingPolicy_TerseOutput, 1);
    *out = clang_getCursorPrettyPrinted(d, pp);
    clang_PrintingPolicy_dispose(pp);
    return true;
}
