/* Blocks sized from one or two strlen() calls and filled by sprintf(): the
 * text is the format's other characters plus those strings, so it fits (or
 * not) whatever the strings' lengths -- Linux's kobject_uevent.c and
 * kobject.c size "%s@%s" and "DEVPATH_OLD=%s" this way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *env_entry_ok(const char *path)
{
    char *s = malloc(strlen(path) + 15);
    if (s == NULL)
        return NULL;
    sprintf(s, "DEVPATH_OLD=%s", path); /* 12 + strlen + 1 <= strlen + 15 */
    return s;
}

char *env_entry_exact_ok(const char *path)
{
    char *s = malloc(strlen(path) + 13);
    if (s == NULL)
        return NULL;
    sprintf(s, "DEVPATH_OLD=%s", path);
    return s;
}

char *env_entry_bad(const char *path)
{
    char *s = malloc(strlen(path) + 12);
    if (s == NULL)
        return NULL;
    sprintf(s, "DEVPATH_OLD=%s", path); // expect: BW-OFF-BY-ONE
    return s;
}

char *env_entry_short_bad(const char *path)
{
    char *s = malloc(strlen(path) + 4);
    if (s == NULL)
        return NULL;
    sprintf(s, "DEVPATH_OLD=%s", path); // expect: BW-BUFFER-OVERFLOW
    return s;
}

char *action_path_ok(const char *action, const char *path)
{
    size_t len = strlen(action) + strlen(path) + 2;
    char *s = malloc(len);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s@%s", action, path);
    return s;
}

char *action_path_swapped_ok(const char *action, const char *path)
{
    char *s = malloc(strlen(path) + strlen(action) + 2);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s@%s", action, path);
    return s;
}

char *action_path_bad(const char *action, const char *path)
{
    size_t len = strlen(action) + strlen(path) + 1;
    char *s = malloc(len);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s@%s", action, path); // expect: BW-OFF-BY-ONE
    return s;
}

/* the block pays for one string, the text has another: nothing relates them */
char *other_string_bad(const char *action, const char *path)
{
    char *s = malloc(strlen(action) + 16);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s@%s", action, path); // expect: BW-DANGEROUS-API
    return s;
}

/* the block pays for a string the text leaves out: enough room */
char *unused_string_ok(const char *action, const char *path)
{
    char *s = malloc(strlen(action) + strlen(path) + 8);
    if (s == NULL)
        return NULL;
    sprintf(s, "<%s>", path);
    return s;
}

/* strlen(path + 1) is one less than the text "%s" of path needs */
char *offset_string_bad(const char *path)
{
    char *s = malloc(strlen(path + 1) + 1);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s", path); // expect: BW-DANGEROUS-API
    return s;
}

char *offset_string_ok(const char *path)
{
    char *s = malloc(strlen(path + 1) + 1);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s", path + 1);
    return s;
}

char *start_string_ok(const char *path)
{
    char *s = malloc(strlen(path) + 1);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s", path);
    return s;
}

/* a width pads a short string: 2 + max(8, strlen) + 1 <= strlen + 11 */
char *padded_ok(const char *name)
{
    char *s = malloc(strlen(name) + 11);
    if (s == NULL)
        return NULL;
    sprintf(s, "[%8s]", name);
    return s;
}

/* strlen + 3 holds "[name]" only when name has 8 characters or more */
char *padded_bad(const char *name)
{
    char *s = malloc(strlen(name) + 3);
    if (s == NULL)
        return NULL;
    sprintf(s, "[%8s]", name); // expect: BW-DANGEROUS-API
    return s;
}

/* an allocator wrapper passes the size on: the block is still strlen() + c */
static void *must_alloc(size_t n)
{
    void *p = malloc(n);
    if (p == NULL)
        abort();
    return p;
}

char *wrapped_ok(const char *name)
{
    char *s = must_alloc(strlen(name) + 2);
    sprintf(s, "%s!", name);
    return s;
}

char *wrapped_bad(const char *name)
{
    char *s = must_alloc(strlen(name) + 1);
    sprintf(s, "%s!", name); // expect: BW-OFF-BY-ONE
    return s;
}

/* a string another function returned: strlen() names it all the same */
const char *object_path(int id);

char *returned_string_ok(int id)
{
    const char *path = object_path(id);
    char *s = malloc(strlen(path) + 7);
    if (s == NULL)
        return NULL;
    sprintf(s, "PATH=%s", path);
    return s;
}

char *returned_string_bad(int id)
{
    const char *path = object_path(id);
    char *s = malloc(strlen(path) + 5);
    if (s == NULL)
        return NULL;
    sprintf(s, "PATH=%s", path); // expect: BW-OFF-BY-ONE
    return s;
}

/* calloc(n, 1) with n = strlen() + 1 (libiberty's XCNEWVEC(char, n)) */
char *zeroed_copy_ok(const char *name)
{
    char *s = calloc(strlen(name) + 1, 1);
    if (s == NULL)
        return NULL;
    strcpy(s, name);
    return s;
}

char *zeroed_copy_bad(const char *name)
{
    char *s = calloc(1, strlen(name));
    if (s == NULL)
        return NULL;
    strcpy(s, name); // expect: BW-OFF-BY-ONE
    return s;
}

/* calloc(strlen + 1, 2) is twice as large, but not a strlen() size */
char *zeroed_pairs_ok(const char *name)
{
    char *s = calloc(strlen(name) + 1, 2);
    if (s == NULL)
        return NULL;
    s[0] = '\0';
    return s;
}

/* two pointers somewhere in the first four bytes of one string need not
 * start at the same place: strlen(a) says nothing about b */
char *range_pointers_bad(const char *path, int i, int j)
{
    if (i < 0 || i > 3 || j < 0 || j > 3)
        return NULL;
    const char *a = path + i, *b = path + j;
    char *s = malloc(strlen(a) + 1);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s", b); // expect: BW-DANGEROUS-API
    return s;
}

char *range_pointer_ok(const char *path, int i)
{
    if (i < 0 || i > 3)
        return NULL;
    const char *a = path + i;
    char *s = malloc(strlen(a) + 1);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s", a);
    return s;
}

/* the string may change between strlen() and the copy */
void extend(char *path);
void inspect(const char *path);

char *changed_string_bad(char *path)
{
    char *s = malloc(strlen(path) + 1);
    if (s == NULL)
        return NULL;
    extend(path);
    sprintf(s, "%s", path); // expect: BW-DANGEROUS-API
    return s;
}

char *read_string_ok(char *path)
{
    char *s = malloc(strlen(path) + 1);
    if (s == NULL)
        return NULL;
    inspect(path);
    sprintf(s, "%s", path);
    return s;
}

char *overwritten_string_bad(char *path, const char *other)
{
    size_t n = strlen(path);
    char *s = malloc(n + 1);
    if (s == NULL)
        return NULL;
    path[n] = 'x';
    sprintf(s, "%s", path); // expect: BW-DANGEROUS-API
    return s;
}

char *shortened_string_ok(char *path)
{
    size_t n = strlen(path);
    char *s = malloc(n + 1);
    if (s == NULL)
        return NULL;
    path[0] = '\0';
    sprintf(s, "%s", path);
    return s;
}

/* one string with a bound still pays for itself by its strlen() */
char *bounded_term_ok(const char *a, const char *b)
{
    if (strlen(a) >= 100)
        return NULL;
    char *s = malloc(strlen(a) + strlen(b) + 2);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s@%s", a, b);
    return s;
}

char *bounded_term_bad(const char *a, const char *b)
{
    if (strlen(a) >= 100)
        return NULL;
    char *s = malloc(strlen(a) + strlen(b) + 1);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s@%s", a, b); // expect: BW-OFF-BY-ONE
    return s;
}

/* a number prints as many digits as its range needs: an unsigned char in
 * hex is two ("%02x" into strlen(p) + 3 fits); an unsigned int may need
 * eight, so that block is not proven (and not claimed to overflow: the
 * count is a bound, not the text's length) */
char *hex_suffix_ok(const char *p, unsigned char c)
{
    char *s = malloc(strlen(p) + 3);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s%02x", p, c);
    return s;
}

char *hex_suffix_unproven(const char *p, unsigned int c)
{
    char *s = malloc(strlen(p) + 3);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s%02x", p, c); // expect: BW-DANGEROUS-API
    return s;
}

char *hex_suffix_roomy_ok(const char *p, unsigned int c)
{
    char *s = malloc(strlen(p) + 9);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s%02x", p, c);
    return s;
}

/* a length stored in a narrower type wraps */
char *narrowed_length_bad(const char *p)
{
    unsigned char n = strlen(p);
    char *s = malloc(n + 1);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s", p); // expect: BW-DANGEROUS-API
    return s;
}

char *wide_length_ok(const char *p)
{
    size_t n = strlen(p);
    char *s = malloc(n + 1);
    if (s == NULL)
        return NULL;
    sprintf(s, "%s", p);
    return s;
}

/* a buffer another function returned, measured with strlen() first: a
 * write into it is judged as without the strlen() */
char *buffer_of(int id);

void measured_buffer_ok(int id)
{
    char *p = buffer_of(id);
    if (strlen(p) >= 3)
        strcpy(p, "abc");
}

void measured_buffer_bad(int id, const char *src)
{
    char *p = buffer_of(id);
    if (strlen(p) >= 3)
        strcpy(p, src); // expect: BW-DANGEROUS-API
}
