/* An ordered worker pool: items are processed out of order by several workers, and their
 * results are handed out in order, as soon as possible, with a bounded window.
 *
 * The workers claim item indices in order (next_claim). Item i may be claimed only while
 * i < next_emit + window: at most `window` items are ever between "claimed" and "emitted",
 * so a slow item cannot let the others run arbitrarily far ahead, and the results fit in a
 * ring of `window` slots (item i in slot i % window).
 *
 * When a worker finishes an item, it stores the result. Whoever then finds the next item to
 * emit ready takes the emitter role (one thread at a time, so emit calls never overlap) and
 * emits every consecutive ready result, releasing the lock around each call so the other
 * workers keep going meanwhile. Each emit moves the window forward and wakes the workers
 * waiting for room.
 */
#include <pthread.h>
#include <stdlib.h>

struct pool {
    const long long *in;
    int n, window;
    long long (*fn)(long long);
    void (*emit)(int i, long long r, void *ctx);
    void *ctx;
    pthread_mutex_t lock;
    pthread_cond_t room;        /* the window moved */
    int next_claim, next_emit, emitting;
    long long *result;          /* ring of window slots */
    char *ready;
};

static void *worker(void *p)
{
    struct pool *w = p;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (w->next_claim < w->n && w->next_claim >= w->next_emit + w->window)
            pthread_cond_wait(&w->room, &w->lock);
        if (w->next_claim >= w->n)
            break;
        int i = w->next_claim++;
        pthread_mutex_unlock(&w->lock);

        long long r = w->fn(w->in[i]);

        pthread_mutex_lock(&w->lock);
        w->result[i % w->window] = r;
        w->ready[i % w->window] = 1;
        if (w->emitting)
            continue;               /* the emitter will get to it */
        w->emitting = 1;
        while (w->next_emit < w->n && w->ready[w->next_emit % w->window]) {
            int k = w->next_emit;
            long long v = w->result[k % w->window];
            w->ready[k % w->window] = 0;
            pthread_mutex_unlock(&w->lock);
            w->emit(k, v, w->ctx);
            pthread_mutex_lock(&w->lock);
            w->next_emit++;
            pthread_cond_broadcast(&w->room);
        }
        w->emitting = 0;
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

int map_ordered(const long long *in, int n, long long (*fn)(long long), int nworkers, int window,
                void (*emit)(int i, long long r, void *ctx), void *ctx)
{
    struct pool w = {in, n, window, fn, emit, ctx};
    pthread_t *t = malloc(sizeof *t * (size_t)nworkers);
    w.result = malloc(sizeof *w.result * (size_t)window);
    w.ready = calloc((size_t)window, 1);
    if (!t || !w.result || !w.ready) {
        free(t);
        free(w.result);
        free(w.ready);
        return -1;
    }
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.room, NULL);
    int started = 0;
    for (; started < nworkers; started++)
        if (pthread_create(&t[started], NULL, worker, &w) != 0)
            break;
    if (started == 0)
        worker(&w);
    for (int k = 0; k < started; k++)
        pthread_join(t[k], NULL);
    pthread_cond_destroy(&w.room);
    pthread_mutex_destroy(&w.lock);
    free(t);
    free(w.result);
    free(w.ready);
    return w.next_emit;
}
