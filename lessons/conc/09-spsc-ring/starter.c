/* A single-producer single-consumer ring buffer, without locks.
 *
 * Exactly one thread calls ring_push and exactly one other thread calls ring_pop, at the same
 * time. Neither may block: a push into a full ring and a pop from an empty one return 0.
 * Use kdojo's atomics (<kdojo/atomic.h>) to hand items from one thread to the other safely.
 */
#include <kdojo/atomic.h>
#include <stdlib.h>

struct ring {
    volatile long long head;   /* items popped so far: only the consumer changes it */
    volatile long long tail;   /* items pushed so far: only the producer changes it */
    long long mask;            /* capacity - 1 (capacity is a power of two) */
    long long *slots;
};

/* An empty ring for capacity items (a power of two, >= 2), or NULL if memory runs out. */
struct ring *ring_new(int capacity)
{
    struct ring *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->slots = malloc(sizeof *r->slots * (size_t)capacity);
    if (!r->slots) {
        free(r);
        return NULL;
    }
    r->mask = capacity - 1;
    return r;
}

/* Producer: appends v and returns 1, or returns 0 if the ring is full. */
int ring_push(struct ring *r, long long v)
{
    /* TODO */
    return 0;
}

/* Consumer: removes the oldest item into *out and returns 1, or returns 0 if the ring is empty. */
int ring_pop(struct ring *r, long long *out)
{
    /* TODO */
    return 0;
}

/* Releases the ring; neither thread uses it any more. */
void ring_free(struct ring *r)
{
    free(r->slots);
    free(r);
}
