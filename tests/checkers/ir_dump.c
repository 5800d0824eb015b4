/* ir_dump — prints the flow IR of one file (engine debugging aid).
 *   ir_dump FILE [compiler flags...] */
#include <stdio.h>

#include "extract.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: ir_dump FILE [flags...]\n");
        return 2;
    }
    CXIndex idx = clang_createIndex(0, 0);
    bw_ir_tu *tu = NULL;
    char *diags = NULL;
    bw_error err = {0};
    bw_status st = bw_extract_tu(idx, NULL, argv[1], (size_t)(argc - 2), (const char *const *)argv + 2, NULL, 0, &tu,
                                 &diags, &err);
    if (st != BW_OK) {
        fprintf(stderr, "%s\n%s\n", err.message, diags != NULL ? diags : "");
        return 1;
    }
    bw_ir_dump(tu, stdout);
    bw_ir_tu_free(tu);
    clang_disposeIndex(idx);
    return 0;
}
