#pragma once
#include <stddef.h>
struct mg_connection;
int mg_printf(struct mg_connection *conn, const char *fmt, ...);
int mg_get_var(const char *data, size_t data_len, const char *var_name, char *dst, size_t dst_len);
int mg_write(struct mg_connection *conn, const void *buf, size_t len);
