/* A reusable barrier: a count of arrivals and a generation number, under one mutex.
 *
 * The last of the n threads to arrive starts a new generation, resets the count and wakes
 * everyone. The others wait until the generation they arrived in is over: that is the test,
 * not "count == n", because by the time a woken thread runs, the fastest threads may already
 * have arrived at the next round and pushed the count up again. Waiting on the generation also
 * makes a spurious wakeup harmless: the generation has not changed, so the thread sleeps again.
 */
#include <pthread.h>
#include <stdlib.h>

struct barrier {
    pthread_mutex_t lock;
    pthread_cond_t next_round;
    int n;                  /* threads per round */
    int arrived;            /* in the current round; guarded by lock */
    unsigned long generation;
};

struct barrier *barrier_new(int n)
{
    struct barrier *b = malloc(sizeof *b);
    if (!b)
        return NULL;
    pthread_mutex_init(&b->lock, NULL);
    pthread_cond_init(&b->next_round, NULL);
    b->n = n;
    b->arrived = 0;
    b->generation = 0;
    return b;
}

int barrier_wait(struct barrier *b)
{
    pthread_mutex_lock(&b->lock);
    unsigned long mine = b->generation;
    if (++b->arrived == b->n) {
        b->arrived = 0;
        b->generation++;
        pthread_cond_broadcast(&b->next_round);
        pthread_mutex_unlock(&b->lock);
        return 1;                       /* the last to arrive: this round's serial thread */
    }
    while (b->generation == mine)
        pthread_cond_wait(&b->next_round, &b->lock);
    pthread_mutex_unlock(&b->lock);
    return 0;
}

void barrier_free(struct barrier *b)
{
    pthread_cond_destroy(&b->next_round);
    pthread_mutex_destroy(&b->lock);
    free(b);
}
