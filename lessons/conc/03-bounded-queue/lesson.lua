return {
  title = "A bounded queue",
  summary = "A blocking producer-consumer queue: a ring buffer, one mutex and two condition variables.",
  file = "queue.c",
  timeout = 6,
  memory_mb = 256,
  hints = {
    "A thread that finds the queue empty must sleep until a producer has put something, and a producer that finds it full must sleep until a consumer has taken something. pthread_cond_wait sleeps and releases the mutex in one step, so no signal can slip in between your check and your sleep.",
    "Use two condition variables, not_empty and not_full, and always re-check the condition in a while loop after waking: another consumer may have taken the item first, and pthread_cond_wait may also wake for no reason at all. After a put, signal not_empty; after a get, signal not_full, while still holding the mutex.",
    "queue_get: lock; while (q->count == 0) pthread_cond_wait(&q->not_empty, &q->lock); item = q->items[q->head]; q->head = (q->head + 1) % q->capacity; q->count--; pthread_cond_signal(&q->not_full); unlock; return item.  queue_put is the mirror image.",
  },
}
