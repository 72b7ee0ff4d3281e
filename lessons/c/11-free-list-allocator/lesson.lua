return {
  title = "A free-list allocator",
  summary = "malloc, free and realloc of your own over a growing heap, graded on correctness, utilisation and throughput against libc.",
  file = "mm.c",
  timeout = 60,
  bars = {
    throughput = {
      max_ratio = 5.0,
      against = "libc malloc",
      what = "a trace of 6,000 random mm_malloc/mm_free/mm_realloc calls with up to 60 blocks live, against glibc's malloc, free and realloc on the same trace in the same run",
    },
  },
  hints = {
    "Put a header in front of every block: an 8-byte word holding the block's size (a multiple of 16) with the low bit meaning allocated. The payload starts right after it and must be 16-aligned, so start the heap with 8 bytes of padding. To reuse freed memory, mm_malloc must find a free block that is big enough before it grows the heap.",
    "Utilisation needs three things: split a free block that is much larger than the request (the rest becomes a new free block); when a block is freed, merge it with a free block before and after it (a copy of the size at the end of each block, a footer, lets you find the block before); and compute sizes without overflow (refuse sizes above SIZE_MAX / 2 before adding the header).",
    "Speed needs mm_malloc to stop walking every block in the heap. Keep the free blocks in doubly linked lists stored inside their own payloads (next and prev pointers, so a block is at least 32 bytes), one list per size class (powers of two), and search only the lists whose blocks can be big enough. free() unlinks the neighbours it merges with and inserts the merged block.",
  },
}
