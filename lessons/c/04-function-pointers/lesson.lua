return {
  title = "Function pointers",
  summary = "qsort comparators that cannot overflow, a comparator for an array of strings, and a dispatch table.",
  file = "dispatch.c",
  hints = {
    "qsort hands your comparator pointers to two elements, as const void *. For ints: int x = *(const int *)a, y = *(const int *)b; then compare. Do not return x - y: for x = INT_MIN and y = 1 the subtraction overflows and the sign comes out wrong. (x > y) - (x < y) is -1, 0 or 1 and cannot overflow.",
    "The array being sorted holds char pointers, so each argument points to a const char *, not to the characters: const char *x = *(const char *const *)a. Compare strlen(x) with strlen(y) first, and only when they are equal use strcmp(x, y).",
    "A dispatch table is an array of { name, function } pairs: static const struct { const char *name; op_fn fn; } ops[] = { { \"add\", op_add }, ... }; loop over it, return ops[i].fn when strcmp(name, ops[i].name) == 0, and NULL after the loop.",
  },
}
