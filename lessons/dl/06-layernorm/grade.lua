local gradcheck = require "gradcheck"
local forward = learner.fn "void layernorm_forward(const float *x, const float *gamma, const float *beta, float *y, float *mean, float *rstd, int rows, int cols, float eps)"
local backward = learner.fn "void layernorm_backward(const float *dy, const float *x, const float *gamma, const float *mean, const float *rstd, float *dx, float *dgamma, float *dbeta, int rows, int cols)"

local EPS = 1e-5

-- LayerNorm in double from 0-based tables: y, mean, rstd.
local function reference(x, gamma, beta, rows, cols, eps)
  local y, mean, rstd = {}, {}, {}
  for r = 0, rows - 1 do
    local s = 0.0
    for j = 0, cols - 1 do s = s + x[r * cols + j] end
    local m = s / cols
    local v = 0.0
    for j = 0, cols - 1 do v = v + (x[r * cols + j] - m) ^ 2 end
    local rs = 1 / math.sqrt(v / cols + eps)
    for j = 0, cols - 1 do y[r * cols + j] = (x[r * cols + j] - m) * rs * gamma[j] + beta[j] end
    mean[r], rstd[r] = m, rs
  end
  return y, mean, rstd
end

local function params(rows, cols, x)
  x = x or gen.f32(rows * cols, { lo = -2, hi = 2, name = "x" })
  return x, gen.f32(cols, { lo = 0.5, hi = 1.5, name = "gamma" }), gen.f32(cols, { lo = -0.5, hi = 0.5, name = "beta" })
end

-- Runs the forward pass over NaN-filled outputs and compares y, mean and rstd with double.
-- tol: tolerances for y (rtol, atol); mean and rstd must be within a relative 1e-4.
local function check_forward(x, gamma, beta, rows, cols, context, tol, hint)
  local y = buf.f32(rows * cols, { name = "y" }):fill(0 / 0)
  local mean = buf.f32(rows, { name = "mean" }):fill(0 / 0)
  local rstd = buf.f32(rows, { name = "rstd" }):fill(0 / 0)
  forward(x, gamma, beta, y, mean, rstd, rows, cols, EPS)
  local wy, wm, wr = reference(gradcheck.totable(x), gradcheck.totable(gamma), gradcheck.totable(beta), rows, cols, EPS)
  gradcheck.forward(mean, wm, { rtol = 1e-5, atol = 1e-6, context = context, hint = hint })
  gradcheck.forward(rstd, wr, { rtol = 1e-4, atol = 0, context = context, hint = hint })
  gradcheck.forward(y, wy, { rtol = tol.rtol, atol = tol.atol, shape = { rows, cols }, context = context, hint = hint })
end

local ORDINARY = { rtol = 1e-4, atol = 1e-5 }

test("forward: small rows", function()
  local x, g, b = params(3, 8)
  check_forward(x, g, b, 3, 8, "3 x 8, x in [-2, 2)", ORDINARY)
end)

test("forward: one column (every row is constant)", function()
  local x, g, b = params(4, 1)
  check_forward(x, g, b, 4, 1, "4 x 1", ORDINARY)
end)

test("forward: a constant row gives rstd = 1/sqrt(eps) and y = beta", function()
  local x = buf.f32(2 * 16, { name = "x" }):fill(0.1)
  for j = 0, 15 do x[16 + j] = -3 end
  local _, g, b = params(2, 16, x)
  check_forward(x, g, b, 2, 16, "rows of sixteen 0.1 and sixteen -3, eps = 1e-5", ORDINARY)
end)

test("forward: near-constant rows (1000 + noise in [0, 1))", function()
  -- E[x^2] - E[x]^2 is about 1e6 - 1e6 here: in float, pure rounding noise.
  local rows, cols = 4, 64
  local x = gen.f32(rows * cols, { lo = 1000, hi = 1001, name = "x" })
  local _, g, b = params(rows, cols, x)
  -- x - mean itself loses about 3 digits in float here, whatever the method; 5e-3 still
  -- separates a two-pass variance from E[x^2] - E[x]^2 by orders of magnitude.
  check_forward(x, g, b, rows, cols, "4 x 64, x in [1000, 1001)", { rtol = 0, atol = 5e-3 }, 1)
end)

test("forward: 32 x 768 (a transformer's hidden size)", function()
  local x, g, b = params(32, 768)
  for i = 0, #x - 1 do x[i] = x[i] * 3 + 0.5 end
  check_forward(x, g, b, 32, 768, "32 x 768, x in [-5.5, 6.5)", ORDINARY)
end)

-- Backward: the grader computes mean and rstd itself (in double, passed as floats), so the
-- backward pass is tested independently of the forward one. The loss is
-- L = sum dy * y(x, gamma, beta), in double; its gradients are checked by central differences.
local function gradient_check(rows, cols, x, context, rtol, hint, atol)
  local xx, gamma, beta = params(rows, cols, x)
  local dy = gen.f32(rows * cols, { lo = -1, hi = 1, name = "dy" })
  local _, wm, wr = reference(gradcheck.totable(xx), gradcheck.totable(gamma), gradcheck.totable(beta), rows, cols, EPS)
  local mean, rstd = buf.f32(rows, { name = "mean" }), buf.f32(rows, { name = "rstd" })
  for r = 0, rows - 1 do mean[r], rstd[r] = wm[r], wr[r] end
  local dx = buf.f32(rows * cols, { name = "dx" }):fill(0 / 0)
  local dgamma = buf.f32(cols, { name = "dgamma" }):fill(0 / 0)
  local dbeta = buf.f32(cols, { name = "dbeta" }):fill(0 / 0)
  backward(dy, xx, gamma, mean, rstd, dx, dgamma, dbeta, rows, cols)
  local up = gradcheck.totable(dy)
  gradcheck.check {
    what = context, rtol = rtol, hint = hint, atol = atol,
    params = {
      { name = "x", value = xx, grad = dx, shape = { rows, cols } },
      { name = "gamma", value = gamma, grad = dgamma },
      { name = "beta", value = beta, grad = dbeta },
    },
    loss = function(p)
      local y = reference(p.x, p.gamma, p.beta, rows, cols, EPS)
      return gradcheck.dot(y, up, rows * cols)
    end,
  }
end

test("backward: gradient check, 3 x 8", function() gradient_check(3, 8, nil, "3 x 8", nil, 2) end)
test("backward: gradient check, one row", function() gradient_check(1, 5, nil, "1 x 5", nil, 2) end)
test("backward: dgamma and dbeta sum over rows", function() gradient_check(6, 3, nil, "6 x 3", nil, 3) end)
test("backward: gradient check, random shapes", function()
  for _ = 1, 4 do
    local rows, cols = gen.int(1, 5), gen.int(3, 12)
    gradient_check(rows, cols, nil, ("%d x %d"):format(rows, cols), nil, 2, 1e-5)
  end
end)
test("backward: near-constant rows (1000 + noise in [0, 1))", function()
  -- Here x - mean carries float rounding of about 1e-4 of the row's spread whatever the
  -- method, and the gradients amplify it: relative error 1e-2, or absolute 2e-3, passes.
  -- A wrong formula is off by the size of the gradient itself (about 1 to 10 here).
  local x = gen.f32(2 * 16, { lo = 1000, hi = 1001, name = "x" })
  gradient_check(2, 16, x, "2 x 16, x in [1000, 1001)", 1e-2, 2, 2e-3)
end)
