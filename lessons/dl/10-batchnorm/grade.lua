local gradcheck = require "gradcheck"
local forward = learner.fn "void batchnorm_forward(const float *x, const float *gamma, const float *beta, float *y, float *running_mean, float *running_var, float *save_mean, float *save_rstd, int n, int c, int training)"
local backward = learner.fn "void batchnorm_backward(const float *dy, const float *x, const float *gamma, const float *save_mean, const float *save_rstd, float *dx, float *dgamma, float *dbeta, int n, int c)"

local MOMENTUM, EPS = 0.1, 1e-5
local function f32(v) return string.unpack("f", string.pack("f", v)) end

-- Training-mode batch statistics and y in double, from 0-based tables.
local function train_ref(x, gamma, beta, n, c)
  local y, mean, var = {}, {}, {}
  for j = 0, c - 1 do
    local s = 0.0
    for i = 0, n - 1 do s = s + x[i * c + j] end
    local m = s / n
    local v = 0.0
    for i = 0, n - 1 do v = v + (x[i * c + j] - m) ^ 2 end
    mean[j], var[j] = m, v
    local rs = 1 / math.sqrt(v / n + EPS)
    for i = 0, n - 1 do y[i * c + j] = (x[i * c + j] - m) * rs * gamma[j] + beta[j] end
  end
  return y, mean, var
end

local function setup(n, c, x)
  x = x or gen.f32(n * c, { lo = -2, hi = 3, name = "x" })
  local gamma = gen.f32(c, { lo = 0.5, hi = 1.5, name = "gamma" })
  local beta = gen.f32(c, { lo = -0.5, hi = 0.5, name = "beta" })
  local rmean = gen.f32(c, { lo = -1, hi = 1, name = "running_mean" })
  local rvar = gen.f32(c, { lo = 0.5, hi = 2, name = "running_var" })
  return x, gamma, beta, rmean, rvar
end

local function check_train(n, c, x, hint)
  local x, gamma, beta, rmean, rvar = setup(n, c, x)
  local RM, RV = gradcheck.totable(rmean), gradcheck.totable(rvar)
  local y = buf.f32(n * c, { name = "y" }):fill(0 / 0)
  local smean = buf.f32(c, { name = "save_mean" }):fill(0 / 0)
  local srstd = buf.f32(c, { name = "save_rstd" }):fill(0 / 0)
  forward(x, gamma, beta, y, rmean, rvar, smean, srstd, n, c, 1)
  local wy, wm, wv = train_ref(gradcheck.totable(x), gradcheck.totable(gamma), gradcheck.totable(beta), n, c)
  local wrs, wrm, wrv = {}, {}, {}
  for j = 0, c - 1 do
    wrs[j] = 1 / math.sqrt(wv[j] / n + EPS)
    wrm[j] = (1 - MOMENTUM) * RM[j] + MOMENTUM * wm[j]
    wrv[j] = (1 - MOMENTUM) * RV[j] + MOMENTUM * wv[j] / (n - 1)
  end
  local ctx = ("training, n = %d, c = %d"):format(n, c)
  gradcheck.forward(smean, wm, { rtol = 1e-5, atol = 1e-6, context = ctx, hint = hint or 1 })
  gradcheck.forward(srstd, wrs, { rtol = 1e-4, atol = 0, context = ctx, hint = hint or 1 })
  -- y's rounding error is that of x - mean, magnified by rstd * gamma: measure it against
  -- |gamma| * rstd * (|x| + |mean|) + |beta|, not against |y| (which can be ~0).
  local X, G, B, ys = gradcheck.totable(x), gradcheck.totable(gamma), gradcheck.totable(beta), {}
  for i = 0, n - 1 do
    for j = 0, c - 1 do
      ys[i * c + j] = math.abs(G[j]) * wrs[j] * (math.abs(X[i * c + j]) + math.abs(wm[j])) + math.abs(B[j])
    end
  end
  gradcheck.forward(y, wy, { rtol = 2e-5, atol = 1e-7, scale = ys, shape = { n, c }, context = ctx, hint = hint or 1 })
  gradcheck.forward(rmean, wrm, { rtol = 1e-5, atol = 1e-6, context = ctx .. " (running_mean started random)", hint = 3 })
  gradcheck.forward(rvar, wrv, { rtol = 1e-4, atol = 1e-6, context = ctx .. " (running_var started random; the batch variance is unbiased here)", hint = 2 })
end

test("training: 4 samples of 3 features", function() check_train(4, 3) end)
test("training: statistics are per feature (columns), not per sample", function()
  -- Each sample is a constant row, each feature varies: per-row statistics give y = beta.
  local x = buf.f32({ 1, 1, 1, 5, 5, 5, -2, -2, -2 }, { name = "x" })
  check_train(3, 3, x, 1)
end)
test("training: a batch of two", function() check_train(2, 5) end)
test("training: 256 x 64", function() check_train(256, 64) end)

test("evaluation: uses the running statistics, updates nothing", function()
  local n, c = 5, 4
  local x, gamma, beta, rmean, rvar = setup(n, c)
  local RM, RV, G, B, X = gradcheck.totable(rmean), gradcheck.totable(rvar), gradcheck.totable(gamma), gradcheck.totable(beta), gradcheck.totable(x)
  local y = buf.f32(n * c, { name = "y" }):fill(0 / 0)
  forward(x, gamma, beta, y, rmean, rvar, nil, nil, n, c, 0)
  local want = {}
  for i = 0, n - 1 do
    for j = 0, c - 1 do want[i * c + j] = (X[i * c + j] - RM[j]) / math.sqrt(RV[j] + EPS) * G[j] + B[j] end
  end
  gradcheck.forward(y, want, { rtol = 1e-5, atol = 1e-6, shape = { n, c }, context = "evaluation, n = 5, c = 4", hint = 1 })
  expect.buffer(rmean, gradcheck.f64(RM), { what = "running_mean (evaluation must not change it)", hint = 1 })
  expect.buffer(rvar, gradcheck.f64(RV), { what = "running_var (evaluation must not change it)", hint = 1 })
end)

test("evaluation: a batch of one", function()
  local x, gamma, beta, rmean, rvar = setup(1, 6)
  local y = buf.f32(6, { name = "y" }):fill(0 / 0)
  forward(x, gamma, beta, y, rmean, rvar, nil, nil, 1, 6, 0)
  local want = {}
  for j = 0, 5 do want[j] = (x[j] - rmean[j]) / math.sqrt(rvar[j] + EPS) * gamma[j] + beta[j] end
  gradcheck.forward(y, want, { rtol = 1e-5, atol = 1e-6, context = "evaluation, n = 1, c = 6", hint = 1 })
end)

test("running statistics converge over many training steps", function()
  -- 60 steps on batches drawn from the same data: running_mean and running_var approach
  -- the data's mean and unbiased variance.
  local n, c = 8, 2
  local x, gamma, beta = setup(n, c)
  local rmean, rvar = buf.f32(c, { name = "running_mean" }), buf.f32(c, { name = "running_var" }):fill(1)
  local y, sm, sr = buf.f32(n * c, { name = "y" }), buf.f32(c, { name = "save_mean" }), buf.f32(c, { name = "save_rstd" })
  local RM, RV = { [0] = 0.0, 0.0 }, { [0] = 1.0, 1.0 }
  local _, wm, wv = train_ref(gradcheck.totable(x), gradcheck.totable(gamma), gradcheck.totable(beta), n, c)
  for _ = 1, 60 do
    forward(x, gamma, beta, y, rmean, rvar, sm, sr, n, c, 1)
    for j = 0, c - 1 do
      RM[j] = (1 - MOMENTUM) * RM[j] + MOMENTUM * wm[j]
      RV[j] = (1 - MOMENTUM) * RV[j] + MOMENTUM * wv[j] / (n - 1)
    end
  end
  gradcheck.forward(rmean, RM, { rtol = 1e-4, atol = 1e-5, context = "after 60 training steps", hint = 3 })
  gradcheck.forward(rvar, RV, { rtol = 1e-4, atol = 1e-5, context = "after 60 training steps", hint = 2 })
end)

-- Backward: the loss L = sum dy * y(x, gamma, beta) in training mode, where the batch mean
-- and variance are functions of x. save_mean and save_rstd come from the grader.
local function gradient_check(n, c, hint, atol, x)
  local x, gamma, beta = setup(n, c, x)
  local dy = gen.f32(n * c, { lo = -1, hi = 1, name = "dy" })
  local _, wm, wv = train_ref(gradcheck.totable(x), gradcheck.totable(gamma), gradcheck.totable(beta), n, c)
  local sm, sr = buf.f32(c, { name = "save_mean" }), buf.f32(c, { name = "save_rstd" })
  for j = 0, c - 1 do sm[j], sr[j] = wm[j], 1 / math.sqrt(wv[j] / n + EPS) end
  local dx = buf.f32(n * c, { name = "dx" }):fill(0 / 0)
  local dgamma, dbeta = buf.f32(c, { name = "dgamma" }):fill(0 / 0), buf.f32(c, { name = "dbeta" }):fill(0 / 0)
  backward(dy, x, gamma, sm, sr, dx, dgamma, dbeta, n, c)
  local up = gradcheck.totable(dy)
  gradcheck.check {
    what = ("training, n = %d, c = %d"):format(n, c), hint = hint, atol = atol,
    params = {
      { name = "x", value = x, grad = dx, shape = { n, c } },
      { name = "gamma", value = gamma, grad = dgamma },
      { name = "beta", value = beta, grad = dbeta },
    },
    loss = function(p) return gradcheck.dot((train_ref(p.x, p.gamma, p.beta, n, c)), up, n * c) end,
  }
end

test("backward: gradient check, 4 x 3", function() gradient_check(4, 3, 2) end)
test("backward: a batch of two (dx is almost 0)", function()
  -- With two samples, each normalised feature is +-1 whatever x is (up to EPS): the exact
  -- dx is about 1e-7, below float rounding noise, so absolute errors under 1e-5 pass.
  -- The two samples of each feature are at least 1 apart, so the variance dwarfs EPS.
  local x = buf.f32(8, { name = "x" })
  for j = 0, 3 do
    x[j] = gen.float(-1, 1)
    x[4 + j] = x[j] + (gen.int(0, 1) == 1 and 1 or -1) * gen.float(1, 2)
  end
  gradient_check(2, 4, 2, 1e-5, x)
end)
test("backward: random shapes", function()
  for _ = 1, 4 do gradient_check(gen.int(3, 9), gen.int(1, 6), 2) end
end)
