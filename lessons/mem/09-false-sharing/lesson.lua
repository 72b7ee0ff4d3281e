return {
  title = "False sharing",
  summary = "Per-worker counters that never touch each other's data, and still slow each other down.",
  file = "stats.c",
  timeout = 40,
  memory_mb = 256,
  bars = {
    padded = {
      max_ratio = 1.3,
      against = "reference",
      what = "2 workers x 30,000 calls of stats_hit at once, against the padded reference",
    },
  },
  hints = {
    "Each worker only writes its own counter, so there is no race to fix. The cost is in the hardware: a core writes whole 64-byte cache lines. How many long long counters fit in one line, and what happens when two cores keep writing the same line?",
    "Wrap the counter in a struct padded to 64 bytes (a long long plus 56 bytes of padding) and allocate the array on a 64-byte boundary with posix_memalign (aligned_alloc is not declared under TinyCC's C99 mode). Neither clears memory: zero it.",
    "struct slot { long long count; char pad[56]; };  in stats_new: posix_memalign(&mem, 64, nworkers * sizeof(struct slot)), memset to 0;  stats_hit: s->slots[worker].count++;  stats_free: free the slots, then the struct.",
  },
}
