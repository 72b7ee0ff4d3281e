/* Per-worker event counters packed side by side: correct, and slow when workers run at once.
 * Eight long longs share each 64-byte cache line, so every increment by one worker takes the
 * line away from the core of its neighbour (false sharing).
 */
#include <stdlib.h>

struct stats {
    int nworkers;
    long long *counts;   /* nworkers counters, adjacent in memory */
};

struct stats *stats_new(int nworkers)
{
    struct stats *s = malloc(sizeof *s);
    if (!s)
        return NULL;
    s->counts = calloc((size_t)(nworkers > 0 ? nworkers : 1), sizeof *s->counts);
    if (!s->counts) {
        free(s);
        return NULL;
    }
    s->nworkers = nworkers;
    return s;
}

void stats_hit(struct stats *s, int worker)
{
    s->counts[worker]++;
}

long long stats_count(struct stats *s, int worker)
{
    return s->counts[worker];
}

void stats_free(struct stats *s)
{
    free(s->counts);
    free(s);
}
