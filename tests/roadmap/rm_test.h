/* Helpers shared by the roadmap tests. */
#ifndef BW_RM_TEST_H
#define BW_RM_TEST_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A fresh temporary directory; rm_remove_tree removes and frees it. */
static inline char *rm_temp_dir(void)
{
    char *d = strdup("/tmp/bwrm.XXXXXX");
    if (d == NULL || mkdtemp(d) == NULL)
        abort();
    return d;
}

static inline int rm_unlink_cb(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static inline void rm_remove_tree(char *dir)
{
    nftw(dir, rm_unlink_cb, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

static inline void rm_write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        abort();
    fputs(text, f);
    fclose(f);
}

/* Writes root/rel, creating parent directories. */
static inline void rm_put(const char *root, const char *rel, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (char *p = path + strlen(root) + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0777);
            *p = '/';
        }
    }
    rm_write_file(path, text);
}

#endif
