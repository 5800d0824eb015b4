/*
 * bulwark/clock.h — elapsed time for time limits, timeouts and the
 * durations Bulwark reports.
 */
#ifndef BULWARK_CLOCK_H
#define BULWARK_CLOCK_H

#ifdef __cplusplus
extern "C" {
#endif

/* Seconds on the monotonic clock: only differences mean anything. */
double bw_monotonic_seconds(void);

#ifdef __cplusplus
}
#endif

#endif
