/* bulwark.c — the `bulwark` driver: global options and subcommand dispatch. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulwark/checkers.h"
#include "cli.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
#define BW_COMMAND(name, fn, summary) {#name, fn, summary},
#include "commands.def"
#undef BW_COMMAND
};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

const char bw_cli_exit_codes_help[] =
    "Exit codes:\n"
    "  0  success; no finding at or above the fail level\n"
    "  1  findings (or violations, or a failed verification) at or above the fail level\n"
    "  2  usage error or bad input (missing file, malformed configuration,\n"
    "     compile database, database or roadmap file; a file that did not parse)\n"
    "  3  internal error (out of memory, a bug in Bulwark)\n";

static void print_help(FILE *out)
{
    fprintf(out, "usage: bulwark [--help] [--version] <command> [<args>]\n\n"
                 "Bulwark finds injection and memory-safety defects in C and C++, hardens\n"
                 "builds against control-flow hijacking, and tracks each component's\n"
                 "memory-safety roadmap.\n\nCommands:\n");
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'bulwark <command> --help' for a command's options.\n\n%s", bw_cli_exit_codes_help);
}

int bw_cli_fail(const bw_error *err)
{
    fprintf(stderr, "bulwark: %s\n", err->message[0] ? err->message : bw_status_str(err->status));
    return bw_status_exit_code(err->status);
}

int bw_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bulwark %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(see 'bulwark %s --help')\n", cmd);
    va_end(ap);
    return BW_EXIT_INPUT;
}

bool bw_cli_use_color(FILE *stream)
{
    const char *term = getenv("TERM");
    if (getenv("NO_COLOR") != NULL || (term != NULL && strcmp(term, "dumb") == 0))
        return false;
    return isatty(fileno(stream)) == 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return BW_EXIT_INPUT;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_help(stdout);
        return BW_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("bulwark %s\n", BULWARK_VERSION);
        return BW_EXIT_OK;
    }
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        if (strcmp(name, commands[i].name) != 0)
            continue;
        int rc = commands[i].run(argc - 1, argv + 1);
        if (bw_checkers_parses_left_running() > 0) {
            /* a parse libclang never finished still runs on its thread
             * (bulwark check --time-limit): libclang's static destructors
             * must not run under it */
            fflush(NULL);
            _exit(rc);
        }
        return rc;
    }
    fprintf(stderr, "bulwark: unknown command '%s' (see 'bulwark --help')\n", name);
    return BW_EXIT_INPUT;
}
