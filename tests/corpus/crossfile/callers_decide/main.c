#include <sqlite3.h>
#include <stdlib.h>

void render_title(const char *title);
int drop_table(sqlite3 *db, const char *table);

int main(void)
{
    render_title("Inventory");
    drop_table(NULL, "tmp_import");
    int n = atoi(getenv("N") ? getenv("N") : "0");
    return n > 0 ? drop_table(NULL, "old") : 0;
}
