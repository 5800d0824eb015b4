/* A tiny JIT: generated code in an anonymous executable mapping, declared
 * to Bulwark so indirect calls into it are allowed (a visible loosening). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

int bw_rt_declare_jit_region(const void *start, size_t size) __attribute__((weak));

int main(void)
{
    /* mov %edi,%eax; add %esi,%eax; ret */
    static const unsigned char code[] = { 0x89, 0xf8, 0x01, 0xf0, 0xc3 };
    unsigned char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return 1;
    memcpy(p, code, sizeof code);
    mprotect(p, 4096, PROT_READ | PROT_EXEC);
    if (bw_rt_declare_jit_region)
        bw_rt_declare_jit_region(p, 4096);
    int (*add)(int, int) = (int (*)(int, int))(void *)p;
    int s = 0;
    for (int i = 0; i < 100; i++)
        s = add(s, i);
    printf("jit sum %d\n", s);
    return 0;
}
