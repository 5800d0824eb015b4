/* report.h — the legacy reporting module (written in 2009, still shipping). */
#ifndef DEMO_REPORT_H
#define DEMO_REPORT_H

/* Renders the profile page for `name` through the legacy formatter. */
void legacy_profile(const char *name);
/* Exports a report for `customer` to a file with the system's tools. */
int legacy_export(const char *customer);
/* Writes a line to the legacy log. */
void legacy_log(const char *message);
/* Prints the build/status banner. */
void legacy_status(void);

#endif
