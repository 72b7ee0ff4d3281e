/* A dynamic batcher for an inference server. Times are integers, in microseconds.
 *
 * batcher_submit: a request with this id arrives at now_us (ids arrive in increasing order).
 * batcher_poll:   the server is idle at now_us. Either dispatch a batch (write its ids,
 *                 oldest first, into ids[] and return how many) or return 0 to wait:
 *                   - if max_batch or more are waiting: the oldest max_batch, now;
 *                   - else if the oldest has waited max_wait (arrival + max_wait <= now): all;
 *                   - else: nothing.
 * batcher_deadline: the earliest time a poll would dispatch if nothing else arrived
 *                 (the oldest arrival + max_wait), or NEVER when nothing is waiting.
 */
#include <stdlib.h>

#define NEVER 0x7fffffffffffffffLL

struct batcher {
    int max_batch;
    long long max_wait;
    /* TODO: a FIFO queue of waiting requests (it may grow to many thousands) */
};

struct batcher *batcher_new(int max_batch, long long max_wait_us)
{
    struct batcher *b = calloc(1, sizeof *b);
    b->max_batch = max_batch;
    b->max_wait = max_wait_us;
    return b;
}

void batcher_submit(struct batcher *b, int id, long long now_us)
{
    /* TODO */
}

int batcher_poll(struct batcher *b, long long now_us, int *ids)
{
    /* TODO */
    return 0;
}

long long batcher_deadline(const struct batcher *b)
{
    /* TODO */
    return NEVER;
}

void batcher_free(struct batcher *b)
{
    free(b);
}
