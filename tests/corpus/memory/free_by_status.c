/* A block freed on one path, and a status variable set on that path that
 * a later test reads before freeing or using the block again
 * (librdkafka's rd_kafka_poll_cb(): `res = YIELD; destroy(rko);` in one
 * case of a switch, `if (res == HANDLED) destroy(rko);` after it).  Each
 * safe twin was reported as a double free or a use after free before: the
 * join after the switch lost which case had freed the block. */
#include <stdlib.h>

enum res { RES_HANDLED, RES_YIELD, RES_PASS };

struct op {
    int type;
    char *payload;
};

void op_destroy(struct op *o)
{
    free(o->payload);
    free(o);
}

int op_call(struct op *o);
int status_of(void);
void update(int *status);
int shared_status;

enum res poll_ok(struct op *rko)
{
    enum res res = RES_HANDLED;
    switch (rko->type) {
    case 1:
        res = RES_YIELD;
        op_destroy(rko);
        break;
    case 2:
        res = op_call(rko);
        break;
    default:
        break;
    }
    if (res == RES_HANDLED)
        op_destroy(rko);
    return res;
}

enum res poll_not_yield_ok(struct op *rko)
{
    enum res res = RES_HANDLED;
    switch (rko->type) {
    case 1:
        res = RES_YIELD;
        op_destroy(rko);
        break;
    case 2:
        res = op_call(rko);
        break;
    }
    if (res != RES_YIELD)
        op_destroy(rko);
    return res;
}

/* the test lets the freeing case through */
enum res poll_bad(struct op *rko)
{
    enum res res = RES_HANDLED;
    switch (rko->type) {
    case 1:
        res = RES_YIELD;
        op_destroy(rko);
        break;
    case 2:
        res = op_call(rko);
        break;
    }
    if (res != RES_HANDLED)
        op_destroy(rko); // expect: BW-DOUBLE-FREE
    return res;
}

/* the switch's own variable and the status both tell */
void by_type_ok(char *p, int type)
{
    int kept = 1;
    switch (type) {
    case 1:
        kept = 0;
        free(p);
        break;
    case 2:
        break;
    case 3:
        break;
    }
    if (kept)
        free(p);
}

void flag_ok(char *p, int fail)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    if (!done)
        free(p);
}

void flag_use_ok(struct op *o, int fail)
{
    int done = 0;
    if (fail) {
        op_destroy(o);
        done = 1;
    }
    if (!done)
        o->type = 0;
}

void flag_use_bad(struct op *o, int fail)
{
    int done = 0;
    if (fail) {
        op_destroy(o);
        done = 1;
    }
    if (done)
        o->type = 0; // expect: BW-USE-AFTER-FREE
}

/* the flag set again after the free: its old value says nothing */
void flag_reassigned_bad(char *p, int fail)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    done = status_of();
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

void flag_stepped_bad(char *p, int fail)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    done--;
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

/* a function may change the flag through its address */
void flag_address_bad(char *p, int fail)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    update(&done);
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

/* any function may change a global */
void flag_global_bad(char *p, int fail)
{
    shared_status = 0;
    if (fail) {
        free(p);
        shared_status = 1;
    }
    (void)status_of();
    if (!shared_status)
        free(p); // expect: BW-DOUBLE-FREE
}

/* the flag set on both paths */
void flag_both_bad(char *p, int fail)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    } else {
        done = 1;
    }
    if (done)
        free(p); // expect: BW-DOUBLE-FREE
}
