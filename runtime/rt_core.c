/*
 * rt_core.c — configuration, and the one place violations are reported:
 * a one-line message on stderr and one JSON line in the audit log
 * (docs/audit-log.md).  Everything on the report path formats into stack
 * buffers and writes with write(2)/sendto(2), so it is async-signal-safe and
 * nothing is lost when abort() follows; dladdr() (symbol names) is the one
 * call that is not, and it is only reached once something is wrong.  It
 * runs with signals blocked: dladdr holds the dynamic loader's lock, and a
 * signal handler that reports a violation (report mode) while this thread
 * holds it would wait for itself forever.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "rt_internal.h"

BW_HIDDEN struct bw_rt_config bw_rt_cfg = {
    .report_only = 0, .cfi_strict = 0, .heap_track = 1,
    .log_fd = -1, .syslog_fd = -1, .program = "?", .host = "?"
};

static atomic_int init_state; /* 0 not yet, 1 running, 2 done */

static const char *const kind_names[BW_KIND_COUNT] = {
    [BW_KIND_CFI] = "cfi-icall",
    [BW_KIND_SHADOW] = "shadow-stack",
    [BW_KIND_MEM] = "memory-bounds",
    [BW_KIND_JIT] = "jit-region",
};

/* ---- formatting ---------------------------------------------------- */

BW_HIDDEN void bw_fmt_str(struct bw_fmt *f, const char *s)
{
    if (!s)
        s = "(null)";
    while (*s && f->len + 1 < f->cap)
        f->buf[f->len++] = *s++;
    f->buf[f->len] = '\0';
}

static void fmt_char(struct bw_fmt *f, char c)
{
    if (f->len + 1 < f->cap) {
        f->buf[f->len++] = c;
        f->buf[f->len] = '\0';
    }
}

BW_HIDDEN void bw_fmt_json_str(struct bw_fmt *f, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    fmt_char(f, '"');
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            fmt_char(f, '\\');
            fmt_char(f, (char)c);
        } else if (c < 0x20 || c == 0x7f) {
            fmt_char(f, '\\');
            fmt_char(f, 'u');
            fmt_char(f, '0');
            fmt_char(f, '0');
            fmt_char(f, hex[c >> 4]);
            fmt_char(f, hex[c & 15]);
        } else {
            fmt_char(f, (char)c);
        }
    }
    fmt_char(f, '"');
}

BW_HIDDEN void bw_fmt_hex(struct bw_fmt *f, uintptr_t v)
{
    static const char hex[] = "0123456789abcdef";
    char tmp[2 + 2 * sizeof v + 1];
    size_t n = sizeof tmp - 1;
    tmp[n] = '\0';
    do {
        tmp[--n] = hex[v & 15];
        v >>= 4;
    } while (v && n > 2);
    tmp[--n] = 'x';
    tmp[--n] = '0';
    bw_fmt_str(f, tmp + n);
}

BW_HIDDEN void bw_fmt_dec(struct bw_fmt *f, uint64_t v)
{
    char tmp[24];
    size_t n = sizeof tmp - 1;
    tmp[n] = '\0';
    do {
        tmp[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    bw_fmt_str(f, tmp + n);
}

static void fmt_dec_pad(struct bw_fmt *f, uint64_t v, int width)
{
    char tmp[24];
    int n = 0;
    uint64_t t = v;
    do {
        n++;
        t /= 10;
    } while (t);
    for (; n < width; n++)
        fmt_char(f, '0');
    (void)tmp;
    bw_fmt_dec(f, v);
}

BW_HIDDEN void bw_fmt_time(struct bw_fmt *f, int64_t sec, long nsec)
{
    /* days-from-civil inverse (Howard Hinnant), no libc time functions. */
    int64_t days = sec / 86400, rem = sec % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2)
        y++;
    fmt_dec_pad(f, (uint64_t)y, 4);
    fmt_char(f, '-');
    fmt_dec_pad(f, (uint64_t)m, 2);
    fmt_char(f, '-');
    fmt_dec_pad(f, (uint64_t)d, 2);
    fmt_char(f, 'T');
    fmt_dec_pad(f, (uint64_t)(rem / 3600), 2);
    fmt_char(f, ':');
    fmt_dec_pad(f, (uint64_t)(rem / 60 % 60), 2);
    fmt_char(f, ':');
    fmt_dec_pad(f, (uint64_t)(rem % 60), 2);
    fmt_char(f, '.');
    fmt_dec_pad(f, (uint64_t)(nsec / 1000000), 3);
    fmt_char(f, 'Z');
}

/* ---- configuration ------------------------------------------------- */

static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t i = 0;
    for (; src && src[i] && i + 1 < cap; i++)
        dst[i] = src[i];
    dst[i] = '\0';
}

static void write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        buf += n;
        len -= (size_t)n;
    }
}

static int open_syslog(void)
{
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    copy_str(sa.sun_path, sizeof sa.sun_path, "/dev/log");
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* The seatbelt chime: one line on stderr at start-up for each loosening the
 * environment chose, so that nobody runs loosened without being told. */
static void say_loosening(const char *what)
{
    char buf[256];
    struct bw_fmt f = { buf, sizeof buf, 0 };
    bw_fmt_str(&f, "bulwark: ");
    bw_fmt_str(&f, bw_rt_cfg.program);
    bw_fmt_str(&f, ": ");
    bw_fmt_str(&f, what);
    bw_fmt_str(&f, "\n");
    write_all(2, buf, f.len);
}

static void do_init(void)
{
    const char *mode = getenv("BULWARK_MODE");
    bw_rt_cfg.report_only = mode && strcmp(mode, "report") == 0;
    const char *cfi = getenv("BULWARK_CFI");
    bw_rt_cfg.cfi_strict = cfi && strcmp(cfi, "strict") == 0;
    const char *ht = getenv("BULWARK_HEAP_TRACK");
    bw_rt_cfg.heap_track = !(ht && strcmp(ht, "0") == 0);
    const char *log = getenv("BULWARK_LOG");
    if (log && *log) {
        bw_rt_cfg.log_fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (bw_rt_cfg.log_fd < 0) {
            struct bw_fmt f;
            char buf[512];
            f.buf = buf;
            f.cap = sizeof buf;
            f.len = 0;
            bw_fmt_str(&f, "bulwark: cannot open BULWARK_LOG file ");
            bw_fmt_str(&f, log);
            bw_fmt_str(&f, ": ");
            bw_fmt_str(&f, strerror(errno));
            bw_fmt_str(&f, "\n");
            write_all(2, buf, f.len);
        }
    }
    const char *sl = getenv("BULWARK_SYSLOG");
    if (sl && strcmp(sl, "1") == 0)
        bw_rt_cfg.syslog_fd = open_syslog();
    copy_str(bw_rt_cfg.program, sizeof bw_rt_cfg.program, program_invocation_short_name);
    struct utsname u;
    if (uname(&u) == 0)
        copy_str(bw_rt_cfg.host, sizeof bw_rt_cfg.host, u.nodename);
    if (bw_rt_cfg.report_only)
        say_loosening("report-only mode (BULWARK_MODE=report): violations are logged, not stopped");
    if (!bw_rt_cfg.heap_track)
        say_loosening("heap block sizes not tracked (BULWARK_HEAP_TRACK=0): writes of unknown size "
                      "into heap blocks are not checked");
}

BW_HIDDEN void bw_rt_init(void)
{
    int expected = 0;
    if (atomic_load_explicit(&init_state, memory_order_acquire) == 2)
        return;
    if (atomic_compare_exchange_strong(&init_state, &expected, 1)) {
        do_init();
        atomic_store_explicit(&init_state, 2, memory_order_release);
        return;
    }
    while (atomic_load_explicit(&init_state, memory_order_acquire) != 2)
        ;
}

__attribute__((constructor(101))) static void rt_ctor(void)
{
    bw_rt_init();
}

int bw_rt_report_only(void)
{
    return bw_rt_cfg.report_only;
}

/* ---- reporting ----------------------------------------------------- */

static const char *sym_of(const void *p, const char **module)
{
    Dl_info info;
    *module = NULL;
    if (!p)
        return NULL;
    sigset_t all, saved;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &saved);
    int found = dladdr(p, &info);
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    if (found == 0)
        return NULL;
    *module = info.dli_fname;
    return info.dli_sname;
}

/* A quoted, escaped string of at most about `max` bytes (0: no limit); a
 * longer one is cut at a character boundary and ends in "...". */
static void fmt_json_str_cut(struct bw_fmt *f, const char *s, size_t max)
{
    if (max == 0 || !s) {
        bw_fmt_json_str(f, s);
        return;
    }
    char tmp[128];
    size_t n = 0, room = max < sizeof tmp - 4 ? max : sizeof tmp - 4;
    for (; s[n] && n < room; n++)
        tmp[n] = s[n];
    if (s[n]) {
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80) /* inside a UTF-8 sequence */
            n--;
        tmp[n++] = '.';
        tmp[n++] = '.';
        tmp[n++] = '.';
    }
    tmp[n] = '\0';
    bw_fmt_json_str(f, tmp);
}

static void json_field_str(struct bw_fmt *f, const char *key, const char *val, size_t max)
{
    if (!val)
        return;
    bw_fmt_str(f, ",\"");
    bw_fmt_str(f, key);
    bw_fmt_str(f, "\":");
    fmt_json_str_cut(f, val, max);
}

static void json_field_ptr(struct bw_fmt *f, const char *key, const void *p)
{
    bw_fmt_str(f, ",\"");
    bw_fmt_str(f, key);
    bw_fmt_str(f, "\":\"");
    bw_fmt_hex(f, (uintptr_t)p);
    bw_fmt_str(f, "\"");
}

static void json_field_num(struct bw_fmt *f, const char *key, uint64_t v)
{
    bw_fmt_str(f, ",\"");
    bw_fmt_str(f, key);
    bw_fmt_str(f, "\":");
    bw_fmt_dec(f, v);
}

static const char *action_of(const struct bw_rt_event *ev)
{
    if (ev->allowed)
        return ev->allow_action ? ev->allow_action : "allowed";
    return bw_rt_cfg.report_only ? "logged" : "abort";
}

/* max: the longest string value (0: no limit), see bw_rt_audit. */
static void build_json(struct bw_fmt *f, const struct bw_rt_event *ev, const char *action, size_t max)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    const char *mod = NULL, *mod2 = NULL;
    const char *sym = sym_of(ev->address, &mod);
    const char *csym = sym_of(ev->caller, &mod2);
    const struct bw_rt_site *site = ev->site;

    bw_fmt_str(f, "{\"v\":1,\"time\":\"");
    bw_fmt_time(f, (int64_t)ts.tv_sec, ts.tv_nsec);
    bw_fmt_str(f, "\"");
    json_field_str(f, "host", bw_rt_cfg.host, max);
    json_field_str(f, "program", bw_rt_cfg.program, max);
    json_field_num(f, "pid", (uint64_t)getpid());
    json_field_str(f, "kind", kind_names[ev->kind], max);
    json_field_str(f, "mode", bw_rt_cfg.report_only ? "report" : "enforce", max);
    json_field_str(f, "action", action, max);
    json_field_str(f, "reason", ev->reason, max);
    json_field_ptr(f, ev->kind == BW_KIND_CFI ? "target" : "address", ev->address);
    json_field_str(f, "symbol", sym, max);
    json_field_str(f, "module", mod, max);
    if (ev->kind == BW_KIND_SHADOW)
        json_field_ptr(f, "expected", ev->expected);
    if (ev->expected_type)
        json_field_str(f, "expected_type", ev->expected_type, max);
    if (ev->caller) {
        json_field_ptr(f, "caller", ev->caller);
        json_field_str(f, "caller_symbol", csym, max);
    }
    if (ev->has_size) {
        json_field_num(f, ev->kind == BW_KIND_JIT ? "region_size" : "size", ev->size);
        if (ev->avail != SIZE_MAX)
            json_field_num(f, "available", ev->avail);
    }
    if (site) {
        json_field_str(f, "function", site->function, max);
        if (ev->kind == BW_KIND_MEM)
            json_field_str(f, "operation", site->detail, max);
        json_field_str(f, "file", site->file, max);
        if (site->line)
            json_field_num(f, "line", site->line);
    }
    bw_fmt_str(f, "}");
}

BW_HIDDEN void bw_rt_audit(const struct bw_rt_event *ev, const char *action)
{
    if (bw_rt_cfg.log_fd < 0 && bw_rt_cfg.syslog_fd < 0)
        return;
    char buf[2048];
    struct bw_fmt f = { buf, sizeof buf - 1, 0 };
    build_json(&f, ev, action, 0);
    if (f.len + 1 >= f.cap) {
        /* Too long for one record (long symbol, type or path names): every
         * string value is cut so that the line stays whole JSON. */
        f.len = 0;
        build_json(&f, ev, action, 96);
    }
    if (bw_rt_cfg.log_fd >= 0) {
        buf[f.len] = '\n';
        write_all(bw_rt_cfg.log_fd, buf, f.len + 1); /* one write: O_APPEND keeps lines whole */
    }
    if (bw_rt_cfg.syslog_fd >= 0) {
        /* RFC 3164 framing; facility authpriv (10), severity crit (2) or notice (5). */
        char sbuf[2300];
        struct bw_fmt s = { sbuf, sizeof sbuf, 0 };
        bw_fmt_str(&s, ev->allowed ? "<85>" : "<82>");
        bw_fmt_str(&s, "bulwark[");
        bw_fmt_dec(&s, (uint64_t)getpid());
        bw_fmt_str(&s, "]: ");
        buf[f.len] = '\0';
        bw_fmt_str(&s, buf);
        (void)send(bw_rt_cfg.syslog_fd, sbuf, s.len, MSG_NOSIGNAL | MSG_DONTWAIT);
    }
}

BW_HIDDEN void bw_rt_report(const struct bw_rt_event *ev)
{
    bw_rt_init();
    const char *action = action_of(ev);
    bw_rt_audit(ev, action);
    if (ev->allowed)
        return;

    char buf[1024];
    struct bw_fmt f = { buf, sizeof buf - 1, 0 };
    const char *mod = NULL;
    const char *sym = sym_of(ev->address, &mod);
    const char *cmod = NULL;
    const char *csym = sym_of(ev->caller, &cmod);
    bw_fmt_str(&f, "bulwark: ");
    bw_fmt_str(&f, kind_names[ev->kind]);
    bw_fmt_str(&f, " violation: ");
    bw_fmt_str(&f, ev->reason);
    bw_fmt_str(&f, "; program=");
    bw_fmt_str(&f, bw_rt_cfg.program);
    bw_fmt_str(&f, " pid=");
    bw_fmt_dec(&f, (uint64_t)getpid());
    bw_fmt_str(&f, ev->kind == BW_KIND_CFI ? " target=" : " address=");
    bw_fmt_hex(&f, (uintptr_t)ev->address);
    if (sym) {
        bw_fmt_str(&f, " (");
        bw_fmt_str(&f, sym);
        bw_fmt_str(&f, ")");
    }
    if (ev->kind == BW_KIND_SHADOW) {
        bw_fmt_str(&f, " expected=");
        bw_fmt_hex(&f, (uintptr_t)ev->expected);
    }
    if (ev->expected_type) {
        bw_fmt_str(&f, " expected_type=");
        bw_fmt_str(&f, ev->expected_type);
    }
    if (ev->has_size) {
        bw_fmt_str(&f, " size=");
        bw_fmt_dec(&f, ev->size);
        if (ev->avail != SIZE_MAX) {
            bw_fmt_str(&f, " available=");
            bw_fmt_dec(&f, ev->avail);
        }
    }
    if (ev->site && ev->site->function) {
        bw_fmt_str(&f, " in=");
        bw_fmt_str(&f, ev->site->function);
        if (ev->kind == BW_KIND_MEM && ev->site->detail) {
            bw_fmt_str(&f, " op=");
            bw_fmt_str(&f, ev->site->detail);
        }
        if (ev->site->file) {
            bw_fmt_str(&f, " at=");
            bw_fmt_str(&f, ev->site->file);
            bw_fmt_str(&f, ":");
            bw_fmt_dec(&f, ev->site->line);
        }
    } else if (ev->caller) {
        bw_fmt_str(&f, " caller=");
        bw_fmt_hex(&f, (uintptr_t)ev->caller);
        if (csym) {
            bw_fmt_str(&f, " (");
            bw_fmt_str(&f, csym);
            bw_fmt_str(&f, ")");
        }
    }
    bw_fmt_str(&f, bw_rt_cfg.report_only ? "; logged\n" : "; aborting\n");
    write_all(2, buf, f.len);
    if (!bw_rt_cfg.report_only)
        abort();
}
