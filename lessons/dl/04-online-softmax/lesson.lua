return {
  title = "Online softmax",
  summary = "Softmax statistics in one pass over streamed chunks: a running maximum and a rescaled sum, and merging two partial results.",
  file = "online_softmax.c",
  hints = {
    "Keep the invariant sum = sum over everything seen of expf(x - max). When a new value is larger than max, every term already in sum was computed against the old max and is too large by a factor expf(new - old).",
    "On a new maximum v: sum = sum * expf(max - v) + 1 (the new value's own term is expf(0)), then max = v. Otherwise sum += expf(v - max). Merging is the same rescaling for two sums: bring both to the larger max. Beware -INFINITY - (-INFINITY), which is NaN: an empty state or a masked value must not reach expf that way.",
    "update: for each v: if (v > s->max) { s->sum = s->sum * expf(s->max - v) + 1; s->max = v; } else if (v != -INFINITY) s->sum += expf(v - s->max);  merge: if b is empty return; if a is empty copy b; else m = fmaxf(a->max, b->max); a->sum = a->sum * expf(a->max - m) + b->sum * expf(b->max - m); a->max = m.",
  },
}
