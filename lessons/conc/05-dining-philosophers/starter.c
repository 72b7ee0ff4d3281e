/* Dining philosophers.
 *
 * n philosophers sit around a round table with one fork between each pair of neighbours.
 * Philosopher i eats with fork i (on its left) and fork (i + 1) % n (on its right), so two
 * neighbours can never eat at the same time. Each philosopher is a thread that calls
 * table_pickup(t, i), eats, calls table_putdown(t, i), thinks, and starts over.
 *
 * Make table_pickup wait until philosopher i may eat, with no deadlock and no starvation:
 * a philosopher may not start eating while a neighbour who got hungry before it is still
 * waiting.
 */
#include <pthread.h>
#include <stdlib.h>

struct table {
    int n;
    /* TODO: what you need to know who is eating and who has waited longest */
};

/* A table for n >= 2 philosophers, all thinking; NULL if memory runs out. */
struct table *table_new(int n)
{
    struct table *t = malloc(sizeof *t);
    if (!t)
        return NULL;
    t->n = n;
    return t;
}

/* Philosopher i is hungry: returns once it holds forks i and (i + 1) % n. */
void table_pickup(struct table *t, int i)
{
    /* TODO */
}

/* Philosopher i has eaten and puts both forks down. Called by the thread that picked them up. */
void table_putdown(struct table *t, int i)
{
    /* TODO */
}

/* Releases the table. Every philosopher is thinking and no thread uses it any more. */
void table_free(struct table *t)
{
    free(t);
}
