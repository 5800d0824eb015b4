/* Reproducer (found by benchmarks/realcode/run.sh on the SQLite amalgamation
 * with an ASan build): `bulwark check --no-cache` on this file reads freed
 * memory in checkers/src/analyze.c assign() — it keeps `e`, a pointer into
 * the state's entry array, across st_get(), which may insert into (realloc,
 * memmove) that array, then tv_join(&oe->v, &e->v) reads through it:
 *
 *   ASAN_OPTIONS=detect_leaks=0 build-asan/cli/bulwark check --no-cache \
 *       tests/checkers/regress/member_write_through_pointer_uaf.c -- -std=c11
 *   ==ERROR: AddressSanitizer: heap-use-after-free ... tv_any analyze.c:66
 *       tv_join analyze.c:78 <- assign analyze.c:1374 (freed by st_get analyze.c:1019)
 *
 * Expected: no sanitizer report and no finding (exit 0; `sink` is no known
 * sink).  Two objects are needed: one does not fill the array.  Fixed in
 * assign(); a corpus file, so the ASan+UBSan suite replays it. */
struct s { const char *a, *b; };
void sink(const char *);
void f(int argc, char **argv) {
  struct s o0; struct s *p0 = &o0;
  struct s o1; struct s *p1 = &o1;
  p0->a = argv[1]; p0->b = p0->a;
  p1->a = argv[1]; p1->b = p1->a;
  sink(o0.b);
  sink(o1.b);
}
