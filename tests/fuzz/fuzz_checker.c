/* fuzz_checker.c — libFuzzer harness for the checker engine on mutated C:
 * whatever the input, `bulwark check` on it (parse with libclang, lower to
 * the flow IR, whole-program taint and memory analysis, findings with
 * flows) must finish with findings, a parse failure or a clean error —
 * never crash, leak or hang.  Hangs are bounded twice: the engine's own
 * per-TU time limit (bw_check_options.time_limit) and libFuzzer's -timeout.
 * The limit is 4 s so that a parse libclang never finishes (clang 19 loops
 * for ever on `int x = sizeof:: b;`, corpus seed sizeof_colons.c) is left
 * behind at twice that, 8 s, before libFuzzer's -timeout=10 calls the input
 * a hang.
 *
 * The input is written to one scratch file per process because the
 * session, like clang, compiles files that exist on disk. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulwark/checkers.h"
#include "bulwark/config.h"

static char scratch_dir[] = "/tmp/bw-fuzz-checker-XXXXXX";
static char source[sizeof scratch_dir + 16];
static bw_config *config;

static void remove_scratch(void)
{
    unlink(source);
    rmdir(scratch_dir);
    bw_config_free(config);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    bw_error err = {0};
    if (mkdtemp(scratch_dir) == NULL)
        abort();
    atexit(remove_scratch);
    snprintf(source, sizeof source, "%s/input.c", scratch_dir);
    static const char yaml[] = "version: 1\n";
    if (bw_config_load_buffer(yaml, sizeof yaml - 1, "fuzz.yaml", scratch_dir, &config, &err) != BW_OK)
        abort();
    return 0;
}

static bool write_input(const uint8_t *data, size_t size)
{
    FILE *f = fopen(source, "wb");
    if (f == NULL)
        return false;
    bool ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024 || !write_input(data, size))
        return 0;
    bw_check_options o;
    bw_check_options_init(&o);
    o.jobs = 1;
    o.root = scratch_dir;
    o.time_limit = 4;
    bw_error err = {0};
    bw_session *s = NULL;
    if (bw_session_new(config, &o, &s, &err) != BW_OK)
        abort();
    const char *argv[] = {"clang", "-std=gnu17", "-c", source};
    bw_status st = bw_session_add_command(s, scratch_dir, 4, argv, &err);
    if (st == BW_OK)
        st = bw_session_run(s, &err);
    if (st != BW_OK && err.message[0] == '\0')
        __builtin_trap(); /* every failure must say why */
    if (st == BW_OK) {
        const bw_findings *fs = bw_session_findings(s);
        for (size_t i = 0; i < fs->count; i++) {
            const bw_finding *f = fs->items[i];
            if (f->rule_id == NULL || f->message == NULL)
                __builtin_trap(); /* a finding names its rule and says what is wrong */
        }
    }
    bw_session_stats ss;
    bw_session_get_stats(s, &ss);
    bw_session_free(s);
    /* an input clang parses for ever leaves a thread spinning: keep it out
     * of the corpus, so that mutating it does not leave more */
    return ss.left_running > 0 ? -1 : 0;
}
