return {
  title = "Pointer-chase latency",
  summary = "Build a random cycle and follow it: measure the latency of L1, L2, L3 and DRAM on this machine.",
  file = "chase.c",
  engine = "cc",
  timeout = 60,
  memory_mb = 900,
  hints = {
    "A chase through next[i] = i + 1 is a sequential walk: the prefetcher fetches lines ahead and you measure bandwidth. The order must be random, and must still visit every slot exactly once before returning to 0.",
    "Sattolo's algorithm: set next[i] = i, then for i from n - 1 down to 1, pick j uniformly in [0, i) (not <= i) and swap next[i] and next[j]. The result is one random cycle. Use a 64-bit generator seeded with seed (splitmix64 or xorshift64*).",
    "Time the loop with clock_gettime(CLOCK_MONOTONIC) before and after: for (s = 0; s < steps; s++) i = next[i]; then return the elapsed nanoseconds / steps. Store the final i in a volatile variable, or the compiler may delete the loop as useless.",
  },
}
