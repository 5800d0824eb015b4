/* clock.c — see bulwark/clock.h. */
#include "bulwark/clock.h"

#include <time.h>

double bw_monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
