/* parallel_for with dynamic scheduling: the threads take the next unclaimed index from a
 * shared atomic counter until none are left.
 *
 * A static schedule (thread t gets the t-th contiguous block) is decided before anything
 * runs, so when the costly items sit together, one thread gets them all and the others sit
 * idle once their cheap blocks are done. With a shared counter, a thread that finishes early
 * simply takes more: the work spreads itself, whatever its shape. The price is one atomic
 * fetch-and-add per claim; claiming a few indices at a time (a chunk) amortises it when the
 * items are tiny, at the cost of a slightly coarser balance at the end.
 */
#include <kdojo/atomic.h>
#include <pthread.h>
#include <stdlib.h>

struct job {
    int n, chunk;
    void (*body)(int i, void *ctx);
    void *ctx;
    volatile int next;      /* the first index nobody has claimed yet */
};

static void *run(void *p)
{
    struct job *j = p;
    for (;;) {
        int start = kd_atomic_fetch_add_int(&j->next, j->chunk);
        if (start >= j->n)
            return NULL;
        int end = start + j->chunk < j->n ? start + j->chunk : j->n;
        for (int i = start; i < end; i++)
            j->body(i, j->ctx);
    }
}

void parallel_for(int n, int nthreads, void (*body)(int i, void *ctx), void *ctx)
{
    struct job j = {n, 1, body, ctx, 0};
    /* Small chunks where there are many items per thread: fewer atomic operations, and
       still some 16 claims per thread to even out the end. */
    if (n / (nthreads * 16) > 1)
        j.chunk = n / (nthreads * 16);
    pthread_t *t = malloc(sizeof *t * (size_t)nthreads);
    int started = 0;
    if (t)
        for (; started < nthreads - 1; started++)
            if (pthread_create(&t[started], NULL, run, &j) != 0)
                break;
    run(&j);                /* the calling thread works too */
    for (int k = 0; k < started; k++)
        pthread_join(t[k], NULL);
    free(t);
}
