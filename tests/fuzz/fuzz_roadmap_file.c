/* fuzz_roadmap_file.c — libFuzzer harness for the roadmap-file loader
 * (bulwark-roadmap.yaml): load or fail with a line-numbered message. */
#include <stddef.h>
#include <stdint.h>

#include "bulwark/roadmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bw_error err = {0};
    bw_roadmap *rm = NULL;
    bw_status st = bw_roadmap_load_string((const char *)data, size, "fuzz-roadmap.yaml", &rm, &err);
    if (st != BW_OK && err.message[0] == '\0')
        __builtin_trap(); /* every failure says why */
    if (st == BW_OK && rm == NULL)
        __builtin_trap();
    bw_roadmap_free(rm);
    return 0;
}
