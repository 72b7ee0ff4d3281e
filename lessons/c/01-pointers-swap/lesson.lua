return {
  title = "Pointers: swap",
  summary = "Change the caller's variables through pointers: swap two ints, swap any bytes, return two results.",
  file = "swap.c",
  hints = {
    "swap gets copies of two addresses. Assigning to a or b changes only those copies; to change the caller's ints, assign to *a and *b, through a temporary int.",
    "A void * carries no size, so it cannot be dereferenced. Convert both to unsigned char * and exchange the size bytes one at a time: unsigned char t = p[i]; p[i] = q[i]; q[i] = t;",
    "In minmax, start *lo and *hi from a[0] (never from 0, and never from what they held before the call), then compare them with each of a[1] .. a[n-1].",
  },
}
