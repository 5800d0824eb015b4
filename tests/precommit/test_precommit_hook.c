/* The plain git hook: install, refuse a foreign hook, chain, force,
 * uninstall, and the script really runs `<bulwark> precommit`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bulwark/file.h"
#include "pc_test_util.h"

static char *read_all(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    bw_error err = {0};
    if (bw_file_read(path, 1u << 20, &data, &len, &err) != BW_OK)
        return NULL;
    return data;
}

static void test_hooks(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/bw-pc-hook.XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    char hooks[512], hook[600], chained[640], backup[640], fake[600], log[600];
    snprintf(hooks, sizeof hooks, "%s/hooks", d);
    assert_int_equal(mkdir(hooks, 0755), 0);
    snprintf(hook, sizeof hook, "%s/pre-commit", hooks);
    snprintf(chained, sizeof chained, "%s/pre-commit.bulwark-chained", hooks);
    snprintf(backup, sizeof backup, "%s/pre-commit.bulwark-backup", hooks);
    /* A stand-in bulwark whose path needs quoting: it logs its arguments. */
    snprintf(fake, sizeof fake, "%s/it's bulwark", d);
    snprintf(log, sizeof log, "%s/log", d);
    char script[1400];
    snprintf(script, sizeof script, "#!/bin/sh\necho \"ran $*\" >> '%s'\nexit 0\n", log);
    put_file(d, "it's bulwark", script, strlen(script));
    assert_int_equal(chmod(fake, 0755), 0);

    bw_hook_options o = {fake, false, false, false};
    bw_hook_action act;
    bw_error err = {0};
    assert_int_equal(bw_hook_install(hooks, "pre-commit", &o, &act, &err), BW_OK);
    assert_int_equal(act, BW_HOOK_INSTALLED);
    struct stat sb;
    assert_int_equal(stat(hook, &sb), 0);
    assert_true((sb.st_mode & 0111) != 0);
    char *text = read_all(hook);
    assert_non_null(strstr(text, BW_HOOK_MARKER));
    assert_non_null(strstr(text, "it'\\''s bulwark"));
    bw_free(text);
    /* The hook runs the binary with "precommit". */
    const char *argv[] = {hook, NULL};
    int status = -1;
    assert_int_equal(bw_proc_run(argv, NULL, 0, NULL, 0, NULL, &status, &err), BW_OK);
    assert_int_equal(status, 0);
    text = read_all(log);
    assert_string_equal(text, "ran precommit\n");
    bw_free(text);

    /* Ours again: updated. */
    assert_int_equal(bw_hook_install(hooks, "pre-commit", &o, &act, &err), BW_OK);
    assert_int_equal(act, BW_HOOK_UPDATED);

    /* A foreign hook is refused and left byte for byte. */
    static const char foreign[] = "#!/bin/sh\necho foreign >> \"$(dirname \"$0\")/../log\"\nexit 0\n";
    put_file(hooks, "pre-commit", foreign, strlen(foreign));
    assert_int_equal(chmod(hook, 0755), 0);
    assert_int_equal(bw_hook_install(hooks, "pre-commit", &o, &act, &err), BW_OK);
    assert_int_equal(act, BW_HOOK_REFUSED);
    text = read_all(hook);
    assert_string_equal(text, foreign);
    bw_free(text);

    /* --chain: the foreign hook runs first, then bulwark. */
    o.chain = true;
    assert_int_equal(bw_hook_install(hooks, "pre-commit", &o, &act, &err), BW_OK);
    assert_int_equal(act, BW_HOOK_CHAINED);
    text = read_all(chained);
    assert_string_equal(text, foreign);
    bw_free(text);
    unlink(log);
    assert_int_equal(bw_proc_run(argv, NULL, 0, NULL, 0, NULL, &status, &err), BW_OK);
    assert_int_equal(status, 0);
    text = read_all(log);
    assert_string_equal(text, "foreign\nran precommit\n");
    bw_free(text);
    /* Chaining again while a chained hook exists and ours is installed: update. */
    assert_int_equal(bw_hook_install(hooks, "pre-commit", &o, &act, &err), BW_OK);
    assert_int_equal(act, BW_HOOK_UPDATED);
    text = read_all(hook);
    assert_non_null(strstr(text, "bulwark-chained"));
    bw_free(text);

    /* --uninstall puts the foreign hook back. */
    bw_hook_options u = {NULL, false, false, true};
    assert_int_equal(bw_hook_install(hooks, "pre-commit", &u, &act, &err), BW_OK);
    assert_int_equal(act, BW_HOOK_REMOVED);
    text = read_all(hook);
    assert_string_equal(text, foreign);
    bw_free(text);
    assert_false(bw_path_exists(chained));
    /* Uninstalling leaves a foreign hook alone. */
    assert_int_equal(bw_hook_install(hooks, "pre-commit", &u, &act, &err), BW_OK);
    assert_int_equal(act, BW_HOOK_ABSENT);
    assert_true(bw_path_exists(hook));

    /* --force replaces it and keeps a backup. */
    bw_hook_options f = {fake, true, false, false};
    assert_int_equal(bw_hook_install(hooks, "pre-commit", &f, &act, &err), BW_OK);
    assert_int_equal(act, BW_HOOK_REPLACED);
    text = read_all(backup);
    assert_string_equal(text, foreign);
    bw_free(text);
    text = read_all(hook);
    assert_non_null(strstr(text, BW_HOOK_MARKER));
    bw_free(text);

    /* The binary path must be absolute. */
    bw_hook_options rel = {"bulwark", false, false, false};
    assert_int_equal(bw_hook_install(hooks, "pre-merge-commit", &rel, &act, &err), BW_ERR_USAGE);

    unlink(hook);
    unlink(backup);
    unlink(log);
    unlink(fake);
    rmdir(hooks);
    rmdir(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hooks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
