/* A function's static locals keep their value from one call to the next:
 * what one call stores there, a later call reads.  Each is a global of its
 * own (two of the same name in two functions stay apart), set once by its
 * initializer before the program runs, not at every call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* bad: the name the previous call stored comes back from the next call */
static const char *swap_last(const char *name)
{
    static const char *last;
    const char *prev = last;
    last = name;
    return prev;
}

void remember_user(void)
{
    swap_last(getenv("USER")); // expect-step: stored in a global by swap_last()
}

void finger_previous_bad(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "finger %s", swap_last("nobody"));
    system(cmd); // expect: BW-CMD-INJECTION
}

/* safe: only constants are ever stored in this one */
static const char *swap_mode(const char *mode)
{
    static const char *last = "ls";
    const char *prev = last;
    last = mode;
    return prev;
}

void use_modes(int verbose)
{
    swap_mode(verbose ? "ls -l" : "ls");
    system(swap_mode("ls -a"));
}

/* bad: the same function stores on one call and runs on the next */
void deferred_bad(const char *arg, int run)
{
    static char saved[128];
    if (run) {
        system(saved); // expect: BW-CMD-INJECTION
        return;
    }
    snprintf(saved, sizeof saved, "echo %s", arg);
}

void drive_deferred(void)
{
    deferred_bad(getenv("MSG"), 0);
    deferred_bad("", 1);
}

/* safe: the same shape, fed only constants */
static void deferred_ok(const char *arg, int run)
{
    static char saved[128];
    if (run) {
        system(saved);
        return;
    }
    snprintf(saved, sizeof saved, "echo %s", arg);
}

void drive_deferred_ok(void)
{
    deferred_ok("hello", 0);
    deferred_ok("", 1);
}

/* safe: a counter is a number */
void count_calls(void)
{
    static int calls;
    char cmd[64];
    calls++;
    snprintf(cmd, sizeof cmd, "logger call %d", calls);
    system(cmd);
}

/* safe: two statics of the same name in two functions are two variables */
void keep_input(void)
{
    static const char *v;
    v = getenv("INPUT");
    (void)v;
}

void run_fixed(void)
{
    static const char *v = "uptime";
    system(v);
}

/* safe: a constant table in a static local */
void run_choice(unsigned i)
{
    static const char *const cmds[] = {"date", "uptime"};
    system(cmds[i % 2]);
}

/* safe and bad: a formatter with its own static buffer; each call's result
 * is the text that call wrote */
static const char *bracketed(const char *s)
{
    static char out[64];
    snprintf(out, sizeof out, "[%s]", s);
    return out;
}

void print_label_ok(void)
{
    printf(bracketed("ready"));
}

void print_label_bad(void)
{
    printf(bracketed(getenv("LABEL"))); // expect: BW-FORMAT-STRING
}

/* a limit (a miss): a function that hands out its static buffer returns a
 * pointer the caller writes through, but a summary returns what a pointer
 * carries, not which global it points to; a file-scope buffer handed out
 * the same way is missed the same way */
static char *scratch(void)
{
    static char buf[256];
    return buf;
}

void fill_scratch(void)
{
    snprintf(scratch(), 256, "%s", getenv("QUERY_STRING"));
}

void run_scratch(void)
{
    system(scratch());
}
