/* Range shapes from the SQLite amalgamation that were reported although the
 * index stays in bounds (the safe twins), each beside a bad twin whose
 * bound really is past the end. */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint64_t u64;
void use(const void *p, size_t n);

/* p % 27 has p's sign; `if (n)` excludes the 0 at the edge of [-26, 0] */
u64 powers_ok(int p, unsigned *lo)
{
    static const u64 base[27] = {1};
    static const u64 scale[3] = {1, 2, 3};
    int g, n;
    if (p < 0) {
        if (p == -1) {
            *lo = 0;
            return scale[0];
        }
        g = p / 27;
        n = p % 27;
        if (n) {
            g--;
            n += 27;
        }
    } else if (p < 27) {
        *lo = 0;
        return base[p];
    } else {
        g = p / 27;
        n = p % 27;
    }
    if (n == 0)
        return (u64)g;
    return base[n];
}

u64 powers_bad(int p)
{
    static const u64 base[27] = {1};
    int n;
    if (p < 0) {
        n = p % 27;
        n += 27;
        return base[n]; // expect: BW-OFF-BY-ONE
    }
    return base[0];
}

/* a counter stepped by two from 0 while below 10 ends at 8: [i + 1] fits */
int get_meta(int key);
int update_meta(int key, int value);

int pairs_ok(void)
{
    static const unsigned char copy[] = {1, 0, 2, 0, 3, 0, 4, 0, 5, 0};
    int i, rc = 0, meta;
    for (i = 0; i < (int)(sizeof(copy) / sizeof(copy[0])); i += 2) {
        meta = get_meta(copy[i]);
        rc = update_meta(copy[i], meta + copy[i + 1]);
    }
    return rc;
}

int pairs_bad(void)
{
    static const int copy[10] = {1, 0, 2, 0, 3, 0, 4, 0, 5, 0};
    int sum = 0;
    for (int i = 0; i < 10; i += 2)
        sum += copy[i] * copy[i + 2]; // expect: BW-OFF-BY-ONE
    return sum;
}

/* a narrow member shifted or hashed is still bounded only by its type */
struct range_entry {
    u8 flags;
    u8 first;
};
static const unsigned short offsets[77] = {1};

int shift_member_ok(const struct range_entry *p)
{
    return offsets[p->flags >> 1];
}

int shift_const_bad(void)
{
    u8 flags = 200;
    return offsets[flags >> 1]; // expect: BW-BUFFER-OVERREAD
}

static const u8 kw_hash[127] = {1};

int hash_ok(const char *z, long n)
{
    long i = ((z[0] * 4) ^ (z[n - 1] * 3) ^ n) % 127;
    return kw_hash[i];
}

int hash_bad(const char *z, long n)
{
    long i = ((z[0] * 4) ^ (z[n - 1] * 3) ^ n) % 128;
    if (i < 0)
        return 0;
    return kw_hash[i]; // expect: BW-OFF-BY-ONE
}

/* comparing two unknown values bounds neither */
int same_type_ok(const u8 *p1, const u8 *p2)
{
    static const u8 len[10] = {0, 1, 2, 3, 4, 6, 8, 0, 0, 0};
    const int s1 = p1[1];
    const int s2 = p2[1];
    if (s1 == s2)
        return len[s1];
    return 0;
}

int same_const_bad(const u8 *p1)
{
    static const u8 len[10] = {0, 1, 2, 3, 4, 6, 8, 0, 0, 0};
    const int s1 = p1[1];
    if (s1 == 10)
        return len[s1]; // expect: BW-OFF-BY-ONE
    return 0;
}

/* a count grown by an unbounded loop: n - 1 is not INT_MAX - 1 */
int varint_ok(unsigned char *p, u64 v)
{
    unsigned char buf[10];
    int i, j, n = 0;
    do {
        buf[n++] = (unsigned char)((v & 0x7f) | 0x80);
        v >>= 7;
    } while (v != 0);
    buf[0] &= 0x7f;
    for (i = 0, j = n - 1; j >= 0; j--, i++)
        p[i] = buf[j];
    return n;
}

int varint_bad(unsigned char *p)
{
    unsigned char buf[10];
    memset(buf, 0, sizeof buf);
    int n = 11;
    for (int j = n - 1; j >= 0; j--)
        p[j] = buf[j]; // expect: BW-OFF-BY-ONE
    return n;
}

/* va_arg(ap, T *) is the next argument, not a read of `ap` */
struct methods {
    void *fn[10];
};
static struct methods g_methods;

void config_ok(int op, ...)
{
    va_list ap;
    va_start(ap, op);
    if (op == 1)
        g_methods = *va_arg(ap, struct methods *);
    else
        *va_arg(ap, struct methods *) = g_methods;
    va_end(ap);
}

void config_bad(int op, ...)
{
    va_list ap;
    char small[8];
    va_start(ap, op);
    memcpy(small, va_arg(ap, struct methods *), sizeof(struct methods)); // expect: BW-BUFFER-OVERFLOW
    va_end(ap);
    use(small, sizeof small);
}

/* a callee that indexes with its parameter: a u8 argument is only
 * bounded by its type, a constant is known */
static const char *const names[192] = {"a"};

const char *opcode_name(int i)
{
    return names[i];
}

const char *opcode_ok(const u8 *op)
{
    return opcode_name(op[0]);
}

const char *opcode_bad(void)
{
    return opcode_name(200); // expect: BW-BUFFER-OVERFLOW
}
