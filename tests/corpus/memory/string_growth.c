/* The length of the string a buffer holds, across loops and calls.  A
 * string that a loop only appends to grows with every iteration, however
 * short each piece is; a callee that may write into the buffer leaves a
 * string of any length there.  A reset in each iteration, a callee that
 * takes a const pointer, and one of the program's functions that only
 * reads keep what is known. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

void fill_from_device(char *buf);
void log_line(const char *line);
void log_wide(const wchar_t *line);

static size_t count_chars(char *p)
{
    size_t n = 0;
    while (p[n] != '\0')
        n++;
    return n;
}

static void fill_with_x(char *p)
{
    memset(p, 'x', 15);
    p[15] = '\0';
}

void loop_append_bad(int n)
{
    char buf[16];
    buf[0] = '\0';
    for (int i = 0; i < n; i++)
        strcat(buf, "abcd"); // expect: BW-DANGEROUS-API
    log_line(buf);
}

void loop_reset_ok(int n, const char *const *names)
{
    char line[64];
    for (int i = 0; i < n; i++) {
        strcpy(line, "name: ");
        strcat(line, "abcd");
        log_line(line);
    }
    (void)names;
}

void unknown_callee_bad(void)
{
    char buf[16];
    strcpy(buf, "ab");
    fill_from_device(buf);
    strcat(buf, "abcdefghijkl"); // expect: BW-DANGEROUS-API
    log_line(buf);
}

void const_callee_ok(void)
{
    char buf[16];
    strcpy(buf, "ab");
    log_line(buf);
    strcat(buf, "abcdefghijkl");
    log_line(buf);
}

void reading_callee_ok(void)
{
    char buf[16];
    strcpy(buf, "ab");
    if (count_chars(buf) > 2)
        return;
    strcat(buf, "abcdefghijkl");
    log_line(buf);
}

void writing_callee_bad(void)
{
    char buf[16];
    strcpy(buf, "ab");
    fill_with_x(buf);
    strcat(buf, "abcdefghijkl"); // expect: BW-DANGEROUS-API
    log_line(buf);
}

/* characters stored over the terminator join the string to what follows */
void stored_over_terminator_bad(void)
{
    char b[8];
    strcpy(b, "ab");
    b[2] = 'x';
    b[3] = 'y';
    b[4] = '\0';
    strcat(b, "abcd"); // expect: BW-BUFFER-OVERFLOW
    log_line(b);
}

void stored_through_pointer_bad(void)
{
    char b[8];
    strcpy(b, "ab");
    char *p = b + 2;
    *p++ = 'x';
    *p++ = 'y';
    *p = '\0';
    strcat(b, "abcd"); // expect: BW-DANGEROUS-API
    log_line(b);
}

/* ... while a character stored inside the string changes no length */
void stored_inside_ok(void)
{
    char b[8];
    strcpy(b, "abc");
    b[0] = 'A';
    strcat(b, "abcd");
    log_line(b);
}

/* strncat's n counts the characters it appends after the string already
 * there, and a terminator follows them: n = sizeof b is the classic misuse */
void strncat_whole_size_bad(const char *src)
{
    char b[16];
    strcpy(b, "prefix:");
    strncat(b, src, sizeof b); // expect: BW-BUFFER-OVERFLOW
    log_line(b);
}

void strncat_room_left_ok(const char *src)
{
    char b[16];
    strcpy(b, "prefix:");
    strncat(b, src, sizeof b - strlen(b) - 1);
    log_line(b);
}

/* a reset on one path only: the other path still grows the string */
void loop_conditional_reset_bad(int n, const int *c)
{
    char buf[16];
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (c[i])
            strcpy(buf, "");
        strcat(buf, "abcd"); // expect: BW-DANGEROUS-API
    }
    log_line(buf);
}

/* a string set again on some iterations only does not grow */
void loop_conditional_set_ok(int n, const int *c)
{
    char buf[32];
    buf[0] = '\0';
    for (int i = 0; i < n; i++)
        if (c[i])
            strcpy(buf, "0123456789");
    strcat(buf, "x");
    log_line(buf);
}

/* an edit in place, at places the ranges cannot pin down, keeps the length */
void replace_in_place_ok(void)
{
    char buf[16];
    strcpy(buf, "a/b/c");
    for (char *p = buf; *p; p++)
        if (*p == '/')
            *p = '_';
    strcat(buf, ".txt");
    log_line(buf);
}

/* ... and so does a wide character stored inside a wide string */
void wide_store_inside_ok(void)
{
    wchar_t w[16];
    wcscpy(w, L"abcdef");
    w[2] = L'X';
    wcscat(w, L"gh");
    log_wide(w);
}

/* a pointer to the buffer passed by address to a function nobody here
 * summarises: it may write through it as well as change it */
void refill_by_address(char **pp);

void pointer_by_address_bad(void)
{
    char buf[16];
    char *p = buf;
    strcpy(buf, "ab");
    refill_by_address(&p);
    strcat(buf, "abcdefghijkl"); // expect: BW-DANGEROUS-API
    log_line(buf);
}

/* ... while one of the program's own that only moves the pointer does not */
static void skip_one(char **pp)
{
    (*pp)++;
}

void pointer_moved_ok(void)
{
    char buf[16];
    char *p = buf;
    strcpy(buf, "ab");
    skip_one(&p);
    strcat(buf, "cd");
    log_line(buf);
}

/* a member array is one string across statements: p->name here and there */
struct named {
    int id;
    char name[16];
};

void refill_named(struct named *p);

void member_string_ok(struct named *p)
{
    strcpy(p->name, "ab");
    strcat(p->name, "cd");
    log_line(p->name);
}

void local_member_string_ok(void)
{
    struct named r;
    strcpy(r.name, "ab");
    strcat(r.name, "cd");
    log_line(r.name);
}

/* 8 + 8 + 1 bytes into 16 */
void member_string_bad(struct named *p)
{
    strcpy(p->name, "abcdefgh");
    strcat(p->name, "abcdefgh"); // expect: BW-BUFFER-OVERFLOW
    log_line(p->name);
}

/* ... and a write into the whole struct is one into its member */
void whole_struct_copied_bad(struct named *p, const struct named *src)
{
    strcpy(p->name, "ab");
    memcpy(p, src, sizeof *p);
    strcat(p->name, "abcdefghijkl"); // expect: BW-DANGEROUS-API
    log_line(p->name);
}

void whole_struct_assigned_bad(const struct named *src)
{
    struct named r;
    strcpy(r.name, "ab");
    r = *src;
    strcat(r.name, "abcdefghijkl"); // expect: BW-DANGEROUS-API
    log_line(r.name);
}

void whole_struct_refilled_bad(void)
{
    struct named r;
    strcpy(r.name, "ab");
    refill_named(&r);
    strcat(r.name, "abcdefghijkl"); // expect: BW-DANGEROUS-API
    log_line(r.name);
}

/* a helper that writes p->name writes p */
static void set_name(struct named *p, const char *s)
{
    strncpy(p->name, s, sizeof p->name - 1);
    p->name[sizeof p->name - 1] = '\0';
}

void member_set_by_helper_bad(struct named *p, const char *s)
{
    strcpy(p->name, "ab");
    set_name(p, s);
    strcat(p->name, "abcdefghijkl"); // expect: BW-DANGEROUS-API
    log_line(p->name);
}

/* a write from the address of another member can run over this one */
void member_overwritten_from_neighbour_bad(struct named *p)
{
    strcpy(p->name, "ab");
    memset(&p->id, 'A', sizeof *p);
    strcat(p->name, "abcdefghijkl"); // expect: BW-DANGEROUS-API
    log_line(p->name);
}

/* a struct declared in a loop is a new one each time */
void member_of_loop_struct_bad(const struct named *src, int n)
{
    for (int i = 0; i < n; i++) {
        struct named r = src[i];
        strcat(r.name, "abcdefghijkl"); // expect: BW-DANGEROUS-API
        strcpy(r.name, "ab");
        log_line(r.name);
    }
}

/* one offset, two sizes: a struct read as a larger one (the sockaddr
 * pattern) names a larger array */
struct short_rec {
    int t;
    char d[4];
};

struct long_rec {
    int t;
    char d[60];
};

void larger_view_ok(struct short_rec *p)
{
    if (p->d[0] == 'x')
        return;
    struct long_rec *b = (struct long_rec *)p;
    strcpy(b->d, "a string of twenty c");
    log_line(b->d);
}

/* a length taken of a member's string says nothing after the whole
 * struct is written: the block sized from it may be too small */
void member_length_outlived_bad(const struct named *src)
{
    struct named r;
    strcpy(r.name, "ab");
    size_t n = strlen(r.name);
    r = *src;
    char *b = malloc(n + 1);
    if (b == NULL)
        return;
    strcpy(b, r.name); // expect: BW-BUFFER-OVERFLOW
    log_line(b);
    free(b);
}

void member_length_refilled_bad(void)
{
    struct named r;
    strcpy(r.name, "ab");
    size_t n = strlen(r.name);
    refill_named(&r);
    char *b = malloc(n + 1);
    if (b == NULL)
        return;
    strcpy(b, r.name); // expect: BW-BUFFER-OVERFLOW
    log_line(b);
    free(b);
}

void member_length_taken_after_ok(const struct named *src)
{
    struct named r;
    strcpy(r.name, "ab");
    r = *src;
    size_t n = strlen(r.name);
    char *b = malloc(n + 1);
    if (b == NULL)
        return;
    strcpy(b, r.name);
    log_line(b);
    free(b);
}

static void fill_name(struct named *p)
{
    strcpy(p->name, "abcdefghijkl");
}

void member_length_helper_filled_bad(void)
{
    struct named r;
    strcpy(r.name, "ab");
    size_t n = strlen(r.name);
    fill_name(&r);
    char *b = malloc(n + 1);
    if (b == NULL)
        return;
    strcpy(b, r.name); // expect: BW-BUFFER-OVERFLOW
    log_line(b);
    free(b);
}

/* ... but a write the analysis cannot place, which may reach the member
 * only as far as the analysis knows (the address of a sibling member, a
 * member of another struct's element), leaves the measured length: the
 * copy still fits by construction */
void get_id(int *id);

void member_length_sibling_out_param_ok(void)
{
    struct named r;
    strcpy(r.name, "ab");
    size_t n = strlen(r.name);
    get_id(&r.id);
    char *b = malloc(n + 1);
    if (b == NULL)
        return;
    strcpy(b, r.name);
    log_line(b);
    free(b);
}

void member_length_sibling_read_ok(int fd)
{
    struct named r;
    strcpy(r.name, "ab");
    size_t n = strlen(r.name);
    if (read(fd, &r.id, sizeof r.id) != (ssize_t)sizeof r.id)
        return;
    char *b = malloc(n + 1);
    if (b == NULL)
        return;
    strcpy(b, r.name);
    log_line(b);
    free(b);
}

void member_length_other_element_ok(struct named *arr, int i)
{
    struct named r;
    strcpy(r.name, "ab");
    size_t n = strlen(r.name);
    strcpy(arr[i].name, "abcdefghijkl");
    char *b = malloc(n + 1);
    if (b == NULL)
        return;
    strcpy(b, r.name);
    log_line(b);
    free(b);
}

/* ... while a write of known length from a sibling's address that runs
 * past the sibling reaches the member: the measured length is stale */
void member_length_read_from_sibling_bad(int fd)
{
    struct named r;
    strcpy(r.name, "ab");
    size_t n = strlen(r.name);
    if (read(fd, &r.id, sizeof r) != (ssize_t)sizeof r)
        return;
    r.name[15] = '\0';
    char *b = malloc(n + 1);
    if (b == NULL)
        return;
    strcpy(b, r.name); // expect: BW-BUFFER-OVERFLOW
    log_line(b);
    free(b);
}

void member_length_copied_from_sibling_bad(const struct named *src)
{
    struct named r;
    strcpy(r.name, "ab");
    size_t n = strlen(r.name);
    memcpy(&r.id, src, sizeof r);
    char *b = malloc(n + 1);
    if (b == NULL)
        return;
    strcpy(b, r.name); // expect: BW-BUFFER-OVERFLOW
    log_line(b);
    free(b);
}

/* a length with an effect is not evaluated again: the write may run past
 * the sibling, and the measured length is dropped */
void member_length_copied_impure_len_bad(const struct named *src)
{
    struct named r;
    strcpy(r.name, "ab");
    size_t n = strlen(r.name);
    size_t k = sizeof r;
    memcpy(&r.id, src, k++);
    char *b = malloc(n + 1);
    if (b == NULL)
        return;
    strcpy(b, r.name); // expect: BW-BUFFER-OVERFLOW
    log_line(b);
    free(b);
}

/* ... but not a member that lies before the write */
struct named_last {
    char name[16];
    int id;
};

void member_length_before_sibling_write_ok(int fd, size_t k)
{
    struct named_last r;
    strcpy(r.name, "ab");
    size_t n = strlen(r.name);
    if (read(fd, &r.id, k) < 0)
        return;
    char *b = malloc(n + 1);
    if (b == NULL)
        return;
    strcpy(b, r.name);
    log_line(b);
    free(b);
}
