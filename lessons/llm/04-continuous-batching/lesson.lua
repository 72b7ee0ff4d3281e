return {
  title = "Continuous batching with preemption",
  summary = "An iteration-level scheduler: admit and retire requests every step, within a KV block budget, preempting the newest when memory runs out.",
  file = "scheduler.c",
  timeout = 30,
  hints = {
    "Keep two lists: running (in admission order) and waiting (a queue whose front is the next to admit). A preempted request goes to the FRONT of waiting, and keeps its generated count: when it is readmitted, its whole context P + G is recomputed, so it needs ceil((P + G + 1) / bs) blocks.",
    "Step 1 loops over running in order; for request i, need = blocks for its next token - blocks it holds. While need > free: pop the LAST running request, free its blocks, push it to the front of waiting, record it; if the popped one was request i itself, stop handling i. Step 2 runs only if nothing was preempted.",
    "Record running ids before retiring; after incrementing G, a request with G == output_len goes to finished[] and returns its blocks; compact the running array keeping order.",
  },
}
