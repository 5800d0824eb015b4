/* The status variable of memory/free_by_status.c changed or read where
 * the analysis's value of it is not the program's: in an arm of `?:`,
 * `&&` or `||` (evaluated in a copy of the state), through a cast that
 * drops bits, in a declaration a macro repeats (two variables, one key),
 * after setjmp() (a longjmp() brings back a register's older value).
 * Its old value must not decide the free after it.  (helper-69's cases.) */
#include <setjmp.h>
#include <stdlib.h>
#include <ucontext.h>
/* side effect of the right operand of && is lost */
void and_reset(char *p, int fail, int again)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    again && (done = 0);
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}
/* side effect in an arm of ?: is lost */
void cond_reset(char *p, int fail, int again)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    again ? (done = 0) : 0;
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}
/* || likewise */
void or_reset(char *p, int fail, int keep)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    (void)(keep || (done = 0));
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}
/* ?: with ++ */
void cond_step(char *p, int fail, int again)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    int z = again ? done++ : 0;
    (void)z;
    if (done == 1)
        free(p); // expect: BW-DOUBLE-FREE
    if (done == 2)
        free(p); // expect: BW-DOUBLE-FREE
}
/* the test reads the flag through a narrowing cast: 256 tests as 0 */
void narrowing_cast_bad(char *p, int fail)
{
    int st = 0;
    if (fail) {
        free(p);
        st = 256;
    }
    if ((unsigned char)st == 0)
        free(p); // expect: BW-DOUBLE-FREE
}
/* an unsigned flag compared with -1 (converted to UINT_MAX) */
void unsigned_bad(char *p, int fail)
{
    unsigned st = 0;
    if (fail) {
        free(p);
        st = 0xffffffffu;
    }
    if (st == -1)
        free(p); // expect: BW-DOUBLE-FREE
}
/* a switch on a narrowing cast */
void switch_cast_bad(char *p, int fail)
{
    int st = 1;
    if (fail) {
        free(p);
        st = 256;
    }
    switch ((unsigned char)st) {
    case 0:
        free(p); // expect: BW-DOUBLE-FREE
        break;
    default:
        break;
    }
}

int more(void);
#define DECL_DONE(v) int done = (v)
void macro_shadow_bad(char *p)
{
    DECL_DONE(0);
    if (more()) {
        free(p);
        {
            DECL_DONE(1);
            (void)done;
        }
    }
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

jmp_buf status_jb;
void work(void); /* may longjmp(status_jb, 1) */
void setjmp_bad(char *p)
{
    int done = 0;
    if (setjmp(status_jb) == 0) {
        if (more()) {
            free(p);
            done = 1;
        }
        work();
    }
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

/* a GNU statement expression runs where it is written: its write counts */
void statement_expression_bad(char *p, int fail)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    ({ done = 0; });
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

/* inline assembly writes the flag unseen (helper-70's cases, with the next) */
void assembly_bad(char *p, int fail)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    __asm__ volatile("" : "=r"(done));
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

/* the second pass after a backward goto, which the analysis does not run */
void backward_goto_bad(char *p, int fail, int k)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
again:
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
    if (k-- > 0)
        goto again;
}

/* getcontext() returns again, with the flag an older value (helper-71's
 * cases, with the next two) */
ucontext_t status_uc;

void getcontext_bad(char *p, int fail, int k)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    getcontext(&status_uc);
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
    done = 0;
    if (k-- > 0)
        setcontext(&status_uc);
}

/* a variable-length array's size expression writes the flag */
void vla_size_bad(char *p, int fail)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    char buf[(done = 0) + 1];
    (void)buf;
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

/* compared with a global that a call changed */
int g_expected;
void bump_expected(void);

void stale_comparison_bad(char *p, int fail)
{
    g_expected = 1;
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    bump_expected();
    if (done != g_expected)
        free(p); // expect: BW-DOUBLE-FREE
}
