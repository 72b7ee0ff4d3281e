return {
  title = "Welcome: edit, save, pass",
  summary = "Sum an array of ints and watch the grader turn green.",
  file = "welcome.c",
  hints = {
    "Walk the array with an index from 0 up to, but not including, n.",
    "Keep a running total in a long long, since the sum of many ints can overflow an int.",
    "long long total = 0; for (int i = 0; i < n; i++) total += a[i]; return total;",
  },
}
