return {
  title = "A mapped tensor file",
  summary = "Open a tensor file with mmap: validate the header against the file's size, and use the data where it lies.",
  file = "tensor.c",
  timeout = 20,
  hints = {
    "open the file, fstat it for its size, and mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) the whole of it; after that the descriptor can be closed, the mapping stays. The header is at the start of the mapping: memcpy its fields out. The data starts at the header's size (16 + 8 x ndim) rounded up to a multiple of 64: t->data = (const char *)map + offset.",
    "Distrust every header field before using it: the magic, dtype <= 3, 1 <= ndim <= 8 (check it before reading the dims), and the dims must fit in the file. Multiply the dims one at a time and refuse when count > UINT64_MAX / d; then check count <= (size - offset) / element size, with size >= offset checked first.",
    "Check the file's size before mmap: a file shorter than 16 bytes cannot hold a header, and mmap of 0 bytes fails. On every failure after mmap, munmap before returning -1; tensor_close munmaps what tensor_open mapped (map and map_size).",
  },
}
