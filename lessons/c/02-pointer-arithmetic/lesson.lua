return {
  title = "Pointer arithmetic",
  summary = "Half-open ranges, one-past-the-end pointers and strides: walk arrays with pointers, not indices.",
  file = "ranges.c",
  hints = {
    "In find_last, walk backward: start at p = end and, while p != begin, first step p-- and then test *p. end itself is one past the last element and must never be read.",
    "For reverse_range, keep two pointers moving toward each other: the left one starts at begin, the right one at end - 1, but only once you know the range is not empty. Stop when they meet or cross: while (begin < end && begin < --end) { swap *begin and *end; begin++; }",
    "In sum_strided, element k is p[k * stride] (equally *(p + k * stride)): pointer arithmetic counts in elements, so no sizeof. Loop k from 0 to n - 1, and add into a long long.",
  },
}
