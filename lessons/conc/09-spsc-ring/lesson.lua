return {
  title = "A lock-free SPSC ring",
  summary = "One producer, one consumer, no lock: a ring buffer ordered by two atomic counters.",
  file = "ring.c",
  timeout = 8,
  memory_mb = 256,
  hints = {
    "Only the producer ever changes tail, and only the consumer ever changes head. Each thread can read its own counter plainly; it needs kd_atomic_load_long only for the other thread's counter, and kd_atomic_store_long to publish its own.",
    "Order matters: push writes the slot first and stores tail + 1 after; pop reads the slot first and stores head + 1 after. Let both counters grow forever and take the slot as counter & (capacity - 1): full is tail - head == capacity, empty is head == tail.",
    "push: t = r->tail; if (t - kd_atomic_load_long(&r->head) == capacity) return 0; r->slots[t & mask] = v; kd_atomic_store_long(&r->tail, t + 1); return 1.  pop: h = r->head; if (h == kd_atomic_load_long(&r->tail)) return 0; *out = r->slots[h & mask]; kd_atomic_store_long(&r->head, h + 1); return 1.",
  },
}
