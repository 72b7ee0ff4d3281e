local gradcheck = require "gradcheck"
local lora = learner.fn "void lora_forward(const float *x, const float *w, const float *a, const float *b, float *y, int n, int in, int out, int r, float alpha)"
local merge = learner.fn "void lora_merge(float *w, const float *a, const float *b, int in, int out, int r, float alpha)"
local ref_lora = reference.fn "void lora_forward(const float *x, const float *w, const float *a, const float *b, float *y, int n, int in, int out, int r, float alpha)"

-- y in double and the scale of each output: the sum of the magnitudes of all terms.
local function reference_y(x, w, a, b, n, inn, out, r, alpha)
  local X, W, A, B = gradcheck.totable(x), gradcheck.totable(w), gradcheck.totable(a), gradcheck.totable(b)
  local sc = alpha / r
  local y, scale = {}, {}
  for i = 0, n - 1 do
    local t, tm = {}, {}
    for k = 0, r - 1 do
      local s, m = 0.0, 0.0
      for c = 0, inn - 1 do
        local p = X[i * inn + c] * A[k * inn + c]
        s, m = s + p, m + math.abs(p)
      end
      t[k], tm[k] = s * sc, m * math.abs(sc)
    end
    for j = 0, out - 1 do
      local s, m = 0.0, 0.0
      for c = 0, inn - 1 do
        local p = X[i * inn + c] * W[j * inn + c]
        s, m = s + p, m + math.abs(p)
      end
      for k = 0, r - 1 do
        s, m = s + t[k] * B[j * r + k], m + tm[k] * math.abs(B[j * r + k])
      end
      y[i * out + j], scale[i * out + j] = s, m
    end
  end
  return y, scale
end

local function inputs(n, inn, out, r)
  return gen.f32(n * inn, { lo = -1, hi = 1, name = "x" }),
         gen.f32(out * inn, { lo = -1, hi = 1, name = "w" }),
         gen.f32(r * inn, { lo = -1, hi = 1, name = "a" }),
         gen.f32(out * r, { lo = -1, hi = 1, name = "b" })
end

local function check(n, inn, out, r, alpha, opts)
  opts = opts or {}
  local x, w, a, b = inputs(n, inn, out, r)
  if opts.zero_b then b:fill(0) end
  local y = buf.f32(n * out, { name = "y" }):fill(0 / 0)
  lora(x, w, a, b, y, n, inn, out, r, alpha)
  local want, scale = reference_y(x, w, a, b, n, inn, out, r, alpha)
  gradcheck.forward(y, want, {
    rtol = 2e-5, atol = 1e-7, scale = scale, shape = { n, out }, hint = opts.hint,
    context = ("n = %d, in = %d, out = %d, r = %d, alpha = %g%s"):format(n, inn, out, r, alpha, opts.zero_b and ", B = 0" or ""),
  })
end

test("B = 0 (a fresh adapter): the base layer's output", function() check(3, 5, 4, 2, 16, { zero_b = true }) end)
test("rank 1", function() check(2, 6, 3, 1, 1, { hint = 1 }) end)
test("the scale is alpha / r", function() check(3, 7, 5, 4, 32, { hint = 1 }) end)
test("out != in (B is out x r, A is r x in)", function() check(4, 9, 2, 3, 6, { hint = 2 }) end)
test("random shapes", function()
  for _ = 1, 8 do
    local r = gen.int(1, 8)
    check(gen.int(1, 6), gen.int(1, 40), gen.int(1, 40), r, gen.int(1, 32))
  end
end)

test("lora_merge: W + (alpha/r) B A, then the plain layer gives the same y", function()
  local n, inn, out, r, alpha = 3, 11, 7, 4, 8
  local x, w, a, b = inputs(n, inn, out, r)
  local W, A, B = gradcheck.totable(w), gradcheck.totable(a), gradcheck.totable(b)
  merge(w, a, b, inn, out, r, alpha)
  local want, scale = {}, {}
  for j = 0, out - 1 do
    for c = 0, inn - 1 do
      local s, m = W[j * inn + c], math.abs(W[j * inn + c])
      for k = 0, r - 1 do
        local p = alpha / r * B[j * r + k] * A[k * inn + c]
        s, m = s + p, m + math.abs(p)
      end
      want[j * inn + c], scale[j * inn + c] = s, m
    end
  end
  gradcheck.forward(w, want, { rtol = 2e-5, atol = 1e-7, scale = scale, shape = { out, inn }, hint = 3,
    context = "lora_merge, in = 11, out = 7, r = 4, alpha = 8" })
  -- The merged layer with B = 0 must reproduce the adapter layer's output.
  local zero_b = buf.f32(out * r, { name = "b (zero)" })
  local y1 = buf.f32(n * out, { name = "y (merged)" })
  lora(x, w, a, zero_b, y1, n, inn, out, r, alpha)
  local y2 = buf.f32(n * out, { name = "y (adapter)" })
  local w0 = buf.f32(W[0] and out * inn or 0, { name = "w" })
  for k = 0, out * inn - 1 do w0[k] = W[k] end
  lora(x, w0, a, b, y2, n, inn, out, r, alpha)
  expect.buffer(y1, y2, { rtol = 1e-4, atol = 1e-5, what = "y of the merged layer vs y with the adapter" })
end)

test("speed: 4 tokens, 2048 -> 2048, rank 24", function()
  local n, inn, out, r = 4, 2048, 2048, 24
  local x, w, a, b = inputs(n, inn, out, r)
  local mine, theirs = buf.f32(n * out, { name = "y" }), buf.f32(n * out, { name = "reference y" })
  bench.compare("lora", {
    reps = 7,
    inputs = function(rep) x:random(seed + rep, -1, 1) end,
    learner = function() lora(x, w, a, b, mine, n, inn, out, r, 16) end,
    against = function() ref_lora(x, w, a, b, theirs, n, inn, out, r, 16) end,
    check = function() expect.buffer(mine, theirs, { rtol = 1e-3, atol = 1e-3, what = "y" }) end,
    hint = 2,
  })
end)
