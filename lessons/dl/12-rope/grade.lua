local gradcheck = require "gradcheck"
local forward = learner.fn "void rope_forward(float *x, const int *pos, int n_tokens, int n_heads, int head_dim, float theta)"
local backward = learner.fn "void rope_backward(float *dx, const int *pos, int n_tokens, int n_heads, int head_dim, float theta)"

-- RoPE in double from 0-based tables (not in place).
local function reference(x, pos, T, nh, d, theta, sign)
  local y = {}
  for t = 0, T - 1 do
    for i = 0, d // 2 - 1 do
      local a = pos[t] * theta ^ (-2 * i / d)
      local c, s = math.cos(a), (sign or 1) * math.sin(a)
      for h = 0, nh - 1 do
        local o = (t * nh + h) * d + 2 * i
        y[o] = x[o] * c - x[o + 1] * s
        y[o + 1] = x[o] * s + x[o + 1] * c
      end
    end
  end
  return y
end

-- Each output is within 1e-5 * (|x_a| + |x_b|) of the exact rotation of its pair.
local function pair_scale(x, n)
  local sc = {}
  for k = 0, n - 1, 2 do
    local m = math.abs(x[k]) + math.abs(x[k + 1])
    sc[k], sc[k + 1] = m, m
  end
  return sc
end

local function check(positions, nh, d, theta, opts)
  opts = opts or {}
  local T = #positions
  local pos = buf.i32(positions, { name = "pos" })
  local x = gen.f32(T * nh * d, { lo = -1, hi = 1, name = "x" })
  local X = gradcheck.totable(x)
  forward(x, pos, T, nh, d, theta)
  local want = reference(X, gradcheck.totable(pos), T, nh, d, theta)
  local shown = {}
  for i = 1, math.min(T, 6) do shown[i] = tostring(positions[i]) end
  gradcheck.forward(x, want, {
    rtol = 1e-5, atol = 1e-7, scale = pair_scale(X, T * nh * d), shape = { T, nh, d }, hint = opts.hint,
    context = ("positions {%s%s}, %d heads, head_dim %d, theta %g"):format(table.concat(shown, ", "), T > 6 and ", ..." or "", nh, d, theta),
  })
end

test("position 0 leaves x unchanged", function() check({ 0 }, 2, 8, 10000) end)
test("one pair: head_dim 2", function() check({ 0, 1, 2, 3 }, 1, 2, 10000, { hint = 1 }) end)
test("positions 1 to 4, head_dim 8", function() check({ 1, 2, 3, 4 }, 1, 8, 10000, { hint = 1 }) end)
test("every head of a token rotates the same way", function() check({ 7, 3 }, 4, 6, 10000, { hint = 1 }) end)
test("positions need not be in order", function() check({ 5, 0, 12, 3, 3 }, 2, 4, 500, { hint = 1 }) end)
test("long context: positions up to 100,000", function()
  check({ 4095, 32768, 65535, 99999, 100000 }, 2, 128, 10000, { hint = 2 })
end)
test("theta = 500000 (Llama 3), 16 tokens, 8 heads of 64", function()
  local p = {}
  for t = 1, 16 do p[t] = gen.int(0, 8191) end
  check(p, 8, 64, 500000, { hint = 2 })
end)

test("relative positions: q . k depends only on the distance", function()
  -- Rotating q to position m and k to position n gives the same dot product for every
  -- (m, n) with the same m - n: the property RoPE is built for.
  local d = 16
  local q0, k0 = gen.f32(d, { name = "q" }), gen.f32(d, { name = "k" })
  local function score(m, n)
    local q, k = q0:copy("q"), k0:copy("k")
    forward(q, buf.i32({ m }, { name = "pos" }), 1, 1, d, 10000)
    forward(k, buf.i32({ n }, { name = "pos" }), 1, 1, d, 10000)
    local s = 0.0
    for i = 0, d - 1 do s = s + q[i] * k[i] end
    return s
  end
  local base = score(3, 0)
  for _, mn in ipairs { { 10, 7 }, { 1003, 1000 }, { 50003, 50000 } } do
    expect(score(mn[1], mn[2]), ("q at %d, k at %d (distance 3) vs q at 3, k at 0: q . k"):format(mn[1], mn[2]))
      :near(base, { rtol = 1e-4, atol = 1e-4, hint = 2 })
  end
end)

test("backward: gradient check", function()
  local T, nh, d, theta = 3, 2, 6, 100
  local positions = { 2, 9, 40 }
  local pos = buf.i32(positions, { name = "pos" })
  local x = gen.f32(T * nh * d, { lo = -1, hi = 1, name = "x" })
  local dy = gen.f32(T * nh * d, { lo = -1, hi = 1, name = "dy" })
  local up, P = gradcheck.totable(dy), gradcheck.totable(pos)
  local dx = dy:copy("dx")
  backward(dx, pos, T, nh, d, theta)
  gradcheck.check {
    what = "positions {2, 9, 40}, 2 heads, head_dim 6, theta 100", hint = 3,
    params = { { name = "x", value = x, grad = dx, shape = { T, nh, d } } },
    loss = function(p) return gradcheck.dot(reference(p.x, P, T, nh, d, theta), up, T * nh * d) end,
  }
end)

test("backward: long context", function()
  local positions = { 99999, 123, 70000 }
  local T, nh, d = 3, 2, 64
  local pos = buf.i32(positions, { name = "pos" })
  local dy = gen.f32(T * nh * d, { lo = -1, hi = 1, name = "dx" })
  local DY = gradcheck.totable(dy)
  local want = reference(DY, gradcheck.totable(pos), T, nh, d, 10000, -1)
  backward(dy, pos, T, nh, d, 10000)
  gradcheck.forward(dy, want, { rtol = 1e-5, atol = 1e-7, scale = pair_scale(DY, T * nh * d), shape = { T, nh, d },
    context = "rope_backward, positions {99999, 123, 70000}, head_dim 64", hint = 3 })
end)
