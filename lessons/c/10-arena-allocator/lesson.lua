return {
  title = "An arena allocator",
  summary = "Hand out aligned blocks from one buffer by bumping an offset, free them all at once, and never let a size computation wrap.",
  file = "arena.c",
  hints = {
    "Keep the three fields up to date: arena_init sets base and cap and starts used at 0. A block starts at base + used (moved up for alignment), and used moves to the block's end.",
    "Align the address, not the offset: the base may be anywhere. With p = (uintptr_t)(base + used), the padding up to the next multiple of align (a power of two) is (align - p % align) % align, or (-p) & (align - 1). The block starts at p + padding.",
    "Write the fit test without sums that can wrap: left = cap - used; the block fits when padding <= left and size <= left - padding. For arrays, count * elem_size overflows exactly when elem_size != 0 and count > SIZE_MAX / elem_size: return NULL then.",
  },
}
