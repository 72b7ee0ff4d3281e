local cuda = require "cuda"
local decl = "void rope(float *x, const int *pos, int tokens, int heads, int head_dim, float theta)"
local rope = cuda.kernel(decl)
local BLOCK = 256

local function list(positions)
  local shown = {}
  for i = 1, math.min(#positions, 6) do shown[i] = tostring(positions[i]) end
  return "{" .. table.concat(shown, ", ") .. (#positions > 6 and ", ...}" or "}")
end

-- RoPE on random x in [-1, 1); every value is compared with the exact rotation of its pair,
-- computed here in double. A float angle pos * theta^(-2i/d) carries an error of about 1e-7
-- rad per unit of position, fast sin/cos about as much again: each value may be off by
-- (2e-6 + 1e-6 * pos) * (|x_a| + |x_b|), (x_a, x_b) being its pair before the rotation.
local function check(positions, heads, d, theta, what, hint)
  local T, half = #positions, d // 2
  local n = T * heads * d
  local pos = buf.i32(positions, { name = "pos", align = 4 })
  local x = gen.f32(n, { lo = -1, hi = 1, name = "x", align = 4 })
  local x0 = x:copy("x before")
  rope:launch({ grid = T, block = BLOCK }, x, pos, T, heads, d, theta)
  local bad, first = 0, nil
  for t = 0, T - 1 do
    local p = positions[t + 1]
    for i = 0, half - 1 do
      local a = p * theta ^ (-2 * i / d)
      local c, s = math.cos(a), math.sin(a)
      for h = 0, heads - 1 do
        local o = (t * heads + h) * d + 2 * i
        local xa, xb = x0[o], x0[o + 1]
        local tol = 1e-7 + (2e-6 + 1e-6 * p) * (math.abs(xa) + math.abs(xb))
        local want = { xa * c - xb * s, xa * s + xb * c }
        for q = 0, 1 do
          local got = x[o + q]
          if not (math.abs(got - want[q + 1]) <= tol) then -- NaN fails too
            bad = bad + 1
            if not first then
              first = { o = o + q, t = t, h = h, j = 2 * i + q, p = p, i = i, got = got, want = want[q + 1], tol = tol, xa = xa, xb = xb }
            end
          end
        end
      end
    end
  end
  if bad == 0 then return end
  local f = first
  local who = cuda.writer(x, f.o)
  who = who == nil and "" or who and ("; written last by " .. who) or "; no thread wrote it"
  fail(("%s: positions %s, %d heads of %d, theta %g: x[%d][%d][%d] (token %d at position %d, pair %d of its head, "
    .. "which was (%.7g, %.7g)): expected %.7g, got %.7g (allowed error %.2g)%s; %d of %d values are off"):format(
    what, list(positions), heads, d, theta, f.t, f.h, f.j, f.t, f.p, f.i, f.xa, f.xb, f.want, f.got, f.tol, who, bad, n),
    { hint = hint })
end

local function random_positions(count, hi)
  local p = {}
  for t = 1, count do p[t] = gen.int(0, hi) end
  return p
end

test("position 0: nothing turns", function() check({ 0 }, 2, 8, 10000, "one token", 1) end)
test("head_dim 2: one pair per head, positions 0 to 3", function()
  check({ 0, 1, 2, 3 }, 1, 2, 10000, "4 tokens", 1)
end)
test("positions 1 to 4, 3 heads of 8", function() check({ 1, 2, 3, 4 }, 3, 8, 10000, "4 tokens", 2) end)
test("the pair index counts within its head: 4 heads of 6", function()
  check({ 7, 3 }, 4, 6, 10000, "2 tokens, 3 pairs per head", 2)
end)
test("positions out of order and repeated", function()
  check({ 5, 0, 12, 3, 3 }, 2, 4, 500, "5 tokens", 2)
end)
test("more pairs than threads: 5 heads of 128 (320 pairs per token)", function()
  check({ 9, 100, 31 }, 5, 128, 10000, "3 tokens", 1)
end)
test("head_dim 96: 48 pairs per head, 7 heads", function()
  check({ 2, 77 }, 7, 96, 10000, "2 tokens", 2)
end)
test("long context: positions up to 8191, 8 heads of 128", function()
  check({ 8191, 4096, 1, 6000, 8190 }, 8, 128, 10000, "5 tokens", 2)
end)
test("theta 500000 (Llama 3): 16 tokens, 8 heads of 64", function()
  check(random_positions(16, 8191), 8, 64, 500000, "16 tokens at random positions", 2)
end)

-- Timed: 8192 tokens x 32 heads x 128 (the queries of a 4096-wide layer; 134 MB read and
-- written in place), fresh inputs every repetition, every output compared with the reference
-- kernel's (both approximate: within 0.02).
local T, H, D = 8192, 32, 128
test("speed: at least 62% of this GPU's copy bandwidth", function()
  local ref = cuda.reference(decl)
  local n = T * H * D
  local x, x2 = buf.f32(n, { name = "x" }), buf.f32(n, { name = "reference x" })
  local pos = buf.i32(T, { name = "pos" })
  cuda.bench("bandwidth", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      x:random(seed + rep, -1, 1)
      x2:random(seed + rep, -1, 1)
      pos:random(seed + 100 + rep, 0, 8191)
      return rep
    end,
    learner = function() return rope, { grid = T, block = BLOCK }, x, pos, T, H, D, 10000 end,
    against = "copy",
    bytes = 2 * 4 * n,
    check = function()
      ref:launch({ grid = T, block = BLOCK }, x2, pos, T, H, D, 10000)
      expect.buffer(x, x2, { what = "x (8192 tokens x 32 heads x 128)", atol = 0.02 })
    end,
  })
end)
