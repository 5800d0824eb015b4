/* strcpy(dst, src) after a test that src's string is no longer than the
 * one dst holds: the copy fits in the space dst's own string and its
 * terminator take (cJSON_SetValuestring() reuses the old buffer that way).
 * Each safe twin was reported before: the fit of a source of unknown
 * length could not be proven. */
#include <stdlib.h>
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

/* strlen(dst) - 1 wraps around for an empty dst: the test always holds
 * (helper-68's cases, with those below) */
char *reuse_minus_one_bad(char *dst, const char *src)
{
    if (strlen(src) <= strlen(dst) - 1) {
        strcpy(dst, src); // expect: BW-DANGEROUS-API
        return dst;
    }
    return NULL;
}

/* a global source that a call may lengthen */
char g_name[64];
void refresh_name(void);

void reuse_global_refreshed_bad(char *dst)
{
    if (strlen(g_name) <= strlen(dst)) {
        refresh_name();
        strcpy(dst, g_name); // expect: BW-DANGEROUS-API
    }
}

/* a call given a struct that leads to the source */
struct holder {
    char *s;
};
void fill_holder(struct holder *h);

void reuse_via_holder_bad(char *dst, char *src)
{
    struct holder h = {src};
    if (strlen(src) <= strlen(dst)) {
        fill_holder(&h);
        strcpy(dst, src); // expect: BW-DANGEROUS-API
    }
}

/* compared at one offset of a range, copied at another */
void reuse_other_offset_bad(char *buf, const char *src, int i, int j)
{
    if (i < 0 || i > 3 || j < 0 || j > 3)
        return;
    char *p = buf + i;
    if (strlen(src) <= strlen(p)) {
        p = buf + j;
        strcpy(p, src); // expect: BW-DANGEROUS-API
    }
}

/* the test made on one side of a join, for blocks the other side made */
char *reuse_after_join_bad(int c, const char *s1, const char *s2, const char *s3)
{
    char *q, *a, *w;
    if (c) {
        q = malloc(8);
        if (!q)
            return 0;
        w = malloc(4);
        if (!w)
            return 0;
        a = strdup(s3);
        if (!a)
            return 0;
        free(w);
    } else {
        q = strdup(s1);
        if (!q)
            return 0;
        a = strdup(s2);
        if (!a)
            return 0;
        if (strlen(a) > strlen(q))
            return 0;
    }
    strcpy(q, a); // expect: BW-DANGEROUS-API
    return q;
}
