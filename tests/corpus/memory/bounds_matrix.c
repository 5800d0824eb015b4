/* Index and bounds matrix: loops that run one past the end (<= N), constant
 * indices past the end or before the start, reads from a smaller source,
 * and allocation sizes computed without an overflow check; each with a
 * safe twin. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct table {
    int ids[8];
    char tag[8];
};

int g_ids[8];
void use(const void *p, size_t n);

void loop_le_char_bad(void)
{
    char a[8];
    for (int i = 0; i <= 8; i++)
        a[i] = 0; // expect: BW-OFF-BY-ONE
    use(a, sizeof a);
}

void loop_lt_char_ok(void)
{
    char a[8];
    for (int i = 0; i < 8; i++)
        a[i] = 0;
    use(a, sizeof a);
}

void const_past_char_bad(void)
{
    char a[8];
    memset(a, 0, sizeof a);
    a[8] = 1; // expect: BW-OFF-BY-ONE
    use(a, sizeof a);
}

void const_last_char_ok(void)
{
    char a[8];
    memset(a, 0, sizeof a);
    a[7] = 1;
    use(a, sizeof a);
}

void const_before_char_bad(void)
{
    char a[8];
    memset(a, 0, sizeof a);
    a[-1] = 1; // expect: BW-BUFFER-UNDERWRITE
    use(a, sizeof a);
}

void const_first_char_ok(void)
{
    char a[8];
    memset(a, 0, sizeof a);
    a[0] = 1;
    use(a, sizeof a);
}

void loop_le_int_bad(void)
{
    int a[8];
    for (int i = 0; i <= 8; i++)
        a[i] = 0; // expect: BW-OFF-BY-ONE
    use(a, sizeof a);
}

void loop_lt_int_ok(void)
{
    int a[8];
    for (int i = 0; i < 8; i++)
        a[i] = 0;
    use(a, sizeof a);
}

void const_past_int_bad(void)
{
    int a[8];
    memset(a, 0, sizeof a);
    a[8] = 1; // expect: BW-OFF-BY-ONE
    use(a, sizeof a);
}

void const_last_int_ok(void)
{
    int a[8];
    memset(a, 0, sizeof a);
    a[7] = 1;
    use(a, sizeof a);
}

void const_before_int_bad(void)
{
    int a[8];
    memset(a, 0, sizeof a);
    a[-1] = 1; // expect: BW-BUFFER-UNDERWRITE
    use(a, sizeof a);
}

void const_first_int_ok(void)
{
    int a[8];
    memset(a, 0, sizeof a);
    a[0] = 1;
    use(a, sizeof a);
}

void loop_le_long_bad(void)
{
    long a[8];
    for (int i = 0; i <= 8; i++)
        a[i] = 0; // expect: BW-OFF-BY-ONE
    use(a, sizeof a);
}

void loop_lt_long_ok(void)
{
    long a[8];
    for (int i = 0; i < 8; i++)
        a[i] = 0;
    use(a, sizeof a);
}

void const_past_long_bad(void)
{
    long a[8];
    memset(a, 0, sizeof a);
    a[8] = 1; // expect: BW-OFF-BY-ONE
    use(a, sizeof a);
}

void const_last_long_ok(void)
{
    long a[8];
    memset(a, 0, sizeof a);
    a[7] = 1;
    use(a, sizeof a);
}

void const_before_long_bad(void)
{
    long a[8];
    memset(a, 0, sizeof a);
    a[-1] = 1; // expect: BW-BUFFER-UNDERWRITE
    use(a, sizeof a);
}

void const_first_long_ok(void)
{
    long a[8];
    memset(a, 0, sizeof a);
    a[0] = 1;
    use(a, sizeof a);
}

void loop_le_double_bad(void)
{
    double a[8];
    for (int i = 0; i <= 8; i++)
        a[i] = 0; // expect: BW-OFF-BY-ONE
    use(a, sizeof a);
}

void loop_lt_double_ok(void)
{
    double a[8];
    for (int i = 0; i < 8; i++)
        a[i] = 0;
    use(a, sizeof a);
}

void const_past_double_bad(void)
{
    double a[8];
    memset(a, 0, sizeof a);
    a[8] = 1; // expect: BW-OFF-BY-ONE
    use(a, sizeof a);
}

void const_last_double_ok(void)
{
    double a[8];
    memset(a, 0, sizeof a);
    a[7] = 1;
    use(a, sizeof a);
}

void const_before_double_bad(void)
{
    double a[8];
    memset(a, 0, sizeof a);
    a[-1] = 1; // expect: BW-BUFFER-UNDERWRITE
    use(a, sizeof a);
}

void const_first_double_ok(void)
{
    double a[8];
    memset(a, 0, sizeof a);
    a[0] = 1;
    use(a, sizeof a);
}

void loop_le_global_bad(void)
{
    for (int i = 0; i <= 8; i++)
        g_ids[i] = 0; // expect: BW-OFF-BY-ONE
    use(g_ids, sizeof g_ids);
}

void loop_lt_global_ok(void)
{
    for (int i = 0; i < 8; i++)
        g_ids[i] = 0;
    use(g_ids, sizeof g_ids);
}

void loop_le_member_bad(void)
{
    struct table t;
    for (int i = 0; i <= 8; i++)
        t.ids[i] = 0; // expect: BW-OFF-BY-ONE
    use(&t, sizeof t);
}

void loop_lt_member_ok(void)
{
    struct table t;
    for (int i = 0; i < 8; i++)
        t.ids[i] = 0;
    use(&t, sizeof t);
}

void overread_12_bad(void)
{
    char small[8] = "abcdefg";
    char big[32];
    memcpy(big, small, 12); // expect: BW-BUFFER-OVERREAD
    use(big, sizeof big);
}

void overread_16_bad(void)
{
    char small[8] = "abcdefg";
    char big[32];
    memcpy(big, small, 16); // expect: BW-BUFFER-OVERREAD
    use(big, sizeof big);
}

void overread_32_bad(void)
{
    char small[8] = "abcdefg";
    char big[32];
    memcpy(big, small, 32); // expect: BW-BUFFER-OVERREAD
    use(big, sizeof big);
}

void overread_ok(void)
{
    char small[8] = "abcdefg";
    char big[32];
    memcpy(big, small, sizeof small);
    use(big, sizeof big);
}

void malloc_mul_bad(size_t n, size_t m)
{
    (void)m;
    void *p = malloc(n * m); // expect: BW-ALLOC-SIZE-OVERFLOW
    use(p, 0);
    free(p);
}


void calloc_ok(size_t n, size_t m)
{
    void *p = calloc(n, m);
    use(p, 0);
    free(p);
}

void checked_mul_ok(size_t n, size_t m)
{
    size_t bytes;
    if (__builtin_mul_overflow(n, m, &bytes))
        return;
    void *p = malloc(bytes);
    use(p, 0);
    free(p);
}
