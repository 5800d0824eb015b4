/*
 * rt_stubs_x86_64.S — register-preserving entry points for the slow paths.
 *
 * Instrumented code calls these with LLVM's preserve_most convention: the
 * callee keeps every general-purpose register except r11 (and rax, the
 * result); vector registers are the caller's to save.  A function whose
 * check takes the slow path so rarely then needs no spills and, with
 * shrink-wrapping, no frame on the fast path.  Each stub saves the
 * argument/scratch registers a C function may clobber (rdi, rsi, rdx, rcx,
 * r8, r9, r10: seven pushes, which also re-align the stack to 16; rax as
 * well for the void functions, whose rax the convention also preserves),
 * calls the C implementation and restores them.
 *
 * __bw_cfi_check_pm passes the instrumented caller's return address as a
 * sixth argument, so reports name the real call site, not the stub.
 */
#if defined(__x86_64__) && defined(__ELF__)

#define SAVE \
    push %rdi; .cfi_adjust_cfa_offset 8; \
    push %rsi; .cfi_adjust_cfa_offset 8; \
    push %rdx; .cfi_adjust_cfa_offset 8; \
    push %rcx; .cfi_adjust_cfa_offset 8; \
    push %r8;  .cfi_adjust_cfa_offset 8; \
    push %r9;  .cfi_adjust_cfa_offset 8; \
    push %r10; .cfi_adjust_cfa_offset 8

#define RESTORE \
    pop %r10; .cfi_adjust_cfa_offset -8; \
    pop %r9;  .cfi_adjust_cfa_offset -8; \
    pop %r8;  .cfi_adjust_cfa_offset -8; \
    pop %rcx; .cfi_adjust_cfa_offset -8; \
    pop %rdx; .cfi_adjust_cfa_offset -8; \
    pop %rsi; .cfi_adjust_cfa_offset -8; \
    pop %rdi; .cfi_adjust_cfa_offset -8

#define STUB(name, impl, extra) \
    .globl name; \
    .type name, @function; \
    .p2align 4; \
name: \
    .cfi_startproc; \
    SAVE; \
    extra; \
    call impl; \
    RESTORE; \
    ret; \
    .cfi_endproc; \
    .size name, . - name

    .text
#define CALLER_ARG mov 56(%rsp), %r9
STUB(__bw_cfi_check_pm, bw_rt_cfi_check_from, CALLER_ARG)
/* void functions: under preserve_most rax is preserved too (it is not a
 * return register here); eight pushes plus 8 bytes keep the alignment. */
#define VOID_STUB(name, impl) \
    .globl name; \
    .type name, @function; \
    .p2align 4; \
name: \
    .cfi_startproc; \
    push %rax; .cfi_adjust_cfa_offset 8; \
    SAVE; \
    sub $8, %rsp; .cfi_adjust_cfa_offset 8; \
    call impl; \
    add $8, %rsp; .cfi_adjust_cfa_offset -8; \
    RESTORE; \
    pop %rax; .cfi_adjust_cfa_offset -8; \
    ret; \
    .cfi_endproc; \
    .size name, . - name

VOID_STUB(__bw_ss_init_v3_pm, bw_rt_ss_init_local)
VOID_STUB(__bw_ss_mismatch_pm, bw_rt_ss_mismatch_local)
/*
 * __bw_mem_check_slow_pm(dst, len, avail, base, site) first answers, with
 * r11 only (the one register the convention leaves to the callee), the case
 * the pass sends here most: no size known at compile time (avail ==
 * SIZE_MAX) and base the start of no tracked heap block.  rt_heap.c keeps a
 * 16-bit shadow entry per 16 bytes of heap, zero where no block starts; for
 * the first GiB region that got a shadow leaf (the main heap), the entry of
 * base is at bw_rt_heap_leaf0 + (base >> 3), so a zero entry there means
 * bw_rt_heap_size(base) == SIZE_MAX: nothing to check.  Other regions, and
 * bases that are not 16-byte aligned whose two bytes read at an odd offset
 * happen to be non-zero, go to the C path, which answers exactly; with no
 * leaf at all (tracking off) nothing is tracked anywhere.  In SQLite that is
 * ~160,000 calls (pointers into arrays of structs) that cost ~70
 * instructions each through the C path and cost 12 here.
 */
    .globl __bw_mem_check_slow_pm
    .type __bw_mem_check_slow_pm, @function
    .p2align 4
__bw_mem_check_slow_pm:
    .cfi_startproc
    cmp $-1, %rdx
    jne 1f                          /* a size is known: the C check */
    mov %rcx, %r11
    shr $30, %r11
    cmp bw_rt_heap_region0(%rip), %r11
    jne 2f                          /* not the main heap's region (or none yet) */
    mov %rcx, %r11
    shr $3, %r11
    add bw_rt_heap_leaf0(%rip), %r11
    cmpw $0, (%r11)
    jne 1f                          /* a block starts here: check it in C */
    ret
2:  cmpq $0, bw_rt_heap_leaf0(%rip)
    jne 1f                          /* another region: look it up in C */
    ret                             /* no shadow at all: nothing is tracked */
1:  push %rax; .cfi_adjust_cfa_offset 8
    SAVE
    sub $8, %rsp; .cfi_adjust_cfa_offset 8
    call bw_rt_mem_check_slow_local
    add $8, %rsp; .cfi_adjust_cfa_offset -8
    RESTORE
    pop %rax; .cfi_adjust_cfa_offset -8
    ret
    .cfi_endproc
    .size __bw_mem_check_slow_pm, . - __bw_mem_check_slow_pm

#endif
    .section .note.GNU-stack, "", @progbits
