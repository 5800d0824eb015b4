/*
 * stats.c — the pass plugin's per-TU statistics (JSON lines appended to
 * $BULWARK_PASS_STATS, one per module; passes/pass_core.c writes them) and,
 * when no record was written (a ccache hit), what the object file itself
 * says about its instrumentation.
 */
#include <fcntl.h>
#include <gelf.h>
#include <jansson.h>
#include <libelf.h>
#include <string.h>
#include <unistd.h>

#include "bulwark/alloc.h"
#include "bulwark/wrapper.h"

/* The version of the record passes/ writes (BW_PASS_STATS_VERSION in
 * bulwark/pass.h, which needs the LLVM headers to include). */
#define STATS_VERSION 1

static uint64_t get_u64(json_t *obj, const char *section, const char *key)
{
    json_t *s = json_object_get(obj, section);
    json_t *v = s ? json_object_get(s, key) : NULL;
    return json_is_integer(v) && json_integer_value(v) > 0 ? (uint64_t)json_integer_value(v) : 0;
}

static bw_status parse_line(const char *line, size_t n, bw_tu_stats_list *out, bw_error *err)
{
    json_t *obj = json_loadb(line, n, 0, NULL);
    if (!json_is_object(obj)) {
        json_decref(obj);
        return BW_OK; /* a torn or foreign line: skipped */
    }
    json_t *v = json_object_get(obj, "v");
    json_t *src = json_object_get(obj, "source");
    json_t *prot = json_object_get(obj, "protections");
    if (!json_is_integer(v) || json_integer_value(v) != STATS_VERSION || !json_is_string(src) ||
        !json_is_object(prot)) {
        json_decref(obj);
        return BW_OK;
    }
    bw_tu_stats *grown = bw_reallocarray(out->items, out->count + 1, sizeof *grown);
    if (grown == NULL) {
        json_decref(obj);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    out->items = grown;
    bw_tu_stats *s = &out->items[out->count];
    memset(s, 0, sizeof *s);
    s->source = bw_strdup(json_string_value(src));
    if (s->source == NULL) {
        json_decref(obj);
        return bw_error_set(err, BW_ERR_NOMEM, "out of memory");
    }
    json_t *ss = json_object_get(prot, "shadow_stack");
    s->cfi = json_is_true(json_object_get(prot, "cfi"));
    s->memory = json_is_true(json_object_get(prot, "memory"));
    s->shadow_stack = json_is_string(ss) && strcmp(json_string_value(ss), "none") != 0;
    s->icalls = get_u64(obj, "cfi", "indirect_calls");
    s->shadow_functions = get_u64(obj, "shadow_stack", "protected");
    s->memops = get_u64(obj, "memory", "instrumented");
    s->residual = get_u64(obj, "residual", "unknown_size_memops") +
                  get_u64(obj, "residual", "indirect_calls_without_type_id") +
                  get_u64(obj, "residual", "functions_without_shadow_stack");
    if (!s->cfi)
        s->icalls = 0;
    if (!s->shadow_stack)
        s->shadow_functions = 0;
    if (!s->memory)
        s->memops = 0;
    out->count++;
    json_decref(obj);
    return BW_OK;
}

bw_status bw_tu_stats_parse(const char *text, size_t len, bw_tu_stats_list *out, bw_error *err)
{
    memset(out, 0, sizeof *out);
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        if (nl == NULL)
            break; /* an unterminated last line is a record still being written */
        bw_status st = n > 0 ? parse_line(text + pos, n, out, err) : BW_OK;
        if (st != BW_OK) {
            bw_tu_stats_clear(out);
            return st;
        }
        pos += n + 1;
    }
    return BW_OK;
}

const bw_tu_stats *bw_tu_stats_find(const bw_tu_stats_list *list, const char *path)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].source, path) == 0)
            return &list->items[i];
    /* clang may record "./a.c" for "a.c" and the like: match the tail */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const bw_tu_stats *found = NULL;
    for (size_t i = 0; i < list->count; i++) {
        const char *b = strrchr(list->items[i].source, '/');
        b = b ? b + 1 : list->items[i].source;
        if (strcmp(b, base) == 0) {
            if (found != NULL)
                return NULL; /* ambiguous */
            found = &list->items[i];
        }
    }
    return found;
}

void bw_tu_stats_clear(bw_tu_stats_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        bw_free(list->items[i].source);
    bw_free(list->items);
    memset(list, 0, sizeof *list);
}

/* ---- the object file ------------------------------------------------------------ */

#define INFO_MAGIC 0x494d5742u /* "BWMI", verify/verify.c reads the same records */
enum { INFO_CFI = 1u, INFO_SHADOW = 2u, INFO_MEMORY = 4u };

typedef struct info_record {
    uint32_t magic, version, protections, checked_icalls, shadow_functions, checked_memops;
} info_record;

/* Runtime entry points whose reference proves a protection was applied. */
static const struct {
    const char *prefix;
    unsigned bit;
} runtime_symbols[] = {
    {"__bw_cfi_check", INFO_CFI},
    {"__bw_ss_", INFO_SHADOW},
    {"__bw_mem_check", INFO_MEMORY},
    {"__bw_str", INFO_MEMORY},
    {"__bw_stp", INFO_MEMORY},
    {"__bw_vs", INFO_MEMORY},
    {"__bw_s", INFO_MEMORY}, /* __bw_sprintf, __bw_sscanf */
    {"__bw_vf", INFO_MEMORY},
    {"__bw_f", INFO_MEMORY},
};

bw_status bw_object_instrumentation(const char *path, bw_tu_stats *out, bool *has_counts,
                                    bw_error *err)
{
    memset(out, 0, sizeof *out);
    *has_counts = false;
    if (elf_version(EV_CURRENT) == EV_NONE)
        return bw_error_set(err, BW_ERR_INTERNAL, "libelf: %s", elf_errmsg(-1));
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return bw_error_set(err, BW_ERR_IO, "%s: cannot open", path);
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    bw_status st = BW_OK;
    size_t shstrndx = 0;
    if (elf == NULL || elf_kind(elf) != ELF_K_ELF || elf_getshdrstrndx(elf, &shstrndx) != 0) {
        st = bw_error_set(err, BW_ERR_PARSE, "%s: not an ELF object", path);
        goto done;
    }
    unsigned bits = 0, sym_bits = 0;
    info_record total;
    memset(&total, 0, sizeof total);
    for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn != NULL; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh;
        if (gelf_getshdr(scn, &sh) == NULL)
            continue;
        const char *name = elf_strptr(elf, shstrndx, sh.sh_name);
        if (name != NULL && strcmp(name, "__bulwark_info") == 0 && sh.sh_type != SHT_NOBITS) {
            Elf_Data *d = elf_getdata(scn, NULL);
            for (size_t off = 0; d && d->d_buf && off + sizeof(info_record) <= d->d_size;
                 off += sizeof(info_record)) {
                info_record r;
                memcpy(&r, (const char *)d->d_buf + off, sizeof r);
                if (r.magic != INFO_MAGIC || r.version != 1)
                    continue;
                *has_counts = true;
                bits |= r.protections;
                total.checked_icalls += r.checked_icalls;
                total.shadow_functions += r.shadow_functions;
                total.checked_memops += r.checked_memops;
            }
        } else if (sh.sh_type == SHT_SYMTAB) {
            Elf_Data *d = elf_getdata(scn, NULL);
            size_t count = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
            for (size_t i = 0; d != NULL && i < count; i++) {
                GElf_Sym sym;
                if (gelf_getsym(d, (int)i, &sym) == NULL)
                    continue;
                const char *sn = elf_strptr(elf, sh.sh_link, sym.st_name);
                if (sn == NULL || strncmp(sn, "__bw_", 5) != 0)
                    continue;
                for (size_t k = 0; k < sizeof runtime_symbols / sizeof runtime_symbols[0]; k++)
                    if (strncmp(sn, runtime_symbols[k].prefix, strlen(runtime_symbols[k].prefix)) == 0) {
                        sym_bits |= runtime_symbols[k].bit;
                        break;
                    }
            }
        }
    }
    if (!*has_counts)
        bits = sym_bits;
    out->cfi = (bits & INFO_CFI) != 0;
    out->shadow_stack = (bits & INFO_SHADOW) != 0;
    out->memory = (bits & INFO_MEMORY) != 0;
    out->icalls = total.checked_icalls;
    out->shadow_functions = total.shadow_functions;
    out->memops = total.checked_memops;
done:
    elf_end(elf);
    close(fd);
    return st;
}
