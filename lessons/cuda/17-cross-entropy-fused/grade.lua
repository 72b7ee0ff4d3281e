local cuda = require "cuda"
local decl = "void cross_entropy(float *loss, const float *logits, const int *targets, int rows, int vocab)"
local ce = cuda.kernel(decl)
local BLOCK = 256

-- The loss of each row in double, and the row's largest |logit| (for the tolerance).
local function want_of(x, targets, rows, vocab)
  local want, big = {}, {}
  for r = 0, rows - 1 do
    local m, a = -math.huge, 0
    for j = 0, vocab - 1 do
      local v = x[r * vocab + j]
      m, a = math.max(m, v), math.max(a, math.abs(v))
    end
    local d = 0.0
    for j = 0, vocab - 1 do d = d + math.exp(x[r * vocab + j] - m) end
    local t = targets[r + 1]
    want[r] = t < 0 and 0.0 or (m - x[r * vocab + t]) + math.log(d)
    big[r] = a
  end
  return want, big
end

-- loss[r] within 2e-5 * (1 + |loss|) + 1e-6 * max |logit| of the double result; 8 values past
-- the end of loss must stay as they were.
local function run(x, targets, rows, vocab, what, hint)
  local tg = buf.i32(targets, { name = "targets", align = 4 })
  local loss = buf.f32(rows + 8, { name = "loss", align = 4 })
  loss:fill(-7.5)
  ce:launch({ grid = rows, block = BLOCK }, loss, x, tg, rows, vocab)
  local want, big = want_of(x, targets, rows, vocab)
  local context = ("%s, %d row%s of %d logits"):format(what, rows, rows == 1 and "" or "s", vocab)
  for r = 0, rows + 7 do
    local got = loss[r]
    if r >= rows then
      if got ~= -7.5 then
        fail(("%s: loss[%d] is past the end of loss (%d rows) and must stay -7.5, got %.9g"):format(context, r, rows, got), { hint = 1 })
      end
    else
      local tol = 2e-5 * (1 + math.abs(want[r])) + 1e-6 * big[r]
      if not (math.abs(got - want[r]) <= tol) then
        if got ~= got then hint = 2 end -- NaN: most often an empty pair merged in
        local who = cuda.writer(loss, r)
        who = who == nil and "" or who and ("; written last by " .. who) or "; no thread wrote it"
        local t = targets[r + 1]
        fail(("%s: loss[%d] (target %d%s): expected %.9g, got %.9g (allowed error %.2g)%s"):format(
          context, r, t, t >= 0 and (", its logit %.7g"):format(x[r * vocab + t]) or ": a padding row", want[r], got, tol, who),
          { hint = hint })
      end
    end
  end
end

local function random(rows, vocab, lo, hi)
  return gen.f32(rows * vocab, { lo = lo, hi = hi, name = "logits", align = 4 })
end

local function random_targets(rows, vocab)
  local t = {}
  for r = 1, rows do t[r] = gen.int(0, vocab - 1) end
  return t
end

test("uniform logits: the loss is log(vocab) = log 8", function()
  local x = buf.f32(8, { name = "logits", align = 4 })
  run(x, { 3 }, 1, 8, "8 zeros, target 3", 1)
end)
test("logits {2, 1, 0.1}, target 0: loss 0.417", function()
  run(buf.f32({ 2, 1, 0.1 }, { name = "logits", align = 4 }), { 0 }, 1, 3, "logits {2, 1, 0.1}", 2)
end)
test("vocab 1: the loss is 0", function() run(buf.f32({ 4.5 }, { name = "logits", align = 4 }), { 0 }, 1, 1, "logit 4.5", 2) end)
test("1 row of 5, target at the end: most threads have nothing", function()
  run(random(1, 5, -3, 3), { 4 }, 1, 5, "logits in [-3, 3)", 2)
end)
test("4 rows of 256", function() run(random(4, 256, -5, 5), random_targets(4, 256), 4, 256, "logits in [-5, 5)", 1) end)
test("3 rows of 1000", function() run(random(3, 1000, -5, 5), random_targets(3, 1000), 3, 1000, "logits in [-5, 5)", 1) end)
test("targets at the first and the last column", function()
  run(random(2, 777, -4, 4), { 0, 776 }, 2, 777, "logits in [-4, 4)", 1)
end)
test("2 rows of 50257 (GPT-2's vocabulary): not a multiple of 256", function()
  run(random(2, 50257, -10, 10), random_targets(2, 50257), 2, 50257, "logits in [-10, 10)", 1)
end)
test("logits around 1000: exp overflows unless the maximum is subtracted", function()
  run(random(3, 700, 900, 1100), random_targets(3, 700), 3, 700, "logits in [900, 1100)", 3)
end)
test("a target 1000 below its row's maximum: the loss is about 1000, not inf", function()
  local x = random(2, 300, -1, 1)
  x[17] = 999
  x[300 + 250] = -1000
  run(x, { 5, 250 }, 2, 300, "logits in [-1, 1), logits[0][17] = 999, logits[1][250] = -1000", 3)
end)
test("padding rows: a negative target gives loss 0", function()
  run(random(4, 400, -3, 3), { -100, 7, -1, 0 }, 4, 400, "targets {-100, 7, -1, 0}", 3)
end)
test("1 row of 32000 (Llama 2's vocabulary)", function()
  run(random(1, 32000, -20, 20), random_targets(1, 32000), 1, 32000, "logits in [-20, 20)", 1)
end)

-- Timed: 2048 rows of 32000 logits (262 MB read, 8 KB written), fresh inputs every
-- repetition, every loss compared with the reference kernel's.
local ROWS, VOCAB = 2048, 32000
test("speed: at least 62% of this GPU's copy bandwidth", function()
  local ref = cuda.reference(decl)
  local n = ROWS * VOCAB
  local x = buf.f32(n, { name = "logits" })
  local targets = buf.i32(ROWS, { name = "targets" })
  local loss, want = buf.f32(ROWS, { name = "loss" }), buf.f32(ROWS, { name = "reference loss" })
  cuda.bench("bandwidth", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      x:random(seed + rep, -15, 15)
      targets:random(seed + 100 + rep, 0, VOCAB - 1)
      return rep
    end,
    learner = function() return ce, { grid = ROWS, block = BLOCK }, loss, x, targets, ROWS, VOCAB end,
    against = "copy",
    bytes = 4 * n,
    check = function()
      ref:launch({ grid = ROWS, block = BLOCK }, want, x, targets, ROWS, VOCAB)
      expect.buffer(loss, want, { what = "loss (2048 rows of 32000)", rtol = 1e-5, atol = 1e-4 })
    end,
  })
end)
