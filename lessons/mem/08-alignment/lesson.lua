return {
  title = "Alignment",
  summary = "Aligned allocation on top of malloc, and reading values at any address without undefined behaviour.",
  file = "align.c",
  timeout = 30,
  memory_mb = 256,
  hints = {
    "For a power of two, align - 1 is a mask of the low bits: (x + align - 1) & ~(align - 1) rounds up. A power of two has exactly one bit set, so (align & (align - 1)) == 0. For the loads, memcpy the bytes into a local array and assemble the value from them, lowest address first for little-endian.",
    "malloc(size + align - 1 + sizeof(void *)) always contains an aligned block of size bytes with room for one pointer below it. Round raw + sizeof(void *) up to the alignment, and store raw in the pointer-sized slot just below the block you return.",
    "aligned_free_pow2 reads the saved pointer, ((void **)p)[-1], and frees that. Before adding, check size > SIZE_MAX - (align - 1 + sizeof(void *)): if so, return NULL instead of letting the sum wrap.",
  },
}
