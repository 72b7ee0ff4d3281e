local gradcheck = require "gradcheck"
local linear = learner.fn "void linear_forward(const float *x, const float *w, const float *b, float *y, int n, int in, int out)"

-- The exact result in double precision, computed here, and the scale of each output:
-- sum_k |x_ik w_jk| + |b_j|. Float rounding error in a dot product grows with that sum,
-- not with the (possibly cancelling) result, so the tolerance is relative to it.
local function reference(x, w, b, n, inn, out)
  local xt, wt = gradcheck.totable(x), gradcheck.totable(w)
  local bt = b and gradcheck.totable(b)
  local y, scale = {}, {}
  for i = 0, n - 1 do
    for j = 0, out - 1 do
      local s, m = bt and bt[j] or 0.0, bt and math.abs(bt[j]) or 0.0
      for k = 0, inn - 1 do
        local p = xt[i * inn + k] * wt[j * inn + k]
        s, m = s + p, m + math.abs(p)
      end
      y[i * out + j], scale[i * out + j] = s, m
    end
  end
  return y, scale
end

local RTOL = 2e-5 -- of the scale; stated in the README

local function check(n, inn, out, opts)
  opts = opts or {}
  local x = gen.f32(n * inn, { lo = -1, hi = 1, name = "x" })
  local w = gen.f32(out * inn, { lo = -1, hi = 1, name = "w" })
  local b = (not opts.no_bias) and gen.f32(out, { lo = -1, hi = 1, name = "b" }) or nil
  local y = buf.f32(n * out, { name = "y" }):fill(0 / 0)
  linear(x, w, b, y, n, inn, out)
  local want, scale = reference(x, w, b, n, inn, out)
  gradcheck.forward(y, want, {
    rtol = RTOL, atol = 1e-7, scale = scale, shape = { n, out }, hint = opts.hint,
    context = ("n = %d, in = %d, out = %d%s"):format(n, inn, out, b and "" or ", b = NULL"),
  })
end

test("known values", function()
  -- x = [1 2 3], w = [[1 0 -1], [2 2 2]], b = [0.5, -1]: y = [1 - 3 + 0.5, 2 + 4 + 6 - 1]
  local x = buf.f32({ 1, 2, 3 }, { name = "x" })
  local w = buf.f32({ 1, 0, -1, 2, 2, 2 }, { name = "w" })
  local b = buf.f32({ 0.5, -1 }, { name = "b" })
  local y = buf.f32(2, { name = "y" }):fill(0 / 0)
  linear(x, w, b, y, 1, 3, 2)
  expect(y[0], "x = [1 2 3], w = [[1 0 -1], [2 2 2]], b = [0.5 -1]: y[0]"):eq(-1.5, { hint = 1 })
  expect(y[1], "x = [1 2 3], w = [[1 0 -1], [2 2 2]], b = [0.5 -1]: y[1]"):eq(11, { hint = 1 })
end)

test("1 x 1 x 1", function() check(1, 1, 1) end)
test("w is out x in (not in x out)", function() check(2, 7, 3, { hint = 2 }) end)
test("no bias (b = NULL)", function() check(4, 5, 6, { no_bias = true, hint = 2 }) end)
test("in = 0: every output is its bias", function() check(3, 0, 4, { hint = 2 }) end)
test("a batch of one row", function() check(1, 33, 17) end)
test("y arrives as NaN and every element is written", function() check(5, 3, 11, { hint = 2 }) end)

test("random shapes", function()
  for _ = 1, 12 do
    check(gen.int(1, 24), gen.int(1, 97), gen.int(1, 41), { no_bias = gen.int(0, 3) == 0 })
  end
end)

test("a wide layer: 8 x 768 -> 61", function() check(8, 768, 61) end)
