return {
  title = "Software prefetch",
  summary = "Random lookups into 1 GiB: ask for the data 64 lookups before you need it.",
  file = "gather.c",
  timeout = 40,
  memory_mb = 1700,
  bars = {
    gather = {
      max_ratio = 1.4,
      against = "reference",
      what = "2 M random lookups into a 1 GiB table, against a reference that prefetches 64 ahead",
    },
  },
  hints = {
    "Every table[idx[i]] is a cache miss to DRAM, some 100 ns. The indices are all known in advance: what could the loop do about lookup i + 50 while it is still working on lookup i?",
    "Call prefetch(&table[idx[i + D]]) inside the loop, for a distance D of several dozen: the memory system fetches that line while the loop goes on. Try D = 16, 32, 64, 128 and keep the fastest.",
    "for (i = 0; i + D < n; i++) { prefetch(&table[idx[i + D]]); sum += table[idx[i]]; } then a second loop for the last D lookups, without prefetch (idx[n] and beyond do not exist).",
  },
}
