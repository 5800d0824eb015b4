/*
 * util.c — time, process and escaping helpers for bulwark_roadmap.
 */
/* _GNU_SOURCE (set by CMake): posix_spawn_file_actions_addchdir_np, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "internal.h"

extern char **environ;

void bw_rm_format_utc(time_t t, char out[32]) {
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        snprintf(out, 32, "1970-01-01T00:00:00Z");
        return;
    }
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void bw_rm_now_utc(char out[32]) { bw_rm_format_utc(time(NULL), out); }

void bw_rm_today(char out[16]) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

static bool digits(const char *s, int n, long *v) {
    long x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return true;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool valid_ymd(long y, long m, long d) {
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    int max = mdays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        max = 29;
    return d <= max;
}

bool bw_rm_parse_date(const char *s, long *days) {
    long y, m, d;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
        !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d) || !valid_ymd(y, m, d))
        return false;
    *days = days_from_civil(y, m, d);
    return true;
}

bool bw_rm_parse_rfc3339_utc(const char *s, int64_t *secs) {
    long y, mo, d, h, mi, se;
    if (!s || strlen(s) < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
        s[13] != ':' || s[16] != ':' || !digits(s, 4, &y) || !digits(s + 5, 2, &mo) ||
        !digits(s + 8, 2, &d) || !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) ||
        !digits(s + 17, 2, &se) || !valid_ymd(y, mo, d) || h > 23 || mi > 59 || se > 60)
        return false;
    const char *p = s + 19;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (!((p[0] == 'Z' || p[0] == 'z') && p[1] == '\0') && strcmp(p, "+00:00") != 0)
        return false;
    *secs = (int64_t)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
    return true;
}

bw_status bw_rm_run_capture(const char *cwd, char *const argv[], size_t max, char **out,
                            size_t *out_len, bw_error *err) {
    *out = NULL;
    if (out_len)
        *out_len = 0;
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) != 0)
        return bw_error_set(err, BW_ERR_IO, "pipe: %s", strerror(errno));
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    if (cwd)
        posix_spawn_file_actions_addchdir_np(&fa, cwd);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pipefd[1]);
    if (rc != 0) {
        close(pipefd[0]);
        return bw_error_set(err, BW_ERR_TOOL, "cannot run %s: %s", argv[0], strerror(rc));
    }
    bw_buf b = BW_BUF_INIT;
    char chunk[65536];
    bool too_big = false;
    for (;;) {
        ssize_t n = read(pipefd[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (b.len + (size_t)n > max) {
            too_big = true;
            continue; /* drain so the child can exit */
        }
        bw_buf_append(&b, chunk, (size_t)n);
    }
    close(pipefd[0]);
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    if (bw_buf_status(&b) != BW_OK) {
        bw_buf_free(&b);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory reading %s output", argv[0]);
    }
    if (too_big) {
        bw_buf_free(&b);
        return bw_error_set(err, BW_ERR_TOOL, "%s: output larger than %zu bytes", argv[0], max);
    }
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
        bw_buf_free(&b);
        return bw_error_set(err, BW_ERR_TOOL, "%s failed", argv[0]);
    }
    if (!b.data)
        bw_buf_append(&b, "", 0);
    if (out_len)
        *out_len = b.len;
    *out = bw_buf_take(&b);
    if (!*out)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    return BW_OK;
}

void bw_rm_html_escape(bw_buf *b, const char *s) {
    if (!s)
        return;
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *run = p;
    for (; *p; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case '\n': rep = "&#10;"; break;
        case '\r': rep = "&#13;"; break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                rep = "\xef\xbf\xbd"; /* U+FFFD for other control characters */
            break;
        }
        if (rep) {
            bw_buf_append(b, (const char *)run, (size_t)(p - run));
            bw_buf_puts(b, rep);
            run = p + 1;
        } else if (p[0] == 0xe2 && p[1] == 0x80 &&
                   (p[2] == 0x8e || p[2] == 0x8f || (p[2] >= 0xaa && p[2] <= 0xae))) {
            /* Bidirectional controls (U+200E/F, U+202A..E, U+2066..9) are
             * shown as visible "[U+202E]" text: a numeric reference would
             * still put the control in the DOM and reorder the page. */
            bw_buf_append(b, (const char *)run, (size_t)(p - run));
            unsigned cp = 0x2000u + ((unsigned)(p[2] - 0x80));
            bw_buf_printf(b, "[U+%04X]", cp);
            p += 2;
            run = p + 1;
        } else if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9) {
            bw_buf_append(b, (const char *)run, (size_t)(p - run));
            unsigned cp = 0x2040u + ((unsigned)(p[2] - 0x80));
            bw_buf_printf(b, "[U+%04X]", cp);
            p += 2;
            run = p + 1;
        }
    }
    bw_buf_append(b, (const char *)run, (size_t)(p - run));
}

void bw_rm_md_escape(bw_buf *b, const char *s) {
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '\\': case '`': case '*': case '_': case '{': case '}': case '[': case ']':
        case '(': case ')': case '#': case '+': case '!': case '|': case '~':
            bw_buf_putc(b, '\\');
            bw_buf_putc(b, (char)*p);
            break;
        case '<': bw_buf_puts(b, "&lt;"); break;
        case '>': bw_buf_puts(b, "&gt;"); break;
        case '&': bw_buf_puts(b, "&amp;"); break;
        case '\n': case '\r': case '\t': bw_buf_putc(b, ' '); break;
        default:
            if (p[0] == 0xe2 && p[1] == 0x80 &&
                (p[2] == 0x8e || p[2] == 0x8f || (p[2] >= 0xaa && p[2] <= 0xae))) {
                bw_buf_printf(b, "[U+%04X]", 0x2000u + (unsigned)(p[2] - 0x80));
                p += 2;
            } else if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9) {
                bw_buf_printf(b, "[U+%04X]", 0x2040u + (unsigned)(p[2] - 0x80));
                p += 2;
            } else if (*p < 0x20 || *p == 0x7f)
                bw_buf_puts(b, "\xef\xbf\xbd");
            else
                bw_buf_putc(b, (char)*p);
        }
    }
}
