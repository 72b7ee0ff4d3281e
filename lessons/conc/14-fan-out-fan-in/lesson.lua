return {
  title = "Fan-out, fan-in, with cancellation",
  summary = "Run tasks at once, gather their results, and when one fails, cancel the rest and report the first error.",
  file = "fanout.c",
  timeout = 8,
  memory_mb = 256,
  hints = {
    "Start one thread per task, all of them, before joining any: that is the fan-out. Each thread runs task(k, &cancel, ctx) and stores the result in results[k] (its own slot, so no lock is needed). Joining every thread is the fan-in.",
    "The first error is shared state: guard it with a mutex. A thread whose task returned a negative value takes the mutex; if no error is recorded yet, it records this one and raises the cancel flag (kd_atomic_store_int(&cancel, 1)). Later errors, such as tasks reporting that they were cancelled, must not replace it.",
    "struct group { task, ctx, results; volatile int cancel; pthread_mutex_t lock; long long first_error; };  thread: r = task(k, &g->cancel, g->ctx); results[k] = r; if (r < 0) { lock; if (!first_error) { first_error = r; store(&cancel, 1); } unlock; }  fanout: create all, join all, return first_error.",
  },
}
