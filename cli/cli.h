/* cli.h — what the subcommand files share. */
#ifndef BULWARK_CLI_H
#define BULWARK_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "bulwark/status.h"

#define BW_COMMAND(name, fn, summary) int fn(int argc, char **argv);
#include "commands.def"
#undef BW_COMMAND

/* Prints "bulwark: <message>" on stderr (one line) and returns the exit
 * code for `err->status`. */
int bw_cli_fail(const bw_error *err);
/* Prints "bulwark <cmd>: <message>" for a usage error and returns BW_EXIT_INPUT. */
int bw_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* True when colour should be used on `stream` (a TTY, NO_COLOR unset, TERM not dumb). */
bool bw_cli_use_color(FILE *stream);
/* The text that `bulwark --help` prints about exit codes. */
extern const char bw_cli_exit_codes_help[];

#endif
