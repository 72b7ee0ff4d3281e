/* harness.c for conc/05-dining-philosophers: philosopher threads around the learner's table.
 *
 * Compiled beside table.c (or solution.c); every name starts with harness_. Two kinds of
 * runs:
 * - scripted (harness_script): one thread per philosopher that does what the grader tells it
 *   ("pick up", "put down", "eat again and again"), so a test can hold philosopher 0 at the
 *   table and look at what its neighbours can do meanwhile. Every step has a time limit: a
 *   call that blocks when it should not fails the test instead of hanging the check;
 * - free (harness_dine): n threads eat m meals each as fast as they can. Joined without a
 *   time limit: a deadlock hangs the check, and kdojo's hang report shows the cycle.
 * While a philosopher eats, the harness marks both its forks as taken with an atomic
 * exchange; finding a fork already taken means two neighbours are eating at once.
 */
#define _GNU_SOURCE
#include <kdojo/atomic.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct table;
struct table *table_new(int n);
void table_pickup(struct table *t, int i);
void table_putdown(struct table *t, int i);
void table_free(struct table *t);

enum { H_OK = 0, H_NEW_NULL = 1, H_NO_THREAD = 2 };

static int harness_spawn(pthread_t *t, void *(*fn)(void *), void *arg) {
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setstacksize(&a, 256 << 10);
    int rc = pthread_create(t, &a, fn, arg);
    pthread_attr_destroy(&a);
    return rc;
}

static double harness_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void harness_nap(void) {
    struct timespec ts = {0, 200000}; /* 0.2 ms */
    nanosleep(&ts, NULL);
}

/* ---------------------------------------------------------------- forks as the harness sees them */

struct harness_forks {
    int n;
    volatile int *user;          /* user[f]: the philosopher eating with fork f, or -1 */
    int clash;                   /* 1 once two neighbours ate at once (kd_atomic_*) */
    int clash_a, clash_b, clash_fork;   /* written by the one thread that set clash */
};

static void harness_start_eating(struct harness_forks *h, int i) {
    int forks[2] = {i, (i + 1) % h->n};
    for (int k = 0; k < 2; k++) {
        int was = kd_atomic_exchange_int(&h->user[forks[k]], i);
        int none = 0;
        if (was != -1 && was != i && kd_atomic_cas_int(&h->clash, &none, 1))
            h->clash_a = was, h->clash_b = i, h->clash_fork = forks[k];
    }
}

static void harness_stop_eating(struct harness_forks *h, int i) {
    int forks[2] = {i, (i + 1) % h->n};
    for (int k = 0; k < 2; k++) {
        int mine = i;
        kd_atomic_cas_int(&h->user[forks[k]], &mine, -1);
    }
}

static int harness_forks_init(struct harness_forks *h, int n) {
    h->n = n;
    h->user = malloc(sizeof(int) * (size_t)n);
    if (!h->user) return 0;
    for (int f = 0; f < n; f++) h->user[f] = -1;
    return 1;
}

/* ---------------------------------------------------------------- scripted philosophers */

enum { A_PICKUP = 1, A_PUTDOWN = 2, A_FEAST = 3, A_QUIT = 4 };

struct harness_actor {
    struct table *t;
    struct harness_forks *forks;
    int i;
    /* Shared between the grader's thread and the philosopher: read and written with kd_atomic_*. */
    int cmd, busy;                /* the grader's command; 1 while carrying it out */
    long long meals;              /* A_FEAST: meals eaten so far */
    int stop;                     /* ends A_FEAST */
    pthread_t tid;
};

static void *harness_actor_main(void *p) {
    struct harness_actor *a = p;
    for (;;) {
        int cmd = kd_atomic_load_int(&a->cmd);
        if (!cmd) {
            harness_nap();
            continue;
        }
        kd_atomic_store_int(&a->cmd, 0);
        if (cmd == A_QUIT) break;
        if (cmd == A_PICKUP) {
            table_pickup(a->t, a->i);
            harness_start_eating(a->forks, a->i);
        } else if (cmd == A_PUTDOWN) {
            harness_stop_eating(a->forks, a->i);
            table_putdown(a->t, a->i);
        } else if (cmd == A_FEAST) {
            while (!kd_atomic_load_int(&a->stop)) {
                table_pickup(a->t, a->i);
                harness_start_eating(a->forks, a->i);
                kd_atomic_fetch_add_long(&a->meals, 1);
                harness_stop_eating(a->forks, a->i);
                table_putdown(a->t, a->i);
            }
        }
        kd_atomic_store_int(&a->busy, 0);
    }
    kd_atomic_store_int(&a->busy, 0);
    return NULL;
}

struct harness_scene {
    struct table *t;
    struct harness_forks forks;
    int n;
    struct harness_actor *actors;
};

static struct harness_scene *harness_scene;

/* Sets up a table of n philosophers, each a thread waiting for commands. */
int harness_scene_new(int n)
{
    struct harness_scene *s = calloc(1, sizeof *s);
    if (!s) return H_NO_THREAD;
    s->n = n;
    s->t = table_new(n);
    if (!s->t) return H_NEW_NULL;
    s->actors = calloc((size_t)n, sizeof *s->actors);
    if (!s->actors || !harness_forks_init(&s->forks, n)) return H_NO_THREAD;
    for (int i = 0; i < n; i++) {
        s->actors[i].t = s->t;
        s->actors[i].forks = &s->forks;
        s->actors[i].i = i;
        if (harness_spawn(&s->actors[i].tid, harness_actor_main, &s->actors[i]) != 0) return H_NO_THREAD;
    }
    harness_scene = s;
    return H_OK;
}

/* Tells philosopher i to pick up (1), put down (2), eat again and again (3, until
   harness_stop) or quit (4). Returns at once. */
void harness_tell(int i, int cmd)
{
    struct harness_actor *a = &harness_scene->actors[i];
    kd_atomic_store_int(&a->busy, 1);
    kd_atomic_store_int(&a->cmd, cmd);
}

/* Waits up to ms milliseconds for philosopher i to finish its command: 1 if it did. */
int harness_wait(int i, int ms)
{
    struct harness_actor *a = &harness_scene->actors[i];
    double end = harness_now() + ms * 1e-3;
    while (kd_atomic_load_int(&a->busy) || kd_atomic_load_int(&a->cmd)) {
        if (harness_now() > end) return 0;
        harness_nap();
    }
    return 1;
}

/* Ends philosopher i's A_FEAST after its current meal; returns how many meals it ate. */
long long harness_meals(int i) { return kd_atomic_load_long(&harness_scene->actors[i].meals); }
void harness_stop(int i) { kd_atomic_store_int(&harness_scene->actors[i].stop, 1); }

/* 1 if two neighbours ate at once in this scene; out = {first, second, fork}. */
int harness_scene_clash(long long *out)
{
    struct harness_forks *h = &harness_scene->forks;
    int clash = kd_atomic_load_int(&h->clash);
    out[0] = h->clash_a, out[1] = h->clash_b, out[2] = h->clash_fork;
    return clash;
}

/* Ends the scene: every philosopher quits and the table is freed. Only after a scene whose
   philosophers are all idle (a stuck scene is left as it is). */
void harness_scene_end(void)
{
    struct harness_scene *s = harness_scene;
    for (int i = 0; i < s->n; i++) harness_tell(i, A_QUIT);
    for (int i = 0; i < s->n; i++) pthread_join(s->actors[i].tid, NULL);
    table_free(s->t);
    free((void *)s->forks.user);
    free(s->actors);
    free(s);
    harness_scene = NULL;
}

/* ---------------------------------------------------------------- free-running dinner */

struct harness_dinner {
    struct table *t;
    struct harness_forks forks;
    long long meals;
    int eat_spin, think_spin;
    pthread_barrier_t start;
    volatile long long *eaten;
};

struct harness_guest {
    struct harness_dinner *d;
    int i;
};

static void harness_spin(int n) {
    for (volatile int k = 0; k < n; k++) {}
}

static void *harness_guest_main(void *p) {
    struct harness_guest *g = p;
    struct harness_dinner *d = g->d;
    pthread_barrier_wait(&d->start);
    for (long long m = 0; m < d->meals; m++) {
        table_pickup(d->t, g->i);
        harness_start_eating(&d->forks, g->i);
        harness_spin(d->eat_spin);
        d->eaten[g->i]++;
        harness_stop_eating(&d->forks, g->i);
        table_putdown(d->t, g->i);
        harness_spin(d->think_spin);
    }
    return NULL;
}

/* n philosophers eat `meals` meals each, eating for eat_spin and thinking for think_spin
 * loop iterations. out[0] = 1 if two neighbours ate at once (out[1], out[2]: who, out[3]:
 * the fork); out[4] = the fewest meals any philosopher ate (should be `meals`). */
int harness_dine(int n, long long meals, int eat_spin, int think_spin, long long *out)
{
    struct harness_dinner *d = calloc(1, sizeof *d);
    struct harness_guest *g = calloc((size_t)n, sizeof *g);
    pthread_t *tid = calloc((size_t)n, sizeof *tid);
    if (!d || !g || !tid || !harness_forks_init(&d->forks, n)) return H_NO_THREAD;
    d->eaten = calloc((size_t)n, sizeof(long long));
    if (!d->eaten) return H_NO_THREAD;
    d->t = table_new(n);
    if (!d->t) return H_NEW_NULL;
    d->meals = meals;
    d->eat_spin = eat_spin;
    d->think_spin = think_spin;
    pthread_barrier_init(&d->start, NULL, (unsigned)n);
    for (int i = 0; i < n; i++) {
        g[i].d = d;
        g[i].i = i;
        if (harness_spawn(&tid[i], harness_guest_main, &g[i]) != 0) return H_NO_THREAD;
    }
    for (int i = 0; i < n; i++) pthread_join(tid[i], NULL);
    out[0] = d->forks.clash;
    out[1] = d->forks.clash_a, out[2] = d->forks.clash_b, out[3] = d->forks.clash_fork;
    out[4] = meals;
    for (int i = 0; i < n; i++)
        if (d->eaten[i] < out[4]) out[4] = d->eaten[i];
    table_free(d->t);
    pthread_barrier_destroy(&d->start);
    free((void *)d->eaten);
    free((void *)d->forks.user);
    free(tid);
    free(g);
    free(d);
    return H_OK;
}

/* After a failed scripted test: if no philosopher is in the middle of a call, they all quit
   and the table is abandoned (not freed: its forks may still be taken); returns 1. If one is
   stuck in the learner's code, everything is left as it is; returns 0. */
int harness_scene_abandon(void)
{
    struct harness_scene *s = harness_scene;
    for (int i = 0; i < s->n; i++)
        if (kd_atomic_load_int(&s->actors[i].busy) || kd_atomic_load_int(&s->actors[i].cmd)) return 0;
    for (int i = 0; i < s->n; i++) harness_tell(i, A_QUIT);
    for (int i = 0; i < s->n; i++) pthread_join(s->actors[i].tid, NULL);
    harness_scene = NULL;
    return 1;
}

/* Creates n tables of 7, has philosophers 0, 2 and 4 eat once, frees them; returns how many
   bytes are still allocated that were not before, or -1 if table_new returned NULL. */
long long harness_leak(int n)
{
    struct mallinfo2 before = mallinfo2();
    for (int k = 0; k < n; k++) {
        struct table *t = table_new(7);
        if (!t) return -1;
        for (int i = 0; i < 6; i += 2) table_pickup(t, i);
        for (int i = 0; i < 6; i += 2) table_putdown(t, i);
        table_free(t);
    }
    struct mallinfo2 after = mallinfo2();
    long long left = (long long)after.uordblks - (long long)before.uordblks;
    return left > 0 ? left : 0; /* less than before: memory of earlier tests was freed meanwhile */
}
