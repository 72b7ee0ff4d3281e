/* A thread-safe counter with one atomic instruction per addition.
 *
 * kd_atomic_fetch_add_long is a single locked read-modify-write (lock xadd on x86-64): the
 * cache line holding value is owned by one core for the duration of the instruction, so no
 * other core can slip a write in between the read and the write. There is no lock to take,
 * nothing to release, and a thread that is preempted holds nothing up.
 */
#include <kdojo/atomic.h>
#include <stdlib.h>

struct counter {
    volatile long long value;   /* only touched through kd_atomic_* */
};

struct counter *counter_new(void)
{
    struct counter *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    kd_atomic_store_long(&c->value, 0);
    return c;
}

void counter_add(struct counter *c, long long n)
{
    kd_atomic_fetch_add_long(&c->value, n);
}

long long counter_get(struct counter *c)
{
    return kd_atomic_load_long(&c->value);
}

void counter_free(struct counter *c)
{
    free(c);
}
