return {
  title = "Struct layout",
  summary = "Lay out a struct as the compiler does: alignment, padding between members and at the end, and the order that wastes least.",
  file = "layout.c",
  hints = {
    "Walk the members in order with a running offset. Each member's alignment is its type's size here (char 1, short 2, int and float 4, long, double and pointers 8), and an array is aligned like its element. Round the offset up to the member's alignment, record it, then add size x count.",
    "sizeof is the end of the last member rounded up to the largest alignment of any member, so that in an array of these structs every element is aligned again: struct { double d; char c; } is 16 bytes, not 9. *align is that largest alignment.",
    "Reject what does not describe a struct: an empty string, an unknown letter, a count of 0, and counts or totals that do not fit in a size_t (check n > (SIZE_MAX - digit) / 10 before n = n * 10 + digit, and count > (SIZE_MAX - offset) / size before adding). For the packed order, copy the members with alignment 8 first, then 4, 2 and 1, each group in its original order.",
  },
}
