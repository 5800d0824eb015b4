/* bulwark-c++ (bulwark-cxx.c) — see docs/wrapper.md.  All the work is in wrapper/src. */
#include "bulwark/wrapper.h"

int main(int argc, char **argv)
{
    return bw_wrapper_main(BW_WRAPPER_CXX, argc, argv);
}
