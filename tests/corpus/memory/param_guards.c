/* An integer parameter is bounded only by its type until a guard sets an
 * upper bound; a guard that only raises its lower end (`dist == 0` handled
 * first, then `dist--`) leaves it as unknown as before.  zlib's d_code()
 * (deftree.c) was reported reading at offset 33554687 of a 512-byte table
 * (the safe twin, reported before); the bad twin's bound is the program's. */
static unsigned char dist_code[512];

struct tally {
    int freq[30];
};

#define D_CODE(dist) ((dist) < 256 ? dist_code[dist] : dist_code[256 + ((dist) >> 7)])

int tally_ok(struct tally *s, unsigned dist)
{
    if (dist == 0) {
        s->freq[0]++;
    } else {
        dist--;
        s->freq[D_CODE(dist)]++;
    }
    return 0;
}

int tally_bad(struct tally *s, unsigned dist)
{
    if (dist != 0 && dist < 1024) {
        dist--;
        return dist < 256 ? dist_code[dist] : dist_code[256 + (dist >> 1)]; // expect: BW-BUFFER-OVERREAD
    }
    return 0;
}

/* A guard's lower end is kept (`if (n > sizeof b)`, memory/control.c), but
 * an unsigned sum that can wrap keeps none: done = -partial, then done + 64
 * is 64 - partial (Linux's sha256_update()).  Reported as "at least 65
 * bytes" by a first version of this change, silent before it. */
#include <string.h>

struct sha_state {
    unsigned long long count;
    unsigned char buf[64];
};

void update_ok(struct sha_state *st, const unsigned char *data, unsigned int len)
{
    unsigned int partial = st->count & 0x3f, done = 0;
    if (partial + len > 63 && partial) {
        done = -partial;
        memcpy(st->buf + partial, data, done + 64);
    }
}

void copy_bad(unsigned char *dst, const unsigned char *data, unsigned int n)
{
    unsigned char b[32];
    if (n > sizeof b)
        memcpy(b, data, n); // expect: BW-BUFFER-OVERFLOW
    memcpy(dst, b, sizeof b);
}
