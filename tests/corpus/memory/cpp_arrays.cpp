// C++: new[]/delete[], std::vector::data(), and reading into char arrays.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

void new_array_bad(const char *s)
{
    char *b = new char[8];
    std::memcpy(b, s, 16); // expect: BW-BUFFER-OVERFLOW
    delete[] b;
}

void new_array_ok(const char *s)
{
    char *b = new char[16];
    std::memcpy(b, s, 16);
    delete[] b;
}

void delete_twice_bad()
{
    char *b = new char[8];
    delete[] b;
    delete[] b; // expect: BW-DOUBLE-FREE
}

void delete_once_ok()
{
    char *b = new char[8];
    delete[] b;
    b = nullptr;
    delete[] b;
}

void use_after_delete_bad()
{
    int *v = new int[4];
    delete[] v;
    v[0] = 1; // expect: BW-USE-AFTER-FREE
}

void cin_unbounded_bad()
{
    char name[16];
    std::cin >> name; // expect: BW-DANGEROUS-API
    std::cout << name;
}

void cin_string_ok()
{
    std::string name; // grows to fit: no width needed
    std::cin >> name;
    std::cout << name;
}

void cin_width_ok()
{
    char name[16];
    std::cin.width(sizeof name); // at most 15 characters and the terminator
    std::cin >> name;
    std::cout << name;
}

void cin_width_too_wide_bad()
{
    char name[16];
    std::cin.width(32);
    std::cin >> name; // expect: BW-BUFFER-OVERFLOW
    std::cout << name;
}

void cin_width_consumed_bad()
{
    char first[16], second[16];
    std::cin.width(sizeof first);
    std::cin >> first;
    std::cin >> second; // expect: BW-DANGEROUS-API
    std::cout << first << second;
}
