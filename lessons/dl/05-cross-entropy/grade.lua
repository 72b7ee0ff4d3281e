local gradcheck = require "gradcheck"
local ce = learner.fn "float cross_entropy(const float *logits, const int *targets, int rows, int vocab, float *dlogits)"

-- Stated in the README.
local LOSS_TOL = { rtol = 1e-5, atol = 1e-5 }

-- The mean cross-entropy in double, from a 0-based table of logits.
local function loss_of(x, t, rows, vocab)
  local total, count = 0.0, 0
  for r = 0, rows - 1 do
    if t[r] >= 0 then
      count = count + 1
      local m = -math.huge
      for j = 0, vocab - 1 do m = math.max(m, x[r * vocab + j]) end
      local s = 0.0
      for j = 0, vocab - 1 do s = s + math.exp(x[r * vocab + j] - m) end
      total = total + (m + math.log(s)) - x[r * vocab + t[r]]
    end
  end
  return count > 0 and total / count or 0.0
end

local function context(rows, vocab, what)
  return ("%d rows x vocab %d%s"):format(rows, vocab, what and (", " .. what) or "")
end

-- Calls the learner with NaN-filled dlogits; checks the loss against double precision and
-- the gradient against central differences of the same double-precision loss.
local function check(logits, targets, rows, vocab, what, hint)
  local t = gradcheck.totable(targets)
  local d = buf.f32(rows * vocab, { name = "dlogits" }):fill(0 / 0)
  local got = ce(logits, targets, rows, vocab, d)
  local want = loss_of(gradcheck.totable(logits), t, rows, vocab)
  expect(got, context(rows, vocab, what) .. ": loss"):near(want, { rtol = LOSS_TOL.rtol, atol = LOSS_TOL.atol, hint = hint })
  gradcheck.check {
    what = context(rows, vocab, what),
    hint = hint,
    -- Each gradient is a difference of terms of size up to 1 / count (p_j and 1); float
    -- rounding of p near 1 leaves absolute errors near 1e-7, which always pass.
    atol = 1e-6,
    params = { { name = "logits", value = logits, grad = d, shape = { rows, vocab } } },
    loss = function(p) return loss_of(p.logits, t, rows, vocab) end,
  }
end

local function targets_for(rows, vocab, list)
  if list then return buf.i32(list, { name = "targets" }) end
  return gen.i32(rows, { lo = 0, hi = vocab - 1, name = "targets" })
end

test("uniform logits: the loss is log(vocab)", function()
  local logits = buf.f32(2 * 8, { name = "logits" })
  local d = buf.f32(16, { name = "dlogits" })
  local got = ce(logits, buf.i32({ 3, 0 }, { name = "targets" }), 2, 8, d)
  expect(got, "2 rows of 8 zero logits: loss"):near(math.log(8), { rtol = 1e-6, atol = 0 })
end)

test("small batch: loss and gradient check", function()
  check(gen.f32(3 * 7, { lo = -3, hi = 3, name = "logits" }), targets_for(3, 7), 3, 7, "logits in [-3, 3)")
end)

test("one class (vocab = 1): loss 0, gradient 0", function()
  check(buf.f32({ 5, -2 }, { name = "logits" }), buf.i32({ 0, 0 }, { name = "targets" }), 2, 1, "vocab 1")
end)

test("large logits: around 1000", function()
  local x = gen.f32(4 * 6, { lo = 995, hi = 1005, name = "logits" })
  check(x, targets_for(4, 6), 4, 6, "logits in [995, 1005)", 1)
end)

test("a target far below the maximum: its loss is large and finite", function()
  -- Row 0's target has logit -1000 next to 0: its probability, e^-1000, is 0 in float,
  -- yet the loss is 1000 (plus a little), not inf.
  local x = buf.f32({ 0, -1000, 1, -5, 2, 3 }, { name = "logits" })
  check(x, buf.i32({ 1, 2 }, { name = "targets" }), 2, 3, "row 0 = [0 -1000 1] with target 1", 1)
end)

test("ignored rows (negative targets): mean over the rest", function()
  local x = gen.f32(5 * 4, { lo = -2, hi = 2, name = "logits" })
  check(x, buf.i32({ 1, -1, 3, -100, 0 }, { name = "targets" }), 5, 4, "targets {1, -1, 3, -100, 0}", 2)
end)

test("every row ignored: loss 0, gradient 0", function()
  local x = gen.f32(2 * 5, { lo = -2, hi = 2, name = "logits" })
  local d = buf.f32(10, { name = "dlogits" }):fill(0 / 0)
  local got = ce(x, buf.i32({ -1, -1 }, { name = "targets" }), 2, 5, d)
  expect(got, "targets {-1, -1}: loss"):eq(0, { hint = 2 })
  expect.buffer(d, buf.f32(10), { what = "dlogits (targets {-1, -1})", hint = 2 })
end)

test("dlogits = NULL: the loss alone", function()
  local x = gen.f32(3 * 9, { lo = -4, hi = 4, name = "logits" })
  local t = targets_for(3, 9)
  local got = ce(x, t, 3, 9, nil)
  local want = loss_of(gradcheck.totable(x), gradcheck.totable(t), 3, 9)
  expect(got, "3 rows x vocab 9, dlogits = NULL: loss"):near(want, { rtol = LOSS_TOL.rtol, atol = LOSS_TOL.atol })
end)

test("random batches: gradient checks", function()
  for _ = 1, 6 do
    local rows, vocab = gen.int(1, 6), gen.int(2, 12)
    check(gen.f32(rows * vocab, { lo = -8, hi = 8, name = "logits" }), targets_for(rows, vocab), rows, vocab, "logits in [-8, 8)")
  end
end)

test("a GPT-2-sized vocabulary: 4 x 50257, logits in [-200, 200)", function()
  local rows, vocab = 4, 50257
  local x = gen.f32(rows * vocab, { lo = -200, hi = 200, name = "logits" })
  local t = buf.i32({ 17, 50256, -1, 0 }, { name = "targets" })
  local d = buf.f32(rows * vocab, { name = "dlogits" }):fill(0 / 0)
  local got = ce(x, t, rows, vocab, d)
  local X, T = gradcheck.totable(x), gradcheck.totable(t)
  expect(got, "4 x 50257: loss"):near(loss_of(X, T, rows, vocab), { rtol = LOSS_TOL.rtol, atol = LOSS_TOL.atol, hint = 1 })
  -- The exact gradient, in double: (softmax - onehot) / count, zero for the ignored row.
  local want, count = {}, 3
  for r = 0, rows - 1 do
    local m, s = -math.huge, 0.0
    for j = 0, vocab - 1 do m = math.max(m, X[r * vocab + j]) end
    for j = 0, vocab - 1 do s = s + math.exp(X[r * vocab + j] - m) end
    for j = 0, vocab - 1 do
      local g = 0.0
      if T[r] >= 0 then g = (math.exp(X[r * vocab + j] - m) / s - (j == T[r] and 1 or 0)) / count end
      want[r * vocab + j] = g
    end
  end
  gradcheck.forward(d, want, { rtol = 1e-4, atol = 1e-9, shape = { rows, vocab }, context = "4 x 50257, targets {17, 50256, -1, 0}", hint = 2 })
end)
