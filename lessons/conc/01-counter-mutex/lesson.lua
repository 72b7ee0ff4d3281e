return {
  title = "A counter with a mutex",
  summary = "Many threads add to one counter: guard the read-modify-write with a pthread mutex.",
  file = "counter.c",
  timeout = 30,
  memory_mb = 256,
  hints = {
    "c->value += n is three steps: read the value, add, write it back. Another thread can run between the read and the write, and its addition is then overwritten. What stops two threads from being inside those three steps at the same time?",
    "Put a pthread_mutex_t in struct counter. Initialise it in counter_new (pthread_mutex_init), destroy it in counter_free (pthread_mutex_destroy), and make sure every pthread_mutex_lock is matched by exactly one pthread_mutex_unlock on every path.",
    "counter_add: pthread_mutex_lock(&c->lock); c->value += n; pthread_mutex_unlock(&c->lock);  counter_get: lock, copy c->value into a local, unlock, return the local.",
  },
}
