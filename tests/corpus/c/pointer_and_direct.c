/* Functions called both directly and through a pointer (memory hooks,
 * callback tables).  A direct call passes its own arguments, so what the
 * function returns or writes for it comes from them; the calls through the
 * pointer pass data nobody sees, so what the body itself does with its
 * parameters is still checked, as data of unknown origin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *copy_text(const char *s)
{
    return strdup(s);
}

static void fill_text(char **out, const char *s)
{
    *out = strdup(s);
}

static void run_command(const char *cmd)
{
    system(cmd); // expect: BW-CMD-INJECTION
}

static const char *current_name;

static void set_name(const char *name)
{
    current_name = name;
}

struct hooks {
    char *(*copy)(const char *);
    void (*fill)(char **, const char *);
    void (*run)(const char *);
    void (*name)(const char *);
};

struct hooks default_hooks = {copy_text, fill_text, run_command, set_name};

static const char *read_line(void)
{
    return getenv("LINE");
}

/* safe: a direct call copies a literal */
void copy_literal(void)
{
    printf(copy_text("ready\n"));
}

/* safe: a direct call writes a literal's copy */
void fill_literal(void)
{
    char *t = NULL;
    fill_text(&t, "ready\n");
    printf(t);
}

/* safe: a direct call runs a fixed command; the call through the pointer
 * is what the body's report is for */
void run_fixed(void)
{
    run_command("ls -l");
}

/* bad: a direct call copies untrusted text */
void copy_input_bad(void)
{
    printf(copy_text(read_line())); // expect: BW-FORMAT-STRING
}

/* bad: a direct call writes untrusted text */
void fill_input_bad(void)
{
    char *t = NULL;
    fill_text(&t, read_line());
    printf(t); // expect: BW-FORMAT-STRING
}

/* bad: a direct call runs untrusted text */
void run_input_bad(void)
{
    run_command(read_line()); // expect: BW-CMD-INJECTION
}

/* bad: what the calls through the pointer store is of unknown origin */
void print_name_bad(void)
{
    set_name("main");
    printf(current_name); // expect: BW-FORMAT-STRING
}
