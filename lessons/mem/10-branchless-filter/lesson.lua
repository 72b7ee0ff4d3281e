return {
  title = "Branchless filter",
  summary = "Keep the values below a threshold without a branch the CPU cannot predict.",
  file = "filter.c",
  timeout = 30,
  memory_mb = 512,
  bars = {
    filter = {
      max_ratio = 2.0,
      against = "reference",
      what = "filtering 16 M random ints, half of them kept, against a branchless reference",
    },
  },
  hints = {
    "With random data, `if (x < limit)` goes either way with equal odds. What does the CPU do when it guesses the direction of a branch wrong, and how often will it guess wrong here?",
    "Make the work the same whatever the value: always store the value at out[k], then advance k by 0 or 1. A comparison in C is already 0 or 1.",
    "long k = 0; for (long i = 0; i < n; i++) { int x = in[i]; out[k] = x; k += (x < limit); } return k;  The store is always in bounds, since k <= i < n.",
  },
}
