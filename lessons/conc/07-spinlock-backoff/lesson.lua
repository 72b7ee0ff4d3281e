return {
  title = "A spinlock with backoff",
  summary = "One atomic exchange takes the lock; waiting on reads, backing off and yielding keep it cheap for the holder.",
  file = "spin.c",
  timeout = 10,
  memory_mb = 256,
  bars = {
    spin = {
      max_ratio = 0.6,
      against = "test-and-set spinlock",
      what = "6 threads on one CPU x 150 critical sections, every 20th holder preempted, against a lock that spins on exchange and never yields",
    },
  },
  hints = {
    "Testing for 0 and then storing 1 is two steps: two threads can both see 0. kd_atomic_exchange_int(lock, 1) stores 1 and returns what was there in one step: if it returns 0, you have the lock.",
    "While the lock is held, spin on kd_atomic_load_int (reads keep the cache line shared) and only try the exchange again when it reads 0. Between looks, wait: kd_cpu_relax() in a loop whose length doubles each time. When the lock stays taken long, its holder may have been preempted: sched_yield() lets it run.",
    "lock: int delay = 1; while (kd_atomic_exchange_int(lock, 1) != 0) { do { for (i < delay) kd_cpu_relax(); if (delay < 1024) delay *= 2; else sched_yield(); } while (kd_atomic_load_int(lock) != 0); }  unlock: kd_atomic_store_int(lock, 0).  trylock: return kd_atomic_load_int(lock) == 0 && kd_atomic_exchange_int(lock, 1) == 0.",
  },
}
