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
