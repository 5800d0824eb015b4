#pragma once
#include <stddef.h>
struct MHD_Connection;
struct MHD_Response;
enum MHD_ResponseMemoryMode { MHD_RESPMEM_PERSISTENT, MHD_RESPMEM_MUST_FREE, MHD_RESPMEM_MUST_COPY };
enum MHD_ValueKind { MHD_GET_ARGUMENT_KIND = 8 };
const char *MHD_lookup_connection_value(struct MHD_Connection *c, enum MHD_ValueKind kind, const char *key);
struct MHD_Response *MHD_create_response_from_buffer(size_t size, void *buffer, enum MHD_ResponseMemoryMode mode);
