/* A bounded multi-producer multi-consumer queue, without locks.
 *
 * Any number of threads call mpmc_push and mpmc_pop at the same time. Neither blocks: a push
 * into a full queue and a pop from an empty one return 0. Use compare-and-swap
 * (kd_atomic_cas_long in <kdojo/atomic.h>) so that no two threads take the same position.
 */
#include <kdojo/atomic.h>
#include <stdlib.h>

struct cell {
    volatile long long seq;    /* whose turn the slot is: see the lesson */
    long long item;
};

struct mpmc {
    volatile long long tail;   /* next position to push */
    volatile long long head;   /* next position to pop */
    long long mask;            /* capacity - 1 (capacity is a power of two) */
    struct cell *cells;
};

/* An empty queue for capacity items (a power of two, >= 2), or NULL if memory runs out. */
struct mpmc *mpmc_new(int capacity)
{
    struct mpmc *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->cells = malloc(sizeof *q->cells * (size_t)capacity);
    if (!q->cells) {
        free(q);
        return NULL;
    }
    for (long long i = 0; i < capacity; i++)
        q->cells[i].seq = i;
    q->mask = capacity - 1;
    return q;
}

/* Appends v and returns 1, or returns 0 if the queue is full. Any thread. */
int mpmc_push(struct mpmc *q, long long v)
{
    /* TODO */
    return 0;
}

/* Removes the oldest item into *out and returns 1, or returns 0 if the queue is empty. */
int mpmc_pop(struct mpmc *q, long long *out)
{
    /* TODO */
    return 0;
}

/* Releases the queue; no thread uses it any more. */
void mpmc_free(struct mpmc *q)
{
    free(q->cells);
    free(q);
}
