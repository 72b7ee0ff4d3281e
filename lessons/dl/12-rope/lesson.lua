return {
  title = "Rotary position embedding",
  summary = "RoPE: rotate pairs of query/key values by position-dependent angles, accurately at position 100,000; and its backward pass.",
  file = "rope.c",
  hints = {
    "Index carefully: token t, head h, value k lives at x[(t * n_heads + h) * head_dim + k]. The angle depends on the token's position pos[t] and the pair index i, not on the head. Read both values of a pair before writing either.",
    "At position 100,000 the angle is about 100,000 radians. A float holds that only to within 0.004, so compute a = pos * pow(theta, -2.0 * i / head_dim) in double, take cos and sin in double, and only then round to float.",
    "A rotation's gradient is the rotation the other way: rope_backward is rope_forward with sin(a) replaced by -sin(a).",
  },
}
