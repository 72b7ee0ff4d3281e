/* A counter that many threads add to at once.
 *
 * As written, two threads can both read the same old value, both add to it, and both
 * write back: one addition is lost. Make every operation safe with a pthread mutex.
 */
#include <pthread.h>
#include <stdlib.h>

struct counter {
    long long value;
    /* TODO: a lock that guards value */
};

/* A new counter holding 0, or NULL if memory runs out. */
struct counter *counter_new(void)
{
    struct counter *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    c->value = 0;
    /* TODO: initialise the lock */
    return c;
}

/* Adds n (which may be negative) to the counter. Called by many threads at once. */
void counter_add(struct counter *c, long long n)
{
    /* TODO: this read-modify-write races with other threads */
    c->value += n;
}

/* The current value. May be called while other threads are adding. */
long long counter_get(struct counter *c)
{
    return c->value;
}

/* Releases everything counter_new set up. No thread uses c any more. */
void counter_free(struct counter *c)
{
    free(c);
}
