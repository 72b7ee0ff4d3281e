/* An LRU cache of KV-cache entries, measured in tokens.
 *
 * Every entry sits in a hash table (open addressing, linear probing, by key) and in a
 * doubly linked list ordered by recency: head = least recently used, tail = most. So
 * lookup, insert (per eviction) and pin/unpin are O(1) on average.
 *
 * Eviction walks from the head, skipping pinned entries. Before evicting anything,
 * insert checks that the new entry can fit at all (capacity minus the pinned tokens):
 * an insert that must fail leaves the cache untouched.
 */
#include <stdlib.h>

struct entry {
    long long key;
    int tokens, pins;
    int prev, next;          /* recency list, by index into entries; -1 = none */
};

struct kvcache {
    long long capacity, used, pinned_tokens;
    struct entry *e;         /* entries, with a free list threaded through next */
    int ecap, free_head, lru, mru;
    int *slot;               /* hash table of entry indices; -1 empty, -2 deleted */
    int scap, sused, live;   /* sused counts live and deleted slots */
};

static unsigned long long mix(long long k)
{
    unsigned long long x = (unsigned long long)k;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

static int find_slot(const struct kvcache *c, long long key)
{
    unsigned long long m = (unsigned long long)c->scap - 1;
    for (unsigned long long i = mix(key) & m;; i = (i + 1) & m) {
        int s = c->slot[i];
        if (s == -1)
            return -1;
        if (s >= 0 && c->e[s].key == key)
            return (int)i;
    }
}

static void table_put(struct kvcache *c, int idx)
{
    unsigned long long m = (unsigned long long)c->scap - 1;
    unsigned long long i = mix(c->e[idx].key) & m;
    while (c->slot[i] >= 0)
        i = (i + 1) & m;
    if (c->slot[i] == -1)
        c->sused++;
    c->slot[i] = idx;
}

static void rehash(struct kvcache *c, int newcap)
{
    int *old = c->slot, oldcap = c->scap;
    c->slot = malloc(sizeof(int) * (size_t)newcap);
    for (int i = 0; i < newcap; i++) c->slot[i] = -1;
    c->scap = newcap;
    c->sused = 0;
    for (int i = 0; i < oldcap; i++)
        if (old[i] >= 0)
            table_put(c, old[i]);
    free(old);
}

static void unlink_entry(struct kvcache *c, int i)
{
    struct entry *x = &c->e[i];
    if (x->prev >= 0) c->e[x->prev].next = x->next; else c->lru = x->next;
    if (x->next >= 0) c->e[x->next].prev = x->prev; else c->mru = x->prev;
}

static void push_mru(struct kvcache *c, int i)
{
    c->e[i].prev = c->mru;
    c->e[i].next = -1;
    if (c->mru >= 0) c->e[c->mru].next = i; else c->lru = i;
    c->mru = i;
}

struct kvcache *kv_new(long long capacity)
{
    struct kvcache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->capacity = capacity;
    c->lru = c->mru = c->free_head = -1;
    c->scap = 16;
    c->slot = malloc(sizeof(int) * 16);
    for (int i = 0; i < 16; i++) c->slot[i] = -1;
    return c;
}

int kv_lookup(struct kvcache *c, long long key)
{
    int s = find_slot(c, key);
    if (s < 0)
        return 0;
    int i = c->slot[s];
    unlink_entry(c, i);
    push_mru(c, i);
    return 1;
}

int kv_insert(struct kvcache *c, long long key, int tokens, long long *evicted)
{
    if (tokens > c->capacity - c->pinned_tokens)
        return -1;                           /* cannot fit even after evicting all we may */
    int n = 0;
    for (int i = c->lru; c->used + tokens > c->capacity;) {
        int next = c->e[i].next;
        if (c->e[i].pins == 0) {
            evicted[n++] = c->e[i].key;
            c->used -= c->e[i].tokens;
            unlink_entry(c, i);
            c->slot[find_slot(c, c->e[i].key)] = -2;   /* a tombstone keeps probe chains intact */
            c->live--;
            c->e[i].next = c->free_head;
            c->free_head = i;
        }
        i = next;
    }
    if (c->free_head < 0) {                  /* grow the entry pool */
        int ncap = c->ecap ? c->ecap * 2 : 16;
        c->e = realloc(c->e, sizeof *c->e * (size_t)ncap);
        for (int i = ncap - 1; i >= c->ecap; i--) {
            c->e[i].next = c->free_head;
            c->free_head = i;
        }
        c->ecap = ncap;
    }
    int i = c->free_head;
    c->free_head = c->e[i].next;
    c->e[i] = (struct entry){key, tokens, 0, -1, -1};
    push_mru(c, i);
    if ((c->sused + 1) * 2 > c->scap)        /* grow only if live entries need it; else clear tombstones */
        rehash(c, (c->live + 1) * 4 > c->scap ? c->scap * 2 : c->scap);
    table_put(c, i);
    c->live++;
    c->used += tokens;
    return n;
}

void kv_pin(struct kvcache *c, long long key)
{
    int s = find_slot(c, key);
    if (s < 0) return;
    struct entry *x = &c->e[c->slot[s]];
    if (x->pins++ == 0)
        c->pinned_tokens += x->tokens;
}

void kv_unpin(struct kvcache *c, long long key)
{
    int s = find_slot(c, key);
    if (s < 0) return;
    struct entry *x = &c->e[c->slot[s]];
    if (x->pins > 0 && --x->pins == 0)
        c->pinned_tokens -= x->tokens;
}

long long kv_used(const struct kvcache *c)
{
    return c->used;
}

void kv_free(struct kvcache *c)
{
    if (!c) return;
    free(c->e);
    free(c->slot);
    free(c);
}
