/* A thread-safe counter: a long long guarded by a pthread mutex.
 *
 * The mutex lives inside the counter, so two counters never contend with each other.
 * counter_add holds it across the whole read-modify-write; counter_get takes it too, so a
 * reader always sees a value some sequence of complete additions produced (and the code
 * stays correct on machines where a 64-bit load is not atomic).
 */
#include <pthread.h>
#include <stdlib.h>

struct counter {
    pthread_mutex_t lock;
    long long value;   /* guarded by lock */
};

struct counter *counter_new(void)
{
    struct counter *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    if (pthread_mutex_init(&c->lock, NULL) != 0) {
        free(c);
        return NULL;
    }
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
