return {
  title = "Map: one thread per element",
  summary = "Your first CUDA kernel: every thread adds 10 to one element.",
  file = "map.cu",
  engine = "cuda",
  hints = {
    "Each thread handles the element whose index is its own thread index: threadIdx.x.",
    "There is no loop: the launch starts one thread per element, and each does one element's work.",
    "int i = threadIdx.x; out[i] = a[i] + 10.0f;",
  },
}
