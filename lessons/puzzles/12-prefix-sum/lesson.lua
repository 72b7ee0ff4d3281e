return {
  title = "Prefix sum: scanning a block",
  summary = "Every output is the sum of all inputs before it in its block: log2(TPB) steps with two barriers each.",
  file = "prefix_sum.cu",
  engine = "cuda",
  hints = {
    "Load the block's elements into shared memory (0 past size). Then, for d = 1, 2, 4, ...: every thread with t >= d adds the value d slots to its left.",
    "Reading and writing the same array in one step races: a neighbour may already have updated the slot you read. Read into a local variable, __syncthreads(), then add and __syncthreads() again.",
    "for (int d = 1; d < TPB; d *= 2) { float add = t >= d ? s[t - d] : 0.0f; __syncthreads(); s[t] += add; __syncthreads(); }",
  },
}
