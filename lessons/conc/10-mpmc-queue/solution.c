/* A bounded multi-producer multi-consumer queue without locks (after Dmitry Vyukov's design).
 *
 * Producers claim positions from one counter (tail), consumers from another (head), each
 * with a compare-and-swap, so two threads never get the same position. Position p lives in
 * slot p & mask, and each slot carries a sequence number that says whose turn it is:
 *
 *   seq == p          the slot is empty and waits for the producer of position p;
 *   seq == p + 1      it holds position p's item and waits for its consumer;
 *   seq == p + cap    emptied; now it waits for the producer of p + cap (one lap later).
 *
 * A producer that claimed p writes the item, then stores seq = p + 1: that store publishes
 * the item. A consumer that claimed p reads it, then stores seq = p + cap: that hands the slot
 * to the next lap. Comparing seq with p also tells a thread, before it claims anything,
 * whether the queue is full (seq < p: last lap's item is still there) or empty.
 */
#include <kdojo/atomic.h>
#include <stdlib.h>

struct cell {
    volatile long long seq;
    long long item;
};

struct mpmc {
    volatile long long tail;    /* next position to push */
    char pad1[56];
    volatile long long head;    /* next position to pop */
    char pad2[56];
    long long mask;
    struct cell *cells;
};

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
        kd_atomic_store_long(&q->cells[i].seq, i);
    q->mask = capacity - 1;
    return q;
}

int mpmc_push(struct mpmc *q, long long v)
{
    long long pos = kd_atomic_load_long(&q->tail);
    for (;;) {
        struct cell *c = &q->cells[pos & q->mask];
        long long seq = kd_atomic_load_long(&c->seq);
        if (seq == pos) {
            /* Empty and waiting for position pos: try to claim it. On failure pos is
               reloaded with the current tail, and we look again. */
            if (kd_atomic_cas_long(&q->tail, &pos, pos + 1)) {
                c->item = v;
                kd_atomic_store_long(&c->seq, pos + 1);   /* publish */
                return 1;
            }
        } else if (seq < pos) {
            return 0;           /* still holds the item of the previous lap: full */
        } else {
            pos = kd_atomic_load_long(&q->tail);          /* another producer got there first */
        }
    }
}

int mpmc_pop(struct mpmc *q, long long *out)
{
    long long pos = kd_atomic_load_long(&q->head);
    for (;;) {
        struct cell *c = &q->cells[pos & q->mask];
        long long seq = kd_atomic_load_long(&c->seq);
        if (seq == pos + 1) {
            if (kd_atomic_cas_long(&q->head, &pos, pos + 1)) {
                *out = c->item;
                kd_atomic_store_long(&c->seq, pos + q->mask + 1);  /* free for the next lap */
                return 1;
            }
        } else if (seq < pos + 1) {
            return 0;           /* position pos not written yet: empty */
        } else {
            pos = kd_atomic_load_long(&q->head);
        }
    }
}

void mpmc_free(struct mpmc *q)
{
    free(q->cells);
    free(q);
}
