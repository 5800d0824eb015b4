/*
 * trace_event.h — the Linux tracing macros' string fields.  A trace event
 * declares a string field with `__string(field, src)`, which sizes the
 * record's dynamic area with strlen(src) + 1 in a generated function, and
 * fills it with `__assign_str(field, src)`, a strcpy() into that area in
 * another.  The memory analysis cannot relate the two functions, so it
 * would report every such strcpy; this model recognises the pair.
 */
#ifndef BW_CHECKERS_TRACE_EVENT_H
#define BW_CHECKERS_TRACE_EVENT_H

#include <clang-c/Index.h>
#include <stdbool.h>

/* Whether `call`, a strcpy(), is an `__assign_str(field, src)` of a trace
 * event that declares `__string(field, src)` with the same source tokens:
 * the destination is the record's `__data_loc_<field>` area, the source is
 * the macro's `(src) ? (const char *)(src) : "(null)"` written inside that
 * `__assign_str` in the event's TP_fast_assign and reading only parameters
 * the function never writes, and the `__string` is the field's one in the
 * event's TP_STRUCT__entry (trace_event.c). */
bool bw_trace_event_sized_copy(CXTranslationUnit tu, CXCursor call);

#endif
