return {
  title = "A readers-writer lock",
  summary = "Many readers at once or one writer alone, and writers that are never starved by readers.",
  file = "rwlock.c",
  timeout = 6,
  memory_mb = 256,
  hints = {
    "Keep the state under one mutex: how many readers are inside, whether a writer is inside, how many writers are waiting. rw_rdlock and rw_wrlock wait on condition variables until the state lets them in, then update it; the unlocks update it and wake whoever can now go.",
    "Writer preference: a reader waits while a writer is inside OR waiting. A writer counts itself as waiting before its wait loop, and waits while a writer is inside or any reader is. The last reader out wakes a writer; a writer leaving wakes the next writer if one waits, or else broadcasts to all waiting readers.",
    "rdlock: while (writing || writers_waiting > 0) wait(&can_read); readers++.  rdunlock: if (--readers == 0 && writers_waiting) signal(&can_write).  wrlock: writers_waiting++; while (writing || readers) wait(&can_write); writers_waiting--; writing = 1.  wrunlock: writing = 0; if (writers_waiting) signal(&can_write); else broadcast(&can_read).",
  },
}
