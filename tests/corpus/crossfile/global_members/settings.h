struct settings {
    const char *table;
    const char *log_path;
    const char *sort_column;
};
extern struct settings g_settings;
void settings_set_log_path(const char *path);
void settings_load_env(void);
