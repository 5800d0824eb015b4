/* main for the projects that also build report.cpp */
#include <stdio.h>
#include <string.h>
#include "calc.h"

int calc_report(int n);

int main(int argc, char **argv)
{
    calc_banner();
    int status = 0;
    for (int i = 1; i < argc; i++) {
        long r = 0;
        char err[64];
        if (calc_eval(argv[i], &r, err, sizeof err) == 0) {
            printf("%s = %ld\n", argv[i], r);
        } else {
            printf("%s: %s\n", argv[i], err);
            status = 1;
        }
    }
    calc_report(argc + 3);
    return status;
}
