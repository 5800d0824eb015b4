/* format.c — output format names. */
#include <string.h>

#include "bulwark/output.h"

bool bw_format_parse(const char *name, bw_format *out)
{
    static const struct {
        const char *name;
        bw_format format;
    } formats[] = {{"text", BW_FORMAT_TEXT}, {"json", BW_FORMAT_JSON}, {"sarif", BW_FORMAT_SARIF}};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (name != NULL && strcmp(name, formats[i].name) == 0) {
            *out = formats[i].format;
            return true;
        }
    }
    return false;
}
