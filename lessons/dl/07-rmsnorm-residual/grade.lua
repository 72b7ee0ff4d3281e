local gradcheck = require "gradcheck"
local fused = learner.fn "void rmsnorm_residual(float *residual, const float *x, const float *weight, float *y, float *rrms, int rows, int cols, float eps)"
local backward = learner.fn "void rmsnorm_backward(const float *dy, const float *h, const float *weight, const float *rrms, float *dh, float *dweight, int rows, int cols)"

local EPS = 1e-6

-- RMSNorm in double of h (0-based tables): y and rrms.
local function reference(h, w, rows, cols)
  local y, rrms = {}, {}
  for r = 0, rows - 1 do
    local ss = 0.0
    for j = 0, cols - 1 do ss = ss + h[r * cols + j] ^ 2 end
    local rs = 1 / math.sqrt(ss / cols + EPS)
    for j = 0, cols - 1 do y[r * cols + j] = h[r * cols + j] * rs * w[j] end
    rrms[r] = rs
  end
  return y, rrms
end

local function f32(v) return string.unpack("f", string.pack("f", v)) end

local function check_forward(rows, cols, opts)
  opts = opts or {}
  local lo, hi = opts.lo or -2, opts.hi or 2
  local res = gen.f32(rows * cols, { lo = lo, hi = hi, name = "residual" })
  local x = gen.f32(rows * cols, { lo = lo, hi = hi, name = "x" })
  local w = gen.f32(cols, { lo = 0.5, hi = 1.5, name = "weight" })
  local R, X = gradcheck.totable(res), gradcheck.totable(x)
  local h = {}
  for i = 0, rows * cols - 1 do h[i] = f32(R[i] + X[i]) end -- the float sum, as C computes it
  local y = opts.in_place and x or buf.f32(rows * cols, { name = "y" }):fill(0 / 0)
  local rrms = buf.f32(rows, { name = "rrms" }):fill(0 / 0)
  fused(res, x, w, y, rrms, rows, cols, EPS)
  local context = ("%d x %d, values in [%g, %g)%s"):format(rows, cols, lo, hi, opts.in_place and ", y == x" or "")
  expect.buffer(res, gradcheck.f64(h, "residual + x"), { what = "residual (must become residual + x)", hint = 1 })
  local wy, wr = reference(h, gradcheck.totable(w), rows, cols)
  gradcheck.forward(rrms, wr, { rtol = 1e-5, atol = 0, context = context, hint = 1 })
  gradcheck.forward(y, wy, { rtol = 1e-5, atol = 1e-6, shape = { rows, cols }, context = context, hint = opts.hint or 1 })
end

test("forward: known values", function()
  -- residual [1, 2], x [2, 2]: h = [3, 4], mean(h^2) = 12.5, y = h / sqrt(12.5 + eps) * [1, 2]
  local res, x = buf.f32({ 1, 2 }, { name = "residual" }), buf.f32({ 2, 2 }, { name = "x" })
  local w, y, rrms = buf.f32({ 1, 2 }, { name = "weight" }), buf.f32(2, { name = "y" }), buf.f32(1, { name = "rrms" })
  fused(res, x, w, y, rrms, 1, 2, EPS)
  local rs = 1 / math.sqrt(12.5 + EPS)
  expect(res[0], "residual [1 2] + x [2 2]: residual[0]"):eq(3, { hint = 1 })
  expect(res[1], "residual [1 2] + x [2 2]: residual[1]"):eq(4, { hint = 1 })
  expect(y[0], "h = [3 4], weight [1 2]: y[0]"):near(3 * rs, { rtol = 1e-6, hint = 1 })
  expect(y[1], "h = [3 4], weight [1 2]: y[1]"):near(8 * rs, { rtol = 1e-6, hint = 1 })
end)
test("forward: 3 x 8", function() check_forward(3, 8) end)
test("forward: one column", function() check_forward(5, 1) end)
test("forward: y is x (written in place)", function() check_forward(4, 33, { in_place = true, hint = 1 }) end)
test("forward: large activations (|h| up to 1000)", function() check_forward(4, 64, { lo = -500, hi = 500 }) end)
test("forward: 16 x 4096", function() check_forward(16, 4096) end)

local function gradient_check(rows, cols, context, hint)
  local h = gen.f32(rows * cols, { lo = -2, hi = 2, name = "h" })
  local w = gen.f32(cols, { lo = 0.5, hi = 1.5, name = "weight" })
  local dy = gen.f32(rows * cols, { lo = -1, hi = 1, name = "dy" })
  local _, wr = reference(gradcheck.totable(h), gradcheck.totable(w), rows, cols)
  local rrms = buf.f32(rows, { name = "rrms" })
  for r = 0, rows - 1 do rrms[r] = wr[r] end
  local dh = buf.f32(rows * cols, { name = "dh" }):fill(0 / 0)
  local dw = buf.f32(cols, { name = "dweight" }):fill(0 / 0)
  backward(dy, h, w, rrms, dh, dw, rows, cols)
  local up = gradcheck.totable(dy)
  gradcheck.check {
    what = context, hint = hint,
    params = {
      { name = "h", value = h, grad = dh, shape = { rows, cols } },
      { name = "weight", value = w, grad = dw },
    },
    loss = function(p) return gradcheck.dot((reference(p.h, p.weight, rows, cols)), up, rows * cols) end,
  }
end

test("backward: gradient check, 3 x 8", function() gradient_check(3, 8, "3 x 8", 2) end)
test("backward: gradient check, one row", function() gradient_check(1, 6, "1 x 6", 2) end)
test("backward: dweight sums over rows", function() gradient_check(7, 3, "7 x 3", 3) end)
test("backward: random shapes", function()
  for _ = 1, 4 do
    local rows, cols = gen.int(1, 5), gen.int(2, 12) -- one column is degenerate: dh is ~0
    gradient_check(rows, cols, ("%d x %d"):format(rows, cols), 2)
  end
end)
