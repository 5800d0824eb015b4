// The status variable of memory/free_by_status.c changed where the
// analysis does not follow it: through a reference (also one bound
// through `?:`, a comma or an assignment), a reference parameter, a
// lambda that captures it by reference, an lvalue `?:`; or the flag is a
// reference itself.  Its value before the change must not decide the
// free after it.
#include <cstdlib>
#include <vector>

void set_status(int &status);
int g_status;
void reset_global() { g_status = 0; }

void reference_bad(char *p, int fail)
{
    int done = 0;
    int &alias = done;
    if (fail) {
        free(p);
        done = 1;
    }
    alias = 0;
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

void reference_parameter_bad(char *p, int fail)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    set_status(done);
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

void lambda_bad(char *p, int fail)
{
    int done = 0;
    auto reset = [&]() { done = 0; };
    if (fail) {
        free(p);
        done = 1;
    }
    reset();
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

void plain_ok(char *p, int fail)
{
    int done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    if (!done)
        free(p);
}

// a reference bound through ?:
void ref_cond_bad(char *p, int fail, int which)
{
    int done = 0, other = 0;
    int &alias = which ? done : other;
    if (fail) {
        free(p);
        done = 1;
    }
    alias = 0;
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

// a reference parameter given ?:
void refparam_cond_bad(char *p, int fail, int which)
{
    int done = 0, other = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    set_status(which ? done : other);
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

// a reference bound to an assignment's result
void ref_assign_bad(char *p, int fail)
{
    int done;
    int &alias = (done = 0);
    if (fail) {
        free(p);
        done = 1;
    }
    alias = 0;
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

// a reference bound through a comma
void ref_comma_bad(char *p, int fail)
{
    int done = 0;
    int &alias = (0, done);
    if (fail) {
        free(p);
        done = 1;
    }
    alias = 0;
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

// assigned through a ?: lvalue
void cond_lvalue_bad(char *p, int fail, int which)
{
    int done = 0, other = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    (which ? done : other) = 0;
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

// the flag is itself a reference (to a global)
void flag_is_reference_bad(char *p, int fail)
{
    int &done = g_status;
    done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    reset_global();
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

// the flag is a reference parameter (f(p, g_status, 1))
void flag_refparam_bad(char *p, int &done, int fail)
{
    done = 0;
    if (fail) {
        free(p);
        done = 1;
    }
    reset_global();
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

// a pointer taken of a ?: lvalue
void addr_cond_bad(char *p, int fail, int which)
{
    int done = 0, other = 0;
    int *q = &(which ? done : other);
    if (fail) {
        free(p);
        done = 1;
    }
    *q = 0;
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

// a throw after the free reaches the handler with the flag still 0
// (helper-71's cases, with the next)
void may_throw();

void thrown_past_bad(char *p, int fail)
{
    int done = 0;
    try {
        if (fail) {
            free(p);
            may_throw();
            done = 1;
        }
    } catch (...) {
    }
    if (!done)
        free(p); // expect: BW-DOUBLE-FREE
}

// a range-for's second pass
void range_for_bad(char *p, const std::vector<int> &v)
{
    int done = 0;
    for (int x : v) {
        if (x) {
            free(p);
            done = 1;
        }
        if (!done)
            free(p); // expect: BW-DOUBLE-FREE
        done = 0;
    }
}
