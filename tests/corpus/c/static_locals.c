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
    static char *saved;
    if (run) {
        if (saved != NULL)
            system(saved); // expect: BW-CMD-INJECTION
        return;
    }
    free(saved);
    saved = strdup(arg);
}

void drive_deferred(void)
{
    deferred_bad(getenv("MSG"), 0);
    deferred_bad("", 1);
}

/* safe: the same shape, fed only constants */
static void deferred_ok(const char *arg, int run)
{
    static char *saved;
    if (run) {
        if (saved != NULL)
            system(saved);
        return;
    }
    free(saved);
    saved = strdup(arg);
}

void drive_deferred_ok(void)
{
    deferred_ok("uptime", 0);
    deferred_ok("", 1);
}

/* a limit (a miss): a static array is a variable of each call, as a
 * formatter's scratch buffer is (below): what an earlier call left in it
 * is not followed into the next */
void deferred_array(const char *arg, int run)
{
    static char saved[128];
    if (run) {
        system(saved);
        return;
    }
    snprintf(saved, sizeof saved, "echo %s", arg);
}

void drive_deferred_array(void)
{
    deferred_array(getenv("MSG"), 0);
    deferred_array("", 1);
}

/* bad: the initializer's value or what an earlier call stored */
static const char *pick(const char *next)
{
    static const char *current = "date";
    const char *was = current;
    if (next != NULL)
        current = next;
    return was;
}

void pick_input(void)
{
    pick(getenv("NEXT"));
}

void run_pick_bad(void)
{
    system(pick(NULL)); // expect: BW-CMD-INJECTION
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

/* safe and bad: formatters with their own static buffer; each call's
 * result is the text that call wrote, even when the write may be partial
 * (a copy and its terminator) */
static const char *bracketed(const char *s)
{
    static char out[64];
    snprintf(out, sizeof out, "[%s]", s);
    return out;
}

static const char *clipped(const char *s)
{
    static char out[64];
    size_t n = strlen(s);
    if (n > sizeof out - 1)
        n = sizeof out - 1;
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

void print_label_ok(void)
{
    printf(bracketed("ready"));
    system(clipped("uptime"));
}

void print_label_bad(void)
{
    printf(bracketed(getenv("LABEL"))); // expect: BW-FORMAT-STRING
    puts(clipped(getenv("LABEL")));
}

/* safe: a macro's static in nested expansions: two variables */
#define ONCE(x) ({ static const char *once_; if (!once_) once_ = (x); once_; })
#define PAIR(a, b) do { const char *p1 = ONCE(a); const char *p2 = ONCE(b); (void)p1; system(p2); } while (0)

void pair_ok(void)
{
    PAIR(getenv("C"), "date");
}

/* bad: a function named in a static local's initializer is called through
 * the pointer, and its parameter is of unknown origin there */
static void run_it(const char *c)
{
    system(c); // expect: BW-CMD-INJECTION
}

void run_direct(void)
{
    run_it("ls");
}

void run_through_static(void)
{
    static void (*handler)(const char *) = run_it;
    handler(getenv("X"));
}

/* bad: a static pointer set to a global buffer in its initializer */
char shared_text[64];

void fill_shared(void)
{
    strncpy(shared_text, getenv("X"), sizeof shared_text - 1);
}

void run_shared_bad(void)
{
    static char *p = shared_text;
    system(p); // expect: BW-CMD-INJECTION
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
