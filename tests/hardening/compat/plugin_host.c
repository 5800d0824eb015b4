/* A program that exports an API to plugins (default visibility, nothing
 * hidden) and calls plugins it dlopens; the plugins call back into it.
 * Loads and unloads the plugin twice (registration / unregistration). */
#include <dlfcn.h>
#include <stdio.h>

int host_api_double(int v) { return 2 * v; }

static int host_cb(int v) { return v + 1000; }

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    for (int round = 0; round < 2; round++) {
        void *h = dlopen(argv[1], RTLD_NOW);
        if (!h) {
            printf("dlopen failed: %s\n", dlerror());
            return 1;
        }
        int (*run)(int (*)(int), int) = (int (*)(int (*)(int), int))dlsym(h, "plugin_run");
        const char *(*name)(void) = (const char *(*)(void))dlsym(h, "plugin_name");
        if (!run || !name)
            return 1;
        printf("round %d: %s -> %d\n", round, name(), run(host_cb, 21));
        dlclose(h);
    }
    return 0;
}
