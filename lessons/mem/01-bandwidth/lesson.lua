return {
  title = "Memory bandwidth",
  summary = "Sum 1 GiB of bytes as fast as memory delivers them, measured against memcpy.",
  file = "bandwidth.c",
  timeout = 40,
  memory_mb = 1600,
  bars = {
    sum = {
      max_ratio = 4.5,
      against = "memcpy",
      what = "summing 1 GiB of bytes, against memcpy reading the same 1 GiB in the same run",
    },
  },
  hints = {
    "How many instructions does your loop spend per byte? DRAM delivers tens of bytes per nanosecond; a loop that loads, adds and compares once per byte manages about one.",
    "Load 8 bytes at a time as one uint64_t and add the bytes inside it in parallel: (w & 0x00ff00ff00ff00ff) + ((w >> 8) & 0x00ff00ff00ff00ff) gives four 16-bit partial sums in one word.",
    "Add such words into an accumulator of four 16-bit lanes for at most 128 words (128 * 510 < 65536), then fold the lanes ((x & 0xffff) + ((x >> 16) & 0xffff) + ...) into the 64-bit total and start again. Handle the bytes before the first 8-byte boundary and after the last one separately.",
  },
}
