/* Rows of a two-dimensional array are arrays of their own: a copy that runs
 * from one row into the next overflows the row.  rows[0] as the base of the
 * whole array (memset over sizeof rows) is the common flat use and stays
 * silent. */
#include <string.h>

void use(const void *p);

void row_copy_bad(const char *s)
{
    char rows[4][8];
    memset(rows, 0, sizeof rows);
    memcpy(rows[1], s, 10); // expect: BW-BUFFER-OVERFLOW
    use(rows);
}

void row_copy_ok(const char *s)
{
    char rows[4][8];
    memset(rows, 0, sizeof rows);
    memcpy(rows[1], s, sizeof rows[1]);
    use(rows);
}

void row_index_bad(int i)
{
    int grid[3][5];
    memset(grid, 0, sizeof grid);
    if (i < 0 || i >= 3)
        return;
    grid[i][5] = 1; // expect: BW-OFF-BY-ONE
    use(grid);
}

void row_index_ok(int i)
{
    int grid[3][5];
    memset(grid, 0, sizeof grid);
    if (i < 0 || i >= 3)
        return;
    grid[i][4] = 1;
    use(grid);
}

void flat_clear_ok(void)
{
    char rows[4][8];
    memset(rows[0], 0, sizeof rows);
    use(rows);
}
