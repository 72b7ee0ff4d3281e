/* A bounded blocking queue: a ring buffer guarded by one mutex, with two condition variables.
 *
 * not_empty is where consumers sleep while count == 0, not_full where producers sleep while
 * count == capacity. pthread_cond_wait releases the mutex and goes to sleep as one step, so a
 * signal sent after our check but before our sleep cannot be missed (the lost wakeup), and it
 * takes the mutex back before returning. Every wait sits in a while loop: by the time a woken
 * thread holds the mutex, another thread may have taken the item (or the room) it was woken
 * for, and POSIX allows spurious wakeups besides.
 *
 * Two condition variables let a put wake exactly a consumer and a get exactly a producer, so
 * pthread_cond_signal (one waiter) is enough. With a single shared condition variable, a
 * signal could wake a thread of the wrong kind, which goes back to sleep, and the one that
 * could proceed never hears of it: that version needs pthread_cond_broadcast.
 */
#include <pthread.h>
#include <stdlib.h>

struct queue {
    pthread_mutex_t lock;
    pthread_cond_t not_empty;   /* signalled after a put */
    pthread_cond_t not_full;    /* signalled after a get */
    long long *items;           /* capacity slots, used as a ring */
    int capacity;
    int head;                   /* index of the oldest item */
    int count;                  /* how many items are queued; all fields guarded by lock */
};

struct queue *queue_new(int capacity)
{
    struct queue *q = malloc(sizeof *q);
    if (!q)
        return NULL;
    q->items = malloc(sizeof *q->items * (size_t)capacity);
    if (!q->items) {
        free(q);
        return NULL;
    }
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->not_empty, NULL);
    pthread_cond_init(&q->not_full, NULL);
    q->capacity = capacity;
    q->head = 0;
    q->count = 0;
    return q;
}

void queue_put(struct queue *q, long long item)
{
    pthread_mutex_lock(&q->lock);
    while (q->count == q->capacity)
        pthread_cond_wait(&q->not_full, &q->lock);
    q->items[(q->head + q->count) % q->capacity] = item;
    q->count++;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->lock);
}

long long queue_get(struct queue *q)
{
    pthread_mutex_lock(&q->lock);
    while (q->count == 0)
        pthread_cond_wait(&q->not_empty, &q->lock);
    long long item = q->items[q->head];
    q->head = (q->head + 1) % q->capacity;
    q->count--;
    pthread_cond_signal(&q->not_full);
    pthread_mutex_unlock(&q->lock);
    return item;
}

void queue_free(struct queue *q)
{
    pthread_cond_destroy(&q->not_full);
    pthread_cond_destroy(&q->not_empty);
    pthread_mutex_destroy(&q->lock);
    free(q->items);
    free(q);
}
