return {
  title = "SwiGLU",
  summary = "The gated activation of Llama's MLP: silu(gate) * up, stable for large gates, and its backward pass.",
  file = "swiglu.c",
  hints = {
    "a * expf(a) / (1 + expf(a)) is inf / inf = NaN once expf(a) overflows, at a above about 88.7. a / (1 + expf(-a)) is safe for a >= 0 and gives the right limit, -0, for very negative a; a sigmoid that picks its form by the sign of a is safe everywhere.",
    "With s = sigmoid(a): d silu / da = s + a * s * (1 - s) = s * (1 + a * (1 - s)). So d out / d a = dout * b * s * (1 + a (1 - s)) and d out / d b = dout * a * s.",
    "Row r's gate values are gu[r*2h + j] and its up values gu[r*2h + h + j]; write their gradients to the same places in dgu.",
  },
}
