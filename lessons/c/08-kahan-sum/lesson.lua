return {
  title = "Kahan summation",
  summary = "Add a million doubles and keep the bits that rounding throws away: Kahan and Neumaier summation.",
  file = "kahan.c",
  timeout = 20,
  hints = {
    "When a small term is added to a large sum, its low bits do not fit and are rounded away. Keep a second double, c, that remembers what was lost, and put it back into the next term.",
    "Kahan's loop: y = x[i] - c; t = sum + y; c = (t - sum) - y; sum = t. (t - sum) is the part of y that made it into the sum, so c is minus the part that did not. Write it exactly in that order: the brackets matter.",
    "Neumaier: t = sum + x[i]; if |sum| >= |x[i]| then c += (sum - t) + x[i], else c += (x[i] - t) + sum; then sum = t. Return sum + c, adding the corrections only once at the end.",
  },
}
