return {
  title = "A counter with atomics",
  summary = "The same counter with one atomic fetch-and-add per call, timed against the mutex version.",
  file = "counter.c",
  timeout = 40,
  memory_mb = 256,
  bars = {
    atomic = {
      max_ratio = 0.72,
      against = "mutex counter",
      what = "20,000 calls of counter_add from one thread, against lesson 01's mutex counter in the same run",
    },
  },
  hints = {
    "A plain c->value += n compiles to a load, an add and a store. Another thread can write between the load and the store. <kdojo/atomic.h> has an operation that does all three as one indivisible step.",
    "kd_atomic_fetch_add_long(&c->value, n) adds n atomically and returns the old value (which you can ignore). Loading the value, adding, then kd_atomic_store_long is still a race: the atomicity must cover the whole read-modify-write.",
    "counter_add: kd_atomic_fetch_add_long(&c->value, n);  counter_get: return kd_atomic_load_long(&c->value);  No mutex is needed anywhere.",
  },
}
