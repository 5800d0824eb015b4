/* A message built from untrusted text and escaped for the printf-style
 * API it goes to: libxml2's xmlEscapeFormatString() doubles every '%' of
 * *msg in place and returns the result.  Both ways count, and only on the
 * paths that escape: text added after the escape, or a path around it, is
 * still a format string from untrusted data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned char xmlChar;
xmlChar *xmlEscapeFormatString(xmlChar **msg);
void raise_error(const char *msg, ...) __attribute__((format(printf, 1, 2)));

static xmlChar *read_name(void)
{
    char buf[128];
    if (fgets(buf, sizeof buf, stdin) == NULL)
        return NULL;
    return (xmlChar *)strdup(buf);
}

static xmlChar *append(xmlChar *a, const xmlChar *b)
{
    size_t n = strlen((const char *)a), m = strlen((const char *)b);
    xmlChar *r = realloc(a, n + m + 1);
    if (r == NULL)
        return a;
    memcpy(r + n, b, m + 1);
    return r;
}

/* safe: the escaped result is the format */
void escaped_result(void)
{
    xmlChar *name = read_name();
    raise_error((const char *)xmlEscapeFormatString(&name));
}

/* safe: escaped where it lies, then used */
void escaped_in_place(void)
{
    xmlChar *name = read_name();
    xmlEscapeFormatString(&name);
    raise_error((const char *)name);
}

/* safe: escaped in place through the caller's pointer, in a helper */
static void format_node(xmlChar **msg)
{
    *msg = append(read_name(), (const xmlChar *)": ");
    xmlEscapeFormatString(msg);
}

void escaped_by_helper(void)
{
    xmlChar *msg = NULL;
    format_node(&msg);
    msg = append(msg, (const xmlChar *)"not valid.\n");
    raise_error((const char *)msg);
}

/* safe: escaped text appended to literal text */
void escaped_then_appended(void)
{
    xmlChar *msg = (xmlChar *)strdup("Element '");
    xmlChar *name = read_name();
    msg = append(msg, xmlEscapeFormatString(&name));
    msg = append(msg, (const xmlChar *)"' is not valid.\n");
    raise_error((const char *)msg);
}

/* bad: untrusted text appended after the escape */
void appended_after_escape_bad(void)
{
    xmlChar *msg = read_name();
    xmlEscapeFormatString(&msg);
    msg = append(msg, read_name());
    raise_error((const char *)msg); // expect: BW-FORMAT-STRING
}

/* bad: another variable was escaped */
void other_escaped_bad(void)
{
    xmlChar *msg = read_name();
    xmlChar *other = read_name();
    xmlEscapeFormatString(&other);
    raise_error((const char *)msg); // expect: BW-FORMAT-STRING
}

/* bad: escaped on one path only */
void escaped_on_one_path_bad(int quiet)
{
    xmlChar *msg = read_name();
    if (!quiet)
        xmlEscapeFormatString(&msg);
    raise_error((const char *)msg); // expect: BW-FORMAT-STRING
}

/* bad: the helper's escape is skipped when it returns early */
static void format_node_early(xmlChar **msg, int plain)
{
    *msg = read_name();
    if (plain)
        return;
    xmlEscapeFormatString(msg);
}

void helper_skips_escape_bad(int plain)
{
    xmlChar *msg = NULL;
    format_node_early(&msg, plain);
    raise_error((const char *)msg); // expect: BW-FORMAT-STRING
}

/* bad: the pointer may designate either text; only one of them is escaped */
void one_of_two_bad(int c)
{
    xmlChar *a = read_name();
    xmlChar *b = read_name();
    xmlChar **pp = c ? &a : &b;
    xmlEscapeFormatString(pp);
    raise_error((const char *)a); // expect: BW-FORMAT-STRING
}

/* bad: another element of the array was escaped */
void other_element_bad(void)
{
    xmlChar *m[2];
    m[0] = read_name();
    m[1] = read_name();
    xmlEscapeFormatString(&m[0]);
    raise_error((const char *)m[1]); // expect: BW-FORMAT-STRING
}

/* a limit (a false positive): p's own text is escaped, whichever text it
 * designates, but a read of p still carries what a and b may hold */
void through_the_pointer(int c)
{
    xmlChar *a = read_name();
    xmlChar *b = read_name();
    xmlChar *p = c ? a : b;
    xmlEscapeFormatString(&p);
    raise_error((const char *)p); // expect: BW-FORMAT-STRING
}

/* bad: the first element of a vector was escaped, not the second */
void vector_element_bad(void)
{
    xmlChar **v = malloc(2 * sizeof *v);
    if (v == NULL)
        return;
    v[0] = read_name();
    v[1] = read_name();
    xmlEscapeFormatString(&v[0]);
    raise_error((const char *)v[1]); // expect: BW-FORMAT-STRING
}

/* bad: the struct's first member was escaped through a cast, not the other */
struct message {
    xmlChar *text;
    xmlChar *detail;
};

void struct_cast_bad(void)
{
    struct message m;
    m.text = read_name();
    m.detail = read_name();
    xmlEscapeFormatString((xmlChar **)&m);
    raise_error((const char *)m.detail); // expect: BW-FORMAT-STRING
}

/* safe: the member itself */
void member_escaped(void)
{
    struct message m;
    m.text = read_name();
    m.detail = NULL;
    xmlEscapeFormatString(&m.text);
    raise_error((const char *)m.text);
}

/* bad: a pointer to the vector's first element was escaped */
void pointer_to_element_bad(void)
{
    xmlChar *m[2];
    m[0] = read_name();
    m[1] = read_name();
    xmlChar **q = &m[0];
    xmlEscapeFormatString(q);
    raise_error((const char *)m[1]); // expect: BW-FORMAT-STRING
}

/* safe: a pointer to the variable itself */
void pointer_to_variable(void)
{
    xmlChar *msg = read_name();
    xmlChar **q = &msg;
    xmlEscapeFormatString(q);
    raise_error((const char *)msg);
}
