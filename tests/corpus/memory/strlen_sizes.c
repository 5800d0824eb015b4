/* Blocks sized from strlen(): how much the copy writes is known relative to
 * the allocation even when neither length is (strlen(s) vs strlen(s) + 1),
 * directly or through a length variable. */
#include <stdlib.h>
#include <string.h>

char *dup_var_bad(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n);
    if (p == NULL)
        return NULL;
    strcpy(p, s); // expect: BW-OFF-BY-ONE
    return p;
}

char *dup_var_ok(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p == NULL)
        return NULL;
    strcpy(p, s);
    return p;
}

char *dup_memcpy_bad(const char *s)
{
    char *p = malloc(strlen(s));
    if (p == NULL)
        return NULL;
    memcpy(p, s, strlen(s) + 1); // expect: BW-OFF-BY-ONE
    return p;
}

char *dup_memcpy_ok(const char *s)
{
    char *p = malloc(strlen(s) + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, strlen(s) + 1);
    return p;
}

char *dup_len_var_bad(const char *s)
{
    size_t len = strlen(s);
    char *p = malloc(len);
    if (p == NULL)
        return NULL;
    memcpy(p, s, len + 1); // expect: BW-OFF-BY-ONE
    return p;
}

char *dup_len_var_ok(const char *s)
{
    size_t len = strlen(s);
    char *p = malloc(len + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, len + 1);
    return p;
}

char *dup_plus_two_bad(const char *s)
{
    char *p = malloc(strlen(s) + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, strlen(s) + 3); // expect: BW-BUFFER-OVERFLOW
    return p;
}

char *dup_quote_ok(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 3);
    if (p == NULL)
        return NULL;
    p[0] = '"';
    memcpy(p + 1, s, n);
    p[n + 1] = '"';
    p[n + 2] = '\0';
    return p;
}

/* sizeof(char) * n, as XNEWVEC(char, n) expands */
char *dup_sizeof_char_ok(const char *s)
{
    char *p = malloc(sizeof(char) * (strlen(s) + 1));
    if (p == NULL)
        return NULL;
    strcpy(p, s);
    return p;
}

char *dup_sizeof_char_bad(const char *s)
{
    char *p = malloc(sizeof(char) * strlen(s));
    if (p == NULL)
        return NULL;
    strcpy(p, s); // expect: BW-OFF-BY-ONE
    return p;
}
