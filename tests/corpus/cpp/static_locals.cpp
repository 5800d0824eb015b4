/* C++ static locals: a dynamic initializer runs at the first call only, so
 * it is a branch that later calls skip, and the value an earlier call
 * stored is still there for the next. */
#include <cstdlib>
#include <string>

/* bad: the initializer's untrusted value */
void run_home_bad()
{
    static std::string home = std::getenv("HOME");
    std::system(home.c_str()); // expect: BW-CMD-INJECTION
}

/* safe: initializers of constants, constant and dynamic */
void run_fixed_ok()
{
    static const char *cmd = "uptime";
    static std::string other = "date";
    std::system(cmd);
    std::system(other.c_str());
}

/* bad: kept from an earlier call */
static void later_bad(const char *in, bool run)
{
    static std::string kept;
    if (run) {
        std::system(kept.c_str()); // expect: BW-CMD-INJECTION
        return;
    }
    kept = in;
}

void drive_bad()
{
    later_bad(std::getenv("X"), false);
    later_bad("", true);
}

/* safe: the same, fed constants */
static void later_ok(const char *in, bool run)
{
    static std::string kept;
    if (run) {
        std::system(kept.c_str());
        return;
    }
    kept = in;
}

void drive_ok()
{
    later_ok("uptime", false);
    later_ok("", true);
}
