/* Values that only their type bounds (unknown counts, members, unsigned
 * differences) say nothing about an index: the safe twins are the shapes
 * that real code (SQLite's digit loops, our own point-to sets) uses and that
 * were reported with offsets like 2147483645; each bad twin has a bound the
 * program really sets. */
#include <stdint.h>
#include <string.h>

typedef unsigned short u16;
void use(const void *p, size_t n);

/* &a[i] through a cast: an unknown counter stepped by two */
int digits_addr_ok(unsigned long long x, const char *pairs)
{
    char a[21];
    int i = 20;
    a[i] = 0;
    while (x >= 10) {
        int kk = (int)(x % 100) * 2;
        *(u16 *)(&a[i - 2]) = *(const u16 *)&pairs[kk];
        i -= 2;
        x /= 100;
    }
    use(a, sizeof a);
    return i;
}

int digits_addr_bad(const char *pairs)
{
    char a[21];
    int i = 20;
    *(u16 *)(&a[i]) = *(const u16 *)pairs; // expect: BW-BUFFER-OVERFLOW
    use(a, sizeof a);
    return i;
}

/* a loop bounded by a narrow count member */
struct ptset {
    uint8_t n;
    uint32_t v[4];
};

uint32_t member_count_ok(const struct ptset *s)
{
    uint32_t sum = 0;
    for (uint8_t i = 0; i < s->n; i++)
        sum += s->v[i];
    return sum;
}

uint32_t member_count_bad(const struct ptset *s)
{
    uint32_t sum = 0;
    for (uint8_t i = 0; i < 8; i++)
        sum += s->v[i]; // expect: BW-BUFFER-OVERREAD
    return sum;
}

/* a guard against an unknown result: the counter is below it, not below INT_MAX */
int classes(const char *fmt, char *out, int cap);

int unknown_result_ok(const char *fmt, int ci)
{
    char cls[64];
    int n = classes(fmt, cls, 64);
    if (ci >= 0 && n >= 0 && ci < n && cls[ci] == 's')
        return 1;
    return 0;
}

int unknown_result_bad(const char *fmt)
{
    char cls[64];
    int n = classes(fmt, cls, 64);
    if (n >= 0 && cls[64] == 's') // expect: BW-OFF-BY-ONE
        return 1;
    return 0;
}

/* unsigned differences wrap: k - first is never -1 */
void unsigned_diff_ok(int *out, int method, unsigned na)
{
    int args[16];
    unsigned first = method ? 1 : 0;
    for (unsigned k = first; k < na; k++)
        if (k - first < 16)
            args[k - first] = (int)k;
    memcpy(out, args, sizeof args);
}

void signed_diff_bad(int *out)
{
    int args[16];
    int k = 0;
    args[k - 1] = 0; // expect: BW-BUFFER-UNDERWRITE
    memcpy(out, args, sizeof args);
}
