/*
 * The stages of Linux's include/trace/trace_events.h, reduced: each
 * inclusion of events.h defines one part of every event (the record, the
 * offsets of its dynamic fields, the function that sizes them, the
 * function that reserves and fills the record).
 */
#include <stddef.h>
#include <string.h>

struct lockinfo {
    const char *owner;
    const char *path;
};

void *ring_reserve(unsigned long size);
void ring_commit(void *record);

#define EVENTS(...) __VA_ARGS__
#define TP_PROTO(...) __VA_ARGS__
#define TP_ARGS(...) __VA_ARGS__
#define TP_STRUCT__entry(...) __VA_ARGS__
#define TP_fast_assign(...) __VA_ARGS__
/* btrfs wraps both sections to add its file system's id */
#define TP_STRUCT__entry_btrfs(...) TP_STRUCT__entry(__field(int, fsid) __VA_ARGS__)
#define TP_fast_assign_btrfs(fs, ...) TP_fast_assign(__entry->fsid = (fs); __VA_ARGS__)

/* stage 1: the record */
#define __field(type, item) type item;
#define __dynamic_array(type, item, len) unsigned int __data_loc_##item;
#define __string(item, src) __dynamic_array(char, item, -1)
#define TRACE_EVENT(call, proto, args, tstruct, assign) \
    struct raw_##call {                                 \
        tstruct char __data[];                          \
    };
#include "events.h"
#undef __field
#undef __dynamic_array
#undef TRACE_EVENT

/* stage 2: where each dynamic field lies */
#define __field(type, item)
#define __dynamic_array(type, item, len) unsigned int item;
#define TRACE_EVENT(call, proto, args, tstruct, assign) \
    struct offsets_##call {                             \
        tstruct int unused;                             \
    };
#include "events.h"
#undef __field
#undef __dynamic_array
#undef __string
#undef TRACE_EVENT

/* stage 3: the room each dynamic field needs */
#define __field(type, item)
#define __dynamic_array(type, item, len)                                   \
    item_length = (len) * sizeof(type);                                    \
    offsets->item = data_size + offsetof(typeof(*entry), __data);          \
    offsets->item |= item_length << 16;                                    \
    data_size += item_length;
#define __string(item, src) __dynamic_array(char, item, strlen((src) ? (const char *)(src) : "(null)") + 1)
#define TRACE_EVENT(call, proto, args, tstruct, assign)                \
    static int offsets_of_##call(struct offsets_##call *offsets, proto) \
    {                                                                   \
        int data_size = 0;                                              \
        unsigned int item_length;                                       \
        struct raw_##call *entry = NULL;                                \
        (void)entry;                                                    \
        tstruct return data_size;                                       \
    }
#include "events.h"
#undef __field
#undef __dynamic_array
#undef __string
#undef TRACE_EVENT

/* stage 4: reserve the record with that room and fill it */
#define __entry entry
#define __field(type, item)
#define __dynamic_array(type, item, len) __entry->__data_loc_##item = offsets.item;
#define __string(item, src) __dynamic_array(char, item, -1)
#define __get_dynamic_array(field) ((void *)__entry + (__entry->__data_loc_##field & 0xffff))
#define __get_str(field) ((char *)__get_dynamic_array(field))
#define __assign_str(dst, src) strcpy(__get_str(dst), (src) ? (const char *)(src) : "(null)");
#define TRACE_EVENT(call, proto, args, tstruct, assign)                         \
    void trace_##call(proto)                                                    \
    {                                                                           \
        struct offsets_##call offsets;                                          \
        int data_size = offsets_of_##call(&offsets, args);                      \
        struct raw_##call *entry = ring_reserve(sizeof(*entry) + data_size);    \
        if (entry == NULL)                                                      \
            return;                                                             \
        tstruct {                                                               \
            assign                                                              \
        }                                                                       \
        ring_commit(entry);                                                     \
    }
#include "events.h"
