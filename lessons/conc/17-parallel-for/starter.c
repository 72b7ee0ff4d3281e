/* parallel_for: run body(i, ctx) for every i in 0 .. n-1, on nthreads threads.
 *
 * As written it runs every item in the calling thread, one after the other. Spread the items
 * over nthreads threads (the caller may be one of them) so that no thread sits idle while
 * items are left, even when a few items cost far more than the rest.
 */
#include <kdojo/atomic.h>
#include <pthread.h>
#include <stdlib.h>

void parallel_for(int n, int nthreads, void (*body)(int i, void *ctx), void *ctx)
{
    /* TODO: nthreads threads that share the items */
    for (int i = 0; i < n; i++)
        body(i, ctx);
}
