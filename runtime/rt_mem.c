/*
 * rt_mem.c — checked memory operations.
 *
 * The pass checks fixed-length operations (llvm.memcpy/memmove/memset,
 * strncpy, snprintf, fgets, read, ...) inline and calls
 * __bw_mem_check_slow() only when it could not prove the write in bounds.
 * Functions whose write length is known only while they run (strcpy,
 * strcat, sprintf, sscanf %s, ...) are replaced by the __bw_* wrappers here.
 *
 * "avail" is what the pass knows is writable at the destination (the
 * object-size intrinsic, narrowed to the struct member written), SIZE_MAX
 * when unknown; the heap shadow (rt_heap.c) can narrow it further when the destination's
 * underlying object is a heap block.
 *
 * Report mode keeps the program's behaviour: the violation is logged and
 * the original operation is done in full.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rt_internal.h"

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

BW_HIDDEN size_t bw_rt_effective_avail(const void *dst, size_t avail, const void *base)
{
    size_t e = avail;
    if (base) {
        size_t hs = bw_rt_heap_size(base);
        uintptr_t b = (uintptr_t)base, d = (uintptr_t)dst;
        if (hs != SIZE_MAX && d >= b && d - b <= hs) {
            size_t h = hs - (d - b);
            if (h < e)
                e = h;
        }
    }
    return e;
}

/* Out of line and cold: inlined, its event record gave every caller (the
 * slow check runs ~10^5 times a second in SQLite, almost always finding
 * nothing) a 112-byte frame, a stack-protector canary and five pushes. */
__attribute__((noinline, cold)) static void mem_report(void *dst, size_t len, size_t avail,
                                                       const char *reason,
                                                       const struct bw_rt_site *site,
                                                       const void *caller)
{
    struct bw_rt_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = BW_KIND_MEM;
    ev.reason = reason;
    ev.address = dst;
    ev.size = len;
    ev.avail = avail;
    ev.has_size = 1;
    ev.site = site;
    ev.caller = caller;
    bw_rt_report(&ev);
}

/* Always inlined, so the caller reported is the instrumented code's. */
__attribute__((always_inline)) static inline void mem_violation(void *dst, size_t len, size_t avail,
                                                               const char *reason,
                                                               const struct bw_rt_site *site)
{
    mem_report(dst, len, avail, reason, site, __builtin_return_address(0));
}

void __bw_mem_check_slow(void *dst, size_t len, size_t avail, const void *base,
                         const struct bw_rt_site *site)
{
    size_t e = bw_rt_effective_avail(dst, avail, base);
    if (e != SIZE_MAX && len > e)
        mem_violation(dst, len, e, "write past the end of the destination", site);
}

/* Hidden alias the preserve_most stub calls (rt_stubs_x86_64.S). */
extern __typeof__(bw_rt_mem_check_slow_local) bw_rt_mem_check_slow_local
    __attribute__((alias("__bw_mem_check_slow")));

static int over(size_t need, size_t e)
{
    return e != SIZE_MAX && need > e;
}

char *__bw_strcpy(char *d, const char *s, size_t avail, const void *base,
                  const struct bw_rt_site *site)
{
    size_t n = strlen(s) + 1;
    size_t e = bw_rt_effective_avail(d, avail, base);
    if (over(n, e))
        mem_violation(d, n, e, "string copy past the end of the destination", site);
    memmove(d, s, n);
    return d;
}

char *__bw_stpcpy(char *d, const char *s, size_t avail, const void *base,
                  const struct bw_rt_site *site)
{
    size_t n = strlen(s) + 1;
    size_t e = bw_rt_effective_avail(d, avail, base);
    if (over(n, e))
        mem_violation(d, n, e, "string copy past the end of the destination", site);
    memmove(d, s, n);
    return d + n - 1;
}

char *__bw_strcat(char *d, const char *s, size_t avail, const void *base,
                  const struct bw_rt_site *site)
{
    size_t dl = strlen(d);
    size_t n = dl + strlen(s) + 1;
    size_t e = bw_rt_effective_avail(d, avail, base);
    if (over(n, e))
        mem_violation(d, n, e, "string concatenation past the end of the destination", site);
    memmove(d + dl, s, n - dl);
    return d;
}

char *__bw_strncat(char *d, const char *s, size_t max, size_t avail, const void *base,
                   const struct bw_rt_site *site)
{
    size_t dl = strlen(d);
    size_t sl = strnlen(s, max);
    size_t n = dl + sl + 1;
    size_t e = bw_rt_effective_avail(d, avail, base);
    if (over(n, e))
        mem_violation(d, n, e, "string concatenation past the end of the destination", site);
    memmove(d + dl, s, sl);
    d[dl + sl] = '\0';
    return d;
}

int __bw_vsprintf(char *d, size_t avail, const void *base, const struct bw_rt_site *site,
                  const char *fmt, va_list ap)
{
    size_t e = bw_rt_effective_avail(d, avail, base);
    va_list ap2;
    va_copy(ap2, ap);
    int n;
    if (e == SIZE_MAX) {
        /* Size unknown: measure, then write exactly that much. */
        n = vsnprintf(NULL, 0, fmt, ap);
        if (n >= 0)
            n = vsnprintf(d, (size_t)n + 1, fmt, ap2);
    } else {
        n = vsnprintf(d, e, fmt, ap);
        if (n >= 0 && (size_t)n >= e) {
            mem_violation(d, (size_t)n + 1, e, "formatted output past the end of the destination", site);
            n = vsnprintf(d, (size_t)n + 1, fmt, ap2); /* report mode: as the original */
        }
    }
    va_end(ap2);
    return n;
}

int __bw_sprintf(char *d, size_t avail, const void *base, const struct bw_rt_site *site,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = __bw_vsprintf(d, avail, base, site, fmt, ap);
    va_end(ap);
    return n;
}

/* ---- scanf family -------------------------------------------------- */

/* One conversion specification of a scanf format. */
struct scan_conv {
    size_t start, end;    /* the spec is fmt[start, end) */
    size_t body;          /* index after '%' and '*' */
    size_t conv_at;       /* index of the conversion character */
    int suppressed;
    long width;           /* -1: none */
    int wide;             /* 'l' modifier on s/[/c */
    int alloc;            /* 'm' modifier */
    char conv;
};

/* Parses the next conversion at or after *pos.  Returns 0 at the end. */
static int next_conv(const char *fmt, size_t *pos, struct scan_conv *c)
{
    size_t i = *pos;
    for (;;) {
        while (fmt[i] && fmt[i] != '%')
            i++;
        if (!fmt[i])
            return 0;
        if (fmt[i + 1] == '%') {
            i += 2;
            continue;
        }
        break;
    }
    memset(c, 0, sizeof *c);
    c->start = i++;
    if (fmt[i] == '*') {
        c->suppressed = 1;
        i++;
    }
    c->body = i;
    c->width = -1;
    if (isdigit((unsigned char)fmt[i])) {
        c->width = 0;
        while (isdigit((unsigned char)fmt[i]) && c->width < 1000000)
            c->width = c->width * 10 + (fmt[i++] - '0');
    }
    if (fmt[i] == 'm') {
        c->alloc = 1;
        i++;
    }
    while (strchr("hlLqjzt", fmt[i]) && fmt[i]) {
        if (fmt[i] == 'l')
            c->wide = 1;
        i++;
    }
    c->conv_at = i;
    c->conv = fmt[i];
    if (!fmt[i])
        return 0;
    if (fmt[i] == '[') {
        i++;
        if (fmt[i] == '^')
            i++;
        if (fmt[i] == ']')
            i++;
        while (fmt[i] && fmt[i] != ']')
            i++;
        if (!fmt[i])
            return 0;
    }
    c->end = i + 1;
    *pos = c->end;
    return 1;
}

static int takes_arg(const struct scan_conv *c)
{
    return !c->suppressed && c->conv != '%';
}

struct sbuf {
    char b[1024];
    size_t n;
    int overflow;
};

static void sb_put(struct sbuf *s, const char *p, size_t n)
{
    if (s->n + n + 1 > sizeof s->b) {
        s->overflow = 1;
        return;
    }
    memcpy(s->b + s->n, p, n);
    s->n += n;
    s->b[s->n] = '\0';
}

static void sb_num(struct sbuf *s, size_t v)
{
    char t[24];
    int n = snprintf(t, sizeof t, "%zu", v);
    sb_put(s, t, (size_t)n);
}

/*
 * Would conversion number k (a string conversion into avail bytes) of fmt
 * write more than avail bytes when scanning str?  Answered by a dry run with
 * every conversion suppressed: scan up to k, skip at most avail-1 characters
 * of conversion k, then see whether one more would have been taken.
 * Returns -1 when the format is too long to rewrite.
 */
static int scan_would_overflow(const char *str, const char *fmt, size_t upto,
                               const struct scan_conv *k, size_t avail)
{
    struct sbuf s = { .n = 0, .overflow = 0 };
    s.b[0] = '\0';
    size_t pos = 0, last = 0;
    struct scan_conv c;
    while (next_conv(fmt, &pos, &c) && c.start < upto) {
        sb_put(&s, fmt + last, c.start - last);
        if (c.conv != 'n') {
            sb_put(&s, "%*", 2);
            sb_put(&s, fmt + c.body, c.end - c.body);
        }
        last = c.end;
    }
    sb_put(&s, fmt + last, k->start - last);
    const char *set = fmt + k->conv_at;
    size_t setlen = k->end - k->conv_at;
    if (avail <= 1) {
        /* Nothing but the terminator fits: any match overflows. */
        sb_put(&s, "%1", 2);
        sb_put(&s, set, setlen);
        if (k->conv == 'c')
            return avail == 0 ? 1 : (k->width > 1);
    } else {
        sb_put(&s, "%*", 2);
        sb_num(&s, k->conv == 'c' ? avail : avail - 1);
        sb_put(&s, set, setlen);
        if (k->conv == 's')
            sb_put(&s, "%1[^ \t\n\v\f\r]", 13);
        else if (k->conv == '[')
            sb_put(&s, "%1", 2), sb_put(&s, set, setlen);
        else
            sb_put(&s, "%1c", 3);
    }
    if (s.overflow)
        return -1;
    char probe[8];
    return sscanf(str, s.b, probe) == 1;
}

/* Size the conversion writes, for avail checks: 0 when unbounded. */
static int scan_is_string(const struct scan_conv *c)
{
    return (c->conv == 's' || c->conv == '[' || c->conv == 'c') && !c->wide && !c->alloc;
}

static void scan_violation(void *dst, size_t avail, const struct bw_rt_site *site)
{
    mem_violation(dst, avail + 1, avail, "scanf string conversion past the end of the destination", site);
}

int __bw_vsscanf(const char *str, const size_t *avails, size_t nav,
                 const struct bw_rt_site *site, const char *fmt, va_list ap)
{
    va_list walk;
    va_copy(walk, ap);
    size_t pos = 0, arg = 0;
    struct scan_conv c;
    while (next_conv(fmt, &pos, &c)) {
        if (!takes_arg(&c))
            continue;
        void *dst = va_arg(walk, void *);
        size_t a = arg < nav ? avails[arg] : SIZE_MAX;
        arg++;
        if (!scan_is_string(&c) || a == SIZE_MAX)
            continue;
        if (c.conv == 'c') {
            size_t w = c.width < 0 ? 1 : (size_t)c.width;
            if (w > a)
                mem_violation(dst, w, a, "scanf %c past the end of the destination", site);
            continue;
        }
        if (c.width >= 0 && (size_t)c.width < a)
            continue; /* bounded and fits */
        if (scan_would_overflow(str, fmt, c.start, &c, a) == 1)
            scan_violation(dst, a, site);
    }
    va_end(walk);
    return vsscanf(str, fmt, ap);
}

int __bw_sscanf(const char *str, const size_t *avails, size_t nav,
                const struct bw_rt_site *site, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = __bw_vsscanf(str, avails, nav, site, fmt, ap);
    va_end(ap);
    return n;
}

/*
 * Streams cannot be read twice, so fscanf is made safe by rewriting every
 * unbounded (or too wide) string conversion into one bounded by its
 * destination, then checking afterwards whether the bound was hit while more
 * matching input followed (reported as a violation).  In report mode the
 * original format is used and an overflow is detected after the fact.
 */
int __bw_vfscanf(FILE *f, const size_t *avails, size_t nav,
                 const struct bw_rt_site *site, const char *fmt, va_list ap)
{
    struct sbuf s = { .n = 0, .overflow = 0 };
    s.b[0] = '\0';
    struct { void *dst; size_t avail; int last; char conv; } bounded[16];
    size_t nb = 0;
    va_list walk;
    va_copy(walk, ap);
    size_t pos = 0, last = 0, arg = 0;
    struct scan_conv c;
    while (next_conv(fmt, &pos, &c)) {
        if (!takes_arg(&c))
            continue;
        void *dst = va_arg(walk, void *);
        size_t a = arg < nav ? avails[arg] : SIZE_MAX;
        arg++;
        if (!scan_is_string(&c) || c.conv == 'c' || a == SIZE_MAX || a == 0)
            continue;
        if (c.width >= 0 && (size_t)c.width < a)
            continue;
        if (nb < 16) {
            bounded[nb].dst = dst;
            bounded[nb].avail = a;
            bounded[nb].conv = c.conv;
            bounded[nb].last = 1;
            if (nb > 0)
                bounded[nb - 1].last = 0;
            nb++;
        }
        if (bw_rt_cfg.report_only)
            continue;
        sb_put(&s, fmt + last, c.start - last);
        sb_put(&s, "%", 1);
        sb_num(&s, a - 1);
        sb_put(&s, fmt + c.conv_at, c.end - c.conv_at);
        last = c.end;
    }
    va_end(walk);
    /* A later conversion after a bounded one makes "bound hit" ambiguous. */
    if (nb > 0) {
        size_t p2 = 0;
        struct scan_conv c2;
        int after = 0, seen = 0;
        while (next_conv(fmt, &p2, &c2)) {
            if (seen && c2.conv != 'n')
                after = 1;
            if (takes_arg(&c2) && scan_is_string(&c2) && c2.conv != 'c')
                seen = 1, after = 0;
        }
        if (after)
            bounded[nb - 1].last = 0;
    }
    int n;
    if (!bw_rt_cfg.report_only && !s.overflow && nb > 0) {
        sb_put(&s, fmt + last, strlen(fmt + last));
        n = s.overflow ? vfscanf(f, fmt, ap) : vfscanf(f, s.b, ap);
    } else {
        n = vfscanf(f, fmt, ap);
    }
    for (size_t i = 0; i < nb && n > 0; i++) {
        size_t len = strnlen(bounded[i].dst, bounded[i].avail + 1);
        if (len >= bounded[i].avail) {
            scan_violation(bounded[i].dst, bounded[i].avail, site); /* report mode: it happened */
        } else if (len + 1 == bounded[i].avail && bounded[i].last && bounded[i].conv == 's') {
            int ch = getc(f);
            if (ch != EOF)
                ungetc(ch, f);
            if (ch != EOF && !isspace(ch))
                scan_violation(bounded[i].dst, bounded[i].avail, site);
        }
    }
    return n;
}

int __bw_fscanf(FILE *f, const size_t *avails, size_t nav,
                const struct bw_rt_site *site, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = __bw_vfscanf(f, avails, nav, site, fmt, ap);
    va_end(ap);
    return n;
}

int __bw_scanf(const size_t *avails, size_t nav, const struct bw_rt_site *site,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = __bw_vfscanf(stdin, avails, nav, site, fmt, ap);
    va_end(ap);
    return n;
}
