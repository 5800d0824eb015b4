// C++ spells the null pointer NULL (__null) or nullptr, not ((void *)0):
// checks against either, stores of either and NULL returns of either are
// the same facts as in C.
#include <cassert>
#include <cstdlib>
#include <cstring>

struct rec {
    int c[4];
};

void check_null_ok(void)
{
    rec *r = static_cast<rec *>(malloc(sizeof *r));
    if (r == NULL)
        return;
    r->c[1] = 0;
    free(r);
}

void check_nullptr_ok(void)
{
    rec *r = static_cast<rec *>(malloc(sizeof *r));
    if (nullptr == r)
        return;
    r->c[1] = 0;
    free(r);
}

void guard_not_null_ok(void)
{
    rec *r = static_cast<rec *>(malloc(sizeof *r));
    if (r != NULL)
        r->c[1] = 0;
    free(r);
}

void unchecked_bad(void)
{
    rec *r = static_cast<rec *>(malloc(sizeof *r));
    r->c[1] = 0; // expect: BW-UNCHECKED-ALLOC
    free(r);
}

void free_then_null_ok(char *p)
{
    free(p);
    p = NULL;
    free(p);
}

void free_then_nullptr_ok(char *p)
{
    free(p);
    p = nullptr;
    free(p);
}

void free_twice_bad(char *p)
{
    free(p);
    free(p); // expect: BW-DOUBLE-FREE
}

void free_then_nullptr_use_ok(char *p)
{
    free(p);
    p = nullptr;
    if (p != nullptr)
        p[0] = 'x';
}

static rec *must(void)
{
    rec *r = static_cast<rec *>(calloc(1, sizeof(rec)));
    if (r == nullptr)
        abort();
    return r;
}

static rec *make_or_null(int kind)
{
    if (kind < 1 || kind > 5)
        return NULL;
    return must();
}

static rec *make_or_nullptr(int kind)
{
    if (kind < 1 || kind > 5)
        return nullptr;
    return must();
}

void returned_null_bad(int kind)
{
    rec *r = make_or_null(kind);
    r->c[0] = 1; // expect: BW-UNCHECKED-ALLOC
}

void returned_nullptr_bad(int kind)
{
    rec *r = make_or_nullptr(kind);
    r->c[0] = 1; // expect: BW-UNCHECKED-ALLOC
}

void returned_nullptr_checked_ok(int kind)
{
    rec *r = make_or_nullptr(kind);
    if (!r)
        return;
    r->c[0] = 1;
}

void returned_nullptr_in_range_ok(void)
{
    rec *r = make_or_nullptr(3);
    r->c[0] = 1;
}

void returned_nullptr_out_of_range_bad(void)
{
    rec *r = make_or_nullptr(9);
    r->c[0] = 1; // expect: BW-UNCHECKED-ALLOC
}

// C++'s assert() is `static_cast<bool>(e) ? void(0) : __assert_fail(...)`:
// the arm that cannot return ends its path
void assert_checked_ok(void)
{
    rec *r = static_cast<rec *>(malloc(sizeof *r));
    assert(r != nullptr);
    r->c[0] = 1;
    free(r);
}

void abort_arm_checked_ok(void)
{
    rec *r = static_cast<rec *>(malloc(sizeof *r));
    r ? (void)0 : abort();
    r->c[0] = 1;
    free(r);
}

void assert_other_bad(rec *q)
{
    rec *r = static_cast<rec *>(malloc(sizeof *r));
    assert(q != nullptr);
    r->c[0] = 1; // expect: BW-UNCHECKED-ALLOC
    free(r);
}

void plain_arm_bad(int verbose)
{
    rec *r = static_cast<rec *>(malloc(sizeof *r));
    verbose ? (void)0 : (void)r;
    r->c[0] = 1; // expect: BW-UNCHECKED-ALLOC
    free(r);
}
