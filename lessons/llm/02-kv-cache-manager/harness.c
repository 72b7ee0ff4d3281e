/* harness.c for llm/02-kv-cache-manager: replays a trace of cache operations against the
 * learner's cache (or the reference's) in C, recording every result, so that grade.lua
 * can compare the two runs operation by operation. */
#define _GNU_SOURCE
#include <malloc.h>
#include <stddef.h>
#include <stdlib.h>

struct kvcache;
struct kvcache *kv_new(long long capacity);
int kv_lookup(struct kvcache *c, long long key);
int kv_insert(struct kvcache *c, long long key, int tokens, long long *evicted);
void kv_pin(struct kvcache *c, long long key);
void kv_unpin(struct kvcache *c, long long key);
long long kv_used(const struct kvcache *c);
void kv_free(struct kvcache *c);

enum { OP_LOOKUP = 0, OP_INSERT = 1, OP_PIN = 2, OP_UNPIN = 3 };

/* res[i]: lookup 0/1, insert its return value, pin/unpin 0. used[i]: kv_used after op i.
 * Evicted keys are appended to evicted[] in the order reported. Returns the number of
 * evicted keys, or -1 if kv_new returned NULL, or -2 if an insert reported more evictions
 * than the room left. */
long long harness_replay(const int *op, const long long *key, const int *tokens, int n,
                         long long capacity, int *res, long long *used, long long *evicted, long long evicted_cap)
{
    struct kvcache *c = kv_new(capacity);
    if (!c)
        return -1;
    long long ne = 0;
    for (int i = 0; i < n; i++) {
        int r = 0;
        switch (op[i]) {
        case OP_LOOKUP: r = kv_lookup(c, key[i]); break;
        case OP_INSERT:
            r = kv_insert(c, key[i], tokens[i], evicted + ne);
            if (r > 0) {
                if (r > evicted_cap - ne) {
                    kv_free(c);
                    return -2;
                }
                ne += r;
            }
            break;
        case OP_PIN: kv_pin(c, key[i]); break;
        case OP_UNPIN: kv_unpin(c, key[i]); break;
        }
        res[i] = r;
        used[i] = kv_used(c);
    }
    kv_free(c);
    return ne;
}

/* A serving loop: for each request, look its key up; on a miss insert it (req_tokens[r]
 * tokens); if it is now cached, pin it while "in flight": the request from `inflight`
 * requests earlier completes (is unpinned) just before. inflight >= 1. Every operation is recorded as 4 long longs in rec:
 * (op, key, result, kv_used after). Returns the number of operations, -1 if kv_new
 * returned NULL, -2 if an insert reported more evictions than fit in evicted. */
long long harness_serve(const long long *req_key, const int *req_tokens, int nreq, long long capacity,
                        int inflight, long long *rec, long long *evicted, long long evicted_cap)
{
    struct kvcache *c = kv_new(capacity);
    if (!c)
        return -1;
    long long *ring = calloc((size_t)inflight, sizeof *ring);
    char *pinned = calloc((size_t)inflight, 1);
    long long nops = 0, ne = 0;
#define REC(o, k, r) do { rec[4 * nops] = (o); rec[4 * nops + 1] = (k); rec[4 * nops + 2] = (r); \
                          rec[4 * nops + 3] = kv_used(c); nops++; } while (0)
    for (int r = 0; r < nreq; r++) {
        long long k = req_key[r];
        int slot = r % inflight;
        if (r >= inflight && pinned[slot]) {          /* request r - inflight completes */
            kv_unpin(c, ring[slot]);
            REC(OP_UNPIN, ring[slot], 0);
        }
        int hit = kv_lookup(c, k);
        REC(OP_LOOKUP, k, hit);
        int cached = hit;
        if (!hit) {
            int e = kv_insert(c, k, req_tokens[r], evicted + ne);
            if (e > evicted_cap - ne) {
                free(ring);
                free(pinned);
                kv_free(c);
                return -2;
            }
            REC(OP_INSERT, k, e);
            if (e >= 0) {
                ne += e;
                cached = 1;
            }
        }
        ring[slot] = k;
        pinned[slot] = (char)cached;
        if (cached) {
            kv_pin(c, k);
            REC(OP_PIN, k, 0);
        }
    }
#undef REC
    free(ring);
    free(pinned);
    kv_free(c);
    return nops;
}

/* Bytes left allocated after a cache holding n entries is freed. */
long long harness_leak(int n)
{
    long long *ev = malloc(sizeof(long long) * ((size_t)n + 1));
    struct mallinfo2 before = mallinfo2();
    struct kvcache *c = kv_new(n / 2 + 1);
    if (!c) return -1;
    for (int i = 0; i < n; i++)
        kv_insert(c, i, 1, ev);
    kv_free(c);
    struct mallinfo2 after = mallinfo2();
    free(ev);
    return (long long)after.uordblks - (long long)before.uordblks;
}
