/* A loop whose body leaves the function once its counter reaches a bound
 * (libxml2's name parsers: collect into a small buffer, and when it is
 * full, copy it to the heap and return from there).  The counter comes
 * back to the loop's head only below the bound, so the copy reads at most
 * the bound plus one step.  Without the return, or with a buffer smaller
 * than the bound, it is still reported, and so are the writes that the
 * bounded counter now shows to overflow.  A goto back before the loop, or
 * a write of the counter through its address, keeps it unbounded. */
#include <stdlib.h>
#include <string.h>

#define MAXN 100
int next_char(void);

/* safe: the block that sees the bound always returns */
char *collect_name(void)
{
    char buf[MAXN + 5];
    int len = 0, c = next_char();
    while (c > 0) {
        buf[len++] = (char)c;
        c = next_char();
        if (len >= MAXN) {
            if (len > 50000)
                return NULL;
            char *big = malloc((size_t)len * 2);
            if (big == NULL)
                return NULL;
            memcpy(big, buf, (size_t)len);
            return big;
        }
    }
    return len ? strndup(buf, (size_t)len) : NULL;
}

/* safe: the same with a for loop counting down the room left */
char *collect_room(void)
{
    char buf[MAXN];
    int room = MAXN;
    for (int c = next_char(); c > 0; c = next_char()) {
        room--;
        buf[MAXN - 1 - room] = (char)c;
        if (room <= 0) {
            char *copy = malloc(MAXN);
            if (copy == NULL)
                return NULL;
            memcpy(copy, buf, MAXN);
            return copy;
        }
    }
    return NULL;
}

/* bad: the block does not return, so the counter goes on past the bound */
char *collect_name_no_return(void)
{
    char buf[MAXN + 5];
    char *big = NULL;
    int len = 0, c = next_char();
    while (c > 0) {
        buf[len++] = (char)c; // expect: BW-BUFFER-OVERFLOW
        c = next_char();
        if (len >= MAXN) {
            if (len > 50000)
                return NULL;
            free(big);
            big = malloc((size_t)len * 2);
            if (big == NULL)
                return NULL;
            memcpy(big, buf, (size_t)len); // expect: BW-BUFFER-OVERREAD
        }
    }
    return big;
}

/* bad: the buffer is smaller than the bound */
char *collect_name_small(void)
{
    char buf[50];
    int len = 0, c = next_char();
    while (c > 0) {
        buf[len++] = (char)c; // expect: BW-BUFFER-OVERFLOW
        c = next_char();
        if (len >= MAXN) {
            char *big = malloc((size_t)len * 2);
            if (big == NULL)
                return NULL;
            memcpy(big, buf, (size_t)len); // expect: BW-BUFFER-OVERREAD
            return big;
        }
    }
    return len ? strndup(buf, (size_t)len) : NULL;
}

int again_wanted(void);
void bump(int *counter);

/* bad: a goto back before the loop re-enters it past the bound */
char *collect_name_goto_back(void)
{
    char buf[MAXN + 5];
    int len = 0, c = next_char();
again:
    while (c > 0) {
        buf[len++] = (char)c;
        c = next_char();
        if (len >= MAXN) {
            if (len > 50000)
                return NULL;
            if (again_wanted())
                goto again;
            char *big = malloc((size_t)len);
            if (big == NULL)
                return NULL;
            memcpy(big, buf, (size_t)len); // expect: BW-BUFFER-OVERREAD
            return big;
        }
    }
    return NULL;
}

/* bad: a pointer to the counter steps it past the bound after the check */
char *collect_name_alias(void)
{
    char buf[MAXN + 5];
    int len = 0, c = next_char();
    int *lp = &len;
    while (c > 0) {
        buf[len++] = (char)c;
        c = next_char();
        if (len >= MAXN) {
            if (len > 50000)
                return NULL;
            char *big = malloc((size_t)len);
            if (big == NULL)
                return NULL;
            memcpy(big, buf, (size_t)len); // expect: BW-BUFFER-OVERREAD
            return big;
        }
        *lp += 50;
    }
    return NULL;
}

/* bad: a callee may step the counter through its address */
char *collect_name_callee(void)
{
    char buf[MAXN + 5];
    int len = 0, c = next_char();
    while (c > 0) {
        buf[len++] = (char)c;
        c = next_char();
        if (len >= MAXN) {
            if (len > 50000)
                return NULL;
            char *big = malloc((size_t)len);
            if (big == NULL)
                return NULL;
            memcpy(big, buf, (size_t)len); // expect: BW-BUFFER-OVERREAD
            return big;
        }
        bump(&len);
    }
    return NULL;
}

#include <setjmp.h>
static jmp_buf restart;
void may_jump(void);

/* bad: an inner loop steps the counter; its exit is no bound */
void skip_blanks(char *dst, const char *s)
{
    char buf[MAXN + 5] = {0};
    int len = 0;
    while (next_char() > 0) {
        if (len > 50000)
            return;
        memcpy(dst, buf, (size_t)len); // expect: BW-BUFFER-OVERREAD
        for (; s[len] == ' '; len++)
            ;
    }
}

/* bad: a longjmp comes back before the loop like a goto */
char *collect_name_longjmp(void)
{
    char buf[MAXN + 5];
    volatile int len = 0;
    int c;
    setjmp(restart);
    c = next_char();
    while (c > 0) {
        buf[len++] = (char)c;
        c = next_char();
        if (len >= MAXN) {
            if (len > 50000)
                return NULL;
            char *big = malloc((size_t)len);
            if (big == NULL)
                return NULL;
            memcpy(big, buf, (size_t)len); // expect: BW-BUFFER-OVERREAD
            may_jump();
            return big;
        }
    }
    return NULL;
}

/* bad: a bounded loop narrows its own counter, not the one the inner loop steps */
void skip_fields(char *dst, const char *s)
{
    char buf[MAXN + 5] = {0};
    int pos = 0;
    for (int f = 0; f < 8; f++) {
        if (pos > 50000)
            return;
        memcpy(dst, buf, (size_t)pos); // expect: BW-BUFFER-OVERREAD
        while (s[pos] == ' ')
            pos++;
    }
}
