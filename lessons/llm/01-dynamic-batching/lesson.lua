return {
  title = "Dynamic batching",
  summary = "Hold requests for a few milliseconds so one model call serves many: a batcher on a simulated clock, checked decision by decision.",
  file = "batcher.c",
  timeout = 30,
  hints = {
    "You need a FIFO queue of (id, arrival time) that can grow without limit: a ring buffer that doubles when full, or a linked list. Under overload the tests queue thousands of requests.",
    "batcher_poll has three cases, checked in order: at least max_batch waiting -> dispatch the oldest max_batch; otherwise, something waiting and oldest.arrival + max_wait <= now -> dispatch all of them; otherwise return 0. batcher_deadline is oldest.arrival + max_wait, or NEVER when empty.",
    "Write the ids into ids[0..k-1] oldest first, remove them from the queue, return k. Compare times as oldest.arrival + max_wait <= now (integers: exact).",
  },
}
