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

/* safe: the source in parentheses in one of the two */
TRACE_EVENT(dev_up,
    TP_PROTO(const struct lockinfo *l),
    TP_ARGS(l),
    TP_STRUCT__entry(
        __string(owner, l ? l->owner : "NULL")
    ),
    TP_fast_assign(
        __assign_str(owner, (l ? l->owner : "NULL"));
    )
)

/* safe: the record's own member assigned from the source's name, and a
 * preprocessor line among the assignments */
TRACE_EVENT(dev_down,
    TP_PROTO(const struct lockinfo *owner, int n),
    TP_ARGS(owner, n),
    TP_STRUCT__entry(
        __field(const void *, owner)
        __field(int, n)
        __string(name, owner->owner)
    ),
    TP_fast_assign(
        __entry->owner = owner;
#ifdef TRACE_COUNTS
        __entry->n = n;
#else
        __entry->n = 0;
#endif
        __assign_str(name, owner->owner);
    )
)

#ifndef TRACE_TEST_MACROS
#define TRACE_TEST_MACROS
#define COPY_ALIAS(f, s) strcpy(__get_str(f), (s) ? (const char *)(s) : "(null)");
#define ASSIGN_ALIAS __assign_str(name, alias);
#define FIELD name
#define AS_ALIAS const char *name = alias;
#define DROP(x)
#endif

/* bad: another macro's strcpy into the field, beside a sized copy */
TRACE_EVENT(dev_rename, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name, const char *alias),
    TP_ARGS(name, alias),
    TP_STRUCT__entry(
        __string(name, name)
    ),
    TP_fast_assign(
        __assign_str(name, name);
        COPY_ALIAS(name, alias)
    )
)

/* bad: an __assign_str of another source inside an object-like macro */
TRACE_EVENT(dev_alias, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name, const char *alias),
    TP_ARGS(name, alias),
    TP_STRUCT__entry(
        __string(name, name)
    ),
    TP_fast_assign(
        __assign_str(name, name);
        ASSIGN_ALIAS
    )
)

/* bad: the field named through a macro, with another source */
TRACE_EVENT(dev_field, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name, const char *alias),
    TP_ARGS(name, alias),
    TP_STRUCT__entry(
        __string(name, name)
    ),
    TP_fast_assign(
        __assign_str(name, name);
        __assign_str(FIELD, alias);
    )
)

/* bad: the source reassigned before the copy */
TRACE_EVENT(dev_reassign, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name, const char *alias),
    TP_ARGS(name, alias),
    TP_STRUCT__entry(
        __string(name, name)
    ),
    TP_fast_assign(
        name = alias;
        __assign_str(name, name);
    )
)

/* bad: the source shadowed before the copy */
TRACE_EVENT(dev_shadow, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name, const char *alias),
    TP_ARGS(name, alias),
    TP_STRUCT__entry(
        __string(name, name)
    ),
    TP_fast_assign(
        const char *name = alias;
        __assign_str(name, name);
    )
)

/* bad: the sizing in text the preprocessor skips */
TRACE_EVENT(dev_skipped, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name),
    TP_ARGS(name),
    TP_STRUCT__entry(
#if 0
        __string(name, name)
#else
        __dynamic_array(char, name, 8)
#endif
    ),
    TP_fast_assign(
        __assign_str(name, name);
    )
)

/* bad: __string written among the assignments, where it sizes nothing */
TRACE_EVENT(dev_late, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name),
    TP_ARGS(name),
    TP_STRUCT__entry(
        __dynamic_array(char, name, 8)
    ),
    TP_fast_assign(
        __string(name, name)
        __assign_str(name, name);
    )
)

/* bad: a wrapper around two events, the second with a fixed room */
EVENTS( // expect: BW-DANGEROUS-API
TRACE_EVENT(dev_first,
    TP_PROTO(const char *name),
    TP_ARGS(name),
    TP_STRUCT__entry(
        __string(name, name)
    ),
    TP_fast_assign(
        __assign_str(name, name);
    )
)
TRACE_EVENT(dev_second,
    TP_PROTO(const char *name),
    TP_ARGS(name),
    TP_STRUCT__entry(
        __dynamic_array(char, name, 8)
    ),
    TP_fast_assign(
        __assign_str(name, name);
    )
)
)

/* bad: the source steps itself (evaluated once to size, twice to copy) */
TRACE_EVENT(dev_step, // expect: BW-DANGEROUS-API
    TP_PROTO(const char **names),
    TP_ARGS(names),
    TP_STRUCT__entry(
        __string(name, *names++)
    ),
    TP_fast_assign(
        __assign_str(name, *names++);
    )
)

/* bad: the source assigned in parentheses */
TRACE_EVENT(dev_paren, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name, const char *alias),
    TP_ARGS(name, alias),
    TP_STRUCT__entry(
        __string(name, name)
    ),
    TP_fast_assign(
        (name) = alias;
        __assign_str(name, name);
    )
)

/* bad: the source written through its address */
TRACE_EVENT(dev_address, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name, const char *alias),
    TP_ARGS(name, alias),
    TP_STRUCT__entry(
        __string(name, name)
    ),
    TP_fast_assign(
        const char **p = &name;
        *p = alias;
        __assign_str(name, name);
    )
)

/* bad: a macro's local shadows the source */
TRACE_EVENT(dev_macro_shadow, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name, const char *alias),
    TP_ARGS(name, alias),
    TP_STRUCT__entry(
        __string(name, name)
    ),
    TP_fast_assign(
        AS_ALIAS
        __assign_str(name, name);
    )
)

/* bad: a local array shadows the source */
TRACE_EVENT(dev_array_shadow, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name),
    TP_ARGS(name),
    TP_STRUCT__entry(
        __string(name, name)
    ),
    TP_fast_assign(
        const char name[] = "a string much longer than the one sized";
        __assign_str(name, name);
    )
)

/* bad: the __string inside a macro that drops it */
TRACE_EVENT(dev_dropped, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name),
    TP_ARGS(name),
    TP_STRUCT__entry(
        DROP(__string(name, name))
        __dynamic_array(char, name, 8)
    ),
    TP_fast_assign(
        __assign_str(name, name);
    )
)

/* bad: the source reassigned after the copy, in a loop */
TRACE_EVENT(dev_loop, // expect: BW-DANGEROUS-API
    TP_PROTO(const char *name, const char *alias),
    TP_ARGS(name, alias),
    TP_STRUCT__entry(
        __string(name, name)
    ),
    TP_fast_assign(
        for (int k = 0; k < 2; k++) {
            __assign_str(name, name);
            name = alias;
        }
    )
)

/* safe: btrfs's own section macros */
TRACE_EVENT(fs_mount,
    TP_PROTO(int fs, const char *name),
    TP_ARGS(fs, name),
    TP_STRUCT__entry_btrfs(
        __string(name, name)
    ),
    TP_fast_assign_btrfs(fs,
        __assign_str(name, name);
    )
)

/* bad: btrfs's sections, crossed sources */
TRACE_EVENT(fs_umount, // expect: BW-DANGEROUS-API
    TP_PROTO(int fs, const char *name, const char *alias),
    TP_ARGS(fs, name, alias),
    TP_STRUCT__entry_btrfs(
        __string(name, name)
    ),
    TP_fast_assign_btrfs(fs,
        __assign_str(name, alias);
    )
)
