/* A test of `x & (2^k - 1)` against zero says whether x is a multiple of
 * 2^k: a non-zero result excludes a bound that is one (nanopb's
 * pb_decode: `if ((req_field_count & 31) != 0)` then
 * `fields_seen.bitfield[req_field_count >> 5]` with the count at most 64
 * reads element 1 of 2 at most; a false off-by-one error). */
#include <stdint.h>

struct seen {
    uint32_t bitfield[2];
};

/* safe: 64 is a multiple of 32, so it is not here */
int remaining_bits_ok(unsigned n, const struct seen *f)
{
    if (n > 64)
        n = 64;
    if ((n & 31) != 0)
        return f->bitfield[n >> 5] != 0;
    return 0;
}

/* bad: a zero result keeps 64 */
int whole_words_bad(unsigned n, const struct seen *f)
{
    if (n > 64)
        n = 64;
    if ((n & 31) == 0)
        return f->bitfield[n >> 5] != 0; // expect: BW-OFF-BY-ONE
    return 0;
}

/* safe: the bare form */
int bare_mask_ok(unsigned n, const struct seen *f)
{
    if (n > 64)
        n = 64;
    if (n & 31)
        return f->bitfield[n >> 5] != 0;
    return 0;
}

/* bad: 95 is no multiple of 32 and stays */
int not_a_multiple_bad(unsigned n, const struct seen *f)
{
    if (n > 95)
        n = 95;
    if ((n & 31) != 0)
        return f->bitfield[n >> 5] != 0; // expect: BW-OFF-BY-ONE
    return 0;
}

/* bad: the mask is no power of two less one */
int other_mask_bad(unsigned n, const struct seen *f)
{
    if (n > 64)
        n = 64;
    if ((n & 33) != 0)
        return f->bitfield[n >> 5] != 0; // expect: BW-OFF-BY-ONE
    return 0;
}

/* safe: the mask on the left (helper-67's review) */
int mask_first_ok(unsigned n, const struct seen *f)
{
    if (n > 64)
        n = 64;
    if ((31 & n) != 0)
        return f->bitfield[n >> 5] != 0;
    return 0;
}

/* bad: a cast that drops bits tests another value: a zero result is any
 * multiple of 256 here, so n may be 256 */
struct eight {
    uint32_t w[8];
};

int narrowed_bad(unsigned n, const struct eight *e)
{
    if (n > 300)
        n = 300;
    if (((uint8_t)n & 511) == 0)
        return e->w[n >> 5] != 0; // expect: BW-BUFFER-OVERREAD
    return 0;
}
