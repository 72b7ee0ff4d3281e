return {
  title = "A thread pool with futures",
  summary = "Start the workers once, queue tasks to them, and hand back futures that wait for the results.",
  file = "pool.c",
  timeout = 8,
  memory_mb = 256,
  bars = {
    pool = {
      max_ratio = 0.6,
      against = "thread-per-task baseline",
      what = "1,024 small tasks (about 6 us of work each), 16 in flight at a time, on a pool of 2 workers, all on one CPU",
    },
  },
  hints = {
    "pool_new should start nthreads threads that loop forever: take the oldest task from a queue, run it, store its result in its future. When the queue is empty they sleep on a condition variable, and pool_submit signals it after queueing.",
    "Let the future be the queue node: it holds fn, arg, result, a done flag and a condition variable, plus a next pointer. Guard the queue and every done flag with the pool's mutex; future_get waits in a while (!f->done) loop on the future's condition variable. Run fn without holding the mutex, or the workers take turns instead of running at once.",
    "Worker: lock; loop { while (!head && !stopping) wait(&work); if (!head) break; pop f; unlock; r = f->fn(f->arg); lock; f->result = r; f->done = 1; signal(&f->ready); } unlock.  pool_free: lock; stopping = 1; broadcast(&work); unlock; join every worker; then free.",
  },
}
