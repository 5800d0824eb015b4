/* status.c — the one message table for bw_status codes. */
#include <stdio.h>

#include "bulwark/status.h"

static const char *const status_messages[BW_STATUS_COUNT_] = {
    [BW_OK] = "ok",
    [BW_ERR_NOMEM] = "out of memory",
    [BW_ERR_IO] = "input/output error",
    [BW_ERR_USAGE] = "invalid usage",
    [BW_ERR_PARSE] = "malformed input",
    [BW_ERR_NOT_FOUND] = "not found",
    [BW_ERR_DB] = "database error",
    [BW_ERR_CORRUPT] = "corrupt or foreign data file",
    [BW_ERR_VERSION] = "written by a newer version of Bulwark",
    [BW_ERR_TOOL] = "an external tool failed",
    [BW_ERR_INTERNAL] = "internal error",
};

const char *bw_status_str(bw_status status)
{
    if ((unsigned)status >= BW_STATUS_COUNT_)
        return "unknown status";
    return status_messages[status];
}

int bw_status_exit_code(bw_status status)
{
    switch (status) {
    case BW_OK:
        return BW_EXIT_OK;
    case BW_ERR_NOMEM:
    case BW_ERR_INTERNAL:
        return BW_EXIT_INTERNAL;
    default:
        return BW_EXIT_INPUT;
    }
}

bw_status bw_error_set(bw_error *err, bw_status status, const char *fmt, ...)
{
    if (err == NULL)
        return status;
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    if (n < 0)
        snprintf(err->message, sizeof err->message, "%s", bw_status_str(status));
    return status;
}
