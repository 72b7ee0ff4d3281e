/* Fan-out, fan-in, with cancellation: run n tasks at once, gather their results, and stop
 * early when one fails (the shape of Go's errgroup).
 *
 * Fan-out: one thread per task, all started before any is waited for. Fan-in: join them all,
 * and each task's result lands in its own slot of results[], so gathering needs no lock.
 * The only shared state is the first error: the first task to fail records its error under
 * a mutex and raises the cancel flag that every task can poll, so the others give up instead
 * of finishing work nobody will use. Errors that come later (often just "I was cancelled")
 * do not replace the first one. Whatever happens, fanout returns only after every task has
 * returned: no thread is left running with pointers into the caller's memory.
 */
#include <kdojo/atomic.h>
#include <pthread.h>
#include <stdlib.h>

struct group {
    long long (*task)(int k, volatile int *cancel, void *ctx);
    void *ctx;
    long long *results;
    volatile int cancel;
    pthread_mutex_t lock;
    long long first_error;      /* 0 until a task fails; guarded by lock */
};

struct member {
    struct group *g;
    int k;
};

static void *run(void *p)
{
    struct member *m = p;
    struct group *g = m->g;
    long long r = g->task(m->k, &g->cancel, g->ctx);
    g->results[m->k] = r;
    if (r < 0) {
        pthread_mutex_lock(&g->lock);
        if (g->first_error == 0) {
            g->first_error = r;
            kd_atomic_store_int(&g->cancel, 1);
        }
        pthread_mutex_unlock(&g->lock);
    }
    return NULL;
}

long long fanout(int n, long long (*task)(int k, volatile int *cancel, void *ctx), void *ctx, long long *results)
{
    struct group g = {task, ctx, results, 0};
    struct member *m = malloc(sizeof *m * (size_t)(n > 0 ? n : 1));
    pthread_t *t = malloc(sizeof *t * (size_t)(n > 0 ? n : 1));
    char *started = calloc((size_t)(n > 0 ? n : 1), 1);
    if (!m || !t || !started) {
        free(m);
        free(t);
        free(started);
        return -1;
    }
    pthread_mutex_init(&g.lock, NULL);
    for (int k = 0; k < n; k++) {
        m[k].g = &g;
        m[k].k = k;
        if (pthread_create(&t[k], NULL, run, &m[k]) == 0)
            started[k] = 1;
        else
            run(&m[k]);         /* no thread to be had: run it here rather than skip it */
    }
    for (int k = 0; k < n; k++)
        if (started[k])
            pthread_join(t[k], NULL);
    pthread_mutex_destroy(&g.lock);
    free(m);
    free(t);
    free(started);
    return g.first_error;
}
