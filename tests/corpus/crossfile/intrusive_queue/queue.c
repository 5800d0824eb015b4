#include <stddef.h>

#include "node.h"

struct node *pending, *ready;

/* moves the pending request to the ready list */
void promote(void)
{
    struct node *n = pending;
    pending = NULL;
    n->next = ready;
    ready = n;
}
