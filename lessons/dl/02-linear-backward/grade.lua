local gradcheck = require "gradcheck"
local backward = learner.fn "void linear_backward(const float *x, const float *w, const float *dy, float *dx, float *dw, float *db, int n, int in, int out)"

local function inputs(n, inn, out)
  return gen.f32(n * inn, { lo = -1, hi = 1, name = "x" }),
         gen.f32(out * inn, { lo = -1, hi = 1, name = "w" }),
         gen.f32(out, { lo = -1, hi = 1, name = "b" }),
         gen.f32(n * out, { lo = -1, hi = 1, name = "dy" })
end

local function outputs(n, inn, out, no_bias)
  return buf.f32(n * inn, { name = "dx" }):fill(0 / 0),
         buf.f32(out * inn, { name = "dw" }):fill(0 / 0),
         (not no_bias) and buf.f32(out, { name = "db" }):fill(0 / 0) or nil
end

-- Gradient check: the loss is L = sum_ij dy[i][j] * y[i][j], computed here in double from
-- the forward formula alone, so its gradients are exactly what the backward pass must give.
local function gradient_check(n, inn, out, hint, no_bias)
  local x, w, b, dy = inputs(n, inn, out)
  local dx, dw, db = outputs(n, inn, out, no_bias)
  backward(x, w, dy, dx, dw, db, n, inn, out)
  local up = gradcheck.totable(dy)
  gradcheck.check {
    what = ("n = %d, in = %d, out = %d%s"):format(n, inn, out, no_bias and ", db = NULL" or ""),
    hint = hint,
    params = {
      { name = "x", value = x, grad = dx, shape = { n, inn } },
      { name = "w", value = w, grad = dw, shape = { out, inn } },
      { name = "b", value = b, grad = db or false },
    },
    loss = function(p)
      local L = 0.0
      for i = 0, n - 1 do
        for j = 0, out - 1 do
          local s = p.b[j]
          for k = 0, inn - 1 do s = s + p.x[i * inn + k] * p.w[j * inn + k] end
          L = L + up[i * out + j] * s
        end
      end
      return L
    end,
  }
end

test("gradient check, 3 x 4 -> 5", function() gradient_check(3, 4, 5, 1) end)
test("gradient check, batch of one", function() gradient_check(1, 6, 3, 1) end)
test("gradient check, 1 x 1 -> 1", function() gradient_check(1, 1, 1, 1) end)
test("gradient check: the batch sums into dw and db", function() gradient_check(7, 3, 2, 2) end)
test("gradient check, random shapes", function()
  for _ = 1, 5 do gradient_check(gen.int(1, 6), gen.int(1, 9), gen.int(1, 7), 2) end
end)

test("db = NULL: skip it, still write dx and dw", function() gradient_check(4, 5, 3, 3, true) end)

-- Larger shapes, compared with sums computed here in double; the tolerance is relative to
-- the sum of the magnitudes of the terms, as in dl/01.
test("a batch of 64: 64 x 100 -> 30", function()
  local n, inn, out = 64, 100, 30
  local x, w, b, dy = inputs(n, inn, out)
  local dx, dw, db = outputs(n, inn, out)
  backward(x, w, dy, dx, dw, db, n, inn, out)
  local X, W, D = gradcheck.totable(x), gradcheck.totable(w), gradcheck.totable(dy)
  local wdx, sdx, wdw, sdw, wdb, sdb = {}, {}, {}, {}, {}, {}
  for i = 0, n - 1 do
    for k = 0, inn - 1 do
      local s, m = 0.0, 0.0
      for j = 0, out - 1 do
        local t = D[i * out + j] * W[j * inn + k]
        s, m = s + t, m + math.abs(t)
      end
      wdx[i * inn + k], sdx[i * inn + k] = s, m
    end
  end
  for j = 0, out - 1 do
    for k = 0, inn - 1 do
      local s, m = 0.0, 0.0
      for i = 0, n - 1 do
        local t = D[i * out + j] * X[i * inn + k]
        s, m = s + t, m + math.abs(t)
      end
      wdw[j * inn + k], sdw[j * inn + k] = s, m
    end
    local s, m = 0.0, 0.0
    for i = 0, n - 1 do s, m = s + D[i * out + j], m + math.abs(D[i * out + j]) end
    wdb[j], sdb[j] = s, m
  end
  local ctx = "n = 64, in = 100, out = 30"
  gradcheck.forward(dx, wdx, { rtol = 2e-5, scale = sdx, shape = { n, inn }, context = ctx, hint = 2 })
  gradcheck.forward(dw, wdw, { rtol = 2e-5, scale = sdw, shape = { out, inn }, context = ctx, hint = 2 })
  gradcheck.forward(db, wdb, { rtol = 2e-5, scale = sdb, context = ctx, hint = 2 })
end)
