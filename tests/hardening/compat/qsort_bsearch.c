/* qsort/bsearch with callbacks, called back from (uninstrumented) libc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { char name[16]; int key; };

static int by_key(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct rec *)a)->name, ((const struct rec *)b)->name);
}

int main(void)
{
    struct rec r[64];
    for (int i = 0; i < 64; i++) {
        snprintf(r[i].name, sizeof r[i].name, "n%03d", (i * 37) % 64);
        r[i].key = (i * 53) % 97;
    }
    int (*cmps[2])(const void *, const void *) = { by_key, by_name };
    for (int c = 0; c < 2; c++) {
        qsort(r, 64, sizeof r[0], cmps[c]);
        printf("first %s %d last %s %d\n", r[0].name, r[0].key, r[63].name, r[63].key);
    }
    struct rec key;
    strcpy(key.name, "n042");
    struct rec *hit = bsearch(&key, r, 64, sizeof r[0], by_name);
    printf("bsearch %s\n", hit ? hit->name : "none");
    return 0;
}
