/* The counter of conc/01-counter-mutex: correct, and slower. Every addition locks and
 * unlocks a mutex; when two threads want it at once, the loser sleeps in the kernel
 * (futex) and must be woken, which costs far more than the addition itself.
 */
#include <pthread.h>
#include <stdlib.h>

struct counter {
    pthread_mutex_t lock;
    long long value;
};

struct counter *counter_new(void)
{
    struct counter *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    pthread_mutex_init(&c->lock, NULL);
    c->value = 0;
    return c;
}

void counter_add(struct counter *c, long long n)
{
    pthread_mutex_lock(&c->lock);
    c->value += n;
    pthread_mutex_unlock(&c->lock);
}

long long counter_get(struct counter *c)
{
    pthread_mutex_lock(&c->lock);
    long long v = c->value;
    pthread_mutex_unlock(&c->lock);
    return v;
}

void counter_free(struct counter *c)
{
    pthread_mutex_destroy(&c->lock);
    free(c);
}
