/* A Go-style buffered channel: the bounded queue of conc/03 plus close.
 *
 * close marks the channel closed and wakes every sleeper, senders and receivers alike
 * (broadcast: all of them must re-check, not just one). After that:
 * - a receiver takes what is still buffered, and gets 0 ("closed and drained") only when
 *   nothing is left, so no item sent before the close is ever lost;
 * - a sender gets 0 and its item is not added: nobody would receive it after the drain.
 * Every wait loop therefore tests "closed" as well as "full" or "empty".
 */
#include <pthread.h>
#include <stdlib.h>

struct chan {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    long long *items;
    int capacity, head, count;
    int closed;                 /* all guarded by lock */
};

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
    c->head = c->count = c->closed = 0;
    return c;
}

int chan_send(struct chan *c, long long v)
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

int chan_recv(struct chan *c, long long *out)
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

void chan_close(struct chan *c)
{
    pthread_mutex_lock(&c->lock);
    c->closed = 1;
    pthread_cond_broadcast(&c->not_empty);
    pthread_cond_broadcast(&c->not_full);
    pthread_mutex_unlock(&c->lock);
}

void chan_free(struct chan *c)
{
    pthread_cond_destroy(&c->not_full);
    pthread_cond_destroy(&c->not_empty);
    pthread_mutex_destroy(&c->lock);
    free(c->items);
    free(c);
}
