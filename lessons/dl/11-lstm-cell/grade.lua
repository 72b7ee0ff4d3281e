local gradcheck = require "gradcheck"
local forward = learner.fn "void lstm_forward(const float *x, const float *w, const float *b, const float *h0c0, float *cache, int T, int I, int H)"
local backward = learner.fn "void lstm_backward(const float *x, const float *w, const float *h0c0, const float *cache, const float *dhs, float *dx, float *dw, float *db, float *dh0c0, int T, int I, int H)"

local function sigmoid(z) return 1 / (1 + math.exp(-z)) end
local function tanh(z)
  if z > 20 then return 1.0 elseif z < -20 then return -1.0 end
  local e = math.exp(2 * z)
  return (e - 1) / (e + 1)
end

-- The LSTM in double from 0-based tables: the cache (T x 6H: i f g o c h per step).
local function reference(x, w, b, h0c0, T, I, H)
  local U, cache = I + H, {}
  local h, c = {}, {}
  for j = 0, H - 1 do h[j], c[j] = h0c0[j], h0c0[H + j] end
  for t = 0, T - 1 do
    local z = {}
    for r = 0, 4 * H - 1 do
      local s = b[r]
      for k = 0, I - 1 do s = s + w[r * U + k] * x[t * I + k] end
      for k = 0, H - 1 do s = s + w[r * U + I + k] * h[k] end
      z[r] = s
    end
    local o6 = t * 6 * H
    for j = 0, H - 1 do
      local ig, fg, gg, og = sigmoid(z[j]), sigmoid(z[H + j]), tanh(z[2 * H + j]), sigmoid(z[3 * H + j])
      c[j] = fg * c[j] + ig * gg
      h[j] = og * tanh(c[j])
      cache[o6 + j], cache[o6 + H + j], cache[o6 + 2 * H + j], cache[o6 + 3 * H + j] = ig, fg, gg, og
      cache[o6 + 4 * H + j], cache[o6 + 5 * H + j] = c[j], h[j]
    end
  end
  return cache
end

local function inputs(T, I, H, wscale)
  wscale = wscale or 0.8
  return gen.f32(T * I, { lo = -1, hi = 1, name = "x" }),
         gen.f32(4 * H * (I + H), { lo = -wscale, hi = wscale, name = "w" }),
         gen.f32(4 * H, { lo = -0.5, hi = 0.5, name = "b" }),
         gen.f32(2 * H, { lo = -1, hi = 1, name = "h0c0" })
end

local function check_forward(T, I, H, opts)
  opts = opts or {}
  local x, w, b, h0c0 = inputs(T, I, H, opts.wscale)
  if opts.big_bias then
    -- Biases of +100 and -100 in turn: every gate is pinned far into saturation.
    for r = 0, 4 * H - 1 do b[r] = (r % 2 == 0) and 100 or -100 end
  end
  local cache = buf.f32(T * 6 * H, { name = "cache" }):fill(0 / 0)
  forward(x, w, b, h0c0, cache, T, I, H)
  local want = reference(gradcheck.totable(x), gradcheck.totable(w), gradcheck.totable(b), gradcheck.totable(h0c0), T, I, H)
  -- Every cached value is a gate in [0, 1] or [-1, 1], a cell state, or h: an absolute
  -- tolerance that grows with the number of steps (errors carry through c).
  gradcheck.forward(cache, want, {
    rtol = 1e-4, atol = 2e-5 * T, shape = { T, 6, H }, hint = opts.hint,
    context = ("T = %d, I = %d, H = %d%s; cache[t][0..5][j] = i f g o c h"):format(T, I, H,
      opts.big_bias and ", biases +100 and -100 in turn" or ""),
  })
end

test("forward: one step", function() check_forward(1, 3, 2) end)
test("forward: the state carries over 6 steps", function() check_forward(6, 2, 3) end)
test("forward: saturated gates (pre-activations near +-100)", function() check_forward(4, 5, 3, { big_bias = true, hint = 1 }) end)
test("forward: 50 steps, I = 32, H = 64", function() check_forward(50, 32, 64) end)

-- Backward: L = sum over steps of dhs[t] . h_t, in double, through the whole sequence.
local function gradient_check(T, I, H, hint)
  local x, w, b, h0c0 = inputs(T, I, H)
  local cache = buf.f32(T * 6 * H, { name = "cache" })
  local want = reference(gradcheck.totable(x), gradcheck.totable(w), gradcheck.totable(b), gradcheck.totable(h0c0), T, I, H)
  for k = 0, T * 6 * H - 1 do cache[k] = want[k] end -- the grader's forward, not the learner's
  local dhs = gen.f32(T * H, { lo = -1, hi = 1, name = "dhs" })
  local dx = buf.f32(T * I, { name = "dx" }):fill(0 / 0)
  local dw = buf.f32(4 * H * (I + H), { name = "dw" }):fill(0 / 0)
  local db = buf.f32(4 * H, { name = "db" }):fill(0 / 0)
  local dh0c0 = buf.f32(2 * H, { name = "dh0c0" }):fill(0 / 0)
  backward(x, w, h0c0, cache, dhs, dx, dw, db, dh0c0, T, I, H)
  local up = gradcheck.totable(dhs)
  gradcheck.check {
    what = ("T = %d, I = %d, H = %d"):format(T, I, H), hint = hint,
    params = {
      { name = "x", value = x, grad = dx, shape = { T, I } },
      { name = "w", value = w, grad = dw, shape = { 4 * H, I + H } },
      { name = "b", value = b, grad = db },
      { name = "h0c0", value = h0c0, grad = dh0c0 },
    },
    loss = function(p)
      local cch = reference(p.x, p.w, p.b, p.h0c0, T, I, H)
      local L = 0.0
      for t = 0, T - 1 do
        for j = 0, H - 1 do L = L + up[t * H + j] * cch[t * 6 * H + 5 * H + j] end
      end
      return L
    end,
  }
end

test("backward: one step", function() gradient_check(1, 3, 2, 3) end)
test("backward: through 4 steps (h and c both carry)", function() gradient_check(4, 2, 3, 2) end)
test("backward: through 8 steps, H = 1", function() gradient_check(8, 1, 1, 2) end)
test("backward: random shapes", function()
  for _ = 1, 3 do gradient_check(gen.int(2, 5), gen.int(1, 4), gen.int(1, 3), 2) end
end)
