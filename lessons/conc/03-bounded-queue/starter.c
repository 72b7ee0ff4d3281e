/* A bounded blocking queue of long longs, shared by producer and consumer threads.
 *
 * The ring buffer and the mutex are done. What is missing is the waiting: as written,
 * queue_get on an empty queue returns whatever is in the slot, and queue_put on a full queue
 * overwrites the oldest item. Make them wait, with condition variables.
 */
#include <pthread.h>
#include <stdlib.h>

struct queue {
    pthread_mutex_t lock;
    /* TODO: condition variables to sleep on while the queue is full / empty */
    long long *items;   /* capacity slots, used as a ring */
    int capacity;
    int head;           /* index of the oldest item */
    int count;          /* how many items are queued */
};

/* A new empty queue with room for capacity (>= 1) items, or NULL if memory runs out. */
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
    q->capacity = capacity;
    q->head = 0;
    q->count = 0;
    return q;
}

/* Appends item; while the queue is full, waits until a consumer makes room. */
void queue_put(struct queue *q, long long item)
{
    pthread_mutex_lock(&q->lock);
    /* TODO: wait while the queue is full */
    q->items[(q->head + q->count) % q->capacity] = item;
    if (q->count < q->capacity)
        q->count++;
    /* TODO: wake a consumer that waits for an item */
    pthread_mutex_unlock(&q->lock);
}

/* Removes and returns the oldest item; while the queue is empty, waits for a producer. */
long long queue_get(struct queue *q)
{
    pthread_mutex_lock(&q->lock);
    /* TODO: wait while the queue is empty */
    long long item = q->items[q->head];
    q->head = (q->head + 1) % q->capacity;
    if (q->count > 0)
        q->count--;
    /* TODO: wake a producer that waits for room */
    pthread_mutex_unlock(&q->lock);
    return item;
}

/* Releases the queue. No thread uses it any more, and it may still hold items. */
void queue_free(struct queue *q)
{
    pthread_mutex_destroy(&q->lock);
    free(q->items);
    free(q);
}
