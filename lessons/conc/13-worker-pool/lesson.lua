return {
  title = "An ordered worker pool",
  summary = "Process items in parallel, hand out the results in input order as soon as each is ready, within a bounded window.",
  file = "ordered.c",
  timeout = 8,
  memory_mb = 256,
  hints = {
    "Let the workers claim indices in order from a shared counter under a mutex, and store each result in a slot for its index with a ready flag. Result i may be emitted once results 0 .. i-1 have been.",
    "After storing a result, a worker checks whether the next result to emit is ready; if so, and nobody is emitting, it becomes the emitter and emits every consecutive ready result (unlock around each emit call, so the others keep working). The window: a worker may claim item i only while i < next_emit + window; otherwise it waits on a condition variable that each emit broadcasts. Then window slots (i % window) are enough.",
    "worker: lock; loop { while (claim < n && claim >= next_emit + window) wait(&room); if (claim >= n) break; i = claim++; unlock; r = fn(in[i]); lock; slot[i % window] = r; ready[i % window] = 1; if (emitting) continue; emitting = 1; while (next_emit < n && ready[next_emit % window]) { take it, clear ready, unlock, emit, lock, next_emit++, broadcast(&room); } emitting = 0; } unlock.",
  },
}
