/* strcpy(dst, src) after a test that src's string is no longer than the
 * one dst holds: the copy fits in the space dst's own string and its
 * terminator take (cJSON_SetValuestring() reuses the old buffer that way).
 * Each safe twin was reported before: the fit of a source of unknown
 * length could not be proven. */
#include <string.h>

char *reuse_ok(char *dst, const char *src)
{
    if (strlen(src) <= strlen(dst)) {
        strcpy(dst, src);
        return dst;
    }
    return NULL;
}

char *reuse_flipped_ok(char *dst, const char *src)
{
    if (strlen(dst) >= strlen(src)) {
        strcpy(dst, src);
        return dst;
    }
    return NULL;
}

int reuse_after_return_ok(char *dst, const char *src)
{
    if (strlen(src) > strlen(dst))
        return -1;
    strcpy(dst, src);
    return 0;
}

char *reuse_strict_ok(char *dst, const char *src)
{
    if (strlen(src) + 1 < strlen(dst) + 1) {
        strcpy(dst, src);
        return dst;
    }
    return NULL;
}

/* one character more than dst holds: the terminator lands past it */
char *reuse_one_longer_bad(char *dst, const char *src)
{
    if (strlen(src) <= strlen(dst) + 1) {
        strcpy(dst, src); // expect: BW-DANGEROUS-API
        return dst;
    }
    return NULL;
}

/* the test the wrong way round */
char *reuse_reversed_bad(char *dst, const char *src)
{
    if (strlen(dst) <= strlen(src)) {
        strcpy(dst, src); // expect: BW-DANGEROUS-API
        return dst;
    }
    return NULL;
}

/* the failing side of the test */
int reuse_wrong_side_bad(char *dst, const char *src)
{
    if (strlen(src) <= strlen(dst))
        return -1;
    strcpy(dst, src); // expect: BW-DANGEROUS-API
    return 0;
}

/* dst's string shortened after the test: the room its old string took
 * is still there */
char *reuse_after_truncate_ok(char *dst, const char *src)
{
    if (strlen(src) <= strlen(dst)) {
        dst[0] = '\0';
        strcpy(dst, src);
        return dst;
    }
    return NULL;
}

/* src's string grown after the test */
char *reuse_after_append_bad(char *dst, char *src)
{
    if (strlen(src) <= strlen(dst)) {
        strcat(src, "!"); // expect: BW-DANGEROUS-API
        strcpy(dst, src); // expect: BW-DANGEROUS-API
        return dst;
    }
    return NULL;
}

/* compared with one string, copied into another place */
char *reuse_other_place_bad(char *dst, const char *src)
{
    if (strlen(src) <= strlen(dst)) {
        strcpy(dst + 1, src); // expect: BW-DANGEROUS-API
        return dst;
    }
    return NULL;
}

/* dst pointed elsewhere after the test */
char *reuse_repointed_bad(char *dst, char *spare, const char *src)
{
    if (strlen(src) <= strlen(dst)) {
        dst = spare;
        strcpy(dst, src); // expect: BW-DANGEROUS-API
        return dst;
    }
    return NULL;
}

/* src handed to a function that may lengthen it */
void lengthen(char *s);

char *reuse_after_call_bad(char *dst, char *src)
{
    if (strlen(src) <= strlen(dst)) {
        lengthen(src);
        strcpy(dst, src); // expect: BW-DANGEROUS-API
        return dst;
    }
    return NULL;
}

/* src lengthened through another pointer to it */
char *reuse_after_alias_bad(char *dst, char *src)
{
    char *same = src;
    if (strlen(src) <= strlen(dst)) {
        same[strlen(same)] = 'x';
        strcpy(dst, src); // expect: BW-DANGEROUS-API
        return dst;
    }
    return NULL;
}
