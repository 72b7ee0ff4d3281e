/* harness.c for llm/01-dynamic-batching: a discrete-event simulation of one inference
 * server, driving the learner's batcher on a simulated clock.
 *
 * Time is an integer number of microseconds, so every comparison is exact. Requests
 * arrive at the times in `arrival` (sorted); request i has id i. The server runs one batch
 * at a time; a batch of k requests takes base_us + per_item_us * k. Whenever the server is
 * idle, the harness calls batcher_poll and checks the answer against the rule in README.md,
 * so a wrong decision is reported at the moment it is made.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct batcher;
struct batcher *batcher_new(int max_batch, long long max_wait_us);
void batcher_submit(struct batcher *b, int id, long long now_us);
int batcher_poll(struct batcher *b, long long now_us, int *ids);
long long batcher_deadline(const struct batcher *b);
void batcher_free(struct batcher *b);

#define NEVER 0x7fffffffffffffffLL

/* Returns 0 when the run completed and obeyed the rule; otherwise 1, with a message in err.
 * finish[i] receives request i's completion time; batches[] the size of each batch, in
 * order (nbatches[0] how many). ids must have room for max_batch ints. */
int harness_simulate(const long long *arrival, int n, int max_batch, long long max_wait_us,
                     long long base_us, long long per_item_us, long long *finish,
                     int *batches, int *nbatches, int *ids, char *err, int errlen)
{
    struct batcher *b = batcher_new(max_batch, max_wait_us);
    if (!b) {
        snprintf(err, (size_t)errlen, "batcher_new(%d, %lld) returned NULL", max_batch, max_wait_us);
        return 1;
    }
    char *done = calloc((size_t)n + 1, 1);
    int head = 0;            /* oldest request not yet dispatched (ids are in arrival order) */
    int next = 0;            /* next request to arrive */
    long long now = 0, busy_until = 0;
    int nb = 0, rc = 0;
    nbatches[0] = 0;
    while (head < n) {
        /* The next event: an arrival, the server freeing up, or the batcher's deadline. */
        long long t = NEVER;
        if (next < n) t = arrival[next];
        if (busy_until > now && busy_until < t) t = busy_until;
        if (busy_until <= now && head < next) {
            long long d = batcher_deadline(b);
            if (d <= now) {
                snprintf(err, (size_t)errlen,
                         "t = %lld us: batcher_deadline() returned %lld, which is not in the future, yet the last poll dispatched nothing "
                         "(%d waiting, the oldest since %lld us)", now, d, next - head, arrival[head]);
                rc = 1;
                break;
            }
            if (d < t) t = d;
        }
        if (t == NEVER) {
            snprintf(err, (size_t)errlen,
                     "t = %lld us: %d requests are waiting (the oldest, id %d, since %lld us), the server is idle, no more requests "
                     "will arrive, and batcher_deadline() says never: they would wait forever",
                     now, next - head, head, arrival[head]);
            rc = 1;
            break;
        }
        if (t > now) now = t;
        while (next < n && arrival[next] <= now) {
            batcher_submit(b, next, arrival[next]);
            next++;
        }
        if (busy_until > now)
            continue;
        int waiting = next - head;
        int k = batcher_poll(b, now, ids);
        /* The rule: a full batch at once; otherwise everything waiting, once the oldest
         * has waited max_wait; otherwise nothing. */
        int want = 0;
        if (waiting >= max_batch) want = max_batch;
        else if (waiting > 0 && arrival[head] + max_wait_us <= now) want = waiting;
        if (k != want) {
            if (waiting == 0)
                snprintf(err, (size_t)errlen, "t = %lld us: nothing is waiting, yet batcher_poll returned %d", now, k);
            else
                snprintf(err, (size_t)errlen,
                         "t = %lld us, server idle, %d waiting (the oldest, id %d, since %lld us; max_batch %d, max_wait %lld us): "
                         "expected a batch of %d, batcher_poll returned %d",
                         now, waiting, head, arrival[head], max_batch, max_wait_us, want, k);
            rc = 1;
            break;
        }
        if (k == 0)
            continue;
        for (int j = 0; j < k; j++) {
            int id = ids[j];
            if (id < 0 || id >= n || id >= next) {
                snprintf(err, (size_t)errlen, "t = %lld us: batch slot %d holds id %d, which has not been submitted", now, j, id);
                rc = 1;
                break;
            }
            if (done[id]) {
                snprintf(err, (size_t)errlen, "t = %lld us: request %d was dispatched twice", now, id);
                rc = 1;
                break;
            }
            if (id != head + j) {
                snprintf(err, (size_t)errlen,
                         "t = %lld us: batch slot %d holds id %d, but the oldest waiting requests are %d..%d, in that order (FIFO)",
                         now, j, id, head, head + k - 1);
                rc = 1;
                break;
            }
            done[id] = 1;
        }
        if (rc)
            break;
        busy_until = now + base_us + per_item_us * k;
        for (int j = 0; j < k; j++)
            finish[head + j] = busy_until;
        head += k;
        batches[nb++] = k;
        nbatches[0] = nb;
    }
    batcher_free(b);
    free(done);
    return rc;
}

/* Bytes still allocated after a batcher has queued n requests, dispatched some, and been
 * freed with requests still waiting (the heap in use after, minus before). */
long long harness_leak(int n)
{
    int *ids = malloc(sizeof(int) * 4);
    struct mallinfo2 before = mallinfo2();
    struct batcher *b = batcher_new(4, 1000);
    if (!b) return -1;
    for (int i = 0; i < n; i++)
        batcher_submit(b, i, i);
    batcher_poll(b, n, ids);
    batcher_free(b);
    struct mallinfo2 after = mallinfo2();
    free(ids);
    return (long long)after.uordblks - (long long)before.uordblks;
}
