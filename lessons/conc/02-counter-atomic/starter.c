/* The counter of conc/01-counter-mutex, without a mutex this time.
 *
 * As written, two threads can both read the same old value and both write back their sum:
 * one addition is lost. Make counter_add and counter_get safe with kdojo's atomic
 * operations (see <kdojo/atomic.h>), and no lock.
 */
#include <kdojo/atomic.h>
#include <stdlib.h>

struct counter {
    volatile long long value;
};

/* A new counter holding 0, or NULL if memory runs out. */
struct counter *counter_new(void)
{
    struct counter *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    c->value = 0;
    return c;
}

/* Adds n (which may be negative) to the counter. Called by many threads at once. */
void counter_add(struct counter *c, long long n)
{
    /* TODO: one atomic read-modify-write instead of a racy load, add and store */
    c->value += n;
}

/* The current value. May be called while other threads are adding. */
long long counter_get(struct counter *c)
{
    /* TODO: an atomic load */
    return c->value;
}

/* Releases the counter. No thread uses c any more. */
void counter_free(struct counter *c)
{
    free(c);
}
