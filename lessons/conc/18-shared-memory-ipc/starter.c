/* A bounded blocking queue shared between processes.
 *
 * The parent creates the queue, then forks: producers and consumers are separate processes.
 * As written, the queue is malloc'd memory and a process-private mutex and condition
 * variables: fine between threads, useless between processes, since after fork each process
 * has its own copy. Put the whole queue in shared memory (mmap), with process-shared
 * synchronisation (semaphores with sem_init(&s, 1, n), for example).
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <sys/mman.h>

struct shmq {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    int capacity, head, count;
    long long *items;
};

/* A new empty queue for capacity items, usable by this process and every process it forks
   afterwards; NULL on failure. The returned pointer is the start of the shared memory. */
struct shmq *shmq_create(int capacity)
{
    /* TODO: mmap(MAP_SHARED | MAP_ANONYMOUS) instead of malloc, and process-shared sync */
    struct shmq *q = malloc(sizeof *q);
    if (!q)
        return NULL;
    q->items = malloc(sizeof *q->items * (size_t)capacity);
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->not_empty, NULL);
    pthread_cond_init(&q->not_full, NULL);
    q->capacity = capacity;
    q->head = q->count = 0;
    return q;
}

/* Appends v, waiting while the queue is full. Any process. */
void shmq_put(struct shmq *q, long long v)
{
    pthread_mutex_lock(&q->lock);
    while (q->count == q->capacity)
        pthread_cond_wait(&q->not_full, &q->lock);
    q->items[(q->head + q->count) % q->capacity] = v;
    q->count++;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->lock);
}

/* Removes and returns the oldest item, waiting while the queue is empty. Any process. */
long long shmq_get(struct shmq *q)
{
    pthread_mutex_lock(&q->lock);
    while (q->count == 0)
        pthread_cond_wait(&q->not_empty, &q->lock);
    long long v = q->items[q->head];
    q->head = (q->head + 1) % q->capacity;
    q->count--;
    pthread_cond_signal(&q->not_full);
    pthread_mutex_unlock(&q->lock);
    return v;
}

/* Releases the queue (in the creating process, once every other process has exited):
   afterwards none of its memory may remain mapped. */
void shmq_destroy(struct shmq *q)
{
    free(q->items);
    free(q);
}
