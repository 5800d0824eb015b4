// std::array<T, N>::data() points to the array's own N elements.
#include <array>
#include <cstring>

void array_copy_bad(const char *s)
{
    std::array<char, 8> a;
    std::memcpy(a.data(), s, 16); // expect: BW-BUFFER-OVERFLOW
}

void array_copy_ok(const char *s)
{
    std::array<char, 16> a;
    std::memcpy(a.data(), s, 16);
}

void array_ints_bad(const char *s)
{
    std::array<int, 4> a;
    std::memcpy(a.data() + 1, s, 16); // expect: BW-BUFFER-OVERFLOW
}

void array_ints_ok(const char *s)
{
    std::array<int, 4> a;
    std::memcpy(a.data() + 1, s, 12);
}

void array_pointer_bad(void)
{
    std::array<int, 4> a;
    int *p = a.data();
    p[4] = 1; // expect: BW-OFF-BY-ONE
}

void array_pointer_ok(void)
{
    std::array<int, 4> a;
    int *p = a.data();
    p[3] = 1;
}

void array_reference_bad(std::array<char, 8> &a, const char *s)
{
    std::memcpy(a.data(), s, 16); // expect: BW-BUFFER-OVERFLOW
}

void array_reference_ok(std::array<char, 16> &a, const char *s)
{
    std::memcpy(a.data(), s, 16);
}

// a program's own class named array: its data() is not the std one
struct array {
    char *p;
    char *data() { return p; }
};

void own_array_ok(array a, const char *s)
{
    std::memcpy(a.data(), s, 16);
}
