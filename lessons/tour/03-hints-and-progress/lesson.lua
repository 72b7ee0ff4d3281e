return {
  title = "Hints and progress",
  summary = "The midpoint of two ints, without overflow: a small task where the hints earn their keep.",
  file = "midpoint.c",
  hints = {
    "a + b can be larger than INT_MAX (or smaller than INT_MIN) before you ever divide, and int overflow is undefined behaviour in C. Which type can hold the sum of any two ints? (a + (b - a) / 2 only moves the problem: b - a overflows when a and b have opposite signs.)",
    "C's / rounds toward zero: (-3 + 0) / 2 is -1, but the midpoint of -3 and 0 rounded down is floor(-1.5) = -2. Halve the exact sum in a way that rounds down for negative sums too.",
    "long long s = (long long)a + b;  then  return (int)(s / 2 - (s % 2 < 0));  (s % 2 is -1 exactly when s is negative and odd, which is when / 2 rounded up).",
  },
}
