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
