/* fork, and in-bounds uses of every checked memory function (no false
 * positives): stack, heap, struct members, flexible array members. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct msg {
    char tag[8];
    int len;
    char body[]; /* flexible array member: bounded by the allocation */
};

struct pair {
    char a[8];
    char b[8];
};

static void strings(void)
{
    char s[32];
    strcpy(s, "hello");
    strcat(s, ", world");
    strncat(s, "!!!!!!!!", 3);
    printf("%s\n", s);
    char f[40];
    sprintf(f, "%d-%s", 42, s);
    snprintf(f + 3, sizeof f - 3, "%s", "tail");
    printf("%s\n", f);
    char word[16], rest[16];
    int n = sscanf("alpha beta", "%15s %s", word, rest);
    printf("%d %s %s\n", n, word, rest);
    char *h = malloc(24);
    strcpy(h, "heap buffer ok");
    memcpy(h + 5, "_", 1);
    printf("%s\n", h);
    free(h);
    struct msg *m = malloc(sizeof *m + 32);
    strcpy(m->tag, "msg");
    m->len = 31;
    memset(m->body, 'x', 31);
    m->body[31] = '\0';
    printf("%s %zu\n", m->tag, strlen(m->body));
    free(m);
    struct pair p;
    memset(&p, 0, sizeof p); /* whole struct: fine */
    strncpy(p.a, "1234567", sizeof p.a);
    memcpy(p.b, p.a, sizeof p.b);
    printf("%s %s\n", p.a, p.b);
    FILE *t = tmpfile();
    fputs("token1 token2\n", t);
    rewind(t);
    char tk[8], tk2[8];
    n = fscanf(t, "%7s %s", tk, tk2);
    printf("%d %s %s\n", n, tk, tk2);
    fclose(t);
    char line[16];
    FILE *t2 = tmpfile();
    fputs("a longer line than the buffer\n", t2);
    rewind(t2);
    if (fgets(line, sizeof line, t2))
        printf("fgets %s\n", line);
    fclose(t2);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    strings();
    pid_t pid = fork();
    if (pid == 0) {
        strings();
        _exit(3);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    printf("child exit %d\n", WEXITSTATUS(st));
    return 0;
}
