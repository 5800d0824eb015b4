#pragma once
typedef char gchar;
typedef long gssize;
gchar *g_markup_escape_text(const gchar *text, gssize length);
gchar *g_shell_quote(const gchar *unquoted_string);
gchar *g_strdup_printf(const gchar *format, ...);
int g_spawn_command_line_sync(const gchar *command_line, gchar **out, gchar **err, int *status, void **error);
void g_free(void *mem);
