return {
  title = "Dining philosophers",
  summary = "Philosophers share forks with their neighbours: eat without deadlock, and without starving anyone.",
  file = "table.c",
  timeout = 6,
  memory_mb = 256,
  hints = {
    "Taking the left fork and then waiting for the right one deadlocks as soon as every philosopher holds a left fork. Find a way never to hold one fork while waiting for another: one mutex for the whole table, and a state per philosopher (thinking, hungry, eating).",
    "table_pickup: under the mutex, mark i hungry and wait on a condition variable until neither neighbour is eating; then mark i eating. table_putdown marks i thinking and wakes both neighbours. That is deadlock-free, but a philosopher whose two neighbours take turns can still starve: give each hungry philosopher a ticket from a counter, and let a neighbour with an older ticket go first.",
    "blocks(j, i) = state[j] == EATING || (state[j] == HUNGRY && ticket[j] < ticket[i]). pickup: lock; state[i] = HUNGRY; ticket[i] = next++; while (blocks(left, i) || blocks(right, i)) pthread_cond_wait(&turn[i], &lock); state[i] = EATING; unlock.  putdown: lock; state[i] = THINKING; signal turn[left] and turn[right]; unlock.",
  },
}
