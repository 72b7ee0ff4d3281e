/* A reusable barrier for n threads.
 *
 * barrier_wait must block until all n threads have called it, then let them all go, and work
 * again for the next round, and the next. As written it lets every thread straight through.
 */
#include <pthread.h>
#include <stdlib.h>

struct barrier {
    int n;
    /* TODO: a lock, a count of arrivals, something to sleep on, and a way to tell rounds apart */
};

/* A barrier for n >= 1 threads, or NULL if memory runs out. */
struct barrier *barrier_new(int n)
{
    struct barrier *b = malloc(sizeof *b);
    if (!b)
        return NULL;
    b->n = n;
    return b;
}

/* Waits until n threads have called barrier_wait in this round. Returns 1 in exactly one of
   them (the "serial" thread, e.g. the last to arrive) and 0 in the others. */
int barrier_wait(struct barrier *b)
{
    /* TODO */
    return 1;
}

/* Releases the barrier; no thread waits on it. */
void barrier_free(struct barrier *b)
{
    free(b);
}
