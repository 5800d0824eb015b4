/*
 * A switch on a constant (`switch (_NSIG_WORDS)` in Linux's signal.h, a
 * configuration macro) enters only the label that holds it; the other
 * labels' code never runs there and is not checked against this build's
 * sizes.  Falling through from the entered label, `default:` when no
 * label holds the constant, and a switch on a variable are still checked.
 */
#include <stdlib.h>

#define WORDS (64 / 64)

typedef struct {
    unsigned long sig[WORDS];
} set_t;

/* safe: only `case 1` runs for one word */
int set_empty(const set_t *s)
{
    switch (WORDS) {
    case 4:
        return (s->sig[3] | s->sig[2] | s->sig[1] | s->sig[0]) == 0;
    case 2:
        return (s->sig[1] | s->sig[0]) == 0;
    case 1:
        return s->sig[0] == 0;
    default:
        return 0;
    }
}

/* safe: the words copied by cases that fall into each other, from the
 * entered one on */
void set_or(set_t *r, const set_t *a, const set_t *b)
{
    unsigned long a0, a1, b0, b1;
    switch (WORDS) {
    case 2:
        a1 = a->sig[1];
        b1 = b->sig[1];
        r->sig[1] = a1 | b1;
        __attribute__((fallthrough));
    case 1:
        a0 = a->sig[0];
        b0 = b->sig[0];
        r->sig[0] = a0 | b0;
        break;
    default:
        break;
    }
}

/* safe: default is not entered when a label holds the constant */
unsigned long set_first(const set_t *s)
{
    switch (WORDS) {
    case 1:
        return s->sig[0];
    default:
        return s->sig[1];
    }
}

/* bad: the entered label reads past the end */
unsigned long set_second(const set_t *s)
{
    switch (WORDS) {
    case 2:
        return 0;
    case 1:
        return s->sig[1]; // expect: BW-OFF-BY-ONE
    }
    return 0;
}

/* bad: falling through from the entered label */
void set_clear(set_t *s)
{
    switch (WORDS) {
    case 1:
        s->sig[0] = 0;
        __attribute__((fallthrough));
    case 2:
        s->sig[1] = 0; // expect: BW-OFF-BY-ONE
        break;
    }
}

/* bad: no label holds 2, so default runs */
unsigned long set_last(const set_t *s)
{
    switch (2) {
    case 1:
        return s->sig[0];
    default:
        return s->sig[3]; // expect: BW-BUFFER-OVERREAD
    }
}

/* bad: a range that holds the constant */
unsigned long set_range(const set_t *s)
{
    switch (WORDS) {
    case 0 ... 2:
        return s->sig[2]; // expect: BW-BUFFER-OVERREAD
    default:
        return 0;
    }
}

/* bad: a switch on a variable may enter any label */
unsigned long set_word(const set_t *s, int words)
{
    switch (words) {
    case 4:
        return s->sig[3]; // expect: BW-BUFFER-OVERREAD
    default:
        return s->sig[0];
    }
}

/* bad: a label inside a loop of the switch (Duff's device) is entered in
 * the middle of the loop: every label is followed */
void set_fill(set_t *s, int n)
{
    int i = 0;
    switch (WORDS) {
    case 0:
        do {
            s->sig[i] = 0;
    case 1:
            s->sig[3] = 0; // expect: BW-BUFFER-OVERFLOW
            i++;
        } while (--n > 0);
    }
}

/* bad: the code after such a switch is still checked */
void set_drop(set_t *s, int n, char *p)
{
    switch (WORDS) {
    case 0:
        if (n) {
    case 1:
            s->sig[0] = 0;
        }
    }
    free(p);
    free(p); // expect: BW-DOUBLE-FREE
}

/* bad: a goto back into a label's code */
int set_retry(set_t *s, int n)
{
    int i = 0;
    switch (WORDS) {
    case 2:
    again:
        s->sig[2] = 0; // expect: BW-BUFFER-OVERFLOW
        return 0;
    case 1:
        if (i++ < n)
            goto again;
    }
    return 1;
}

/* bad: a goto label in a switch nested under another label */
int set_nested(set_t *s, int c, int x)
{
    if (c)
        goto inner;
    switch (WORDS) {
    case 1:
        return 0;
    case 2:
        switch (x) {
        case 5:
        inner:
            return (int)s->sig[3]; // expect: BW-BUFFER-OVERREAD
        }
    }
    return 1;
}

/* bad: a switch whose body is one labelled statement runs it, and the
 * code after it is still checked */
void set_one(set_t *s, char *p)
{
    switch (WORDS)
    case 1:
        s->sig[1] = 0; // expect: BW-OFF-BY-ONE
    free(p);
    free(p); // expect: BW-DOUBLE-FREE
}

/* bad: the same with default */
void set_default(set_t *s)
{
    switch (WORDS)
    default:
        s->sig[2] = 0; // expect: BW-BUFFER-OVERFLOW
}
