/*
 * A number stored in or cast to bool is 0 or 1 (Linux's `bool highpri =
 * wq->flags & WQ_HIGHPRI;` then `attrs[highpri]`), not the number itself;
 * an index built on it is still checked.
 */
#include <stdbool.h>

#define HIGHPRI 0x10

static const char *pools[2] = {"normal", "high"};
static const char *one[1] = {"only"};

/* safe: highpri is 0 or 1 */
const char *pool_name(unsigned flags)
{
    bool highpri = flags & HIGHPRI;
    return pools[highpri];
}

/* safe: the same through a cast */
const char *pool_name_cast(unsigned flags)
{
    return pools[(bool)(flags & HIGHPRI)];
}

/* safe: assigned after its declaration */
const char *pool_name_assigned(unsigned flags)
{
    bool highpri;
    highpri = flags & HIGHPRI;
    return pools[highpri];
}

/* bad: kept as a number, the masked bit is 16 */
const char *pool_name_int(unsigned flags)
{
    unsigned highpri = flags & HIGHPRI;
    return pools[highpri]; // expect: BW-BUFFER-OVERREAD
}

/* bad: one past the two pools */
const char *pool_next(unsigned flags)
{
    bool highpri = flags & HIGHPRI;
    return pools[highpri + 1]; // expect: BW-OFF-BY-ONE
}

/* bad: a bool of 1 indexes one element */
const char *only_name(unsigned flags)
{
    return one[(bool)(flags & HIGHPRI)]; // expect: BW-OFF-BY-ONE
}

/* safe: a bool parameter indexes two pools */
const char *pool_of(bool high)
{
    return pools[high];
}

/* bad: a bool parameter may be 1 */
const char *only_of(bool high)
{
    return one[high]; // expect: BW-OFF-BY-ONE
}

struct opts {
    bool verbose;
};

/* safe: a bool read from memory and copied is only its type's, like any
 * number read there */
const char *verbose_name(const struct opts *o)
{
    bool v = o->verbose;
    return one[v];
}
