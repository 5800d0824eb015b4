/*
 * Trace events in the shape of Linux's include/trace/events/ headers
 * (checkers/src/trace_event.c).  trace.c includes this file once per
 * stage.  A string field is declared with __string(field, src), which
 * sizes the record's room with strlen(src) + 1, and filled with
 * __assign_str(field, src), a strcpy() in another function.  The copy
 * fits when both name the same source.
 */

/* safe: the field is sized for the text copied into it */
TRACE_EVENT(cache_free,
    TP_PROTO(const char *name, int n),
    TP_ARGS(name, n),
    TP_STRUCT__entry(
        __field(int, n)
        __string(name, name)
    ),
    TP_fast_assign(
        __entry->n = n;
        __assign_str(name, name);
    )
)

/* safe: two string fields, each sized for its own source */
TRACE_EVENT(lock_acquire,
    TP_PROTO(const struct lockinfo *l),
    TP_ARGS(l),
    TP_STRUCT__entry(
        __string(owner, l->owner)
        __string(path, l->path)
    ),
    TP_fast_assign(
        __assign_str(path, l->path);
        __assign_str(owner, l->owner);
    )
)

/* bad: sized for one string, filled with another */
TRACE_EVENT(cache_alloc, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name, const char *alias),
    TP_ARGS(name, alias),
    TP_STRUCT__entry(
        __string(name, name)
    ),
    TP_fast_assign(
        __assign_str(name, alias);
    )
)

/* bad: the fields' sources crossed */
TRACE_EVENT(lock_release, // expect: BW-DANGEROUS-API
    TP_PROTO(const struct lockinfo *l),
    TP_ARGS(l),
    TP_STRUCT__entry(
        __string(owner, l->owner)
        __string(path, l->path)
    ),
    TP_fast_assign(
        __assign_str(path, l->owner);
        __assign_str(owner, l->path);
    )
)

/* bad: a fixed room of 8 bytes, not one sized by __string */
TRACE_EVENT(page_map, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name),
    TP_ARGS(name),
    TP_STRUCT__entry(
        __dynamic_array(char, name, 8)
    ),
    TP_fast_assign(
        __assign_str(name, name);
    )
)

/* bad: a strcpy written in the event itself, of another string */
TRACE_EVENT(page_unmap, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name, const char *alias),
    TP_ARGS(name, alias),
    TP_STRUCT__entry(
        __string(name, name)
    ),
    TP_fast_assign(
        strcpy(__get_str(name), (alias) ? (const char *)(alias) : "(null)");
    )
)
