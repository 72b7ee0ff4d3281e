/* A readers-writer lock.
 *
 * As written it is a plain mutex: correct, since nobody ever reads while another thread
 * writes, but readers also exclude each other, which is what a readers-writer lock exists to
 * avoid. Let any number of readers in at once, one writer alone, and give waiting writers
 * preference over readers that arrive after them.
 */
#include <pthread.h>
#include <stdlib.h>

struct rwlock {
    pthread_mutex_t lock;
    /* TODO: how many read, whether one writes, how many writers wait; where to sleep */
};

/* A new unlocked lock, or NULL if memory runs out. */
struct rwlock *rw_new(void)
{
    struct rwlock *l = malloc(sizeof *l);
    if (!l)
        return NULL;
    pthread_mutex_init(&l->lock, NULL);
    return l;
}

/* Enter as a reader: waits while a writer is inside or waiting. */
void rw_rdlock(struct rwlock *l)
{
    pthread_mutex_lock(&l->lock); /* TODO */
}

void rw_rdunlock(struct rwlock *l)
{
    pthread_mutex_unlock(&l->lock); /* TODO */
}

/* Enter as the only writer: waits until nobody reads or writes. */
void rw_wrlock(struct rwlock *l)
{
    pthread_mutex_lock(&l->lock); /* TODO */
}

void rw_wrunlock(struct rwlock *l)
{
    pthread_mutex_unlock(&l->lock); /* TODO */
}

/* Releases the lock; nobody holds or waits for it. */
void rw_free(struct rwlock *l)
{
    pthread_mutex_destroy(&l->lock);
    free(l);
}
