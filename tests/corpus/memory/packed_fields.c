/* Fields of packed words.  A field taken out of a word of unknown origin
 * -- `(w >> k) & m`, or `w & m` where the function also tests other bits of
 * w -- is bounded by how the program builds the word, as a bit-field is by
 * its width: an index that nothing else bounds stays silent, as one that
 * only its type bounds does.  A mask of a whole word (a hash) is a bound the
 * program chose, and a field of an untrusted word is the attacker's. */
#include <stdlib.h>
#include <unistd.h>

static const char *const ins_names[3] = {"insert", "set", "array_insert"};
static int table[10];

struct node {
    unsigned long tags[3][1];
};

struct cgroup_events {
    long events[2][3];
};

/* SQLite's JSON_INSERT_TYPE(flags) */
const char *shifted_field_ok(int flags)
{
    int kind = (flags >> 2) & 3;
    return ins_names[kind];
}

/* SQLite's real JSON_INSERT_TYPE(X): ((X) & 0xC) >> 2, of a pointer's bits */
const char *masked_then_shifted_ok(void *user_data)
{
    int flags = (int)(long)user_data;
    return ins_names[(flags & 0xc) >> 2];
}

/* a mask that keeps bit 0 is a whole word's, shifted or not */
const char *low_mask_then_shifted_bad(unsigned hash)
{
    return ins_names[(hash & 0xf) >> 2]; // expect: BW-OFF-BY-ONE
}

/* ... and a mask with bit 0 clear that is not shifted down is a bound */
int even_mask_bad(unsigned hash)
{
    return table[hash & 0xe]; // expect: BW-BUFFER-OVERREAD
}

/* hugetlb_cgroup's MEMFILE_IDX(private) */
long high_field_ok(const struct cgroup_events *cg, unsigned long private_word)
{
    int idx = (private_word >> 16) & 0xffff;
    return cg->events[idx][2];
}

/* the radix tree's `tag = flags & RADIX_TREE_ITER_TAG_MASK` */
int low_field_of_flags_ok(const struct node *n, unsigned flags)
{
    unsigned tag = flags & 0x0f;
    if (flags & 0x10)
        return (int)n->tags[tag][0];
    return 0;
}

int whole_word_mask_bad(unsigned hash)
{
    return table[hash & 15]; // expect: BW-BUFFER-OVERREAD
}

int whole_word_mask_ok(unsigned hash)
{
    return table[hash & 7];
}

/* the same word tested only with bits inside the mask is still a whole word */
int inner_bits_only_bad(unsigned hash)
{
    if (hash & 1)
        return 0;
    return table[hash & 15]; // expect: BW-BUFFER-OVERREAD
}

/* a field that a constant word fills is no longer of unknown origin */
int constant_word_bad(void)
{
    unsigned flags = 0x7c;
    int kind = (flags >> 2) & 0x1f;
    return table[kind]; // expect: BW-BUFFER-OVERREAD
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 0;
    unsigned w = (unsigned)atoi(argv[1]);
    int field = (w >> 2) & 15;
    return table[field]; // expect: BW-BUFFER-OVERREAD
}

/* a guard on the field is a bound again */
int guarded_field_bad(unsigned flags)
{
    unsigned tag = (flags >> 4) & 0x0f;
    if (tag > 12)
        return -1;
    return table[tag]; // expect: BW-BUFFER-OVERREAD
}

int guarded_field_ok(unsigned flags)
{
    unsigned tag = (flags >> 4) & 0x0f;
    if (tag >= 10)
        return -1;
    return table[tag];
}

/* the same through a callee that indexes with its parameter (the radix
 * tree's tag_get()) */
static int tag_get(const struct node *n, unsigned tag)
{
    return (int)n->tags[tag][0];
}

int field_to_callee_ok(const struct node *n, unsigned flags)
{
    unsigned tag = flags & 0x0f;
    return (flags & 0x20) ? tag_get(n, tag) : 0;
}

int whole_word_to_callee_bad(const struct node *n, unsigned hash)
{
    return tag_get(n, hash & 0x0f); // expect: BW-BUFFER-OVERFLOW
}

/* fields of words read from input are the attacker's, in a byte buffer as
 * in a lone word (a member of a struct that read() filled is not tracked as
 * untrusted: docs/triage.md, memory corpus gaps) */
int field_of_read_bytes_bad(int fd)
{
    unsigned char b[4];
    if (read(fd, b, sizeof b) != sizeof b)
        return -1;
    return table[(b[0] >> 4) & 0xf]; // expect: BW-BUFFER-OVERREAD
}
