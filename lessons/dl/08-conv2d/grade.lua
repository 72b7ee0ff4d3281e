local gradcheck = require "gradcheck"
local forward = learner.fn "void conv2d_forward(const struct conv_shape *sh, const float *x, const float *w, const float *b, float *y)"
local backward = learner.fn "void conv2d_backward(const struct conv_shape *sh, const float *x, const float *w, const float *dy, float *dx, float *dw, float *db)"
-- The grader's double-precision convolution, in harness.c (independent of solution.c).
local conv_ref = learner.fn "void harness_conv_ref(const int *sh, const float *x, const float *w, const float *b, double *y, double *scale)"
local conv_loss = learner.fn "double harness_conv_loss(const int *sh, const double *x, const double *w, const double *b, const double *dy)"

-- A shape: { n, c, h, w, k, r, s, pad, stride }, passed to C as struct conv_shape (9 ints).
local function dims(sh)
  local N, C, H, W, K, R, S, pad, stride = table.unpack(sh)
  local P, Q = (H + 2 * pad - R) // stride + 1, (W + 2 * pad - S) // stride + 1
  return N, C, H, W, K, R, S, pad, stride, P, Q
end

local function describe(sh)
  local N, C, H, W, K, R, S, pad, stride, P, Q = dims(sh)
  return ("x %dx%dx%dx%d, w %dx%dx%dx%d, pad %d, stride %d -> y %dx%dx%dx%d"):format(N, C, H, W, K, C, R, S, pad, stride, N, K, P, Q)
end

local function inputs(sh)
  local N, C, H, W, K, R, S = dims(sh)
  return buf.i32(sh, { name = "shape" }),
         gen.f32(N * C * H * W, { lo = -1, hi = 1, name = "x" }),
         gen.f32(K * C * R * S, { lo = -1, hi = 1, name = "w" }),
         gen.f32(K, { lo = -1, hi = 1, name = "b" })
end

local function check_forward(sh, opts)
  opts = opts or {}
  local N, _, _, _, K, _, _, _, _, P, Q = dims(sh)
  local shape, x, w, b = inputs(sh)
  if opts.no_bias then b = nil end
  local y = buf.f32(N * K * P * Q, { name = "y" }):fill(0 / 0)
  forward(shape, x, w, b, y)
  local want, scale = buf.f64(N * K * P * Q, { name = "reference y" }), buf.f64(N * K * P * Q, { name = "scale" })
  conv_ref(shape, x, w, b, want, scale)
  gradcheck.forward(y, want, {
    rtol = 2e-5, atol = 1e-7, scale = scale, shape = { N, K, P, Q }, hint = opts.hint,
    context = describe(sh) .. (b and "" or ", b = NULL"),
  })
end

test("forward: 1x1 filter, no padding", function() check_forward({ 1, 3, 4, 5, 2, 1, 1, 0, 1 }) end)
test("forward: 3x3, padding 1 keeps the size", function() check_forward({ 1, 2, 6, 7, 3, 3, 3, 1, 1 }, { hint = 1 }) end)
test("forward: non-square filter, no bias", function() check_forward({ 2, 2, 5, 6, 2, 2, 3, 0, 1 }, { no_bias = true, hint = 1 }) end)
test("forward: stride 2 with a size that does not divide", function() check_forward({ 1, 1, 7, 8, 2, 3, 3, 1, 2 }, { hint = 3 }) end)
test("forward: padding larger than the filter's reach", function() check_forward({ 1, 2, 3, 3, 2, 2, 2, 2, 1 }, { hint = 1 }) end)
test("forward: a batch of 4", function() check_forward({ 4, 3, 9, 9, 5, 3, 3, 1, 1 }) end)
test("forward: random shapes", function()
  for _ = 1, 10 do
    local R, S = gen.int(1, 4), gen.int(1, 4)
    local pad, stride = gen.int(0, 2), gen.int(1, 3)
    local H, W = gen.int(math.max(1, R - 2 * pad), 12), gen.int(math.max(1, S - 2 * pad), 12)
    check_forward({ gen.int(1, 3), gen.int(1, 4), H, W, gen.int(1, 4), R, S, pad, stride }, { no_bias = gen.int(0, 3) == 0 })
  end
end)
test("forward: 2 x 16 x 32 x 32, 32 filters of 3x3", function() check_forward({ 2, 16, 32, 32, 32, 3, 3, 1, 1 }) end)

-- Backward: the loss is L = sum dy * y(x, w, b), computed in double from the forward formula.
local function gradient_check(sh, opts)
  opts = opts or {}
  local N, C, H, W, K, R, S, _, _, P, Q = dims(sh)
  local shape, x, w, b = inputs(sh)
  local dy = gen.f32(N * K * P * Q, { lo = -1, hi = 1, name = "dy" })
  local dx = buf.f32(N * C * H * W, { name = "dx" }):fill(0 / 0)
  local dw = buf.f32(K * C * R * S, { name = "dw" }):fill(0 / 0)
  local db = (not opts.no_bias) and buf.f32(K, { name = "db" }):fill(0 / 0) or nil
  backward(shape, x, w, dy, dx, dw, db)
  local up = gradcheck.f64(dy, "dy")
  gradcheck.check {
    what = describe(sh) .. (db and "" or ", db = NULL"), hint = opts.hint,
    buffers = true, -- the loss is computed in C (harness.c), on f64 buffers
    params = {
      { name = "x", value = x, grad = dx, shape = { N, C, H, W } },
      { name = "w", value = w, grad = dw, shape = { K, C, R, S } },
      { name = "b", value = b, grad = db or false },
    },
    loss = function(p) return conv_loss(shape, p.x, p.w, p.b, up) end,
  }
end

test("backward: gradient check, 3x3 with padding 1", function() gradient_check({ 1, 2, 4, 5, 2, 3, 3, 1, 1 }, { hint = 2 }) end)
test("backward: overlapping windows and a batch of 2", function() gradient_check({ 2, 1, 5, 5, 2, 3, 3, 0, 1 }, { hint = 2 }) end)
test("backward: stride 2, non-square filter, db = NULL", function() gradient_check({ 1, 2, 6, 5, 3, 2, 3, 1, 2 }, { no_bias = true, hint = 3 }) end)
test("backward: random shapes", function()
  for _ = 1, 4 do
    local R, S = gen.int(1, 3), gen.int(1, 3)
    local pad, stride = gen.int(0, 1), gen.int(1, 2)
    gradient_check({ gen.int(1, 2), gen.int(1, 2), gen.int(math.max(1, R - 2 * pad), 5), gen.int(math.max(1, S - 2 * pad), 5),
                     gen.int(1, 3), R, S, pad, stride }, { hint = 2 })
  end
end)
