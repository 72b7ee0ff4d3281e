/* An ordered worker pool.
 *
 * map_ordered applies fn to every input on nworkers threads, and hands the results to emit
 * in input order (0, 1, 2, ...), each as soon as it and all before it are done. As written,
 * it does everything in the calling thread, one item after the other: in order, but with no
 * parallelism.
 */
#include <pthread.h>
#include <stdlib.h>

/* Applies fn to in[0 .. n-1] on nworkers threads. Calls emit(i, fn(in[i]), ctx) for i = 0, 1,
   ..., n-1 in that order, one call at a time (from any thread), each as early as possible. At
   most `window` items may be started and not yet emitted. Returns how many were emitted,
   once every thread it started has finished. */
int map_ordered(const long long *in, int n, long long (*fn)(long long), int nworkers, int window,
                void (*emit)(int i, long long r, void *ctx), void *ctx)
{
    /* TODO: nworkers threads, a window of results waiting for their turn */
    for (int i = 0; i < n; i++)
        emit(i, fn(in[i]), ctx);
    return n;
}
