/* A fixed pool of worker threads behind a queue of tasks, with futures for the results.
 *
 * A future is the task itself: pool_submit allocates one, links it into the pool's queue and
 * returns it; a worker unlinks it, runs it, stores the result and wakes whoever waits in
 * future_get, which frees it. One mutex (the pool's) guards the queue and every future's
 * done flag, so a result can never be announced between a getter's check and its sleep.
 *
 * Workers are started once, in pool_new, and sleep on `work` when the queue is empty: a task
 * costs a lock, a signal and a wakeup, not the creation of a thread.
 */
#include <pthread.h>
#include <stdlib.h>

struct future {
    long long (*fn)(void *);
    void *arg;
    long long result;
    int done;                  /* guarded by pool->lock */
    pthread_cond_t ready;      /* signalled when done becomes 1 */
    struct pool *pool;
    struct future *next;       /* in the pool's queue */
};

struct pool {
    pthread_mutex_t lock;
    pthread_cond_t work;       /* signalled when a task is queued, broadcast on shutdown */
    struct future *head, *tail;
    int stopping;
    int nthreads;
    pthread_t *threads;
};

static void *worker(void *p)
{
    struct pool *pool = p;
    pthread_mutex_lock(&pool->lock);
    for (;;) {
        while (!pool->head && !pool->stopping)
            pthread_cond_wait(&pool->work, &pool->lock);
        if (!pool->head)
            break;                      /* stopping, and nothing left to run */
        struct future *f = pool->head;
        pool->head = f->next;
        if (!pool->head)
            pool->tail = NULL;
        pthread_mutex_unlock(&pool->lock);

        long long r = f->fn(f->arg);    /* run the task without holding the lock */

        pthread_mutex_lock(&pool->lock);
        f->result = r;
        f->done = 1;
        pthread_cond_signal(&f->ready);
    }
    pthread_mutex_unlock(&pool->lock);
    return NULL;
}

void pool_free(struct pool *p);

struct pool *pool_new(int nthreads)
{
    struct pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->threads = calloc((size_t)nthreads, sizeof *p->threads);
    if (!p->threads) {
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    for (int i = 0; i < nthreads; i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p) != 0) {
            pool_free(p);               /* stops and joins the ones already started */
            return NULL;
        }
        p->nthreads++;
    }
    return p;
}

struct future *pool_submit(struct pool *p, long long (*fn)(void *), void *arg)
{
    struct future *f = malloc(sizeof *f);
    if (!f)
        return NULL;
    f->fn = fn;
    f->arg = arg;
    f->done = 0;
    f->pool = p;
    f->next = NULL;
    pthread_cond_init(&f->ready, NULL);
    pthread_mutex_lock(&p->lock);
    if (p->tail)
        p->tail->next = f;
    else
        p->head = f;
    p->tail = f;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->lock);
    return f;
}

long long future_get(struct future *f)
{
    struct pool *p = f->pool;
    pthread_mutex_lock(&p->lock);
    while (!f->done)
        pthread_cond_wait(&f->ready, &p->lock);
    long long r = f->result;
    pthread_mutex_unlock(&p->lock);
    pthread_cond_destroy(&f->ready);
    free(f);
    return r;
}

void pool_free(struct pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->stopping = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->work);
    pthread_mutex_destroy(&p->lock);
    free(p->threads);
    free(p);
}
