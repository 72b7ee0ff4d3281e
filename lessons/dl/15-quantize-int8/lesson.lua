return {
  title = "int8 quantisation, per row",
  summary = "Absmax int8 quantisation with a scale per row: exact codes, round to nearest even, zero rows, and the error bound.",
  file = "quant_int8.c",
  hints = {
    "The scale comes from the largest MAGNITUDE in the row: a row whose extreme value is -9 needs scale 9/127, whatever its largest positive value is. And a row of zeros has scale 0: dividing by it gives NaN, and converting NaN to an integer is undefined behaviour.",
    "Casting to int8_t truncates toward zero (2.9 becomes 2), which doubles the worst error. Round to nearest with rintf, which breaks ties to even (0.5 -> 0, 1.5 -> 2, 2.5 -> 2) under the default rounding mode, then clamp to [-127, 127].",
    "amax = max over j of fabsf(x[j]); scale = amax / 127.0f; q[j] = scale == 0 ? 0 : (int8_t)rintf(x[j] / scale) (clamped). Dequantise with x[j] = q[j] * scale.",
  },
}
