/* A thread pool with futures.
 *
 * As written, pool_submit runs the task at once, in the caller's thread, and hands back a
 * future that is already done: correct results, no concurrency at all. Make pool_new start
 * nthreads worker threads that take tasks from a queue, and make future_get wait until a
 * worker has stored the result.
 */
#include <pthread.h>
#include <stdlib.h>

struct future {
    long long result;
    /* TODO: the task, whether it is done, and a way to wait for that */
};

struct pool {
    int nthreads;
    /* TODO: a queue of tasks, a lock, the worker threads */
};

/* A pool of nthreads (>= 1) worker threads, all started and waiting for tasks; NULL on failure. */
struct pool *pool_new(int nthreads)
{
    struct pool *p = malloc(sizeof *p);
    if (!p)
        return NULL;
    p->nthreads = nthreads;
    /* TODO: start the workers */
    return p;
}

/* Queues fn(arg) to run on one of the workers and returns at once with its future. */
struct future *pool_submit(struct pool *p, long long (*fn)(void *), void *arg)
{
    struct future *f = malloc(sizeof *f);
    if (!f)
        return NULL;
    f->result = fn(arg); /* TODO: queue the task instead of running it here */
    return f;
}

/* Waits until the task has run, frees the future and returns what fn returned. Called once
   per future, by any thread. */
long long future_get(struct future *f)
{
    long long r = f->result;
    free(f);
    return r;
}

/* Stops the workers and releases the pool. Every future has been got already. */
void pool_free(struct pool *p)
{
    free(p);
}
