/* A Go-style buffered channel: a blocking bounded queue that can be closed.
 *
 * Sending and receiving already work (this is conc/03's queue). What is missing is close:
 * as written, chan_close does nothing, so a receiver waiting on an empty channel sleeps
 * forever, and there is no way to tell it that no more items will come.
 */
#include <pthread.h>
#include <stdlib.h>

struct chan {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    long long *items;
    int capacity, head, count;
    /* TODO: whether the channel is closed */
};

/* A new open channel buffering up to capacity (>= 1) items, or NULL if memory runs out. */
struct chan *chan_new(int capacity)
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
    c->head = c->count = 0;
    return c;
}

/* Sends v, waiting while the buffer is full. Returns 1, or 0 (v not sent) if the channel is
   or becomes closed. */
int chan_send(struct chan *c, long long v)
{
    pthread_mutex_lock(&c->lock);
    while (c->count == c->capacity)
        pthread_cond_wait(&c->not_full, &c->lock);
    c->items[(c->head + c->count) % c->capacity] = v;
    c->count++;
    pthread_cond_signal(&c->not_empty);
    pthread_mutex_unlock(&c->lock);
    return 1;
}

/* Receives the oldest item into *out and returns 1, waiting while the channel is empty and
   open. Returns 0 once the channel is closed and every item sent before has been received. */
int chan_recv(struct chan *c, long long *out)
{
    pthread_mutex_lock(&c->lock);
    while (c->count == 0)
        pthread_cond_wait(&c->not_empty, &c->lock);
    *out = c->items[c->head];
    c->head = (c->head + 1) % c->capacity;
    c->count--;
    pthread_cond_signal(&c->not_full);
    pthread_mutex_unlock(&c->lock);
    return 1;
}

/* Closes the channel: wakes every waiting sender and receiver. Closing twice does nothing. */
void chan_close(struct chan *c)
{
    /* TODO */
}

/* Releases the channel; no thread uses it any more. */
void chan_free(struct chan *c)
{
    pthread_cond_destroy(&c->not_full);
    pthread_cond_destroy(&c->not_empty);
    pthread_mutex_destroy(&c->lock);
    free(c->items);
    free(c);
}
