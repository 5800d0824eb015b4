/* Sizes rounded up with an alignment mask, as the Linux bitmap helpers do
 * (bitmap_size(nbits) = ALIGN(nbits, BITS_PER_LONG) / 8) and as
 * radix_tree_find_next_bit() steps to the next word.  `x & ~(A - 1)` rounds
 * x down: it is no bound on an unknown x, and for a known x it is x's own
 * range rounded.  A helper whose write size comes from its parameters is
 * sized at each call from the call's constants.  Each safe twin was
 * reported before (536870904 bytes, or a read past a one-word row). */
#include <string.h>

#define ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((a) - 1))

static inline void bm_fill(unsigned long *dst, unsigned int nbits)
{
    unsigned int len = ALIGN_UP(nbits, 64u) / 8;
    if (__builtin_constant_p(nbits) && nbits <= 64 && nbits > 0)
        *dst = ~0UL;
    else
        memset(dst, 0xff, len);
}

struct node {
    unsigned long tags[3][1];
};

void fill_ok(struct node *n, unsigned int tag) { bm_fill(n->tags[tag], 64); }

void fill_bad(struct node *n, unsigned int tag)
{
    bm_fill(n->tags[tag], 128); // expect: BW-BUFFER-OVERFLOW
}

/* through a second helper that passes its own size on */
static void fill_row(unsigned long *row, unsigned int nbits) { bm_fill(row, nbits); }

void fill_nested_ok(struct node *n, unsigned int tag) { fill_row(n->tags[tag], 64); }

void fill_nested_bad(struct node *n, unsigned int tag)
{
    fill_row(n->tags[tag], 192); // expect: BW-BUFFER-OVERFLOW
}

/* offset < 64, then rounded up to the next word: 64, so the loop never runs */
unsigned long next_ok(struct node *n, unsigned int tag, unsigned long offset)
{
    const unsigned long *addr = n->tags[tag];
    if (offset < 64) {
        unsigned long tmp;
        addr += offset / 64;
        tmp = *addr >> (offset % 64);
        if (tmp)
            return offset;
        offset = (offset + 64) & ~(64UL - 1);
        while (offset < 64) {
            tmp = *++addr;
            if (tmp)
                return offset;
            offset += 64;
        }
    }
    return 64;
}

/* the same loop over two words of a one-word row */
unsigned long next_bad(struct node *n, unsigned int tag, unsigned long offset)
{
    const unsigned long *addr = n->tags[tag];
    if (offset < 64) {
        unsigned long tmp;
        offset = (offset + 64) & ~(64UL - 1);
        while (offset < 128) {
            tmp = *++addr; // expect: BW-BUFFER-OVERREAD
            if (tmp)
                return offset;
            offset += 64;
        }
    }
    return 64;
}
