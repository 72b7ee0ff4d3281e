local gradcheck = require "gradcheck"
local sample = learner.fn "int sample_token(const float *logits, int vocab, float temperature, int top_k, float top_p, double u, double *probs)"

local function f32(v) return string.unpack("f", string.pack("f", v)) end

-- The rule of the README, in Lua, on the float values the learner sees.
local function reference(x, vocab, T, k, p, u)
  T, p = f32(T), f32(p)
  local best = 0
  for j = 1, vocab - 1 do if x[j] > x[best] then best = j end end
  local probs = {}
  if T == 0 then
    for j = 0, vocab - 1 do probs[j] = (j == best) and 1.0 or 0.0 end
    return best, probs
  end
  local s = 0.0
  for j = 0, vocab - 1 do probs[j] = math.exp((x[j] - x[best]) / T); s = s + probs[j] end
  for j = 0, vocab - 1 do probs[j] = probs[j] / s end
  local order = {}
  for j = 0, vocab - 1 do order[j + 1] = j end
  table.sort(order, function(a, b) if probs[a] ~= probs[b] then return probs[a] > probs[b] end return a < b end)
  local keep = vocab
  if k > 0 and k < keep then keep = k end
  if p < 1 then
    local kept, acc = 0.0, 0.0
    for r = 1, keep do kept = kept + probs[order[r]] end
    for r = 1, keep do
      acc = acc + probs[order[r]] / kept
      if acc >= p then keep = r; break end
    end
  end
  local total = 0.0
  for r = 1, keep do total = total + probs[order[r]] end
  for r = keep + 1, vocab do probs[order[r]] = 0.0 end
  for r = 1, keep do probs[order[r]] = probs[order[r]] / total end
  local acc, last = 0.0, 0
  for j = 0, vocab - 1 do
    if probs[j] ~= 0 then
      acc = acc + probs[j]; last = j
      if u < acc then return j, probs end
    end
  end
  return last, probs
end

local function run(list_or_buf, T, k, p, u, what, hint)
  local x = type(list_or_buf) == "table" and buf.f32(list_or_buf, { name = "logits" }) or list_or_buf
  local vocab = #x
  local probs = buf.f64(vocab, { name = "probs" }):fill(0 / 0)
  local got = sample(x, vocab, T, k, p, u, probs)
  local want, wp = reference(gradcheck.totable(x), vocab, T, k, p, u)
  local ctx = ("%s (temperature %g, top_k %d, top_p %g, u %g)"):format(what, T, k, p, u)
  gradcheck.forward(probs, wp, { rtol = 1e-9, atol = 1e-15, context = ctx, hint = hint })
  expect(got, ctx .. ": the token"):eq(want, { hint = hint })
end

local function logs(ps) local t = {} for i, v in ipairs(ps) do t[i] = math.log(v) end return t end

test("temperature 0 is greedy (ties: the lower index)", function()
  run({ 1, 5, 2, 5, -1 }, 0, 0, 1, 0.99, "logits [1 5 2 5 -1]", 1)
end)
test("temperature 1, no filtering", function()
  run({ 1, 2, 3 }, 1, 0, 1, 0.5, "logits [1 2 3]")
  run({ 1, 2, 3 }, 1, 0, 1, 0.05, "logits [1 2 3]")
end)
test("temperature scales the logits, not the probabilities", function()
  run({ 1, 2, 3 }, 0.5, 0, 1, 0.3, "logits [1 2 3]", 1)
  run({ 1, 2, 3 }, 2.0, 0, 1, 0.3, "logits [1 2 3]", 1)
end)
test("large logits", function()
  run({ 1000, 999, 990, -1000 }, 0.7, 0, 1, 0.9, "logits [1000 999 990 -1000]", 1)
end)
test("top-k", function()
  run({ 0.1, 2, 1, 3, -1 }, 1, 2, 1, 0.9, "logits [0.1 2 1 3 -1]", 2)
  run({ 0.1, 2, 1, 3, -1 }, 1, 9, 1, 0.9, "logits [0.1 2 1 3 -1], top_k larger than the vocabulary", 2)
  run({ 1, 3, 3, 3, 0 }, 1, 2, 1, 0.99, "logits [1 3 3 3 0]: a tie at the cut", 2)
end)
test("top-p keeps the token that crosses the threshold", function()
  local x = logs { 0.5, 0.25, 0.15, 0.1 }
  run(x, 1, 0, 0.7, 0.9, "probabilities [0.5 0.25 0.15 0.1]", 2)
  run(x, 1, 0, 0.45, 0.9, "probabilities [0.5 0.25 0.15 0.1]", 2)
  run(x, 1, 0, 0.95, 0.99, "probabilities [0.5 0.25 0.15 0.1]", 2)
end)
test("top-p after top-k works on the renormalised survivors", function()
  run(logs { 0.1, 0.4, 0.2, 0.3 }, 1, 2, 0.55, 0.8, "probabilities [0.1 0.4 0.2 0.3]", 2)
end)
test("top-p when the probabilities are not sorted by index", function()
  run(logs { 0.05, 0.3, 0.1, 0.4, 0.15 }, 1, 0, 0.8, 0.99, "probabilities [0.05 0.3 0.1 0.4 0.15]", 2)
end)
test("the draw walks the kept tokens in index order", function()
  local x = logs { 0.2, 0.1, 0.3, 0.4 }
  for _, u in ipairs { 0.0, 0.19, 0.21, 0.31, 0.59, 0.61, 0.999999 } do run(x, 1, 0, 1, u, "probabilities [0.2 0.1 0.3 0.4]", 3) end
end)
test("random cases", function()
  for case = 1, 300 do
    local vocab = math.random(1, 200)
    local x = gen.f32(vocab, { lo = -8, hi = 8, name = "logits" })
    local T = ({ 0, 0.3, 0.7, 1, 1.5 })[math.random(5)]
    local k = ({ 0, 1, 5, 40, 500 })[math.random(5)]
    local p = ({ 1, 0.9, 0.5, 0.95, 0.1 })[math.random(5)]
    run(x, T, k, p, math.random(), ("case %d, %d random logits"):format(case, vocab))
  end
end)
test("a 50,257-token vocabulary", function()
  run(gen.f32(50257, { lo = -20, hi = 20, name = "logits" }), 0.8, 50, 0.9, 0.42, "50,257 logits in [-20, 20)")
  run(gen.f32(50257, { lo = -20, hi = 20, name = "logits" }), 1.0, 0, 0.9, 0.42, "50,257 logits in [-20, 20)")
end)
