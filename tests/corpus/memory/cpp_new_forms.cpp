// The forms of a C++ new-expression: new (std::nothrow) returns NULL when
// it fails, as malloc() does; a placement argument or a template's
// arguments before the array bound do not hide the bound.
#include <cstring>
#include <utility>
#include <new>

struct rec {
    int c[4];
};

void nothrow_unchecked_bad(void)
{
    rec *r = new (std::nothrow) rec;
    r->c[1] = 0; // expect: BW-UNCHECKED-ALLOC
    delete r;
}

void nothrow_checked_ok(void)
{
    rec *r = new (std::nothrow) rec;
    if (r == nullptr)
        return;
    r->c[1] = 0;
    delete r;
}

void plain_new_ok(void)
{
    rec *r = new rec; // throws std::bad_alloc: never NULL
    r->c[1] = 0;
    delete r;
}

void nothrow_array_unchecked_bad(void)
{
    char *p = new (std::nothrow) char[8];
    p[0] = 'x'; // expect: BW-UNCHECKED-ALLOC
    delete[] p;
}

void nothrow_array_fits_ok(void)
{
    char *p = new (std::nothrow) char[8];
    if (!p)
        return;
    std::memcpy(p, "1234567", 8);
    delete[] p;
}

void nothrow_array_overflow_bad(void)
{
    char *p = new (std::nothrow) char[8];
    if (!p)
        return;
    std::memcpy(p, "123456789", 10); // expect: BW-BUFFER-OVERFLOW
    delete[] p;
}

void placement_array_fits_ok(char *arena)
{
    char *p = new (arena) char[8];
    std::memcpy(p, "1234567", 8);
}

void placement_array_overflow_bad(char *arena)
{
    char *p = new (arena) char[8];
    std::memcpy(p, "123456789", 10); // expect: BW-BUFFER-OVERFLOW
}

void template_array_ok(void)
{
    std::pair<int, int> *m = new std::pair<int, int>[4];
    m[3].first = 1;
    delete[] m;
}

void template_array_bad(void)
{
    std::pair<int, int> *m = new std::pair<int, int>[4];
    m[4].first = 1; // expect: BW-OFF-BY-ONE
    delete[] m;
}

void initialised_array_ok(void)
{
    char *p = new char[4]{'a', 'b'};
    std::memcpy(p, "abc", 4);
    delete[] p;
}

void initialised_array_bad(void)
{
    char *p = new char[4]{'a', 'b'};
    std::memcpy(p, "abcd", 5); // expect: BW-BUFFER-OVERFLOW
    delete[] p;
}

// the bound written with a macro counts where it is used
#define REC_SLOTS 8
void macro_bound_bad(void)
{
    char *p = new char[REC_SLOTS];
    std::memcpy(p, "123456789", 10); // expect: BW-BUFFER-OVERFLOW
    delete[] p;
}

void macro_bound_ok(void)
{
    char *p = new char[REC_SLOTS + 1];
    std::memcpy(p, "123456789", 9);
    delete[] p;
}

// a placement argument from a macro is not the bound
static char arena_storage[64];
#define ARENA arena_storage
void macro_placement_ok(void)
{
    char *p = new (ARENA) char[8];
    std::memcpy(p, "1234567", 8);
}

void macro_placement_bad(void)
{
    char *p = new (ARENA) char[8];
    std::memcpy(p, "123456789", 10); // expect: BW-BUFFER-OVERFLOW
}

// operators inside the placement arguments are not template brackets
static char *pick(int) { return arena_storage; }
void placement_operators_ok(int a, int b)
{
    char *p = new (pick(a < b)) char[8];
    std::memcpy(p, "1234567", 8);
    char *q = new (pick(a >> 1)) char[8];
    std::memcpy(q, "1234567", 8);
}

void placement_operators_bad(int a, int b)
{
    char *p = new (pick(a > b)) char[8];
    std::memcpy(p, "123456789", 10); // expect: BW-BUFFER-OVERFLOW
}

// new T[n][K]: n rows, the first brackets
void rows_ok(void)
{
    char(*p)[2] = new (std::nothrow) char[8][2];
    if (!p)
        return;
    std::memcpy(p, "123456789abcdef", 16);
    delete[] p;
}

void rows_bad(void)
{
    char(*q)[4] = new (std::nothrow) char[2][4];
    if (!q)
        return;
    std::memcpy(q, "123456789", 10); // expect: BW-BUFFER-OVERFLOW
    delete[] q;
}

// new T[]{...}: as many elements as the initialiser
void unsized_ok(void)
{
    char *p = new char[]{'a', 'b', 'c', 'd'};
    std::memcpy(p, "abc", 4);
    delete[] p;
}

void unsized_bad(void)
{
    char *p = new char[]{'a', 'b', 'c', 'd'};
    std::memcpy(p, "abcd", 5); // expect: BW-BUFFER-OVERFLOW
    delete[] p;
}

// a wrapper that returns new (std::nothrow) returns NULL when it fails
static rec *make_rec(void)
{
    return new (std::nothrow) rec;
}

void wrapper_bad(void)
{
    rec *r = make_rec();
    r->c[0] = 1; // expect: BW-UNCHECKED-ALLOC
    delete r;
}

void wrapper_ok(void)
{
    rec *r = make_rec();
    if (r == nullptr)
        return;
    r->c[0] = 1;
    delete r;
}

// another namespace's std::nothrow_t is not the standard one
namespace mine {
namespace std {
struct nothrow_t {
};
} // namespace std
} // namespace mine
void *operator new(::std::size_t n, mine::std::nothrow_t);

void other_nothrow_ok(void)
{
    rec *r = new (mine::std::nothrow_t{}) rec;
    r->c[0] = 1;
}
