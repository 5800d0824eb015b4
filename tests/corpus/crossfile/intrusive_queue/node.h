/* An intrusive list's node: laid first in a request (server.c), moved
 * between lists by code that never sees the request (queue.c).  Only a
 * block handed to a deallocator as raw memory is a free list's slot; a
 * node passed as itself still stands for the record it heads. */
struct node {
    struct node *next;
};

extern struct node *pending, *ready;
void promote(void);
