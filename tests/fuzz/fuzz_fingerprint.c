/* fuzz_fingerprint.c — libFuzzer harness for code normalisation and
 * fingerprints: no crash, bounded output, deterministic identities. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "bulwark/finding.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *code = bw_strndup((const char *)data, size);
    if (code == NULL)
        return 0;
    char *norm = bw_normalize_code(code);
    if (norm != NULL && strlen(norm) > strlen(code))
        __builtin_trap(); /* normalising never makes code longer */
    char a[BW_FINGERPRINT_LEN + 1], b[BW_FINGERPRINT_LEN + 1];
    bw_fingerprint("BW-X", "f.c", "fn", code, 0, a);
    bw_fingerprint("BW-X", "f.c", "fn", code, 0, b);
    if (strcmp(a, b) != 0 || strlen(a) != BW_FINGERPRINT_LEN)
        __builtin_trap();
    bw_free(norm);
    bw_free(code);
    return 0;
}
