/*
 * bulwark/annotations.h — mark your own functions for Bulwark's taint rules.
 *
 * Every macro expands to __attribute__((annotate("bulwark:..."))) under
 * clang (and to nothing elsewhere): it changes nothing at run time and
 * nothing in the generated code.  Put it on a declaration the callers see
 * (usually the one in your header):
 *
 *   char *read_request_field(struct req *r, const char *name) BW_SOURCE;
 *   int   db_run(struct db *db, const char *sql) BW_SINK(sql, 2);
 *   char *html_escape(const char *s) BW_SANITIZER(html);
 *   void  html_escape_buf(char *buf, size_t cap) BW_SANITIZER(html);
 *   int   is_identifier(const char *s) BW_VALIDATOR(sql, 1);
 *   char *str_upper(const char *s) BW_PROPAGATOR(1, 0);
 *
 * Argument numbers are 1-based (like the `format` attribute: a method's
 * object is argument 1); 0 names the return value.  Kinds: sql, cmd, ldap, html, format, all.
 *
 *   BW_SOURCE             the return value is untrusted input
 *   BW_SOURCE_ARG(n)      the buffer argument n points to receives untrusted input
 *   BW_SINK(kind, n)      argument n must not carry untrusted `kind` data
 *   BW_SANITIZER(kind)    the result is safe for `kind`: the return value
 *                         and, for a C function that returns no pointer,
 *                         each non-const `char *` argument, which it fills
 *                         or escapes where it lies (`html_escape_buf(buf,
 *                         sizeof buf)`)
 *   BW_SANITIZER_ARG(kind, n) argument n receives the sanitized text (it is
 *                         filled, or escaped where it lies), whatever its
 *                         type; in C++ it holds for every overload of the name
 *   BW_VALIDATOR(kind, n) a non-zero result means argument n is safe for
 *                         `kind` (an allow-list check: `if (!v(s)) return;`)
 *   BW_PROPAGATOR(from, to) data flows from argument `from` to `to` (0 = return)
 *
 * The same declarations can be made without touching code in the `taint:`
 * section of .bulwark.yaml (docs/checkers.md).
 */
#ifndef BULWARK_ANNOTATIONS_H
#define BULWARK_ANNOTATIONS_H

#if defined(__clang__)
#define BW_ANNOTATE_(text) __attribute__((annotate(text)))
#else
#define BW_ANNOTATE_(text)
#endif

#define BW_STR_(x) #x
#define BW_SOURCE BW_ANNOTATE_("bulwark:source")
#define BW_SOURCE_ARG(n) BW_ANNOTATE_("bulwark:source:" BW_STR_(n))
#define BW_SINK(kind, n) BW_ANNOTATE_("bulwark:sink:" BW_STR_(kind) ":" BW_STR_(n))
#define BW_SANITIZER(kind) BW_ANNOTATE_("bulwark:sanitizer:" BW_STR_(kind))
#define BW_SANITIZER_ARG(kind, n) BW_ANNOTATE_("bulwark:sanitizer:" BW_STR_(kind) ":" BW_STR_(n))
#define BW_VALIDATOR(kind, n) BW_ANNOTATE_("bulwark:validator:" BW_STR_(kind) ":" BW_STR_(n))
#define BW_PROPAGATOR(from, to) BW_ANNOTATE_("bulwark:propagator:" BW_STR_(from) ":" BW_STR_(to))

#endif
