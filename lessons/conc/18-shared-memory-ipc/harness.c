/* harness.c for conc/18-shared-memory-ipc: producer and consumer PROCESSES around the
 * learner's queue.
 *
 * Compiled beside shmq.c (or solution.c); every name starts with harness_. The parent
 * creates the queue, then forks. Children put or get, write what they got into a results
 * area the harness maps shared, and _exit. The parent never waits without a limit: children
 * that are still running after their time are killed, and the test says so. Calls the parent
 * makes that might block for good run in a helper thread with a time limit.
 */
#define _GNU_SOURCE
#include <kdojo/atomic.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct shmq;
struct shmq *shmq_create(int capacity);
void shmq_put(struct shmq *q, long long v);
long long shmq_get(struct shmq *q);
void shmq_destroy(struct shmq *q);

enum { H_OK = 0, H_NEW_NULL = 1, H_NO_PROC = 2, H_STUCK = 3, H_CHILD_DIED = 4 };

static double harness_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void harness_sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {}
}

/* Waits for the given children until `seconds` from now; kills the ones still running.
   Returns H_OK, H_STUCK (some were killed; *left says how many) or H_CHILD_DIED (one ended
   by a signal: *left = the signal). */
static int harness_reap(pid_t *pids, int n, double seconds, long long *left) {
    double end = harness_now() + seconds;
    int running = n, died = 0;
    while (running > 0 && harness_now() < end) {
        for (int i = 0; i < n; i++) {
            int st;
            if (pids[i] > 0 && waitpid(pids[i], &st, WNOHANG) == pids[i]) {
                pids[i] = 0;
                running--;
                if (WIFSIGNALED(st) && !died) died = WTERMSIG(st);
            }
        }
        if (running) harness_sleep_ms(2);
    }
    for (int i = 0; i < n; i++)
        if (pids[i] > 0) {
            kill(pids[i], SIGKILL);
            waitpid(pids[i], NULL, 0);
        }
    if (running) {
        *left = running;
        return H_STUCK;
    }
    if (died) {
        *left = died;
        return H_CHILD_DIED;
    }
    return H_OK;
}

/* ---------------------------------------------------------------- gets with a time limit */

struct harness_gets {
    struct shmq *q;
    int n;
    long long *items;
    int done;                   /* read by the grader's thread: kd_atomic_* */
};

static void *harness_gets_main(void *p) {
    struct harness_gets *g = p;
    for (int i = 0; i < g->n; i++) g->items[i] = shmq_get(g->q);
    kd_atomic_store_int(&g->done, 1);
    return NULL;
}

static int harness_gets_start(struct harness_gets *g, pthread_t *t) {
    return pthread_create(t, NULL, harness_gets_main, g) == 0;
}

static int harness_gets_wait(struct harness_gets *g, pthread_t t, int ms) {
    double end = harness_now() + ms * 1e-3;
    while (!kd_atomic_load_int(&g->done) && harness_now() < end) harness_sleep_ms(1);
    if (!kd_atomic_load_int(&g->done)) return H_STUCK;   /* the helper stays behind, blocked */
    pthread_join(t, NULL);
    return H_OK;
}

/* n calls of shmq_get(q) in a helper thread of this process, with 1 s to finish. */
int harness_get_many(struct shmq *q, int n, long long *items)
{
    struct harness_gets *g = calloc(1, sizeof *g);
    pthread_t t;
    if (!g) return H_NO_PROC;
    g->q = q, g->n = n, g->items = items;
    if (!harness_gets_start(g, &t)) return H_NO_PROC;
    int rc = harness_gets_wait(g, t, 1000);
    if (rc == H_OK) free(g);
    return rc;
}

/* ---------------------------------------------------------------- one child */

/* A child process puts base, base + 1, ..., base + n - 1 into q and exits. */
int harness_child_puts(struct shmq *q, int n, long long base, long long *out)
{
    pid_t pid = fork();
    if (pid < 0) return H_NO_PROC;
    if (pid == 0) {
        for (int i = 0; i < n; i++) shmq_put(q, base + i);
        _exit(0);
    }
    return harness_reap(&pid, 1, 1.0, out);
}

/* This process waits in shmq_get (in a helper thread) on an empty queue; 50 ms later a child
 * process puts 77. out[0] = 1 if the get returned before the child put, out[1] = what it
 * returned. H_STUCK: the get was still waiting 1 s after the child's put. */
int harness_cross_wakeup(long long *out)
{
    struct shmq *q = shmq_create(4);
    if (!q) return H_NEW_NULL;
    struct harness_gets *g = calloc(1, sizeof *g);
    long long *item = calloc(1, sizeof *item);
    pthread_t t;
    if (!g || !item) return H_NO_PROC;
    g->q = q, g->n = 1, g->items = item;
    if (!harness_gets_start(g, &t)) return H_NO_PROC;
    harness_sleep_ms(50);
    out[0] = kd_atomic_load_int(&g->done);
    long long left = 0;
    int rc = harness_child_puts(q, 1, 77, &left);
    if (rc != H_OK) return rc;
    rc = harness_gets_wait(g, t, 1000);
    if (rc != H_OK) return rc;
    out[1] = *item;
    shmq_destroy(q);
    free(g);
    free(item);
    return H_OK;
}

/* ---------------------------------------------------------------- many processes */

/* nprod producer processes put per items each ((p + 1) << 32 | sequence); ncons consumer
 * processes get the total between them and write what they got into a shared results area.
 * out[0] as in conc/03: 0 good; 1 an item nobody put (out[1] item, out[2] consumer); 2 got
 * twice (out[1] producer, out[2] sequence); 3 lost (out[1] how many, out[2] producer, out[3]
 * sequence); 4 out of order (out[1] producer, out[2] got first, out[3] earlier got after,
 * out[4] consumer). H_STUCK: processes still running after 3 s (killed; out[1] how many);
 * H_CHILD_DIED: a child was killed by a signal (out[1] which). */
int harness_procs(int nprod, int ncons, long long per, int capacity, long long *out)
{
    long long total = per * nprod;
    memset(out, 0, 5 * sizeof *out);
    size_t bytes = sizeof(long long) * (size_t)(total + ncons);
    long long *shared = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) return H_NO_PROC;
    for (long long i = 0; i < total; i++) shared[i] = -1;
    struct shmq *q = shmq_create(capacity);
    if (!q) return H_NEW_NULL;
    pid_t pids[64];
    int n = 0;
    long long start[64], count[64];
    for (int c = 0, at = 0; c < ncons; c++) {
        count[c] = total / ncons + (c < total % ncons);
        start[c] = at;
        at += (int)count[c];
    }
    for (int i = 0; i < nprod + ncons; i++) {
        pid_t pid = fork();
        if (pid < 0) break;
        if (pid == 0) {
            if (i < nprod) {
                long long tag = (long long)(i + 1) << 32;
                for (long long k = 0; k < per; k++) shmq_put(q, tag | k);
            } else {
                int c = i - nprod;
                for (long long k = 0; k < count[c]; k++) shared[start[c] + k] = shmq_get(q);
            }
            _exit(0);
        }
        pids[n++] = pid;
    }
    if (n < nprod + ncons) {
        harness_reap(pids, n, 0, out + 1);
        return H_NO_PROC;
    }
    int rc = harness_reap(pids, n, 3.0, out + 1);
    if (rc != H_OK) return rc;

    unsigned char *seen = calloc((size_t)total, 1);
    long long *last = malloc(sizeof(long long) * (size_t)nprod);
    if (!seen || !last) return H_NO_PROC;
    for (int c = 0; c < ncons && !out[0]; c++) {
        for (int p = 0; p < nprod; p++) last[p] = -1;
        for (long long k = 0; k < count[c]; k++) {
            long long item = shared[start[c] + k], p = (item >> 32) - 1, s = item & 0xffffffffLL;
            if (p < 0 || p >= nprod || s >= per) {
                out[0] = 1, out[1] = item, out[2] = c;
                break;
            }
            if (seen[p * per + s]++) {
                out[0] = 2, out[1] = p, out[2] = s;
                break;
            }
            if (s < last[p]) {
                out[0] = 4, out[1] = p, out[2] = last[p], out[3] = s, out[4] = c;
                break;
            }
            last[p] = s;
        }
    }
    if (!out[0]) {
        long long lost = 0;
        for (long long i = 0; i < total; i++)
            if (!seen[i] && !lost++) out[2] = i / per, out[3] = i % per;
        if (lost) out[0] = 3, out[1] = lost;
    }
    free(seen);
    free(last);
    shmq_destroy(q);
    munmap(shared, bytes);
    return H_OK;
}

/* Creates and destroys a queue of 64: 1 if its first page is still mapped afterwards. */
int harness_still_mapped(void)
{
    struct shmq *q = shmq_create(64);
    if (!q) return -1;
    unsigned char vec;
    void *page = (void *)((unsigned long)q & ~4095UL);
    shmq_destroy(q);
    return mincore(page, 1, &vec) == 0;
}
