local gradcheck = require "gradcheck"
local forward = learner.fn "void swiglu_forward(const float *gu, float *out, int n, int h)"
local backward = learner.fn "void swiglu_backward(const float *gu, const float *dout, float *dgu, int n, int h)"

local function sigmoid(z)
  if z >= 0 then return 1 / (1 + math.exp(-z)) end
  local e = math.exp(z)
  return e / (1 + e)
end

local function reference(gu, n, h)
  local out = {}
  for r = 0, n - 1 do
    for j = 0, h - 1 do
      local a, b = gu[r * 2 * h + j], gu[r * 2 * h + h + j]
      out[r * h + j] = a * sigmoid(a) * b
    end
  end
  return out
end

local function check_forward(gu, n, h, context, hint)
  local out = buf.f32(n * h, { name = "out" }):fill(0 / 0)
  forward(gu, out, n, h)
  gradcheck.forward(out, reference(gradcheck.totable(gu), n, h), {
    rtol = 1e-5, atol = 1e-30, shape = { n, h }, context = context, hint = hint,
  })
end

test("known values", function()
  -- silu(0) = 0, silu(1) = 0.7310586, silu(-1) = -0.2689414; up = 2 everywhere
  check_forward(buf.f32({ 0, 1, -1, 2, 2, 2 }, { name = "gu" }), 1, 3, "gate [0 1 -1], up [2 2 2]")
end)
test("gate and up halves of each row", function()
  check_forward(gen.f32(3 * 2 * 5, { lo = -3, hi = 3, name = "gu" }), 3, 5, "3 rows, h = 5, values in [-3, 3)")
end)
test("large gates: +-100 and +-1000", function()
  check_forward(buf.f32({ 100, -100, 1000, -1000, 89, 0.5, 3, 3, 7, -2 }, { name = "gu" }), 1, 5,
    "gate [100 -100 1000 -1000 89], up [0.5 3 3 7 -2]", 1)
end)
test("4 x 11008 (Llama 7B's MLP width)", function()
  check_forward(gen.f32(4 * 2 * 11008, { lo = -8, hi = 8, name = "gu" }), 4, 11008, "4 rows, h = 11008, values in [-8, 8)")
end)

local function gradient_check(gu, n, h, context)
  local dout = gen.f32(n * h, { lo = -1, hi = 1, name = "dout" })
  local dgu = buf.f32(n * 2 * h, { name = "dgu" }):fill(0 / 0)
  backward(gu, dout, dgu, n, h)
  local up = gradcheck.totable(dout)
  gradcheck.check {
    what = context, hint = 2,
    params = { { name = "gu", value = gu, grad = dgu, shape = { n, 2 * h } } },
    loss = function(p) return gradcheck.dot(reference(p.gu, n, h), up, n * h) end,
  }
end

test("backward: gradient check", function()
  gradient_check(gen.f32(3 * 2 * 4, { lo = -4, hi = 4, name = "gu" }), 3, 4, "3 rows, h = 4")
end)
test("backward: large gates", function()
  gradient_check(buf.f32({ 30, -30, 95, -95, 1, 1, 1, 1 }, { name = "gu" }), 1, 4, "gate [30 -30 95 -95], up [1 1 1 1]")
end)
test("backward: random shapes", function()
  for _ = 1, 4 do
    local n, h = gen.int(1, 4), gen.int(1, 9)
    gradient_check(gen.f32(n * 2 * h, { lo = -6, hi = 6, name = "gu" }), n, h, ("%d rows, h = %d"):format(n, h))
  end
end)
