/* A write into one element of many replaces none of them.  The analysis
 * does not tell an array's elements apart, nor the elements a pointer
 * walks (`recs[i]`, `(recs + 1)`, `tags[1]`): one place stands for all of
 * them, so a write there is weak and the others keep what they hold.  A
 * member of one object (`r->name`, `r.name`) is replaced. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec {
    char *name;
    char buf[32];
};

/* bad: another element's member overwritten through a pointer */
void other_element_member(struct rec *recs)
{
    recs[0].name = getenv("NAME");
    recs[1].name = "anonymous";
    printf("<li>%s</li>", recs[0].name); // expect: BW-XSS
}

/* safe: the one object's member overwritten */
void same_object_member(struct rec *r)
{
    r->name = getenv("NAME");
    r->name = "anonymous";
    printf("<li>%s</li>", r->name);
}

/* bad: another element of a local array */
void other_local_element(void)
{
    struct rec arr[4];
    arr[0].name = getenv("NAME");
    arr[1].name = "anonymous";
    printf("<li>%s</li>", arr[0].name); // expect: BW-XSS
}

/* safe: a local struct's member overwritten */
void local_member_overwritten(void)
{
    struct rec r;
    r.name = getenv("NAME");
    r.name = "anonymous";
    printf("<li>%s</li>", r.name);
}

/* bad: the next element, by pointer arithmetic */
void next_by_arithmetic(struct rec *recs)
{
    recs->name = getenv("NAME");
    (recs + 1)->name = "anonymous";
    printf("<li>%s</li>", recs->name); // expect: BW-XSS
}

/* bad: a copy into another element of an array of strings */
void copy_into_other_string(char **tags)
{
    tags[0] = getenv("TAG");
    strcpy(tags[1], "none");
    printf("<li>%s</li>", tags[0]); // expect: BW-XSS
}

/* safe: a copy into the buffer itself */
void copy_into_own_buffer(void)
{
    char tag[32];
    snprintf(tag, sizeof tag, "%s", getenv("TAG"));
    strcpy(tag, "none");
    printf("<li>%s</li>", tag);
}

/* bad: another element's buffer filled */
void other_element_buffer(struct rec *recs)
{
    snprintf(recs[0].buf, sizeof recs[0].buf, "%s", getenv("NAME"));
    snprintf(recs[1].buf, sizeof recs[1].buf, "%s", "anonymous");
    printf("<li>%s</li>", recs[0].buf); // expect: BW-XSS
}

/* safe: the one object's buffer filled again */
void same_object_buffer(struct rec *r)
{
    snprintf(r->buf, sizeof r->buf, "%s", getenv("NAME"));
    snprintf(r->buf, sizeof r->buf, "%s", "anonymous");
    printf("<li>%s</li>", r->buf);
}

/* bad: an element written through a pointer to the array reaches the array */
void through_alias_pointer(int i)
{
    struct rec arr[4];
    struct rec *p = arr;
    p[i].name = getenv("NAME");
    printf("<li>%s</li>", arr[i].name); // expect: BW-XSS
}
