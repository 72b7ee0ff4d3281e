local gradcheck = require "gradcheck"
local forward = learner.fn "void attention_forward(const float *q, const float *k, const float *v, float *out, int bh, int T, int d, int causal)"
local backward = learner.fn "void attention_backward(const float *q, const float *k, const float *v, const float *dout, float *dq, float *dk, float *dv, int bh, int T, int d, int causal)"

-- Attention in double from 0-based tables.
local function reference(q, k, v, bh, T, d, causal)
  local out = {}
  local scale = 1 / math.sqrt(d)
  for h = 0, bh - 1 do
    local o = h * T * d
    for i = 0, T - 1 do
      local n = causal and i + 1 or T
      local s, m = {}, -math.huge
      for j = 0, n - 1 do
        local acc = 0.0
        for c = 0, d - 1 do acc = acc + q[o + i * d + c] * k[o + j * d + c] end
        s[j] = acc * scale
        if s[j] > m then m = s[j] end
      end
      local sum = 0.0
      for j = 0, n - 1 do s[j] = math.exp(s[j] - m); sum = sum + s[j] end
      for c = 0, d - 1 do
        local acc = 0.0
        for j = 0, n - 1 do acc = acc + s[j] / sum * v[o + j * d + c] end
        out[o + i * d + c] = acc
      end
    end
  end
  return out
end

local function describe(bh, T, d, causal, extra)
  return ("%d head%s, T = %d, d = %d, %s%s"):format(bh, bh == 1 and "" or "s", T, d, causal and "causal" or "not causal", extra or "")
end

local function inputs(bh, T, d, scale)
  scale = scale or 1
  local n = bh * T * d
  local q = gen.f32(n, { lo = -scale, hi = scale, name = "q" })
  local k = gen.f32(n, { lo = -scale, hi = scale, name = "k" })
  local v = gen.f32(n, { lo = -1, hi = 1, name = "v" })
  return q, k, v
end

local function check_forward(bh, T, d, causal, opts)
  opts = opts or {}
  local q, k, v = inputs(bh, T, d, opts.scale)
  local out = buf.f32(bh * T * d, { name = "out" }):fill(0 / 0)
  forward(q, k, v, out, bh, T, d, causal and 1 or 0)
  local want = reference(gradcheck.totable(q), gradcheck.totable(k), gradcheck.totable(v), bh, T, d, causal)
  -- out is a convex combination of v (|v| < 1): an absolute tolerance is the right one.
  gradcheck.forward(out, want, { rtol = 0, atol = opts.atol or 2e-5, shape = { bh, T, d }, hint = opts.hint,
    context = describe(bh, T, d, causal, opts.scale and (", q and k in [-%g, %g)"):format(opts.scale, opts.scale)) })
end

test("forward: T = 1 (out is v)", function() check_forward(2, 1, 4, true) end)
test("forward: not causal", function() check_forward(1, 5, 3, false, { hint = 1 }) end)
test("forward: causal, the diagonal included", function() check_forward(1, 6, 4, true, { hint = 3 }) end)
test("forward: many heads are independent", function() check_forward(5, 7, 2, true) end)
test("forward: large scores (q and k up to 30: scores in the hundreds)", function()
  check_forward(2, 9, 8, true, { scale = 30, hint = 1 })
  check_forward(1, 9, 8, false, { scale = 30, hint = 1 })
end)
test("forward: 4 heads, T = 128, d = 64", function() check_forward(4, 128, 64, true) end)

local function gradient_check(bh, T, d, causal, opts)
  opts = opts or {}
  local q, k, v = inputs(bh, T, d, opts.scale)
  local n = bh * T * d
  local dout = gen.f32(n, { lo = -1, hi = 1, name = "dout" })
  local dq = buf.f32(n, { name = "dq" }):fill(0 / 0)
  local dk = buf.f32(n, { name = "dk" }):fill(0 / 0)
  local dv = buf.f32(n, { name = "dv" }):fill(0 / 0)
  backward(q, k, v, dout, dq, dk, dv, bh, T, d, causal and 1 or 0)
  local up = gradcheck.totable(dout)
  local shape = { bh, T, d }
  gradcheck.check {
    what = describe(bh, T, d, causal), hint = opts.hint, rtol = opts.rtol,
    params = {
      { name = "q", value = q, grad = dq, shape = shape },
      { name = "k", value = k, grad = dk, shape = shape },
      { name = "v", value = v, grad = dv, shape = shape },
    },
    loss = function(p) return gradcheck.dot(reference(p.q, p.k, p.v, bh, T, d, causal), up, n) end,
  }
end

test("backward: gradient check, not causal", function() gradient_check(1, 4, 3, false, { hint = 2 }) end)
test("backward: gradient check, causal", function() gradient_check(1, 5, 3, true, { hint = 3 }) end)
test("backward: gradient check, 3 heads", function() gradient_check(3, 4, 2, true, { hint = 2 }) end)
test("backward: T = 1", function() gradient_check(2, 1, 3, true, { hint = 2 }) end)
test("backward: large scores", function() gradient_check(1, 5, 4, true, { scale = 6, hint = 2 }) end)
test("backward: random shapes", function()
  for _ = 1, 3 do
    gradient_check(gen.int(1, 2), gen.int(1, 6), gen.int(1, 5), gen.int(0, 1) == 1, { hint = 2 })
  end
end)
