/*
 * timing.c — where one compile's CPU time went (BULWARK_TIMINGS=<file>,
 * docs/wrapper.md): the wrapper's own stages measured with getrusage, the
 * real compiler's CPU from its rusage, one JSON line per compile appended
 * to the file.  Parallel compiles append to the same file: each line is
 * one write() to a file opened with O_APPEND, so lines never interleave.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bulwark/buf.h"
#include "bulwark/wrapper.h"

static double tv_seconds(struct timeval tv) { return (double)tv.tv_sec + (double)tv.tv_usec / 1e6; }

double bw_wrap_cpu_seconds(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0.0;
    return tv_seconds(ru.ru_utime) + tv_seconds(ru.ru_stime);
}

double bw_wrap_children_cpu_seconds(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_CHILDREN, &ru) != 0)
        return 0.0;
    return tv_seconds(ru.ru_utime) + tv_seconds(ru.ru_stime);
}

static long ms(double seconds) { return seconds > 0 ? (long)(seconds * 1000.0 + 0.5) : 0; }

/* The JSON text of one record; the strings are escaped for JSON. */
static void put_json_string(bw_buf *b, const char *s)
{
    bw_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            bw_buf_printf(b, "\\%c", *p);
        else if (*p < 0x20)
            bw_buf_printf(b, "\\u%04x", *p);
        else
            bw_buf_putc(b, (char)*p);
    }
    bw_buf_putc(b, '"');
}

bw_status bw_wrap_times_append(const char *path, const char *tu, const bw_wrap_times *t,
                               bw_error *err)
{
    bw_buf b = BW_BUF_INIT;
    bw_buf_puts(&b, "{\"tu\":");
    put_json_string(&b, tu);
    bw_buf_printf(&b,
                  ",\"cpu_ms\":{\"start\":%ld,\"setup\":%ld,\"load\":%ld,\"parse\":%ld,"
                  "\"analysis\":%ld,\"report\":%ld,\"record\":%ld,\"wrapper\":%ld,"
                  "\"compiler\":%ld},\"wall_ms\":%ld,\"checked\":%s,\"checked_in\":\"%s\"}\n",
                  ms(t->start), ms(t->setup), ms(t->load), ms(t->parse), ms(t->analysis),
                  ms(t->report), ms(t->record), ms(t->wrapper), ms(t->compiler), ms(t->wall),
                  t->checked ? "true" : "false",
                  !t->checked ? "none" : t->in_compiler ? "compiler" : "wrapper");
    if (b.failed) {
        bw_buf_free(&b);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    bw_status st = BW_OK;
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        st = bw_error_set(err, BW_ERR_IO, "%s: %s", path, strerror(errno));
    } else {
        ssize_t n = write(fd, b.data, b.len);
        if (n < 0 || (size_t)n != b.len)
            st = bw_error_set(err, BW_ERR_IO, "%s: %s", path, n < 0 ? strerror(errno) : "short write");
        if (close(fd) != 0 && st == BW_OK)
            st = bw_error_set(err, BW_ERR_IO, "%s: %s", path, strerror(errno));
    }
    bw_buf_free(&b);
    return st;
}
