/* A pipeline: stages connected by bounded channels, each stage run by its own threads.
 *
 *   feeder --ch[0]--> stage 0 (w0 threads) --ch[1]--> stage 1 (w1 threads) ... --ch[k]--> caller
 *
 * Every stage works on a different item at the same time, so the pipeline's throughput is
 * set by its slowest stage, not by the sum of all stages. The channels are bounded: when a
 * later stage falls behind, the channel before it fills up and the earlier stage blocks in
 * chan_send. Work in flight (and memory) stays bounded: backpressure.
 *
 * Shutdown travels down the pipe with close. The feeder closes ch[0] after the last item.
 * A stage's worker stops when chan_recv reports "closed and drained"; the LAST worker of a
 * stage to stop closes the stage's output channel (closing it earlier would cut off items the
 * other workers are still processing). The caller reads ch[k] until it is closed, then joins.
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

struct stage {
    stage_fn fn;
    struct chan *in, *out;
    volatile int running;           /* workers of this stage still going */
};

struct feeder {
    const long long *in;
    int n;
    struct chan *out;
};

static void *feed(void *p)
{
    struct feeder *f = p;
    for (int i = 0; i < f->n; i++)
        chan_send(f->out, f->in[i]);
    chan_close(f->out);
    return NULL;
}

static void *work(void *p)
{
    struct stage *s = p;
    long long v;
    while (chan_recv(s->in, &v))
        chan_send(s->out, s->fn(v));
    if (kd_atomic_fetch_add_int(&s->running, -1) == 1)
        chan_close(s->out);         /* the last worker of the stage out: nothing more will come */
    return NULL;
}

int pipeline_run(const long long *in, int n, stage_fn *fns, const int *workers, int nstages, int capacity,
                 long long *out)
{
    struct chan **ch = calloc((size_t)nstages + 1, sizeof *ch);
    struct stage *st = calloc((size_t)nstages, sizeof *st);
    int nthreads = 1;
    for (int s = 0; s < nstages; s++)
        nthreads += workers[s];
    pthread_t *t = calloc((size_t)nthreads, sizeof *t);
    if (!ch || !st || !t)
        return -1;
    for (int s = 0; s <= nstages; s++)
        if (!(ch[s] = chan_new(capacity)))
            return -1;
    struct feeder f = {in, n, ch[0]};
    int k = 0;
    pthread_create(&t[k++], NULL, feed, &f);
    for (int s = 0; s < nstages; s++) {
        st[s].fn = fns[s];
        st[s].in = ch[s];
        st[s].out = ch[s + 1];
        st[s].running = workers[s];
        for (int w = 0; w < workers[s]; w++)
            pthread_create(&t[k++], NULL, work, &st[s]);
    }
    int got = 0;
    long long v;
    while (chan_recv(ch[nstages], &v))
        out[got++] = v;
    for (int i = 0; i < k; i++)
        pthread_join(t[i], NULL);
    for (int s = 0; s <= nstages; s++)
        chan_free(ch[s]);
    free(t);
    free(st);
    free(ch);
    return got;
}
