return {
  title = "Zip: two inputs, one output",
  summary = "Each thread adds one element of a to the same element of b.",
  file = "zip.cu",
  engine = "cuda",
  hints = {
    "The same index picks the element in a, in b and in out.",
    "int i = threadIdx.x; then read a[i] and b[i].",
    "out[i] = a[i] + b[i];",
  },
}
