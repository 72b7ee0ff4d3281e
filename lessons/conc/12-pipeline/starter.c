/* A pipeline: items flow from the caller through stages of worker threads, connected by
 * bounded channels, and back to the caller.
 *
 * The channels of conc/11 are here, ready to use. As written, pipeline_run applies every
 * stage to every item itself, one after the other: correct results, no parallelism. Give
 * each stage its own threads, connect the stages with channels, and shut the pipeline down
 * with close.
 */
#include <kdojo/atomic.h>
#include <pthread.h>
#include <stdlib.h>

typedef long long (*stage_fn)(long long);

/* ---------------------------------------------------------------- channels (conc/11) */

struct chan {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    long long *items;
    int capacity, head, count;
    int closed;                 /* all guarded by lock */
};

static struct chan *chan_new(int capacity)
{
    struct chan *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    c->items = malloc(sizeof *c->items * (size_t)capacity);
    if (!c->items) {
        free(c);
        return NULL;
    }
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->not_empty, NULL);
    pthread_cond_init(&c->not_full, NULL);
    c->capacity = capacity;
    c->head = c->count = c->closed = 0;
    return c;
}

static int chan_send(struct chan *c, long long v)
{
    pthread_mutex_lock(&c->lock);
    while (c->count == c->capacity && !c->closed)
        pthread_cond_wait(&c->not_full, &c->lock);
    if (c->closed) {
        pthread_mutex_unlock(&c->lock);
        return 0;
    }
    c->items[(c->head + c->count) % c->capacity] = v;
    c->count++;
    pthread_cond_signal(&c->not_empty);
    pthread_mutex_unlock(&c->lock);
    return 1;
}

static int chan_recv(struct chan *c, long long *out)
{
    pthread_mutex_lock(&c->lock);
    while (c->count == 0 && !c->closed)
        pthread_cond_wait(&c->not_empty, &c->lock);
    if (c->count == 0) {        /* closed, and nothing left */
        pthread_mutex_unlock(&c->lock);
        return 0;
    }
    *out = c->items[c->head];
    c->head = (c->head + 1) % c->capacity;
    c->count--;
    pthread_cond_signal(&c->not_full);
    pthread_mutex_unlock(&c->lock);
    return 1;
}

static void chan_close(struct chan *c)
{
    pthread_mutex_lock(&c->lock);
    c->closed = 1;
    pthread_cond_broadcast(&c->not_empty);
    pthread_cond_broadcast(&c->not_full);
    pthread_mutex_unlock(&c->lock);
}

static void chan_free(struct chan *c)
{
    pthread_cond_destroy(&c->not_full);
    pthread_cond_destroy(&c->not_empty);
    pthread_mutex_destroy(&c->lock);
    free(c->items);
    free(c);
}

/* ---------------------------------------------------------------- the pipeline */

/* Sends in[0 .. n-1] through nstages stages: stage s applies fns[s] to each item, on
   workers[s] threads of its own; channels between stages hold at most capacity items.
   Writes the results of the last stage to out (in any order when a stage has several
   workers; in input order when every stage has one) and returns how many there are, once
   every thread it started has finished. */
int pipeline_run(const long long *in, int n, stage_fn *fns, const int *workers, int nstages, int capacity,
                 long long *out)
{
    /* TODO: a feeder thread, workers[s] threads per stage, channels in between */
    for (int i = 0; i < n; i++) {
        long long v = in[i];
        for (int s = 0; s < nstages; s++)
            v = fns[s](v);
        out[i] = v;
    }
    return n;
}
