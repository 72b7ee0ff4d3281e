/* worker: one grading thread per open lesson; results reach the main loop through a pipe. */
#include "worker.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct worker {
    const kd_paths *paths;
    const kd_lesson *lesson;
    char *path;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int pipe[2];
    volatile int cancel;        /* set here under lock, read by check_run without it: atomic */
    /* under lock */
    bool quit, requested, running, has_done;
    double started;
    check_result partial;
    check_result done;
    char *done_source, *done_err;
    check_worker *gpu;          /* the thread's own: a CUDA lesson on a GPU keeps its context */
};

static void notify(worker *w) {
    char c = 1;
    (void)!write(w->pipe[1], &c, 1);  /* a full pipe already says "news" */
}

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

/* The part of a partial result the progress view needs. */
static void copy_tests(check_result *dst, const check_result *src) {
    check_result_done(dst);
    dst->running = src->running;
    dst->n_tests = src->n_tests;
    dst->tests = xcalloc((size_t)(src->n_tests + 1), sizeof *dst->tests);
    for (int i = 0; i < src->n_tests; i++) {
        dst->tests[i].name = dup_or_null(src->tests[i].name);
        dst->tests[i].status = dup_or_null(src->tests[i].status);
        dst->tests[i].message = dup_or_null(src->tests[i].message);
    }
    dst->compiled = src->compiled;
}

static void on_progress(void *ctx, const check_result *partial) {
    worker *w = ctx;
    pthread_mutex_lock(&w->lock);
    copy_tests(&w->partial, partial);
    pthread_mutex_unlock(&w->lock);
    notify(w);
}

static void run_one(worker *w) {
    check_options opt = {.cancel = &w->cancel, .progress = on_progress, .progress_ctx = w, .worker = w->gpu};
    check_result r;
    char *err = NULL;
    if (check_run(w->paths, w->lesson, w->path, &opt, &r, &err) < 0) check_result_done(&r);
    /* The snapshot stored with the attempt is what was graded, not the file as it is now. */
    char *source = r.source ? xstrdup(r.source) : NULL;
    pthread_mutex_lock(&w->lock);
    w->running = false;
    check_result_done(&w->partial);
    if (w->requested && (err || r.verdict == V_CANCELLED)) {
        /* superseded by a newer save: that check starts next and this one is dropped */
        check_result_done(&r);
        free(source);
        free(err);
    } else {
        check_result_done(&w->done);
        free(w->done_source);
        free(w->done_err);
        w->done = r;
        w->done_source = source;
        w->done_err = err;
        w->has_done = true;
    }
    pthread_mutex_unlock(&w->lock);
    notify(w);
}

static void *thread_main(void *arg) {
    worker *w = arg;
    /* Started now, CUDA is up by the time the learner first saves (a GPU machine only). */
    check_worker_prepare(w->gpu, w->paths, w->lesson);
    pthread_mutex_lock(&w->lock);
    while (!w->quit) {
        if (!w->requested) {
            pthread_cond_wait(&w->wake, &w->lock);
            continue;
        }
        w->requested = false;
        w->running = true;
        __atomic_store_n(&w->cancel, 0, __ATOMIC_RELAXED);
        w->started = now_seconds();
        pthread_mutex_unlock(&w->lock);
        notify(w);
        run_one(w);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

worker *worker_new(const kd_paths *paths, const kd_lesson *l, const char *learner_path, char **err) {
    worker *w = xcalloc(1, sizeof *w);
    w->paths = paths;
    w->lesson = l;
    w->path = xstrdup(learner_path);
    w->partial.running = w->done.running = -1;
    w->gpu = check_worker_new();
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    if (pipe2(w->pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
        *err = xasprintf("cannot create a pipe: %s", strerror(errno));
        check_worker_free(w->gpu);
        free(w->path);
        free(w);
        return NULL;
    }
    /* Signals (resize, Ctrl-C) belong to the main loop: the thread blocks them all. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&w->thread, NULL, thread_main, w);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc) {
        *err = xasprintf("cannot start the grading thread: %s", strerror(rc));
        close(w->pipe[0]);
        close(w->pipe[1]);
        check_worker_free(w->gpu);
        free(w->path);
        free(w);
        return NULL;
    }
    return w;
}

void worker_delete(worker *w) {
    if (!w) return;
    pthread_mutex_lock(&w->lock);
    w->quit = true;
    __atomic_store_n(&w->cancel, 1, __ATOMIC_RELAXED);
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    check_worker_free(w->gpu);
    check_result_done(&w->partial);
    check_result_done(&w->done);
    free(w->done_source);
    free(w->done_err);
    close(w->pipe[0]);
    close(w->pipe[1]);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->wake);
    free(w->path);
    free(w);
}

int worker_fd(const worker *w) { return w->pipe[0]; }

void worker_drain(worker *w) {
    char buf[256];
    while (read(w->pipe[0], buf, sizeof buf) > 0) {}
}

void worker_check(worker *w) {
    pthread_mutex_lock(&w->lock);
    w->requested = true;
    if (w->running) __atomic_store_n(&w->cancel, 1, __ATOMIC_RELAXED);
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
}

bool worker_cancel(worker *w) {
    pthread_mutex_lock(&w->lock);
    bool was = w->running || w->requested;
    w->requested = false;
    if (w->running) __atomic_store_n(&w->cancel, 1, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&w->lock);
    return was;
}

void worker_progress_get(worker *w, worker_progress *p) {
    memset(p, 0, sizeof *p);
    p->partial.running = -1;
    pthread_mutex_lock(&w->lock);
    p->running = w->running || w->requested;
    p->started = w->started;
    if (w->running) copy_tests(&p->partial, &w->partial);
    pthread_mutex_unlock(&w->lock);
}

bool worker_take(worker *w, check_result *r, char **source, char **err) {
    pthread_mutex_lock(&w->lock);
    bool has = w->has_done;
    if (has) {
        *r = w->done;
        *source = w->done_source;
        *err = w->done_err;
        memset(&w->done, 0, sizeof w->done);
        w->done.running = -1;
        w->done_source = w->done_err = NULL;
        w->has_done = false;
    }
    pthread_mutex_unlock(&w->lock);
    return has;
}
