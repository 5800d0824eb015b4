/* BW_SANITIZER on a function that escapes a buffer where it lies, or fills
 * one: the buffer argument receives the sanitized text (annotations.h),
 * as the return value does.  BW_SANITIZER_ARG names the argument itself.
 * A const buffer is only read, and an element of an array of strings is
 * one of many: neither is sanitized for the others.  A function that
 * returns its result (`char *html_escape(char *s)`) does not escape its
 * input where it lies, even when that is not declared const. */
#include <bulwark/annotations.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_escape_buf(char *buf, size_t cap) BW_SANITIZER(html);
void html_escape_into(char *dst, size_t cap, const char *src) BW_SANITIZER(html);
void html_escape_out(void *out, const char *src) BW_SANITIZER_ARG(html, 1);
int html_check(const char *s, size_t n) BW_SANITIZER(html);
char *html_escape_copy(char *s) BW_SANITIZER(html);
void html_escape_legacy(char *dst, size_t cap, char *src) BW_SANITIZER(html);
void html_note(const char *s) BW_SANITIZER_ARG(html, 1);

struct page {
    char title[64];
    char *tags[4];
};

/* safe: the array is escaped where it lies */
void escaped_in_place(void)
{
    char buf[256];
    const char *q = getenv("QUERY_STRING");
    if (q == NULL)
        return;
    snprintf(buf, sizeof buf, "%s", q);
    html_escape_buf(buf, sizeof buf);
    printf("<p>%s</p>", buf);
}

/* bad: the same without the escape */
void not_escaped(void)
{
    char buf[256];
    const char *q = getenv("QUERY_STRING");
    if (q == NULL)
        return;
    snprintf(buf, sizeof buf, "%s", q);
    printf("<p>%s</p>", buf); // expect: BW-XSS
}

/* safe: a member array of a struct variable escaped where it lies */
void member_escaped(void)
{
    struct page pg;
    snprintf(pg.title, sizeof pg.title, "%s", getenv("TITLE"));
    html_escape_buf(pg.title, sizeof pg.title);
    printf("<h1>%s</h1>", pg.title);
}

/* bad: one element's member escaped, another's printed */
void other_elements_member(struct page *pages, int i, int j)
{
    snprintf(pages[i].title, sizeof pages[i].title, "%s", getenv("TITLE"));
    html_escape_buf(pages[j].title, sizeof pages[j].title);
    printf("<h1>%s</h1>", pages[i].title); // expect: BW-XSS
}

/* bad: through a pointer, one element escaped and another printed */
void other_pointer_element(char **tags)
{
    tags[0] = getenv("A");
    tags[1] = getenv("B");
    html_escape_buf(tags[0], 8);
    printf("<li>%s</li>", tags[1]); // expect: BW-XSS
}

/* bad: one row of a two-dimensional array escaped, another printed */
void other_row(void)
{
    char names[4][32];
    snprintf(names[1], sizeof names[1], "%s", getenv("A"));
    html_escape_buf(names[0], sizeof names[0]);
    printf("<li>%s</li>", names[1]); // expect: BW-XSS
}

/* bad: the same for a member array of one element of a member array */
void other_row_member(void)
{
    struct {
        struct {
            char name[32];
        } r[4];
    } g;
    snprintf(g.r[1].name, sizeof g.r[1].name, "%s", getenv("A"));
    html_escape_buf(g.r[0].name, sizeof g.r[0].name);
    printf("<li>%s</li>", g.r[1].name); // expect: BW-XSS
}

/* bad: with two non-const buffers, neither is taken to be escaped in place
 * (the input may just not be declared const) */
void legacy_input(void)
{
    char src[64], dst[128];
    snprintf(src, sizeof src, "%s", getenv("A"));
    html_escape_legacy(dst, sizeof dst, src);
    printf("<p>%s</p>", src); // expect: BW-XSS
}

/* bad: BW_SANITIZER_ARG on a const parameter escapes nothing there */
void const_named_argument(void)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", getenv("A"));
    html_note(buf);
    printf("<p>%s</p>", buf); // expect: BW-XSS
}

/* bad: the input of a function that returns the escaped copy is still raw */
void returned_copy(void)
{
    char *q = getenv("QUERY_STRING");
    char *e = html_escape_copy(q);
    printf("<p>%s</p>", e);
    printf("<p>%s</p>", q); // expect: BW-XSS
}

/* bad: one element of an array of strings escaped, another printed */
void other_element(struct page *p)
{
    p->tags[0] = getenv("A");
    p->tags[1] = getenv("B");
    html_escape_buf(p->tags[0], 8);
    printf("<li>%s</li>", p->tags[1]); // expect: BW-XSS
}

/* safe: the escaped text is written into dst */
void filled(void)
{
    char out[256];
    html_escape_into(out, sizeof out, getenv("QUERY_STRING"));
    printf("<p>%s</p>", out);
}

/* bad: escaped for HTML, the text is still untrusted SQL */
void filled_then_sql(void)
{
    char out[256], sql[300];
    html_escape_into(out, sizeof out, getenv("QUERY_STRING"));
    snprintf(sql, sizeof sql, "SELECT * FROM t WHERE n = '%s'", out);
    system(sql); // expect: BW-CMD-INJECTION
}

/* safe: BW_SANITIZER_ARG names the argument, whatever its type */
void named_argument(void)
{
    char out[256];
    html_escape_out(out, getenv("QUERY_STRING"));
    printf("<p>%s</p>", out);
}

/* bad: a function that only reads its const buffer does not escape it */
void const_buffer(void)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", getenv("QUERY_STRING"));
    if (html_check(buf, sizeof buf) != 0)
        printf("<p>%s</p>", buf); // expect: BW-XSS
}
