return {
  title = "Guards: more threads than data",
  summary = "Threads past the end of the data must do nothing.",
  file = "guards.cu",
  engine = "cuda",
  hints = {
    "Some threads have an index of size or more: there is no element for them.",
    "Wrap the work in an if that compares the thread's index with size.",
    "int i = threadIdx.x; if (i < size) out[i] = a[i] + 10.0f;",
  },
}
