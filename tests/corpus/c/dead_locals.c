// The analysis drops a local's state where no path ahead names it (a
// cost measure): a check through a pointer to a buffer still clears the
// buffer, a link it could not record keeps everything, and a buffer that
// only a path without a link to it tainted is not read through a link
// made on the other path.
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static int is_word(const char *s)
{
    if (strspn(s, "abcdefghijklmnopqrstuvwxyz_") != strlen(s))
        return 0;
    return 1;
}

// The check names p, a pointer to buf, in the branch that ends the block.
void check_through_alias_ok(sqlite3 *db)
{
    char buf[64];
    strncpy(buf, getenv("Q"), sizeof buf - 1);
    buf[sizeof buf - 1] = '\0';
    const char *p = buf;
    if (!is_word(p))
        return;
    sqlite3_exec(db, buf, 0, 0, 0);
}

void check_through_alias_bad(sqlite3 *db)
{
    char buf[64];
    strncpy(buf, getenv("Q"), sizeof buf - 1);
    buf[sizeof buf - 1] = '\0';
    const char *p = buf;
    if (!is_word(p + 1))
        return;
    sqlite3_exec(db, buf, 0, 0, 0); // expect: BW-SQL-INJECTION
}

void inline_check_ok(const char *arg)
{
    char cmd[128];
    strncpy(cmd, arg, sizeof cmd - 1);
    cmd[sizeof cmd - 1] = '\0';
    char *name = cmd;
    if (strspn(name, "abcdefghijklmnopqrstuvwxyz") != strlen(name))
        return;
    system(cmd);
}

// On the else path p may point to buf (k > 4), which receives $X there;
// p's points-to set is full (four targets), so its link to buf may be
// the one it lost: buf is kept.
void full_points_to_bad(int c, int k)
{
    char a1[8] = "a", a2[8] = "b", a3[8] = "c", a4[8] = "d";
    char buf[100];
    char *p;
    if (c) {
        strcpy(buf, "ls");
        p = buf;
    } else {
        p = k == 1 ? a1 : k == 2 ? a2 : k == 3 ? a3 : k == 4 ? a4 : buf;
        strcpy(buf, getenv("X"));
    }
    strcat(p, " -l");
    system(p); // expect: BW-CMD-INJECTION
}

void full_points_to_ok(int c, int k)
{
    char a1[8] = "a", a2[8] = "b", a3[8] = "c", a4[8] = "d";
    char buf[100];
    char *p;
    if (c) {
        strcpy(buf, "ls");
        p = buf;
    } else {
        p = k == 1 ? a1 : k == 2 ? a2 : k == 3 ? a3 : k == 4 ? a4 : buf;
        strcpy(buf, "id");
    }
    strcat(p, " -l");
    system(p);
}

// buf holds $X only on the else path, where nothing points to it.
void link_from_other_path_ok(int c)
{
    char buf[100], other[100];
    char *p;
    if (c) {
        strcpy(buf, "ls");
        p = buf;
    } else {
        strcpy(buf, getenv("X"));
        strcpy(other, "ls");
        p = other;
    }
    strcat(p, "x");
    system(p);
}

void link_from_other_path_bad(int c)
{
    char buf[100], other[100];
    char *p;
    if (c) {
        strcpy(buf, "ls");
        p = buf;
    } else {
        strcpy(buf, getenv("X"));
        strcpy(other, "ls");
        p = buf;
    }
    strcat(p, "x");
    system(p); // expect: BW-CMD-INJECTION
}

int main(void)
{
    inline_check_ok(getenv("TOOL"));
    return 0;
}
