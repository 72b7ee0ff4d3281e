/* parallel_for with a static schedule: thread t runs the t-th contiguous block of indices.
 *
 * Correct, and as fast as it gets when every item costs the same. When the costly items sit
 * together, the thread whose block holds them works alone while the others, done with
 * their cheap blocks, wait at the join.
 */
#include <pthread.h>
#include <stdlib.h>

struct block {
    int start, end;
    void (*body)(int i, void *ctx);
    void *ctx;
};

static void *run(void *p)
{
    struct block *b = p;
    for (int i = b->start; i < b->end; i++)
        b->body(i, b->ctx);
    return NULL;
}

void parallel_for(int n, int nthreads, void (*body)(int i, void *ctx), void *ctx)
{
    struct block *b = malloc(sizeof *b * (size_t)nthreads);
    pthread_t *t = malloc(sizeof *t * (size_t)nthreads);
    if (!b || !t) {
        free(b);
        free(t);
        for (int i = 0; i < n; i++)
            body(i, ctx);
        return;
    }
    for (int k = 0; k < nthreads; k++) {
        b[k].start = (int)((long long)n * k / nthreads);
        b[k].end = (int)((long long)n * (k + 1) / nthreads);
        b[k].body = body;
        b[k].ctx = ctx;
    }
    int started = 0;
    for (; started < nthreads - 1; started++)
        if (pthread_create(&t[started], NULL, run, &b[started + 1]) != 0)
            break;
    for (int k = started + 1; k < nthreads; k++)
        run(&b[k]);         /* blocks no thread could be started for */
    run(&b[0]);
    for (int k = 0; k < started; k++)
        pthread_join(t[k], NULL);
    free(b);
    free(t);
}
