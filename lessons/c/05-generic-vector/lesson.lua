return {
  title = "A generic vector",
  summary = "A growable array of any element type: void *, element sizes, geometric growth, and a push that can fail.",
  file = "vec.c",
  hints = {
    "Keep four fields: a data pointer, the element size, the length and the capacity. Element i starts at (unsigned char *)data + i * elem_size, and memcpy moves elem_size bytes in or out; void * itself allows no arithmetic.",
    "When len == cap, multiply the capacity (cap ? cap * 2 : some small start), allocate the new block, copy the old elements over, and only then update the fields. If the allocation returns NULL, return -1 and leave every field as it was: new_data = realloc(data, ...) into a separate variable, never data = realloc(data, ...).",
    "elem may point into the vector itself (vec_push(v, vec_at(v, 0))). If you grow with realloc, the old block may be freed before you copy from elem. Either allocate the new block with malloc, copy the old elements and then elem into it, and free the old block last; or, before growing, note elem's offset inside the old block and copy from the same offset in the new one.",
  },
}
