#!/usr/bin/env python3
"""Generates a synthetic C project for the pre-commit benchmark.

   gen_project.py <dir> [--lines N]

Modules of ~500 lines: each has a header, static helpers, string building
with snprintf/strncat, calls into two other modules, a global, and a few
SQLite calls with constant or bound data (so the engine has real flows to
follow but the project starts with a handful of findings, like a legacy code
base with a baseline).  A compile_commands.json is written next to it.
Deterministic: the same arguments give the same tree.
"""
import json
import os
import random
import sys


def module(i, n_modules, rng, target_lines):
    a, b = (i + 1) % n_modules, (i + 7) % n_modules
    out = [f'#include "mod{i:04d}.h"', f'#include "mod{a:04d}.h"', f'#include "mod{b:04d}.h"',
           '#include <sqlite3.h>', '#include <stdio.h>', '#include <stdlib.h>', '#include <string.h>', '',
           f'int g_counter_{i};', f'const char *g_name_{i} = "module {i}";', '']
    k = 0
    while len(out) < target_lines:
        kind = rng.randrange(5)
        fn = f'm{i}_f{k}'
        if kind == 0:
            out += [f'static size_t {fn}(const char *s)', '{', '    size_t n = 0;',
                    '    for (const char *p = s; *p != \'\\0\'; p++) {',
                    "        if (*p >= 'a' && *p <= 'z')", '            n += 2;', '        else',
                    '            n += 1;', '    }', f'    g_counter_{i} += (int)n;', '    return n;', '}', '']
        elif kind == 1:
            out += [f'int {fn}(char *out, size_t size, const char *key, int value)', '{',
                    '    char tmp[64];', '    int w = snprintf(tmp, sizeof tmp, "%s=%d", key, value);',
                    '    if (w < 0 || (size_t)w >= sizeof tmp)', '        return -1;',
                    '    if (strlen(out) + strlen(tmp) + 1 >= size)', '        return -1;',
                    '    strncat(out, tmp, size - strlen(out) - 1);', f'    return m{a}_api(value);', '}', '']
        elif kind == 2:
            out += [f'int {fn}(sqlite3 *db, int id)', '{', '    sqlite3_stmt *st = NULL;',
                    '    int rc = sqlite3_prepare_v2(db, "SELECT name FROM t WHERE id = ?", -1, &st, NULL);',
                    '    if (rc != SQLITE_OK)', '        return rc;', '    sqlite3_bind_int(st, 1, id);',
                    '    while (sqlite3_step(st) == SQLITE_ROW)', f'        g_counter_{i}++;',
                    '    return sqlite3_finalize(st);', '}', '']
        elif kind == 3:
            out += [f'double {fn}(const double *v, size_t n)', '{', '    double sum = 0.0, max = 0.0;',
                    '    for (size_t j = 0; j < n; j++) {', '        sum += v[j];', '        if (v[j] > max)',
                    '            max = v[j];', '    }', f'    return n ? sum / (double)n + max * 0.0 + m{b}_scale() : 0.0;', '}', '']
        else:
            out += [f'int {fn}(sqlite3 *db, const char *table)', '{', '    char sql[128];',
                    '    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE stale = 1", table);',
                    '    return sqlite3_exec(db, sql, NULL, NULL, NULL);', '}', '']
        k += 1
    out += [f'int m{i}_api(int x)', '{', f'    return x + g_counter_{i};', '}', '',
            f'double m{i}_scale(void)', '{', '    return 1.0;', '}', '']
    header = [f'#ifndef MOD{i:04d}_H', f'#define MOD{i:04d}_H', f'int m{i}_api(int x);',
              f'double m{i}_scale(void);', '#endif', '']
    return '\n'.join(out) + '\n', '\n'.join(header) + '\n'


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = os.path.abspath(sys.argv[1])
    lines = 100000
    if '--lines' in sys.argv:
        lines = int(sys.argv[sys.argv.index('--lines') + 1])
    per = 500
    n = max(3, lines // (per + 6))
    rng = random.Random(7)
    os.makedirs(os.path.join(root, 'src'), exist_ok=True)
    total = 0
    db = []
    for i in range(n):
        c, h = module(i, n, rng, per)
        with open(os.path.join(root, 'src', f'mod{i:04d}.c'), 'w') as f:
            f.write(c)
        with open(os.path.join(root, 'src', f'mod{i:04d}.h'), 'w') as f:
            f.write(h)
        total += c.count('\n') + h.count('\n')
        db.append({'directory': root, 'file': f'src/mod{i:04d}.c',
                   'arguments': ['cc', '-std=c11', '-Isrc', '-c', f'src/mod{i:04d}.c', '-o', f'build/mod{i:04d}.o']})
    os.makedirs(os.path.join(root, 'build'), exist_ok=True)
    with open(os.path.join(root, 'build', 'compile_commands.json'), 'w') as f:
        json.dump(db, f, indent=1)
    print(f'{n} modules, {total} lines')


if __name__ == '__main__':
    main()
