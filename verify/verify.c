/* verify.c — ELF inspection with libelf: what a binary actually got.
 *
 * The checks follow checksec and Debian's hardening-check:
 *   PIE        ET_DYN with DF_1_PIE or a PT_INTERP (a shared library is n/a)
 *   RELRO      a PT_GNU_RELRO segment; BIND_NOW: DT_BIND_NOW / DF_BIND_NOW / DF_1_NOW
 *   NX         PT_GNU_STACK without PF_X
 *   canaries   a reference to __stack_chk_fail
 *   fortify    *_chk functions referenced, and no fortifiable function referenced unchecked
 *   CET        GNU_PROPERTY_X86_FEATURE_1_AND with IBT and SHSTK in .note.gnu.property
 * Bulwark's own instrumentation is read from the `__bulwark_info` section:
 * one fixed-size record per instrumented translation unit (see
 * bw_module_info_record below), so the count of modules and what each got
 * survive linking.  Without that section the runtime's symbols are reported
 * but the protections are not claimed. */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/verify.h"

#ifndef GNU_PROPERTY_X86_FEATURE_1_AND
#define GNU_PROPERTY_X86_FEATURE_1_AND 0xc0000002u
#endif
#ifndef GNU_PROPERTY_X86_FEATURE_1_IBT
#define GNU_PROPERTY_X86_FEATURE_1_IBT 1u
#define GNU_PROPERTY_X86_FEATURE_1_SHSTK 2u
#endif
#ifndef NT_GNU_PROPERTY_TYPE_0
#define NT_GNU_PROPERTY_TYPE_0 5
#endif

/* The record the pass plugin emits into section __bulwark_info per module. */
#define BW_MODULE_INFO_MAGIC 0x494d5742u /* "BWMI" little-endian */
enum { BW_INFO_CFI = 1u, BW_INFO_SHADOW = 2u, BW_INFO_MEMORY = 4u };
typedef struct bw_module_info_record {
    uint32_t magic;
    uint32_t version;      /* 1 */
    uint32_t protections;  /* BW_INFO_* bits */
    uint32_t checked_icalls;
    uint32_t shadow_functions;
    uint32_t checked_memops;
} bw_module_info_record;

static const char *const check_names[BW_VERIFY_CHECK_COUNT] = {
    [BW_VERIFY_PIE] = "pie",
    [BW_VERIFY_RELRO] = "relro",
    [BW_VERIFY_BIND_NOW] = "bind-now",
    [BW_VERIFY_NX] = "nx",
    [BW_VERIFY_STACK_PROTECTOR] = "stack-protector",
    [BW_VERIFY_FORTIFY] = "fortify",
    [BW_VERIFY_CET] = "cet",
    [BW_VERIFY_BULWARK_CFI] = "bulwark-cfi",
    [BW_VERIFY_BULWARK_SHADOW] = "bulwark-shadow-stack",
    [BW_VERIFY_BULWARK_MEMORY] = "bulwark-memory",
};

/* Functions _FORTIFY_SOURCE replaces with a checked __<name>_chk. */
static const char *const fortifiable[] = {
    "memcpy", "mempcpy", "memmove", "memset", "strcpy", "stpcpy", "strncpy", "stpncpy", "strcat",
    "strncat", "sprintf", "vsprintf", "snprintf", "vsnprintf", "printf", "vprintf", "fprintf",
    "vfprintf", "dprintf", "vdprintf", "gets", "fgets", "fread", "read", "pread", "recv", "recvfrom",
    "realpath", "getcwd", "wcscpy", "wcsncpy", "wcscat", "wcsncat", "wmemcpy", "wmemmove", "wmemset",
    "asprintf", "vasprintf", "syslog", "vsyslog", "readlink", "confstr", "ttyname_r", "getlogin_r",
};

const char *bw_verify_check_name(bw_verify_check check)
{
    return (unsigned)check < BW_VERIFY_CHECK_COUNT ? check_names[check] : "?";
}

bool bw_verify_check_parse(const char *name, bw_verify_check *out)
{
    for (unsigned i = 0; name != NULL && i < BW_VERIFY_CHECK_COUNT; i++) {
        if (strcmp(name, check_names[i]) == 0) {
            *out = (bw_verify_check)i;
            return true;
        }
    }
    return false;
}

const char *bw_verify_state_name(bw_verify_state state)
{
    switch (state) {
    case BW_VERIFY_YES: return "yes";
    case BW_VERIFY_NOT_APPLICABLE: return "n/a";
    default: return "no";
    }
}

void bw_verify_result_clear(bw_verify_result *r)
{
    if (r == NULL)
        return;
    bw_free(r->path);
    for (unsigned i = 0; i < BW_VERIFY_CHECK_COUNT; i++)
        bw_free(r->details[i]);
    memset(r, 0, sizeof *r);
}

/* What the symbol tables say. */
typedef struct symbol_facts {
    bool stack_chk;
    bool runtime_defined;      /* __bw_register_module defined here (static runtime) */
    bool runtime_referenced;   /* referenced (shared runtime) */
    bool needs_runtime_so;     /* DT_NEEDED libbulwark-rt */
    unsigned char chk_seen[sizeof fortifiable / sizeof fortifiable[0]];
    unsigned char plain_seen[sizeof fortifiable / sizeof fortifiable[0]];
} symbol_facts;

static void note_symbol(symbol_facts *sf, const char *name, bool undefined)
{
    if (strcmp(name, "__stack_chk_fail") == 0 || strcmp(name, "__stack_chk_fail_local") == 0)
        sf->stack_chk = true;
    if (strcmp(name, "__bw_register_module") == 0) {
        if (undefined)
            sf->runtime_referenced = true;
        else
            sf->runtime_defined = true;
    }
    for (size_t i = 0; i < sizeof fortifiable / sizeof fortifiable[0]; i++) {
        size_t n = strlen(fortifiable[i]);
        /* __memcpy_chk */
        if (strncmp(name, "__", 2) == 0 && strncmp(name + 2, fortifiable[i], n) == 0 &&
            strcmp(name + 2 + n, "_chk") == 0)
            sf->chk_seen[i] = 1;
        /* An unchecked libc call is an undefined reference to the plain name. */
        if (undefined && strcmp(name, fortifiable[i]) == 0)
            sf->plain_seen[i] = 1;
    }
}

static void scan_symbols(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh, symbol_facts *sf)
{
    Elf_Data *data = elf_getdata(scn, NULL);
    if (data == NULL || sh->sh_entsize == 0)
        return;
    size_t count = sh->sh_size / sh->sh_entsize;
    for (size_t i = 0; i < count; i++) {
        GElf_Sym sym;
        if (gelf_getsym(data, (int)i, &sym) == NULL)
            continue;
        const char *name = elf_strptr(elf, sh->sh_link, sym.st_name);
        if (name != NULL && *name != '\0')
            note_symbol(sf, name, sym.st_shndx == SHN_UNDEF);
    }
}

static void scan_dynamic(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh, bool *bind_now, bool *pie_flag,
                         symbol_facts *sf)
{
    Elf_Data *data = elf_getdata(scn, NULL);
    if (data == NULL || sh->sh_entsize == 0)
        return;
    size_t count = sh->sh_size / sh->sh_entsize;
    for (size_t i = 0; i < count; i++) {
        GElf_Dyn dyn;
        if (gelf_getdyn(data, (int)i, &dyn) == NULL)
            continue;
        if (dyn.d_tag == DT_BIND_NOW || (dyn.d_tag == DT_FLAGS && (dyn.d_un.d_val & DF_BIND_NOW)) ||
            (dyn.d_tag == DT_FLAGS_1 && (dyn.d_un.d_val & DF_1_NOW)))
            *bind_now = true;
        if (dyn.d_tag == DT_FLAGS_1 && (dyn.d_un.d_val & DF_1_PIE))
            *pie_flag = true;
        if (dyn.d_tag == DT_NEEDED) {
            const char *lib = elf_strptr(elf, sh->sh_link, dyn.d_un.d_val);
            if (lib != NULL && strncmp(lib, "libbulwark-rt", 13) == 0)
                sf->needs_runtime_so = true;
        }
    }
}

/* Walks GNU property notes for the x86 IBT/SHSTK feature bits. */
static uint32_t scan_properties(Elf_Scn *scn)
{
    uint32_t features = 0;
    Elf_Data *data = elf_getdata(scn, NULL);
    size_t off = 0, name_off, desc_off;
    GElf_Nhdr nh;
    while (data != NULL && (off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
        if (nh.n_type != NT_GNU_PROPERTY_TYPE_0 || nh.n_namesz != 4 ||
            memcmp((const char *)data->d_buf + name_off, "GNU", 4) != 0)
            continue;
        const unsigned char *d = (const unsigned char *)data->d_buf + desc_off;
        size_t p = 0;
        while (p + 8 <= nh.n_descsz) {
            uint32_t type, size;
            memcpy(&type, d + p, 4);
            memcpy(&size, d + p + 4, 4);
            if (size > nh.n_descsz - p - 8)
                break;
            if (type == GNU_PROPERTY_X86_FEATURE_1_AND && size >= 4)
                memcpy(&features, d + p + 8, 4);
            p += 8 + ((size + 7u) & ~7u); /* 8-byte aligned on ELF64 */
        }
    }
    return features;
}

/* Reads the __bulwark_info records; returns how many were valid. */
static size_t scan_module_info(Elf_Scn *scn, uint32_t *protections, bw_module_info_record *totals)
{
    Elf_Data *data = elf_getdata(scn, NULL);
    size_t n = 0;
    if (data == NULL || data->d_buf == NULL)
        return 0;
    for (size_t off = 0; off + sizeof(bw_module_info_record) <= data->d_size;
         off += sizeof(bw_module_info_record)) {
        bw_module_info_record rec;
        memcpy(&rec, (const char *)data->d_buf + off, sizeof rec);
        if (rec.magic != BW_MODULE_INFO_MAGIC || rec.version != 1)
            continue; /* padding between records, or a foreign section */
        *protections |= rec.protections;
        totals->checked_icalls += rec.checked_icalls;
        totals->shadow_functions += rec.shadow_functions;
        totals->checked_memops += rec.checked_memops;
        n++;
    }
    return n;
}

static bw_status set_detail(bw_verify_result *r, bw_verify_check c, bw_verify_state s, const char *text)
{
    r->checks[c] = s;
    bw_free(r->details[c]);
    r->details[c] = bw_strdup(text);
    return r->details[c] ? BW_OK : BW_ERR_NOMEM;
}

static bw_status fill_bulwark(bw_verify_result *r, const symbol_facts *sf, size_t modules,
                              uint32_t protections, const bw_module_info_record *totals)
{
    static const struct {
        bw_verify_check check;
        uint32_t bit;
        const char *what;
    } prot[] = {{BW_VERIFY_BULWARK_CFI, BW_INFO_CFI, "indirect calls checked"},
                {BW_VERIFY_BULWARK_SHADOW, BW_INFO_SHADOW, "functions on the shadow stack"},
                {BW_VERIFY_BULWARK_MEMORY, BW_INFO_MEMORY, "memory operations checked"}};
    r->bulwark_modules = modules;
    r->bulwark_runtime = sf->runtime_defined || sf->runtime_referenced || sf->needs_runtime_so;
    for (size_t i = 0; i < sizeof prot / sizeof prot[0]; i++) {
        char text[160];
        bool yes = modules > 0 && (protections & prot[i].bit);
        uint32_t count = prot[i].bit == BW_INFO_CFI ? totals->checked_icalls
                         : prot[i].bit == BW_INFO_SHADOW ? totals->shadow_functions
                                                         : totals->checked_memops;
        if (yes)
            snprintf(text, sizeof text, "%zu instrumented module%s, %u %s", modules,
                     modules == 1 ? "" : "s", count, prot[i].what);
        else if (modules > 0)
            snprintf(text, sizeof text, "%zu instrumented module%s, none with this protection", modules,
                     modules == 1 ? "" : "s");
        else
            snprintf(text, sizeof text, "no Bulwark-instrumented module%s",
                     r->bulwark_runtime ? " (the runtime is linked, but no module records it)" : "");
        bw_status st = set_detail(r, prot[i].check, yes ? BW_VERIFY_YES : BW_VERIFY_NO, text);
        if (st != BW_OK)
            return st;
    }
    return BW_OK;
}

static bw_status inspect(Elf *elf, bw_verify_result *r, bw_error *err)
{
    GElf_Ehdr eh;
    if (gelf_getehdr(elf, &eh) == NULL)
        return bw_error_set(err, BW_ERR_PARSE, "%s: unreadable ELF header: %s", r->path, elf_errmsg(-1));
    bool relro = false, nx = true, has_stack_hdr = false, interp = false, bind_now = false, pie_flag = false;
    size_t phnum = 0, shnum = 0, shstrndx = 0;
    /* A file cut short (or damaged) has headers libelf cannot read: say so
     * rather than report a binary that merely "misses protections". */
    if (elf_getphdrnum(elf, &phnum) != 0 || elf_getshdrnum(elf, &shnum) != 0 ||
        (shnum > 0 && elf_getshdrstrndx(elf, &shstrndx) != 0) || (phnum == 0 && shnum == 0))
        return bw_error_set(err, BW_ERR_PARSE, "%s: truncated or damaged ELF file: %s", r->path,
                            elf_errmsg(-1) ? elf_errmsg(-1) : "no headers");
    for (size_t i = 0; i < phnum; i++) {
        GElf_Phdr probe;
        if (gelf_getphdr(elf, (int)i, &probe) == NULL)
            return bw_error_set(err, BW_ERR_PARSE, "%s: truncated or damaged ELF file: %s", r->path,
                                elf_errmsg(-1));
    }
    for (size_t i = 0; i < phnum; i++) {
        GElf_Phdr ph;
        if (gelf_getphdr(elf, (int)i, &ph) == NULL)
            continue;
        if (ph.p_type == PT_GNU_RELRO)
            relro = true;
        if (ph.p_type == PT_INTERP)
            interp = true;
        if (ph.p_type == PT_GNU_STACK) {
            has_stack_hdr = true;
            nx = (ph.p_flags & PF_X) == 0;
        }
    }
    symbol_facts sf;
    memset(&sf, 0, sizeof sf);
    uint32_t features = 0, protections = 0;
    bool have_notes = false;
    size_t modules = 0;
    bw_module_info_record totals;
    memset(&totals, 0, sizeof totals);
    for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn != NULL; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh;
        if (gelf_getshdr(scn, &sh) == NULL)
            continue;
        const char *name = elf_strptr(elf, shstrndx, sh.sh_name);
        if (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM)
            scan_symbols(elf, scn, &sh, &sf);
        else if (sh.sh_type == SHT_DYNAMIC)
            scan_dynamic(elf, scn, &sh, &bind_now, &pie_flag, &sf);
        else if (sh.sh_type == SHT_NOTE && name != NULL && strcmp(name, ".note.gnu.property") == 0) {
            have_notes = true;
            features |= scan_properties(scn);
        } else if (name != NULL && strcmp(name, "__bulwark_info") == 0)
            modules += scan_module_info(scn, &protections, &totals);
    }
    r->is_shared_library = eh.e_type == ET_DYN && !interp && !pie_flag;
    r->is_executable = eh.e_type == ET_EXEC || (eh.e_type == ET_DYN && !r->is_shared_library);
    bool linked = eh.e_type == ET_EXEC || eh.e_type == ET_DYN;
    bw_status st = BW_OK;
#define SET(c, s, t) do { if (st == BW_OK) st = set_detail(r, c, s, t); } while (0)
    if (r->is_shared_library)
        SET(BW_VERIFY_PIE, BW_VERIFY_NOT_APPLICABLE, "shared library (always position-independent)");
    else if (eh.e_type == ET_DYN)
        SET(BW_VERIFY_PIE, BW_VERIFY_YES, "position-independent executable");
    else
        SET(BW_VERIFY_PIE, linked ? BW_VERIFY_NO : BW_VERIFY_NOT_APPLICABLE,
            linked ? "fixed-address executable: link with -pie" : "not a linked file");
    SET(BW_VERIFY_RELRO, relro ? BW_VERIFY_YES : (linked ? BW_VERIFY_NO : BW_VERIFY_NOT_APPLICABLE),
        relro ? "GNU_RELRO segment present" : "no GNU_RELRO segment: link with -Wl,-z,relro");
    SET(BW_VERIFY_BIND_NOW, bind_now ? BW_VERIFY_YES : (linked ? BW_VERIFY_NO : BW_VERIFY_NOT_APPLICABLE),
        bind_now ? "symbols bound at start-up (full RELRO)" : "lazy binding: link with -Wl,-z,now");
    SET(BW_VERIFY_NX, !linked ? BW_VERIFY_NOT_APPLICABLE : (nx && has_stack_hdr) ? BW_VERIFY_YES : BW_VERIFY_NO,
        !has_stack_hdr ? "no PT_GNU_STACK header: the stack may be executable"
                       : nx ? "stack not executable" : "executable stack: link with -Wl,-z,noexecstack");
    SET(BW_VERIFY_STACK_PROTECTOR, sf.stack_chk ? BW_VERIFY_YES : BW_VERIFY_NO,
        sf.stack_chk ? "__stack_chk_fail referenced" : "no stack canaries: compile with -fstack-protector-strong");
    for (size_t i = 0; i < sizeof fortifiable / sizeof fortifiable[0]; i++) {
        r->fortified_calls += sf.chk_seen[i];
        r->unfortified_calls += sf.plain_seen[i] && !sf.chk_seen[i];
    }
    char text[160];
    if (r->fortified_calls == 0 && r->unfortified_calls == 0) {
        SET(BW_VERIFY_FORTIFY, BW_VERIFY_NOT_APPLICABLE, "no fortifiable libc function referenced");
    } else {
        snprintf(text, sizeof text, "%zu fortified, %zu fortifiable left unchecked%s", r->fortified_calls,
                 r->unfortified_calls, r->fortified_calls == 0 ? ": compile with -O2 -D_FORTIFY_SOURCE=3" : "");
        SET(BW_VERIFY_FORTIFY, r->fortified_calls > 0 ? BW_VERIFY_YES : BW_VERIFY_NO, text);
    }
    bool cet = (features & GNU_PROPERTY_X86_FEATURE_1_IBT) && (features & GNU_PROPERTY_X86_FEATURE_1_SHSTK);
    if (eh.e_machine != EM_X86_64 && eh.e_machine != EM_386)
        SET(BW_VERIFY_CET, BW_VERIFY_NOT_APPLICABLE, "not an x86 binary");
    else
        SET(BW_VERIFY_CET, cet ? BW_VERIFY_YES : BW_VERIFY_NO,
            cet ? "IBT and SHSTK marked" : have_notes ? "IBT/SHSTK not marked for every object: compile with -fcf-protection=full"
                                                     : "no GNU property note: compile with -fcf-protection=full");
#undef SET
    if (st == BW_OK)
        st = fill_bulwark(r, &sf, modules, protections, &totals);
    if (st != BW_OK)
        return bw_error_set(err, st, "%s: out of memory", r->path);
    return BW_OK;
}

bw_status bw_verify_file(const char *path, bw_verify_result *out, bw_error *err)
{
    memset(out, 0, sizeof *out);
    if ((out->path = bw_strdup(path)) == NULL)
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    if (elf_version(EV_CURRENT) == EV_NONE)
        return bw_error_set(err, BW_ERR_INTERNAL, "libelf: %s", elf_errmsg(-1));
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return bw_error_set(err, errno == ENOENT ? BW_ERR_NOT_FOUND : BW_ERR_IO, "%s: %s", path, strerror(errno));
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    bw_status st;
    if (elf == NULL || elf_kind(elf) != ELF_K_ELF)
        st = bw_error_set(err, BW_ERR_PARSE, "%s: not an ELF file", path);
    else
        st = inspect(elf, out, err);
    elf_end(elf);
    close(fd);
    return st;
}
