return {
  title = "Cache lines",
  summary = "Read every k-th int of a big array: the time follows the cache lines touched, not the ints read.",
  file = "stride.c",
  timeout = 40,
  memory_mb = 800,
  hints = {
    "An int is 4 bytes and a cache line 64, so 16 ints share a line: int i lives in line i / 16 when the array starts on a line boundary. Which lines do the indices 0, stride, 2 * stride, ... fall in?",
    "If stride >= 16, no two reads share a line, so the answer is the number of reads, (n + stride - 1) / stride. If stride < 16, consecutive reads are less than a line apart, so no line in between is skipped.",
    "For stride < 16, the reads cover every line from 0 up to the line of the last index read, last = ((n - 1) / stride) * stride: that is last / 16 + 1 lines. n = 0 touches none.",
  },
}
