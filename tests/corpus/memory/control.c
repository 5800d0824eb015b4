/* Control flow: every branch form, loops, switch and goto, each bad case
 * beside its safe twin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void if_then_bad(int c, const char *s)
{
    char b[8];
    if (c)
        memcpy(b, s, 12); // expect: BW-BUFFER-OVERFLOW
    else
        memcpy(b, s, 8);
    puts(b);
}

void if_then_ok(int c, const char *s)
{
    char b[8];
    if (c)
        memcpy(b, s, 4);
    else
        memcpy(b, s, 8);
    puts(b);
}

void if_len_bad(int c, const char *s)
{
    char b[8];
    size_t n = 4;
    if (c)
        n = 16;
    memcpy(b, s, n); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void if_len_ok(int c, const char *s)
{
    char b[16];
    size_t n = 4;
    if (c)
        n = 16;
    memcpy(b, s, n);
    puts(b);
}

void guard_lt_bad(const char *s, size_t n)
{
    char b[32];
    if (n <= sizeof b + 1)
        memcpy(b, s, n); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void guard_lt_ok(const char *s, size_t n)
{
    char b[32];
    if (n <= sizeof b)
        memcpy(b, s, n);
    puts(b);
}

void guard_early_return_ok(const char *s, size_t n)
{
    char b[32];
    if (n > sizeof b)
        return;
    memcpy(b, s, n);
    puts(b);
}

void guard_wrong_way_bad(const char *s, size_t n)
{
    char b[32];
    if (n > sizeof b)
        memcpy(b, s, n); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void ternary_bad(int c, const char *s)
{
    char b[10];
    memcpy(b, s, c ? 5 : 20); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void ternary_ok(int c, const char *s)
{
    char b[10];
    memcpy(b, s, c ? 5 : 10);
    puts(b);
}

void min_clamp_ok(const char *s, size_t n)
{
    char b[64];
    size_t k = n < sizeof b ? n : sizeof b;
    memcpy(b, s, k);
    puts(b);
}

void while_bad(void)
{
    int a[10];
    int i = 0;
    while (i <= 10) {
        a[i] = i; // expect: BW-OFF-BY-ONE
        i++;
    }
    printf("%d\n", a[0]);
}

void while_ok(void)
{
    int a[10];
    int i = 0;
    while (i < 10) {
        a[i] = i;
        i++;
    }
    printf("%d\n", a[0]);
}

void do_while_bad(void)
{
    char a[4];
    int i = 0;
    do {
        a[i] = 'x'; // expect: BW-BUFFER-OVERFLOW
        i++;
    } while (i < 8);
    puts(a);
}

void do_while_ok(void)
{
    char a[8];
    int i = 0;
    do {
        a[i] = 'x';
        i++;
    } while (i < 7);
    a[7] = 0;
    puts(a);
}

void nested_loops_bad(void)
{
    int m[4][4];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 5; j++)
            m[i][j] = 0; // expect: BW-OFF-BY-ONE
    printf("%d\n", m[0][0]);
}

void nested_loops_ok(void)
{
    int m[4][4];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            m[i][j] = 0;
    printf("%d\n", m[0][0]);
}

void loop_break_ok(const char *s)
{
    char b[16];
    int i;
    for (i = 0; s[i]; i++) {
        if (i == 15)
            break;
        b[i] = s[i];
    }
    b[i] = 0;
    puts(b);
}

void switch_bad(int k, const char *s)
{
    char b[16];
    switch (k) {
    case 1:
        memcpy(b, s, 8);
        break;
    case 2:
        memcpy(b, s, 32); // expect: BW-BUFFER-OVERFLOW
        break;
    default:
        break;
    }
    puts(b);
}

void switch_ok(int k, const char *s)
{
    char b[16];
    switch (k) {
    case 1:
        memcpy(b, s, 8);
        break;
    case 2:
        memcpy(b, s, 16);
        break;
    default:
        break;
    }
    puts(b);
}

void switch_len_bad(int k, const char *s)
{
    char b[16];
    size_t n = 0;
    switch (k) {
    case 0:
        n = 8;
        break;
    case 1:
        n = 24;
        break;
    }
    memcpy(b, s, n); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void goto_free_bad(int fail)
{
    char *p = malloc(16);
    if (p == NULL)
        return;
    if (fail)
        goto out;
    free(p);
out:
    free(p); // expect: BW-DOUBLE-FREE
}

void goto_cleanup_ok(int fail)
{
    char *p = malloc(16);
    if (p == NULL)
        return;
    if (fail)
        goto out;
    p[0] = 0;
    puts(p);
out:
    free(p);
}

void goto_uaf_bad(int fail)
{
    char *p = malloc(16);
    if (p == NULL)
        return;
    free(p);
    if (fail)
        goto out;
    return;
out:
    p[0] = 1; // expect: BW-USE-AFTER-FREE
}

void loop_free_reassign_ok(int n)
{
    for (int i = 0; i < n; i++) {
        char *p = malloc(8);
        if (p == NULL)
            return;
        p[0] = 0;
        free(p);
    }
}

void else_if_bad(int c, const char *s)
{
    char b[8];
    if (c == 0)
        memcpy(b, s, 1);
    else if (c == 1)
        memcpy(b, s, 2);
    else
        memcpy(b, s, 9); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

void else_if_ok(int c, const char *s)
{
    char b[8];
    if (c == 0)
        memcpy(b, s, 1);
    else if (c == 1)
        memcpy(b, s, 2);
    else
        memcpy(b, s, 8);
    puts(b);
}

void index_guard_and_bad(int i)
{
    int a[10];
    if (i >= 0 && i <= 10)
        a[i] = 1; // expect: BW-OFF-BY-ONE
    printf("%d\n", a[0]);
}

void index_guard_and_ok(int i)
{
    int a[10];
    if (i >= 0 && i < 10)
        a[i] = 1;
    printf("%d\n", a[0]);
}

void index_guard_or_return_ok(int i)
{
    int a[10];
    if (i < 0 || i >= 10)
        return;
    a[i] = 1;
    printf("%d\n", a[0]);
}

/* a case label says what the switched variable holds there (readelf's
 * ABI_STRINGS[abi >> EF_NDS_ABI_SHIFT] under `case E_NDS_ABI_V1: ...`) */
static const char *const abi_names[] = {"", "v1", "v2", "v2fp", "aabi", "v2fp+"};

const char *abi_name_ok(unsigned flags)
{
    unsigned abi = flags & 0xf0;
    switch (abi) {
    case 0x10:
    case 0x20:
    case 0x30:
    case 0x40:
    case 0x50:
        return abi_names[abi >> 4];
    default:
        return "?";
    }
}

const char *abi_name_bad(unsigned flags)
{
    unsigned abi = flags & 0xf0;
    switch (abi) {
    case 0x10:
    case 0x60:
        return abi_names[abi >> 4]; // expect: BW-OFF-BY-ONE
    default:
        return "?";
    }
}

const char *abi_range_ok(unsigned flags)
{
    unsigned abi = flags & 0xf;
    switch (abi) {
    case 1 ... 5:
        return abi_names[abi];
    default:
        return "?";
    }
}

const char *abi_range_bad(unsigned flags)
{
    unsigned abi = flags & 0xf;
    switch (abi) {
    case 1 ... 6:
        return abi_names[abi]; // expect: BW-OFF-BY-ONE
    default:
        return "?";
    }
}

/* with a default label every value takes a case: the state before the
 * switch does not reach the code after it */
void switch_default_ok(int kind)
{
    char buf[8];
    size_t n = 100;
    switch (kind) {
    case 0:
        n = 4;
        break;
    default:
        return;
    }
    memset(buf, 0, n);
    puts(buf);
}

void switch_no_default_bad(int kind)
{
    char buf[8];
    size_t n = 100;
    switch (kind) {
    case 0:
        n = 4;
        break;
    case 1:
        return;
    }
    memset(buf, 0, n); // expect: BW-BUFFER-OVERFLOW
    puts(buf);
}
