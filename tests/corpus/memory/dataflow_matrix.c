/* Data-flow matrix: lengths and destinations that reach a copy through
 * variables, pointer offsets, casts, struct members, helper functions and
 * conditional values, at several buffer sizes; each bad case beside a safe
 * twin of the same shape. */
#include <stdlib.h>
#include <string.h>

void use(const void *p, size_t n);

struct pkt8 {
    unsigned char hdr[4];
    unsigned char body[8];
};

static void put8(char *d, const char *s, size_t n)
{
    memcpy(d, s, n);
}

void var_len_8_bad(const char *s, int c)
{
    (void)c;
    char a[8];
    size_t n = 12;
    memcpy(a, s, n); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void var_len_8_ok(const char *s, int c)
{
    (void)c;
    char a[8];
    size_t n = 8;
    memcpy(a, s, n);
    use(a, sizeof a);
}

void offset_8_bad(const char *s, int c)
{
    (void)c;
    char a[8];
    char *p = a + 4;
    memcpy(p, s, 8); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void offset_8_ok(const char *s, int c)
{
    (void)c;
    char a[8];
    char *p = a + 4;
    memcpy(p, s, 4);
    use(a, sizeof a);
}

void helper_8_bad(const char *s, int c)
{
    (void)c;
    char a[8];
    put8(a, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void helper_8_ok(const char *s, int c)
{
    (void)c;
    char a[8];
    put8(a, s, sizeof a);
    use(a, sizeof a);
}

void member_8_bad(const char *s, int c)
{
    (void)c;
    struct pkt8 p;
    memcpy(p.body, s, 12); // expect: BW-BUFFER-OVERFLOW
    use(&p, sizeof p);
}

void member_8_ok(const char *s, int c)
{
    (void)c;
    struct pkt8 p;
    memcpy(p.body, s, sizeof p.body);
    use(&p, sizeof p);
}

void heap_offset_8_bad(const char *s, int c)
{
    (void)c;
    char *a = malloc(8);
    if (a == NULL)
        return;
    char *p = a;
    p += 4;
    memcpy(p, s, 8); // expect: BW-BUFFER-OVERFLOW
    use(a, 8);
    free(a);
}

void heap_offset_8_ok(const char *s, int c)
{
    (void)c;
    char *a = malloc(8);
    if (a == NULL)
        return;
    char *p = a;
    p += 4;
    memcpy(p, s, 4);
    use(a, 8);
    free(a);
}

void cond_len_8_bad(const char *s, int c)
{
    (void)c;
    char a[8];
    size_t n = c ? 4 : 12;
    memcpy(a, s, n); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void cond_len_8_ok(const char *s, int c)
{
    (void)c;
    char a[8];
    size_t n = c ? 4 : 8;
    memcpy(a, s, n);
    use(a, sizeof a);
}

void void_cast_8_bad(const char *s, int c)
{
    (void)c;
    char a[8];
    void *v = a;
    memcpy((char *)v, s, 9); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void void_cast_8_ok(const char *s, int c)
{
    (void)c;
    char a[8];
    void *v = a;
    memcpy((char *)v, s, sizeof a);
    use(a, sizeof a);
}

void clamp_8_ok(const char *s, size_t n)
{
    char a[8];
    if (n > sizeof a)
        n = sizeof a;
    memcpy(a, s, n);
    use(a, sizeof a);
}

void guard_8_ok(const char *s, size_t n)
{
    char a[8];
    if (n <= sizeof a)
        memcpy(a, s, n);
    use(a, sizeof a);
}

struct pkt16 {
    unsigned char hdr[4];
    unsigned char body[16];
};

static void put16(char *d, const char *s, size_t n)
{
    memcpy(d, s, n);
}

void var_len_16_bad(const char *s, int c)
{
    (void)c;
    char a[16];
    size_t n = 24;
    memcpy(a, s, n); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void var_len_16_ok(const char *s, int c)
{
    (void)c;
    char a[16];
    size_t n = 16;
    memcpy(a, s, n);
    use(a, sizeof a);
}

void offset_16_bad(const char *s, int c)
{
    (void)c;
    char a[16];
    char *p = a + 8;
    memcpy(p, s, 16); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void offset_16_ok(const char *s, int c)
{
    (void)c;
    char a[16];
    char *p = a + 8;
    memcpy(p, s, 8);
    use(a, sizeof a);
}

void helper_16_bad(const char *s, int c)
{
    (void)c;
    char a[16];
    put16(a, s, 24); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void helper_16_ok(const char *s, int c)
{
    (void)c;
    char a[16];
    put16(a, s, sizeof a);
    use(a, sizeof a);
}

void member_16_bad(const char *s, int c)
{
    (void)c;
    struct pkt16 p;
    memcpy(p.body, s, 20); // expect: BW-BUFFER-OVERFLOW
    use(&p, sizeof p);
}

void member_16_ok(const char *s, int c)
{
    (void)c;
    struct pkt16 p;
    memcpy(p.body, s, sizeof p.body);
    use(&p, sizeof p);
}

void heap_offset_16_bad(const char *s, int c)
{
    (void)c;
    char *a = malloc(16);
    if (a == NULL)
        return;
    char *p = a;
    p += 4;
    memcpy(p, s, 16); // expect: BW-BUFFER-OVERFLOW
    use(a, 16);
    free(a);
}

void heap_offset_16_ok(const char *s, int c)
{
    (void)c;
    char *a = malloc(16);
    if (a == NULL)
        return;
    char *p = a;
    p += 4;
    memcpy(p, s, 12);
    use(a, 16);
    free(a);
}

void cond_len_16_bad(const char *s, int c)
{
    (void)c;
    char a[16];
    size_t n = c ? 8 : 24;
    memcpy(a, s, n); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void cond_len_16_ok(const char *s, int c)
{
    (void)c;
    char a[16];
    size_t n = c ? 8 : 16;
    memcpy(a, s, n);
    use(a, sizeof a);
}

void void_cast_16_bad(const char *s, int c)
{
    (void)c;
    char a[16];
    void *v = a;
    memcpy((char *)v, s, 17); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void void_cast_16_ok(const char *s, int c)
{
    (void)c;
    char a[16];
    void *v = a;
    memcpy((char *)v, s, sizeof a);
    use(a, sizeof a);
}

void clamp_16_ok(const char *s, size_t n)
{
    char a[16];
    if (n > sizeof a)
        n = sizeof a;
    memcpy(a, s, n);
    use(a, sizeof a);
}

void guard_16_ok(const char *s, size_t n)
{
    char a[16];
    if (n <= sizeof a)
        memcpy(a, s, n);
    use(a, sizeof a);
}

struct pkt32 {
    unsigned char hdr[4];
    unsigned char body[32];
};

static void put32(char *d, const char *s, size_t n)
{
    memcpy(d, s, n);
}

void var_len_32_bad(const char *s, int c)
{
    (void)c;
    char a[32];
    size_t n = 48;
    memcpy(a, s, n); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void var_len_32_ok(const char *s, int c)
{
    (void)c;
    char a[32];
    size_t n = 32;
    memcpy(a, s, n);
    use(a, sizeof a);
}

void offset_32_bad(const char *s, int c)
{
    (void)c;
    char a[32];
    char *p = a + 16;
    memcpy(p, s, 32); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void offset_32_ok(const char *s, int c)
{
    (void)c;
    char a[32];
    char *p = a + 16;
    memcpy(p, s, 16);
    use(a, sizeof a);
}

void helper_32_bad(const char *s, int c)
{
    (void)c;
    char a[32];
    put32(a, s, 48); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void helper_32_ok(const char *s, int c)
{
    (void)c;
    char a[32];
    put32(a, s, sizeof a);
    use(a, sizeof a);
}

void member_32_bad(const char *s, int c)
{
    (void)c;
    struct pkt32 p;
    memcpy(p.body, s, 36); // expect: BW-BUFFER-OVERFLOW
    use(&p, sizeof p);
}

void member_32_ok(const char *s, int c)
{
    (void)c;
    struct pkt32 p;
    memcpy(p.body, s, sizeof p.body);
    use(&p, sizeof p);
}

void heap_offset_32_bad(const char *s, int c)
{
    (void)c;
    char *a = malloc(32);
    if (a == NULL)
        return;
    char *p = a;
    p += 4;
    memcpy(p, s, 32); // expect: BW-BUFFER-OVERFLOW
    use(a, 32);
    free(a);
}

void heap_offset_32_ok(const char *s, int c)
{
    (void)c;
    char *a = malloc(32);
    if (a == NULL)
        return;
    char *p = a;
    p += 4;
    memcpy(p, s, 28);
    use(a, 32);
    free(a);
}

void cond_len_32_bad(const char *s, int c)
{
    (void)c;
    char a[32];
    size_t n = c ? 16 : 48;
    memcpy(a, s, n); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void cond_len_32_ok(const char *s, int c)
{
    (void)c;
    char a[32];
    size_t n = c ? 16 : 32;
    memcpy(a, s, n);
    use(a, sizeof a);
}

void void_cast_32_bad(const char *s, int c)
{
    (void)c;
    char a[32];
    void *v = a;
    memcpy((char *)v, s, 33); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void void_cast_32_ok(const char *s, int c)
{
    (void)c;
    char a[32];
    void *v = a;
    memcpy((char *)v, s, sizeof a);
    use(a, sizeof a);
}

void clamp_32_ok(const char *s, size_t n)
{
    char a[32];
    if (n > sizeof a)
        n = sizeof a;
    memcpy(a, s, n);
    use(a, sizeof a);
}

void guard_32_ok(const char *s, size_t n)
{
    char a[32];
    if (n <= sizeof a)
        memcpy(a, s, n);
    use(a, sizeof a);
}

struct pkt64 {
    unsigned char hdr[4];
    unsigned char body[64];
};

static void put64(char *d, const char *s, size_t n)
{
    memcpy(d, s, n);
}

void var_len_64_bad(const char *s, int c)
{
    (void)c;
    char a[64];
    size_t n = 96;
    memcpy(a, s, n); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void var_len_64_ok(const char *s, int c)
{
    (void)c;
    char a[64];
    size_t n = 64;
    memcpy(a, s, n);
    use(a, sizeof a);
}

void offset_64_bad(const char *s, int c)
{
    (void)c;
    char a[64];
    char *p = a + 32;
    memcpy(p, s, 64); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void offset_64_ok(const char *s, int c)
{
    (void)c;
    char a[64];
    char *p = a + 32;
    memcpy(p, s, 32);
    use(a, sizeof a);
}

void helper_64_bad(const char *s, int c)
{
    (void)c;
    char a[64];
    put64(a, s, 96); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void helper_64_ok(const char *s, int c)
{
    (void)c;
    char a[64];
    put64(a, s, sizeof a);
    use(a, sizeof a);
}

void member_64_bad(const char *s, int c)
{
    (void)c;
    struct pkt64 p;
    memcpy(p.body, s, 68); // expect: BW-BUFFER-OVERFLOW
    use(&p, sizeof p);
}

void member_64_ok(const char *s, int c)
{
    (void)c;
    struct pkt64 p;
    memcpy(p.body, s, sizeof p.body);
    use(&p, sizeof p);
}

void heap_offset_64_bad(const char *s, int c)
{
    (void)c;
    char *a = malloc(64);
    if (a == NULL)
        return;
    char *p = a;
    p += 4;
    memcpy(p, s, 64); // expect: BW-BUFFER-OVERFLOW
    use(a, 64);
    free(a);
}

void heap_offset_64_ok(const char *s, int c)
{
    (void)c;
    char *a = malloc(64);
    if (a == NULL)
        return;
    char *p = a;
    p += 4;
    memcpy(p, s, 60);
    use(a, 64);
    free(a);
}

void cond_len_64_bad(const char *s, int c)
{
    (void)c;
    char a[64];
    size_t n = c ? 32 : 96;
    memcpy(a, s, n); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void cond_len_64_ok(const char *s, int c)
{
    (void)c;
    char a[64];
    size_t n = c ? 32 : 64;
    memcpy(a, s, n);
    use(a, sizeof a);
}

void void_cast_64_bad(const char *s, int c)
{
    (void)c;
    char a[64];
    void *v = a;
    memcpy((char *)v, s, 65); // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
}

void void_cast_64_ok(const char *s, int c)
{
    (void)c;
    char a[64];
    void *v = a;
    memcpy((char *)v, s, sizeof a);
    use(a, sizeof a);
}

void clamp_64_ok(const char *s, size_t n)
{
    char a[64];
    if (n > sizeof a)
        n = sizeof a;
    memcpy(a, s, n);
    use(a, sizeof a);
}

void guard_64_ok(const char *s, size_t n)
{
    char a[64];
    if (n <= sizeof a)
        memcpy(a, s, n);
    use(a, sizeof a);
}
