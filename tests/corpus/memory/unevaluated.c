/* Operands that never run: the arm `__builtin_choose_expr()` does not
 * choose, the associations `_Generic` does not select and the operand of
 * `__builtin_constant_p()` write nothing, so a copy there is no overflow;
 * the chosen arm is checked as if written alone.  (Of a `_Generic`
 * whose associations have the same type, which one runs is not known:
 * libclang does not say, and all are checked.)  Each safe twin was
 * reported by the build before. */
#include <string.h>

#define PICK(cond, a, b) __builtin_choose_expr(cond, a, b)

void unchosen_copy_safe(void)
{
    char name[4];
    PICK(1, strcpy(name, "ab"), strcpy(name, "abcdefgh"));
    (void)name;
}

void chosen_copy_bad(void)
{
    char name[4];
    PICK(0, strcpy(name, "ab"), strcpy(name, "abcdefgh")); // expect: BW-BUFFER-OVERFLOW
    (void)name;
}

void unselected_copy_safe(int n)
{
    char name[4];
    _Generic(n, int: (void)strcpy(name, "ab"), default: strcpy(name, "abcdefgh"));
    (void)name;
}

void selected_copy_bad(long n)
{
    char name[4];
    _Generic(n, int: (void)strcpy(name, "ab"), default: strcpy(name, "abcdefgh")); // expect: BW-BUFFER-OVERFLOW
    (void)name;
}

int constant_p_operand_safe(void)
{
    char name[4];
    strcpy(name, "ab");
    return __builtin_constant_p(({ strcpy(name, "abcdefgh"); 0; }));
}

int constant_p_beside_bad(int k)
{
    char name[4];
    strcpy(name, "ab");
    return __builtin_constant_p(k) || ({ strcpy(name, "abcdefgh"); 0; }); // expect: BW-BUFFER-OVERFLOW
}
