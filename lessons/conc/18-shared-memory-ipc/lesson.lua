return {
  title = "A queue in shared memory",
  summary = "A bounded queue between processes: the ring and its process-shared semaphores in one mmap'd region.",
  file = "shmq.c",
  timeout = 10,
  memory_mb = 256,
  hints = {
    "After fork, malloc'd memory is a private copy in each process: what a child puts there, the parent never sees. Allocate the queue with mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0), ring included (a flexible array member at the end of the struct), and keep the size for munmap.",
    "The synchronisation lives in that memory too, and must be process-shared: a wakeup must cross from one process to another. Semaphores do it simply: sem_init(&s, 1, n), with pshared = 1. Use one counting the free slots, one counting the items, and one (starting at 1) as the lock around head and tail.",
    "put: sem_wait(&free); sem_wait(&lock); items[tail] = v; tail = (tail + 1) % capacity; sem_post(&lock); sem_post(&used).  get: sem_wait(&used); sem_wait(&lock); v = items[head]; head = ...; sem_post(&lock); sem_post(&free).  destroy: sem_destroy each, then munmap(q, q->bytes).",
  },
}
