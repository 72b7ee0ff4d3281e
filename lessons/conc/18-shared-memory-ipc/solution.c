/* A bounded queue shared between processes: one mmap'd region holding the ring and three
 * process-shared semaphores.
 *
 * Threads share an address space; processes do not. After fork, a malloc'd queue is a
 * private copy in each process, and whatever one process puts there, the others never see.
 * So the whole queue, ring and synchronisation included, lives in memory mapped with
 * MAP_SHARED: after fork, parent and children see the same physical pages.
 *
 * The synchronisation must be process-shared too. sem_init(&s, 1, n) (pshared = 1) makes a
 * semaphore whose futex waits and wakes work across processes; with pshared = 0 the kernel is
 * free to treat the futex as private to one process, and a wakeup never reaches a sleeper in
 * another. (A pthread mutex would need PTHREAD_PROCESS_SHARED for the same reason.)
 *
 *   free:  counts empty slots   (producers wait on it)
 *   used:  counts full slots    (consumers wait on it)
 *   lock:  a binary semaphore guarding head and tail
 */
#include <semaphore.h>
#include <stddef.h>
#include <sys/mman.h>

struct shmq {
    sem_t free, used, lock;
    size_t bytes;               /* the size of the mapping, for munmap */
    int capacity, head, tail;
    long long items[];          /* capacity slots, in the same mapping */
};

struct shmq *shmq_create(int capacity)
{
    size_t bytes = sizeof(struct shmq) + sizeof(long long) * (size_t)capacity;
    struct shmq *q = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (q == MAP_FAILED)
        return NULL;
    q->bytes = bytes;
    q->capacity = capacity;
    q->head = q->tail = 0;
    sem_init(&q->free, 1, (unsigned)capacity);
    sem_init(&q->used, 1, 0);
    sem_init(&q->lock, 1, 1);
    return q;
}

void shmq_put(struct shmq *q, long long v)
{
    sem_wait(&q->free);         /* a free slot is reserved for us */
    sem_wait(&q->lock);
    q->items[q->tail] = v;
    q->tail = (q->tail + 1) % q->capacity;
    sem_post(&q->lock);
    sem_post(&q->used);         /* one more item for the consumers */
}

long long shmq_get(struct shmq *q)
{
    sem_wait(&q->used);
    sem_wait(&q->lock);
    long long v = q->items[q->head];
    q->head = (q->head + 1) % q->capacity;
    sem_post(&q->lock);
    sem_post(&q->free);
    return v;
}

void shmq_destroy(struct shmq *q)
{
    sem_destroy(&q->lock);
    sem_destroy(&q->used);
    sem_destroy(&q->free);
    munmap(q, q->bytes);
}
