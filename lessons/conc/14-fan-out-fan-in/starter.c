/* Fan-out, fan-in, with cancellation.
 *
 * fanout runs n tasks at the same time, one thread each, gathers their results, and stops
 * early when one fails. As written, it runs them one after the other in the calling thread
 * and ignores failures.
 */
#include <kdojo/atomic.h>
#include <pthread.h>
#include <stdlib.h>

/* Runs task(k, cancel, ctx) for every k in 0 .. n-1, all at once, and stores each result in
   results[k]. A negative result is an error: the first one makes *cancel 1 (the tasks poll it
   and give up early) and is what fanout returns. Returns 0 if no task failed. Returns only
   once every task has returned. */
long long fanout(int n, long long (*task)(int k, volatile int *cancel, void *ctx), void *ctx, long long *results)
{
    volatile int cancel = 0;
    /* TODO: one thread per task; record the first error and raise cancel; join them all */
    for (int k = 0; k < n; k++)
        results[k] = task(k, &cancel, ctx);
    return 0;
}
