return {
  title = "Sampling: temperature, top-k, top-p",
  summary = "Turn logits into the next token: temperature scaling, top-k and nucleus (top-p) filtering, and a reproducible draw.",
  file = "sampling.c",
  hints = {
    "Temperature divides the logits before the softmax, not the probabilities after it; and temperature 0 is the limit of that, the argmax, which must be handled before any division. Subtract the maximum logit first, as in dl/03.",
    "Sort token indices by probability, descending, breaking ties by the lower index (qsort with a comparator). Top-k keeps the first k. Top-p renormalises those, walks them in order adding probabilities, and stops at the first whose running sum is >= top_p, keeping it.",
    "After filtering, divide the kept probabilities by their sum and zero the rest; then walk j = 0 .. vocab-1 in index order, adding probs[j], and return the first j with u < running sum.",
  },
}
