/* A single-producer single-consumer ring buffer without locks.
 *
 * head counts the items ever popped, tail the items ever pushed; slot k % capacity holds item
 * k. Each index has exactly one writer: only the producer writes tail, only the consumer
 * writes head. So neither needs a lock, only the right order of memory operations:
 *
 *   push: write the slot, THEN publish it by storing tail + 1;
 *   pop:  read the slot, THEN free it by storing head + 1.
 *
 * The atomic store of tail is the release point: the consumer that loads the new tail is
 * guaranteed to see the slot written before it. Both counters only grow (a long long does
 * not wrap in this lifetime), and capacity is a power of two, so the slot is a mask away.
 *
 * Each thread keeps a private copy of the other side's index and reloads it only when the
 * ring looks full (or empty): most pushes and pops then touch no cache line the other thread
 * writes, and the two cores stop stealing the line from each other.
 */
#include <kdojo/atomic.h>
#include <stdlib.h>

struct ring {
    /* The consumer's line. */
    volatile long long head;        /* items popped; written by the consumer only */
    long long tail_seen;            /* the consumer's last look at tail */
    char pad1[48];
    /* The producer's line. */
    volatile long long tail;        /* items pushed; written by the producer only */
    long long head_seen;            /* the producer's last look at head */
    char pad2[48];
    long long mask;                 /* capacity - 1 */
    long long *slots;
};

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

int ring_push(struct ring *r, long long v)
{
    long long t = r->tail;              /* only this thread writes tail: a plain read is fine */
    if (t - r->head_seen > r->mask) {   /* looks full: look at the consumer's progress again */
        r->head_seen = kd_atomic_load_long(&r->head);
        if (t - r->head_seen > r->mask)
            return 0;
    }
    r->slots[t & r->mask] = v;
    kd_atomic_store_long(&r->tail, t + 1);  /* publish: the slot is written */
    return 1;
}

int ring_pop(struct ring *r, long long *out)
{
    long long h = r->head;
    if (h == r->tail_seen) {            /* looks empty: look at the producer's progress again */
        r->tail_seen = kd_atomic_load_long(&r->tail);
        if (h == r->tail_seen)
            return 0;
    }
    *out = r->slots[h & r->mask];
    kd_atomic_store_long(&r->head, h + 1);  /* the slot may be reused now */
    return 1;
}

void ring_free(struct ring *r)
{
    free(r->slots);
    free(r);
}
