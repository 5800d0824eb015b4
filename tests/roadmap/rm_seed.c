/*
 * rm_seed — records build and check data into a tracker database through
 * the public tracker API, exactly as bulwark-cc and `bulwark check` do, so
 * the end-to-end test has a repository history with findings and builds.
 *
 *   rm_seed <db>   < commands
 *
 * One command per line, fields separated by TABs; "\n" in a text field
 * stands for a newline:
 *   tu        <path> <hardened 0|1> <indirect calls> <memory ops>
 *   finding   <rule> <severity> <file> <line> <message>
 *   suppressed <rule> <severity> <file> <line> <message> <reason>
 *   check                       record a check run with the findings above, then forget them
 *   loosen    <kind> <subject> <reason>
 *   baseline  <path> <entries>
 *   parallel  <count> <prefix>  fork <count> processes, each recording one TU <prefix><i>.c
 * Exit status 0 on success, 1 on any failure (message on stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bulwark/tracker.h"

#define MAX_FIELDS 8

static int split(char *line, char **f)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    f[n++] = line;
    for (char *p = line; *p && n < MAX_FIELDS; p++) {
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    }
    /* "\n" escapes */
    for (int i = 0; i < n; i++) {
        char *w = f[i];
        for (char *r = f[i]; *r; r++) {
            if (r[0] == '\\' && r[1] == 'n') {
                *w++ = '\n';
                r++;
            } else {
                *w++ = *r;
            }
        }
        *w = '\0';
    }
    return n;
}

static long num(const char *s)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0') {
        fprintf(stderr, "rm_seed: not a number: %s\n", s);
        exit(1);
    }
    return v;
}

static int die(const char *what, const bw_error *err)
{
    fprintf(stderr, "rm_seed: %s: %s\n", what, err->message);
    return 1;
}

static int one_tu(const char *db, const char *path)
{
    bw_error err = {0};
    bw_tracker *t = NULL;
    if (bw_tracker_open(db, BW_TRACKER_WRITE, &t, &err) != BW_OK)
        return die("open", &err);
    bw_tu_record r = {.tu_path = path, .build_id = "parallel",
                      .protections = {true, true, true, 1, 1, 1, 0}};
    int rc = bw_tracker_record_tu(t, &r, &err) == BW_OK ? 0 : die("record", &err);
    bw_tracker_close(t);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: rm_seed <db> < commands\n");
        return 2;
    }
    bw_error err = {0};
    bw_tracker *t = NULL;
    if (bw_tracker_open(argv[1], BW_TRACKER_WRITE, &t, &err) != BW_OK)
        return die("open", &err);
    bw_findings pending = BW_FINDINGS_INIT;
    char line[4096];
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof line, stdin)) {
        char *f[MAX_FIELDS];
        int n = split(line, f);
        if (n == 0 || f[0][0] == '\0' || f[0][0] == '#')
            continue;
        if (strcmp(f[0], "tu") == 0 && n == 5) {
            bool h = num(f[2]) != 0;
            bw_tu_record r = {.tu_path = f[1], .language = "c", .compiler = "clang-19",
                              .protections = {h, h, h, (uint64_t)num(f[3]), h ? 5 : 0,
                                              (uint64_t)num(f[4]), 0},
                              .compile_seconds = 0.1};
            if (bw_tracker_record_tu(t, &r, &err) != BW_OK)
                rc = die("tu", &err);
        } else if ((strcmp(f[0], "finding") == 0 && n == 6) ||
                   (strcmp(f[0], "suppressed") == 0 && n == 7)) {
            bw_severity sev;
            if (!bw_severity_parse(f[2], &sev)) {
                fprintf(stderr, "rm_seed: bad severity %s\n", f[2]);
                rc = 1;
                break;
            }
            bw_location loc = {f[3], (unsigned)num(f[4]), 1, 0, 0};
            bw_finding *fd = bw_finding_new(f[1], sev, f[5], &loc);
            if (fd == NULL || (n == 7 && bw_finding_set_suppression(fd, f[6]) != BW_OK) ||
                bw_findings_push(&pending, fd) != BW_OK) {
                fprintf(stderr, "rm_seed: out of memory\n");
                rc = 1;
            }
        } else if (strcmp(f[0], "check") == 0) {
            if (bw_findings_fingerprint(&pending) != BW_OK) {
                fprintf(stderr, "rm_seed: fingerprinting failed\n");
                rc = 1;
                break;
            }
            bw_check_run run = {.files_analyzed = 10, .findings = &pending};
            if (bw_tracker_record_check(t, &run, NULL, &err) != BW_OK)
                rc = die("check", &err);
            bw_findings_free(&pending);
            pending = (bw_findings)BW_FINDINGS_INIT;
        } else if (strcmp(f[0], "loosen") == 0 && n == 4) {
            bw_loosenings ls = BW_LOOSENINGS_INIT;
            if (bw_loosenings_add(&ls, f[1], f[2], strcmp(f[3], "-") ? f[3] : NULL, NULL) != BW_OK ||
                bw_tracker_record_loosenings(t, "config", &ls, &err) != BW_OK)
                rc = die("loosen", &err);
            bw_loosenings_free(&ls);
        } else if (strcmp(f[0], "baseline") == 0 && n == 3) {
            bw_baseline_info bi = {.path = f[1], .entries = (size_t)num(f[2])};
            if (bw_tracker_record_baseline(t, &bi, &err) != BW_OK)
                rc = die("baseline", &err);
        } else if (strcmp(f[0], "parallel") == 0 && n == 3) {
            long count = num(f[1]);
            for (long i = 0; i < count; i++) {
                pid_t pid = fork();
                if (pid == 0) {
                    char path[512];
                    snprintf(path, sizeof path, "%s%ld.c", f[2], i);
                    _exit(one_tu(argv[1], path));
                }
                if (pid < 0)
                    rc = 1;
            }
            int st;
            while (wait(&st) > 0)
                if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
                    rc = 1;
        } else {
            fprintf(stderr, "rm_seed: bad command line: %s\n", f[0]);
            rc = 1;
        }
    }
    bw_findings_free(&pending);
    bw_tracker_close(t);
    return rc;
}
