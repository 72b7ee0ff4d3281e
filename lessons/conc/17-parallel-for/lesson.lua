return {
  title = "Parallel for, dynamic schedule",
  summary = "Spread loop iterations over threads so none sits idle when a few items cost far more than the rest.",
  file = "pfor.c",
  timeout = 8,
  memory_mb = 256,
  bars = {
    dynamic = {
      max_ratio = 0.5,
      against = "static schedule",
      what = "256 items on 8 threads, the first 32 of them 16x longer than the rest",
    },
  },
  hints = {
    "Splitting 0 .. n-1 into nthreads equal blocks is correct, but when the expensive items sit together one thread gets them all. Let the threads share one counter of the next index nobody has taken yet.",
    "A shared int next, and each thread loops: i = kd_atomic_fetch_add_int(&next, 1); if (i >= n) stop; body(i, ctx). The fetch-and-add hands every index to exactly one thread. Start nthreads - 1 threads and let the calling thread work too, then join them all.",
    "struct job { int n; void (*body)(int, void *); void *ctx; volatile int next; };  worker: for (;;) { int i = kd_atomic_fetch_add_int(&j->next, 1); if (i >= j->n) return NULL; j->body(i, j->ctx); }  To amortise the atomic for tiny items, claim a chunk of k indices per fetch-and-add.",
  },
}
