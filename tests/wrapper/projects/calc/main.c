#include <stdio.h>
#include <string.h>
#include "calc.h"

int main(int argc, char **argv)
{
    calc_banner();
    int status = 0;
    for (int i = 1; i < argc; i++) {
        long r = 0;
        char err[64];
        char label[16];
        calc_copy_token(label, sizeof label, argv[i], strlen(argv[i]));
        if (calc_eval(argv[i], &r, err, sizeof err) == 0) {
            printf("%s = %ld\n", label, r);
        } else {
            printf("%s: %s\n", label, err);
            status = 1;
        }
    }
    return status;
}
