/* A dynamic batcher: hold requests briefly so that one model call serves several.
 *
 * Rule, whenever the server is idle and polls:
 *   - max_batch or more waiting: dispatch the oldest max_batch now;
 *   - else, if the oldest has waited max_wait (arrival + max_wait <= now): dispatch all;
 *   - else dispatch nothing, and report the deadline arrival_of_oldest + max_wait.
 * The queue is a growable ring buffer of (id, arrival), oldest first.
 */
#include <stdlib.h>

#define NEVER 0x7fffffffffffffffLL

struct item {
    int id;
    long long arrival;
};

struct batcher {
    int max_batch;
    long long max_wait;
    struct item *q;
    int cap, head, len;     /* ring: q[(head + i) % cap], i < len */
};

struct batcher *batcher_new(int max_batch, long long max_wait_us)
{
    struct batcher *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->max_batch = max_batch;
    b->max_wait = max_wait_us;
    b->cap = 16;
    b->q = malloc(sizeof *b->q * (size_t)b->cap);
    if (!b->q) {
        free(b);
        return NULL;
    }
    return b;
}

void batcher_submit(struct batcher *b, int id, long long now_us)
{
    if (b->len == b->cap) {                 /* grow, unrolling the ring */
        struct item *q = malloc(sizeof *q * (size_t)b->cap * 2);
        if (!q)
            abort();
        for (int i = 0; i < b->len; i++)
            q[i] = b->q[(b->head + i) % b->cap];
        free(b->q);
        b->q = q;
        b->head = 0;
        b->cap *= 2;
    }
    b->q[(b->head + b->len) % b->cap] = (struct item){id, now_us};
    b->len++;
}

int batcher_poll(struct batcher *b, long long now_us, int *ids)
{
    int k = 0;
    if (b->len >= b->max_batch)
        k = b->max_batch;
    else if (b->len > 0 && b->q[b->head].arrival + b->max_wait <= now_us)
        k = b->len;
    for (int i = 0; i < k; i++)
        ids[i] = b->q[(b->head + i) % b->cap].id;
    b->head = (b->head + k) % b->cap;
    b->len -= k;
    return k;
}

long long batcher_deadline(const struct batcher *b)
{
    return b->len ? b->q[b->head].arrival + b->max_wait : NEVER;
}

void batcher_free(struct batcher *b)
{
    if (!b)
        return;
    free(b->q);
    free(b);
}
