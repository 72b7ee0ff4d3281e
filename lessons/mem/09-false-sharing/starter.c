/* Per-worker event counters.
 *
 * Worker w (0 <= w < nworkers) calls stats_hit(s, w) for every event it handles; only worker
 * w ever touches counter w, and many workers run at the same time on different cores.
 * Lay the counters out so that no two of them share a 64-byte cache line.
 */
#include <stdlib.h>
#include <string.h>

struct stats {
    int nworkers;
    /* TODO: the counters */
};

/* nworkers counters, all 0; NULL if memory runs out. */
struct stats *stats_new(int nworkers)
{
    /* TODO */
    return NULL;
}

/* One event for worker `worker`. Only that worker calls this with its own id. */
void stats_hit(struct stats *s, int worker)
{
    /* TODO */
}

/* Worker `worker`'s count. Called after the workers have finished. */
long long stats_count(struct stats *s, int worker)
{
    /* TODO */
    return 0;
}

/* Frees everything stats_new allocated. */
void stats_free(struct stats *s)
{
    /* TODO */
}
