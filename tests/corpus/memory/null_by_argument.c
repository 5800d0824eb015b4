/* An allocating function whose only NULL returns follow a check of an
 * integer parameter (librdkafka's rd_hdr_histogram_new() returns NULL only
 * for significant figures outside 1..5): a call whose arguments fail that
 * check cannot get NULL, and its result needs no test.  Each safe twin was
 * reported before: the summary said "may return NULL" for every call. */
#include <stdlib.h>
#include <string.h>

struct hist {
    int digits;
    long counts[64];
};

static void *must_calloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (p == NULL)
        abort();
    return p;
}

struct hist *hist_new(long lowest, int digits)
{
    if (digits < 1 || digits > 5)
        return NULL;
    struct hist *h = must_calloc(1, sizeof(*h));
    h->digits = digits;
    h->counts[0] = lowest;
    return h;
}

void use_valid_digits_ok(void)
{
    struct hist *h = hist_new(1, 3);
    h->counts[1] = 0;
    free(h);
}

void use_digits_too_large_bad(void)
{
    struct hist *h = hist_new(1, 7);
    h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
    free(h);
}

void use_digits_zero_bad(void)
{
    struct hist *h = hist_new(1, 0);
    h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
    free(h);
}

/* the caller's own digits: nothing says they pass the check */
void use_callers_digits_bad(int digits)
{
    struct hist *h = hist_new(1, digits);
    h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
    free(h);
}

/* a range that lies inside the accepted one */
void use_chosen_digits_ok(int precise)
{
    struct hist *h = hist_new(1, precise ? 5 : 2);
    h->counts[1] = 0;
    free(h);
}

/* a range that reaches past it */
void use_chosen_digits_bad(int precise)
{
    struct hist *h = hist_new(1, precise ? 6 : 2);
    h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
    free(h);
}

/* The allocation itself may fail too: no argument makes this one safe. */
struct hist *hist_try(int digits)
{
    if (digits < 1)
        return NULL;
    return calloc(1, sizeof(struct hist));
}

void try_valid_digits_bad(void)
{
    struct hist *h = hist_try(3);
    h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
    free(h);
}

/* A NULL return behind a check of something else than the parameter. */
extern int out_of_slots;

struct hist *hist_pooled(int digits)
{
    if (digits > 5)
        return NULL;
    if (out_of_slots)
        return NULL;
    struct hist *h = must_calloc(1, sizeof(*h));
    h->digits = digits;
    return h;
}

void pooled_valid_digits_bad(void)
{
    struct hist *h = hist_pooled(3);
    h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
    free(h);
}

/* The NULL return inside a check of the parameter, but decided by more
 * than the parameter. */
struct hist *hist_large(int slots)
{
    if (slots > 32 && out_of_slots)
        return NULL;
    struct hist *h = must_calloc(1, sizeof(*h));
    h->digits = slots;
    return h;
}

void large_small_ok(void)
{
    struct hist *h = hist_large(8);
    h->counts[1] = 0;
    free(h);
}

void large_big_bad(void)
{
    struct hist *h = hist_large(40);
    h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
    free(h);
}

/* Arguments whose values the analysis may hold from before something
 * changed them (helper-68's cases): a global after a call, a variable
 * written through a pointer or by memcpy(), a copy of a global.  Only
 * constants and variables it follows exactly decide the callee's NULL. */
int g_digits;
void set_digits(int v) { g_digits = v; }

void via_global_bad(void)
{
    g_digits = 3;
    set_digits(9);
    struct hist *h = hist_new(1, g_digits);
    h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
    free(h);
}

void via_copy_of_global_bad(void)
{
    g_digits = 3;
    set_digits(9);
    int digits = g_digits;
    struct hist *h = hist_new(1, digits);
    h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
    free(h);
}

void via_pointer_bad(void)
{
    int digits = 3;
    int *pd = &digits;
    *pd = 7;
    struct hist *h = hist_new(1, digits);
    h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
    free(h);
}

void via_memcpy_bad(const char *buf)
{
    int digits = 3;
    memcpy(&digits, buf, sizeof digits);
    struct hist *h = hist_new(1, digits);
    h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
    free(h);
}

/* a loop's counter (librdkafka's unit test of every precision) */
void each_digits_ok(void)
{
    int digits;
    for (digits = 1; digits <= 5; digits++) {
        struct hist *h = hist_new(1, digits);
        h->counts[1] = 0;
        free(h);
    }
}

void each_digits_past_bad(void)
{
    int digits;
    for (digits = 1; digits <= 6; digits++) {
        struct hist *h = hist_new(1, digits);
        h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
        free(h);
    }
}

/* inline assembly writes the argument unseen (helper-70's cases, with
 * the next) */
void via_assembly_bad(void)
{
    int digits = 3;
    __asm__ volatile("" : "=r"(digits));
    struct hist *h = hist_new(1, digits);
    h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
}

/* a callee analysed again for the size of its write as well: only the
 * checked parameters' exact arguments decide its NULL, not the other
 * constants the analysis holds (`flag` was changed through a pointer) */
struct hist *hist_fill(char *out, int n, int digits, int flag)
{
    if (digits < 1)
        return NULL;
    int copy = flag;
    if (copy)
        return NULL;
    memset(out, 0, (size_t)n);
    return must_calloc(1, sizeof(struct hist));
}

void fill_changed_flag_bad(void)
{
    char buf[8];
    int flag = 0;
    int *q = &flag;
    *q = 1;
    struct hist *h = hist_fill(buf, 4, 3, flag);
    h->counts[1] = 0; // expect: BW-UNCHECKED-ALLOC
}
