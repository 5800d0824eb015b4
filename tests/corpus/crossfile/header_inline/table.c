#include "fill.h"

typedef void (*step_fn)(void);

static const step_fn steps[] = {fill_by_pointer};

void run_steps(void)
{
    fill_outer();
    steps[0]();
}
