/* Helpers that write a string into their caller's buffer: strcpy of a
 * literal into `out`, or strcat of literals onto the caller's string (a
 * function describing flags).  Only the callers know the buffer's size and
 * what it already holds, so every call is checked against the helper's
 * summary -- bytes written, or characters appended -- and the helper's body
 * is not reported, as long as every call applies the summary.  A helper
 * that the program never calls (exported), or calls through a pointer, is
 * judged in its body as before. */
#include <string.h>

void log_line(const char *line);

static void describe_flags(unsigned flags, char *buf)
{
    if (flags & 1)
        strcat(buf, ", relocatable");
    if (flags & 2)
        strcat(buf, ", position independent");
}

const char *flags_name_ok(unsigned flags)
{
    static char buf[64];
    buf[0] = '\0';
    describe_flags(flags, buf);
    strcat(buf, ", end");
    return buf;
}

/* "flags:" and both pieces are 41 characters */
const char *flags_name_bad(unsigned flags)
{
    static char buf[32];
    strcpy(buf, "flags:");
    describe_flags(flags, buf); // expect: BW-BUFFER-OVERFLOW
    return buf;
}

static void set_kind(char *out, int k)
{
    strcpy(out, k ? "executable" : "shared object file");
}

void kind_ok(int k)
{
    char b[32];
    set_kind(b, k);
    log_line(b);
}

void kind_bad(int k)
{
    char b[8];
    set_kind(b, k); // expect: BW-BUFFER-OVERFLOW
    log_line(b);
}

/* helpers of helpers: the append is passed on to the outer helper's callers */
static void describe_more(unsigned flags, char *buf)
{
    describe_flags(flags, buf);
    strcat(buf, ", more");
}

const char *nested_ok(unsigned f)
{
    static char b[64];
    b[0] = '\0';
    describe_more(f, b);
    return b;
}

const char *nested_bad(unsigned f)
{
    static char b[40];
    strcpy(b, "0123456789");
    describe_more(f, b); // expect: BW-BUFFER-OVERFLOW
    return b;
}

/* a string of up to 62 characters, and 35 more */
void long_string_bad(unsigned f, const char *line)
{
    char b[64];
    strncpy(b, line, sizeof b - 1);
    b[sizeof b - 1] = '\0';
    describe_flags(f, b); // expect: BW-BUFFER-OVERFLOW
    log_line(b);
}

/* the caller does not know how long its own string is */
void fill_line(char *line);

void unknown_length_bad(unsigned f)
{
    char b[64];
    fill_line(b);
    describe_flags(f, b); // expect: BW-DANGEROUS-API
    log_line(b);
}

/* exported and never called here: nobody else can check it */
void export_flags(unsigned flags, char *buf)
{
    if (flags & 1)
        strcat(buf, ", relocatable"); // expect: BW-DANGEROUS-API
}

/* called through a pointer as well: the calls through it apply nothing */
static void pointer_flags(unsigned flags, char *buf)
{
    if (flags & 1)
        strcat(buf, ", relocatable"); // expect: BW-DANGEROUS-API
}

void (*const flag_printer)(unsigned, char *) = pointer_flags;

const char *pointer_flags_direct(unsigned flags)
{
    static char buf[64];
    buf[0] = '\0';
    pointer_flags(flags, buf);
    return buf;
}

/* an append in a loop has no bound: judged in the body */
static void describe_bits(unsigned flags, char *buf)
{
    for (unsigned bit = 1; bit != 0 && flags != 0; bit <<= 1)
        if (flags & bit) {
            strcat(buf, ", bit"); // expect: BW-DANGEROUS-API
            flags &= ~bit;
        }
}

const char *bits_name(unsigned flags)
{
    static char buf[256];
    buf[0] = '\0';
    describe_bits(flags, buf);
    return buf;
}

/* a helper's strncat onto its caller's string is an append of up to n */
static void add_name(char *buf, const char *name)
{
    strcat(buf, "name=");
    strncat(buf, name, 10);
}

void add_name_ok(const char *n)
{
    char b[32];
    b[0] = '\0';
    add_name(b, n);
    log_line(b);
}

/* "abc", "name=" and 10 characters */
void add_name_bad(const char *n)
{
    char b[16];
    strcpy(b, "abc");
    add_name(b, n); // expect: BW-BUFFER-OVERFLOW
    log_line(b);
}

/* a call that passes the buffer past its start: the append is not placed */
const char *offset_append_bad(unsigned flags)
{
    static char buf[64];
    strcpy(buf, "abc");
    describe_flags(flags, buf + 1); // expect: BW-DANGEROUS-API
    return buf;
}

/* a buffer of unknown size: neither the write nor the append can be proven */
char *kind_into_unknown_bad(int k, char *(*get)(void))
{
    char *p = get();
    set_kind(p, k); // expect: BW-DANGEROUS-API
    return p;
}

/* a recursion appends without bound: its own call is reported */
static void repeat_ab(char *buf, int n)
{
    if (n > 0) {
        strcat(buf, "ab");
        repeat_ab(buf, n - 1); // expect: BW-DANGEROUS-API
    }
}

void repeat_ab_caller(int n)
{
    char b[16];
    b[0] = '\0';
    repeat_ab(b, n);
    log_line(b);
}

/* a function whose only caller is itself is not checked by anyone */
static void describe_list(char *buf, const unsigned *flags, int n)
{
    if (n <= 0)
        return;
    if (flags[0] & 1)
        strcat(buf, ", relocatable"); // expect: BW-DANGEROUS-API
    describe_list(buf, flags + 1, n - 1); // expect: BW-DANGEROUS-API
}

void (*const list_describer)(char *, const unsigned *, int) = describe_list;

/* the same buffer in two parameters: the strcpy through the second one
 * leaves 10 characters, whatever the append through the first did */
static void append_then_copy(char *a, char *b)
{
    strcat(a, "x");
    strcpy(b, "0123456789");
}

void aliased_bad(void)
{
    char buf[16];
    strcpy(buf, "");
    append_then_copy(buf, buf);
    strcat(buf, "abcdefgh"); // expect: BW-DANGEROUS-API
    log_line(buf);
}

/* an append that a helper passes on past the string's start is not one the
 * caller can add up: the caller's string is of unknown length afterwards */
static void append_cdef(char *q)
{
    strcat(q, "cdef");
}

static void append_ab_then_more(char *p)
{
    strcat(p, "ab");
    append_cdef(p + 1); // expect: BW-DANGEROUS-API
}

void appended_past_start_bad(void)
{
    char b[16];
    strcpy(b, "0123");
    append_ab_then_more(b);
    strcat(b, "vwxyz"); // expect: BW-DANGEROUS-API
    log_line(b);
}

/* two parameters on one buffer, both appending: the appends add up */
static void append_twice(char *a, char *b)
{
    strcat(a, "0123456");
    strcat(b, "0123456");
}

void appended_twice_bad(void)
{
    char buf[16];
    strcpy(buf, "ab");
    append_twice(buf, buf); // expect: BW-BUFFER-OVERFLOW
    log_line(buf);
}

/* a helper's string write is checked even where a write sized from its
 * parameter is what the summary's byte count names */
static void fill_then_name(char *p, const char *src, unsigned long n)
{
    memcpy(p, src, n);
    strcpy(p, "0123456789abcdef");
}

void fill_then_name_bad(const char *s)
{
    char b[8];
    fill_then_name(b, s, 4); // expect: BW-BUFFER-OVERFLOW
    log_line(b);
}
