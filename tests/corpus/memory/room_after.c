/* A write at `buf + e` sized `sizeof buf - e`: both arguments read the
 * same e, so the write ends at the end of buf whatever e is, as long as
 * e is not past the end (librdkafka's rd_sockaddr2str, rd_kafka_log0:
 * six false errors, "copies up to 511 bytes into 'ret' (256 bytes)").
 * Each safe shape next to a bad twin. */
#include <stdio.h>
#include <string.h>

/* safe: append after the string already there */
void append_port_ok(char *host, int port)
{
    static char ret[256];
    snprintf(ret, sizeof ret, "%s", host);
    size_t len = strlen(ret);
    snprintf(ret + len, sizeof(ret) - len, ":%d", port);
    puts(ret);
}

/* bad: the room is one byte larger than what is left */
void append_port_bad(char *host, int port)
{
    char ret[256];
    snprintf(ret, sizeof ret, "%s", host);
    size_t len = strlen(ret);
    snprintf(ret + len, sizeof(ret) - len + 1, ":%d", port); // expect: BW-BUFFER-OVERFLOW
    puts(ret);
}

/* safe: a row of a table of buffers, strlen() read twice */
char *next_slot_ok(char *host, unsigned i)
{
    static char ret[32][256];
    i %= 32;
    snprintf(ret[i], sizeof ret[i], "%s", host);
    snprintf(ret[i] + strlen(ret[i]), sizeof(ret[i]) - strlen(ret[i]), "]");
    return ret[i];
}

/* bad: the room is another buffer's */
void other_room_bad(const char *s)
{
    char buf[16] = "ab";
    char big[64];
    snprintf(buf + strlen(buf), sizeof(big) - strlen(buf), "%s", s); // expect: BW-BUFFER-OVERFLOW
    snprintf(big, sizeof big, "%s", buf);
    puts(big);
}

/* safe: K - e - 1 and K - (e + 1), a copy that leaves room for the terminator */
void copy_rest_ok(const char *s, size_t n)
{
    char buf[64];
    size_t used = n < 32 ? n : 32;
    memset(buf, 'x', used);
    memcpy(buf + used, s, sizeof buf - used - 1);
    memcpy(buf + used, s, sizeof buf - (used + 1));
    buf[sizeof buf - 1] = '\0';
    puts(buf);
}

/* bad: the offset is read from one variable and the room from another */
void two_offsets_bad(const char *s, size_t n)
{
    char buf[64];
    size_t used = n < 32 ? n : 32;
    size_t start = used + 16;
    memset(buf, 'x', start);
    memcpy(buf + start, s, sizeof buf - used); // expect: BW-BUFFER-OVERFLOW
    puts(buf);
}

/* bad: the room a K that is not the buffer's own size */
void wrong_size_bad(const char *s, size_t n)
{
    char buf[64];
    size_t used = n < 32 ? n : 32;
    memset(buf, 'x', used);
    memcpy(buf + used, s, 80 - used); // expect: BW-BUFFER-OVERFLOW
    puts(buf);
}

/* safe: the other spellings of the same write (helper-66's review) */
void spellings_ok(const char *s, unsigned n)
{
    char buf[64];
    if (n > 63)
        return;
    memcpy(buf + (n + 1), s, sizeof buf - (n + 1));
    memcpy(buf + n + 1, s, sizeof buf - n - 1);
    memcpy(buf + n, s, sizeof(buf) - 1 - n);
    memcpy(&buf[n], s, sizeof buf - n);
    puts(buf);
}

/* bad: one byte more than is left, said as such */
void one_more_bad(FILE *f, unsigned n)
{
    char buf[64];
    if (n > 63)
        return;
    if (fgets(buf + n, sizeof buf - n + 1, f) == NULL) // expect: BW-BUFFER-OVERFLOW
        return;
    puts(buf);
}

/* bad: a volatile may change between the two reads */
void volatile_twice_bad(const char *s, volatile unsigned *pn)
{
    char buf[64];
    volatile unsigned n = *pn;
    if (n > 64)
        return;
    memcpy(buf + n, s, sizeof buf - n); // expect: BW-BUFFER-OVERFLOW
    puts(buf);
}

/* safe: the same with a plain copy of it */
void volatile_once_ok(const char *s, volatile unsigned *pn)
{
    char buf[64];
    unsigned n = *pn;
    if (n > 64)
        return;
    memcpy(buf + n, s, sizeof buf - n);
    puts(buf);
}

/* bad: volatile through a typedef */
typedef volatile unsigned shared_len;

void volatile_typedef_bad(const char *s, const shared_len *pn)
{
    char buf[64];
    shared_len n = *pn;
    if (n > 64)
        return;
    memcpy(buf + n, s, sizeof buf - n); // expect: BW-BUFFER-OVERFLOW
    puts(buf);
}
