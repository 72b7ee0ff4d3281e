local verify = learner.fn "int spec_verify(const float *q, const float *p, const int *draft, int k, int vocab, const double *u, int *out)"

-- The rule, in Lua: weights are the float values the learner sees, sums in double.
local function sample(p, q, row, vocab, u)
  local total = 0.0
  for j = 0, vocab - 1 do
    local w = q and (p[row * vocab + j] - q[row * vocab + j]) or p[row * vocab + j]
    if w > 0 then total = total + w end
  end
  local target, acc, last = u * total, 0.0, 0
  for j = 0, vocab - 1 do
    local w = q and (p[row * vocab + j] - q[row * vocab + j]) or p[row * vocab + j]
    if w > 0 then
      acc = acc + w
      last = j
      if target < acc then return j end
    end
  end
  return last
end

local function reference(q, p, draft, k, vocab, u)
  local out = {}
  for i = 0, k - 1 do
    local x = draft[i + 1]
    if u[i + 1] * q[i * vocab + x] < p[i * vocab + x] then
      out[#out + 1] = x
    else
      out[#out + 1] = sample(p, q, i, vocab, u[k + 1])
      return out
    end
  end
  out[#out + 1] = sample(p, nil, k, vocab, u[k + 1])
  return out
end

local function rows(list, name)
  local flat = {}
  for _, r in ipairs(list) do for _, v in ipairs(r) do flat[#flat + 1] = v end end
  return buf.f32(flat, { name = name })
end

local function call(qb, pb, draft, k, vocab, u)
  local d = buf.i32(math.max(k, 1), { name = "draft" })
  for i = 1, k do d[i - 1] = draft[i] end
  local ub = buf.f64(u, { name = "u" })
  local out = buf.i32(k + 1, { name = "out" }):fill(-1)
  local n = verify(k > 0 and qb or nil, pb, d, k, vocab, ub, out)
  local got = {}
  if n >= 1 and n <= k + 1 then for i = 1, n do got[i] = out[i - 1] end end
  return n, got
end

local function list(t) local s = {} for i, v in ipairs(t) do s[i] = tostring(v) end return "[" .. table.concat(s, " ") .. "]" end

local function check_case(q, p, draft, k, vocab, u, what, hint)
  local qb = q and rows(q, "q") or buf.f32(1, { name = "q" })
  local pb = rows(p, "p")
  local n, got = call(qb, pb, draft, k, vocab, u)
  local want = reference(qb, pb, draft, k, vocab, u)
  local ctx = ("%s: draft %s, u %s"):format(what, list(draft), list(u))
  expect(n, ctx .. ": tokens produced"):eq(#want, { hint = hint })
  expect(list(got), ctx .. ": out"):eq(list(want), { hint = hint })
end

test("k = 0: a plain sample from p", function()
  check_case(nil, { { 0.1, 0.2, 0.3, 0.4 } }, {}, 0, 4, { 0.5 }, "k = 0, p = [0.1 0.2 0.3 0.4]", 3)
end)
test("draft equals target: everything accepted, plus a bonus token", function()
  local d = { 0.25, 0.25, 0.5 }
  check_case({ d, d }, { d, d, { 0, 1, 0 } }, { 2, 0 }, 2, 3, { 0.99, 0.3, 0.7 }, "q = p", 2)
end)
test("a rejection: the token comes from the residual max(0, p - q)", function()
  -- accept draft 1 with probability 0.5 / 0.9; u = 0.9 rejects; residual [0.4 0 0] -> 0
  check_case({ { 0.1, 0.9, 0 } }, { { 0.5, 0.5, 0 }, { 0, 0, 1 } }, { 1 }, 1, 3, { 0.9, 0.99 }, "q = [0.1 0.9 0], p = [0.5 0.5 0]", 2)
end)
test("a token the target gives probability 0 is always rejected", function()
  check_case({ { 0.5, 0.5 } }, { { 1, 0 }, { 0.5, 0.5 } }, { 1 }, 1, 2, { 0.0, 0.5 }, "q = [0.5 0.5], p = [1 0], draft 1", 1)
end)
test("verification stops at the first rejection", function()
  local q = { { 0.2, 0.8 }, { 0.2, 0.8 }, { 0.2, 0.8 } }
  local p = { { 0.5, 0.5 }, { 0.5, 0.5 }, { 0.5, 0.5 }, { 0.5, 0.5 } }
  check_case(q, p, { 1, 1, 1 }, 3, 2, { 0.1, 0.95, 0.1, 0.3 }, "k = 3, the second draft token rejected", 1)
end)

-- A random distribution (Dirichlet(1)) over vocab tokens, rounded to float, and a sample from it.
local function dist(vocab, peaked)
  local w, s = {}, 0
  for j = 1, vocab do w[j] = -math.log(1 - math.random()) ^ (peaked and 3 or 1); s = s + w[j] end
  for j = 1, vocab do w[j] = w[j] / s end
  return w
end
local function draw(w)
  local u, acc = math.random(), 0
  for j = 1, #w do acc = acc + w[j]; if u < acc then return j - 1 end end
  return #w - 1
end

test("random cases, compared exactly with the rule", function()
  for case = 1, 300 do
    local vocab, k = math.random(2, 60), math.random(0, 6)
    local q, p, draft, u = {}, {}, {}, {}
    for i = 1, k do q[i] = dist(vocab, case % 2 == 0); draft[i] = draw(q[i]) end
    for i = 1, k + 1 do p[i] = dist(vocab, case % 3 == 0) end
    for i = 1, k + 1 do u[i] = math.random() end
    check_case(k > 0 and q or nil, p, draft, k, vocab, u, ("case %d, vocab %d, k = %d"):format(case, vocab, k), 2)
  end
end)

-- The point of the rule: whatever the draft, the first token produced follows p exactly.
test("the output follows the target distribution (40,000 trials)", function()
  local p0 = { 0.05, 0.4, 0.05, 0.3, 0.1, 0.1 }
  local q0 = { 0.3, 0.1, 0.3, 0.1, 0.1, 0.1 }
  local qb, pb = rows({ q0 }, "q"), rows({ p0, p0 }, "p")
  local N, count, accepted = 40000, {}, 0
  for j = 0, 5 do count[j] = 0 end
  local d, ub, out = buf.i32(1, { name = "draft" }), buf.f64(2, { name = "u" }), buf.i32(2, { name = "out" })
  for _ = 1, N do
    d[0] = draw(q0)
    ub[0], ub[1] = math.random(), math.random()
    local n = verify(qb, pb, d, 1, 6, ub, out)
    if n == 2 then accepted = accepted + 1 end
    local t = out[0]
    if t < 0 or t > 5 then fail(("out[0] = %d is not a token"):format(t)) end
    count[t] = count[t] + 1
  end
  for j = 0, 5 do
    local f, sd = count[j] / N, math.sqrt(p0[j + 1] * (1 - p0[j + 1]) / N)
    if math.abs(f - p0[j + 1]) > 5 * sd then
      fail(("p = [0.05 0.4 0.05 0.3 0.1 0.1], q = [0.3 0.1 0.3 0.1 0.1 0.1]: token %d came out %.4f of the time; the target gives it %.2f (5 standard deviations: +-%.4f)"):format(
        j, f, p0[j + 1], 5 * sd), { hint = 2 })
    end
  end
  local alpha = 0
  for j = 1, 6 do alpha = alpha + math.min(p0[j], q0[j]) end
  info(("acceptance rate %.3f over %d trials (theory: sum of min(p, q) = %.2f)"):format(accepted / N, N, alpha))
end)
