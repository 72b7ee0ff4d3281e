/* An LRU manager for KV caches, measured in tokens.
 *
 * kv_new(capacity)          an empty cache holding at most capacity tokens
 * kv_lookup(c, key)         1 if key is cached (it becomes the most recently used), else 0
 * kv_insert(c, key, tokens, evicted)
 *                           key is not cached. If tokens > capacity - (tokens of pinned
 *                           entries), return -1 and change nothing. Otherwise evict
 *                           unpinned entries, least recently used first, until it fits;
 *                           write their keys to evicted[0..], insert key as the most
 *                           recently used, and return how many were evicted.
 * kv_pin / kv_unpin         pins nest; an entry with a pin count > 0 is never evicted
 * kv_used                   tokens currently held
 * kv_free                   release everything
 */
#include <stdlib.h>

struct kvcache {
    long long capacity, used;
    /* TODO */
};

struct kvcache *kv_new(long long capacity)
{
    struct kvcache *c = calloc(1, sizeof *c);
    c->capacity = capacity;
    return c;
}

int kv_lookup(struct kvcache *c, long long key)
{
    /* TODO */
    return 0;
}

int kv_insert(struct kvcache *c, long long key, int tokens, long long *evicted)
{
    /* TODO */
    return -1;
}

void kv_pin(struct kvcache *c, long long key)
{
    /* TODO */
}

void kv_unpin(struct kvcache *c, long long key)
{
    /* TODO */
}

long long kv_used(const struct kvcache *c)
{
    return c->used;
}

void kv_free(struct kvcache *c)
{
    free(c);
}
