/* A "pool" that starts a new thread for every task: correct, and slow.
 *
 * pool_submit creates a thread; future_get joins it. A counting semaphore keeps at most
 * nthreads tasks running at once, as a pool of nthreads workers would. Every task pays for
 * creating a thread (a clone system call, a stack, a scheduler entry) and for joining it,
 * which costs more than the small tasks themselves.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

struct pool {
    sem_t slots;               /* how many more tasks may run right now */
};

struct future {
    struct pool *pool;
    long long (*fn)(void *);
    void *arg;
    long long result;
    pthread_t thread;
};

static void *run(void *p)
{
    struct future *f = p;
    sem_wait(&f->pool->slots);
    f->result = f->fn(f->arg);
    sem_post(&f->pool->slots);
    return NULL;
}

struct pool *pool_new(int nthreads)
{
    struct pool *p = malloc(sizeof *p);
    if (!p)
        return NULL;
    sem_init(&p->slots, 0, (unsigned)nthreads);
    return p;
}

struct future *pool_submit(struct pool *p, long long (*fn)(void *), void *arg)
{
    struct future *f = malloc(sizeof *f);
    if (!f)
        return NULL;
    f->pool = p;
    f->fn = fn;
    f->arg = arg;
    pthread_attr_t small;                   /* 256 KiB stacks: many may be alive at once */
    pthread_attr_init(&small);
    pthread_attr_setstacksize(&small, 256 << 10);
    int rc = pthread_create(&f->thread, &small, run, f);
    pthread_attr_destroy(&small);
    if (rc != 0) {
        free(f);
        return NULL;
    }
    return f;
}

long long future_get(struct future *f)
{
    pthread_join(f->thread, NULL);
    long long r = f->result;
    free(f);
    return r;
}

void pool_free(struct pool *p)
{
    sem_destroy(&p->slots);
    free(p);
}
