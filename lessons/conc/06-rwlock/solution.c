/* A readers-writer lock with writer preference, from one mutex and two condition variables.
 *
 * The state is three counts under the mutex: readers inside, whether a writer is inside, and
 * writers waiting. A reader may enter when no writer is inside *and none is waiting*: that
 * second condition is the writer preference. Without it, a steady stream of overlapping
 * readers keeps the count of readers above zero forever and a writer never gets in.
 *
 * Readers wait on can_read, writers on can_write. When the last reader leaves, one writer is
 * woken. When a writer leaves, the next writer goes first if there is one; otherwise every
 * waiting reader is woken at once (broadcast), since they can all read together.
 */
#include <pthread.h>
#include <stdlib.h>

struct rwlock {
    pthread_mutex_t lock;
    pthread_cond_t can_read;
    pthread_cond_t can_write;
    int readers;          /* inside, reading */
    int writing;          /* 1 while a writer is inside */
    int writers_waiting;  /* all guarded by lock */
};

struct rwlock *rw_new(void)
{
    struct rwlock *l = malloc(sizeof *l);
    if (!l)
        return NULL;
    pthread_mutex_init(&l->lock, NULL);
    pthread_cond_init(&l->can_read, NULL);
    pthread_cond_init(&l->can_write, NULL);
    l->readers = l->writing = l->writers_waiting = 0;
    return l;
}

void rw_rdlock(struct rwlock *l)
{
    pthread_mutex_lock(&l->lock);
    while (l->writing || l->writers_waiting > 0)
        pthread_cond_wait(&l->can_read, &l->lock);
    l->readers++;
    pthread_mutex_unlock(&l->lock);
}

void rw_rdunlock(struct rwlock *l)
{
    pthread_mutex_lock(&l->lock);
    if (--l->readers == 0 && l->writers_waiting > 0)
        pthread_cond_signal(&l->can_write);
    pthread_mutex_unlock(&l->lock);
}

void rw_wrlock(struct rwlock *l)
{
    pthread_mutex_lock(&l->lock);
    l->writers_waiting++;
    while (l->writing || l->readers > 0)
        pthread_cond_wait(&l->can_write, &l->lock);
    l->writers_waiting--;
    l->writing = 1;
    pthread_mutex_unlock(&l->lock);
}

void rw_wrunlock(struct rwlock *l)
{
    pthread_mutex_lock(&l->lock);
    l->writing = 0;
    if (l->writers_waiting > 0)
        pthread_cond_signal(&l->can_write);
    else
        pthread_cond_broadcast(&l->can_read);
    pthread_mutex_unlock(&l->lock);
}

void rw_free(struct rwlock *l)
{
    pthread_cond_destroy(&l->can_write);
    pthread_cond_destroy(&l->can_read);
    pthread_mutex_destroy(&l->lock);
    free(l);
}
