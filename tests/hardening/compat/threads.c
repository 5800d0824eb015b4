/* Threads: each has its own shadow stack; thread start routines are
 * called through pointers by libc. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static long work(int id, int depth)
{
    char buf[48];
    snprintf(buf, sizeof buf, "t%d-d%d", id, depth);
    if (depth == 0)
        return (long)strlen(buf);
    return work(id, depth - 1) + (long)strlen(buf);
}

static void *start(void *arg)
{
    int id = *(int *)arg;
    long sum = 0;
    for (int i = 0; i < 2000; i++)
        sum += work(id, i % 20);
    return (void *)sum;
}

int main(void)
{
    pthread_t t[8];
    int ids[8];
    for (int i = 0; i < 8; i++) {
        ids[i] = i;
        pthread_create(&t[i], NULL, start, &ids[i]);
    }
    for (int i = 0; i < 8; i++) {
        void *r;
        pthread_join(t[i], &r);
        printf("thread %d -> %ld\n", i, (long)r);
    }
    return 0;
}
