/* Per-worker event counters, one per cache line.
 *
 * Each worker increments only its own counter, so no locks or atomics are needed. What
 * matters is where the counters live: a core can only write a cache line (64 bytes) it owns,
 * so two counters in one line make their cores pass that line back and forth on every
 * increment, although they never touch each other's data. Padding each counter to a whole
 * line, and starting the array on a line boundary, gives every worker a line of its own.
 */
#include <stdlib.h>
#include <string.h>

#define CACHE_LINE 64

struct slot {
    long long count;
    char pad[CACHE_LINE - sizeof(long long)];  /* the rest of the line: nobody else's data */
};

struct stats {
    int nworkers;
    struct slot *slots;   /* nworkers slots, the first on a line boundary */
};

struct stats *stats_new(int nworkers)
{
    struct stats *s = malloc(sizeof *s);
    if (!s)
        return NULL;
    /* malloc only promises 16-byte alignment; posix_memalign gives a line boundary.
       (C11's aligned_alloc does too, but TinyCC compiles as C99, where <stdlib.h> does not
       declare it.) */
    size_t bytes = (size_t)(nworkers > 0 ? nworkers : 1) * sizeof(struct slot);
    void *mem;
    if (posix_memalign(&mem, CACHE_LINE, bytes) != 0) {
        free(s);
        return NULL;
    }
    memset(mem, 0, bytes);
    s->slots = mem;
    s->nworkers = nworkers;
    return s;
}

void stats_hit(struct stats *s, int worker)
{
    s->slots[worker].count++;
}

long long stats_count(struct stats *s, int worker)
{
    return s->slots[worker].count;
}

void stats_free(struct stats *s)
{
    free(s->slots);
    free(s);
}
