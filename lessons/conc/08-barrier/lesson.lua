return {
  title = "A reusable barrier",
  summary = "n threads wait for each other at the end of every round: a count, a generation, a broadcast.",
  file = "barrier.c",
  timeout = 6,
  memory_mb = 256,
  hints = {
    "Count arrivals under a mutex. The thread that makes the count reach n wakes everyone (pthread_cond_broadcast); the others sleep on a condition variable.",
    "Reuse is the trap: if a woken thread checks 'count == n', the fastest threads may already have started the next round and changed the count. Keep a generation number: remember it on arrival, let the last thread increment it (and reset the count), and wait while (generation == mine).",
    "wait: lock; mine = b->generation; if (++b->arrived == b->n) { b->arrived = 0; b->generation++; broadcast; unlock; return 1; } while (b->generation == mine) pthread_cond_wait(&b->next_round, &b->lock); unlock; return 0;",
  },
}
