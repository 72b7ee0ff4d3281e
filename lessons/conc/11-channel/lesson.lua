return {
  title = "A channel with close",
  summary = "A Go-style buffered channel: blocking send and receive, and a close that wakes everyone and lets receivers drain.",
  file = "chan.c",
  timeout = 6,
  memory_mb = 256,
  hints = {
    "chan_close sets a closed flag under the mutex and must wake every sleeper, on both condition variables: pthread_cond_broadcast, not signal, since all of them have to find out.",
    "Every wait loop must also stop on closed: a receiver waits while (count == 0 && !closed), a sender while (count == capacity && !closed). After the loop, a receiver that finds items takes one even if the channel is closed (drain first); it returns 0 only when count == 0. A sender that finds the channel closed returns 0 without adding its item.",
    "recv: lock; while (c->count == 0 && !c->closed) wait(&c->not_empty); if (c->count == 0) { unlock; return 0; } take the item; signal(&c->not_full); unlock; return 1.  send: ... while (c->count == c->capacity && !c->closed) wait(&c->not_full); if (c->closed) { unlock; return 0; } ...  close: lock; closed = 1; broadcast both; unlock.",
  },
}
