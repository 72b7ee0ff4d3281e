/* Dining philosophers as a monitor: one mutex guards every philosopher's state, and each
 * philosopher sleeps on a condition variable of its own.
 *
 * Deadlock cannot happen because nobody ever holds one fork while waiting for the other: a
 * philosopher takes both forks in one step, under the mutex, when both are free.
 *
 * Starvation cannot happen because hungry philosophers keep their place in line. Each one
 * draws a ticket when it gets hungry, and may not start eating while a neighbour with an
 * older ticket is still hungry. A hungry philosopher therefore waits for at most one meal of
 * each neighbour: a neighbour who gets hungry later lines up behind it instead of eating
 * again. And the oldest ticket of all only ever waits for neighbours who are eating, so
 * someone always makes progress.
 */
#include <pthread.h>
#include <stdlib.h>

enum { THINKING, HUNGRY, EATING };

struct seat {
    int state;
    long long ticket;        /* when it got hungry; smaller is older */
    pthread_cond_t turn;     /* signalled when a neighbour puts its forks down */
};

struct table {
    pthread_mutex_t lock;    /* guards everything below */
    int n;
    long long next_ticket;
    struct seat *seats;
};

struct table *table_new(int n)
{
    struct table *t = malloc(sizeof *t);
    if (!t)
        return NULL;
    t->seats = calloc((size_t)n, sizeof *t->seats);
    if (!t->seats) {
        free(t);
        return NULL;
    }
    pthread_mutex_init(&t->lock, NULL);
    t->n = n;
    t->next_ticket = 0;
    for (int i = 0; i < n; i++) {
        t->seats[i].state = THINKING;
        pthread_cond_init(&t->seats[i].turn, NULL);
    }
    return t;
}

/* Whether neighbour j stands in i's way: eating (it holds a fork i needs), or hungry with an
 * older ticket (it was first in line). */
static int blocks(const struct table *t, int j, int i)
{
    const struct seat *s = &t->seats[j];
    return s->state == EATING || (s->state == HUNGRY && s->ticket < t->seats[i].ticket);
}

void table_pickup(struct table *t, int i)
{
    int left = (i + t->n - 1) % t->n, right = (i + 1) % t->n;
    pthread_mutex_lock(&t->lock);
    t->seats[i].state = HUNGRY;
    t->seats[i].ticket = t->next_ticket++;
    while (blocks(t, left, i) || blocks(t, right, i))
        pthread_cond_wait(&t->seats[i].turn, &t->lock);
    t->seats[i].state = EATING;
    pthread_mutex_unlock(&t->lock);
}

void table_putdown(struct table *t, int i)
{
    int left = (i + t->n - 1) % t->n, right = (i + 1) % t->n;
    pthread_mutex_lock(&t->lock);
    t->seats[i].state = THINKING;
    /* Only the neighbours' chances changed: i held their forks, or stood before them in line. */
    pthread_cond_signal(&t->seats[left].turn);
    pthread_cond_signal(&t->seats[right].turn);
    pthread_mutex_unlock(&t->lock);
}

void table_free(struct table *t)
{
    for (int i = 0; i < t->n; i++)
        pthread_cond_destroy(&t->seats[i].turn);
    pthread_mutex_destroy(&t->lock);
    free(t->seats);
    free(t);
}
