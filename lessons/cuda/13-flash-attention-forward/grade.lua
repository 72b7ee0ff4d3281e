local cuda = require "cuda"
local gradcheck = require "gradcheck"
local decl = "void attention(float *out, const float *q, const float *k, const float *v, int heads, int seq)"
local attn = cuda.kernel(decl)
local DIM = 64

-- The launch from the file's exported shape (side = "learner" or "reference").
local function shape(side)
  local bq, nt = cuda.constant("bq", side), cuda.constant("threads", side)
  if bq < 1 or nt < 1 or nt > 1024 then
    fail(("bq = %d, threads = %d: bq must be 1 or more, threads 1 to 1024"):format(bq, nt))
  end
  return { bq = bq, threads = nt }
end

local function cfg(s, heads, seq) return { grid = { (seq + s.bq - 1) // s.bq, heads }, block = s.threads } end

-- out = softmax(q k^T / 8) v for every head and query, in double. Each element also gets a
-- scale for its tolerance: the sum of p_j |v_j| over the softmax weights (rounding in P V), plus
-- a fifth of a bound on the row's score magnitude, |q_i| max_j |k_j| / 8, times max_j |v_j|
-- (a score that is off by e moves its weight by a factor exp(e)).
local function want_of(q, k, v, heads, seq)
  local n = heads * seq * DIM
  local want, scale = {}, {}
  for h = 0, heads - 1 do
    local base = h * seq * DIM
    local kt, vt, kmax, vmax = {}, {}, 0, {}
    for d = 0, DIM - 1 do vmax[d] = 0 end
    for j = 0, seq - 1 do
      local kr, vr, kn = {}, {}, 0
      for d = 0, DIM - 1 do
        local x, y = k[base + j * DIM + d], v[base + j * DIM + d]
        kr[d], vr[d] = x, y
        kn = kn + x * x
        if math.abs(y) > vmax[d] then vmax[d] = math.abs(y) end
      end
      kt[j], vt[j] = kr, vr
      kmax = math.max(kmax, math.sqrt(kn))
    end
    for i = 0, seq - 1 do
      local qr, qn = {}, 0
      for d = 0, DIM - 1 do
        qr[d] = q[base + i * DIM + d]
        qn = qn + qr[d] * qr[d]
      end
      local s, m = {}, -math.huge
      for j = 0, seq - 1 do
        local kr, acc = kt[j], 0.0
        for d = 0, DIM - 1 do acc = acc + qr[d] * kr[d] end
        acc = acc / 8
        s[j] = acc
        if acc > m then m = acc end
      end
      local o, a, l = {}, {}, 0.0
      for d = 0, DIM - 1 do o[d], a[d] = 0.0, 0.0 end
      for j = 0, seq - 1 do
        local p, vr = math.exp(s[j] - m), vt[j]
        l = l + p
        for d = 0, DIM - 1 do
          local x = p * vr[d]
          o[d] = o[d] + x
          a[d] = a[d] + (x < 0 and -x or x)
        end
      end
      local bound = math.sqrt(qn) * kmax / 8
      for d = 0, DIM - 1 do
        want[base + i * DIM + d] = o[d] / l
        scale[base + i * DIM + d] = a[d] / l + 0.2 * bound * vmax[d]
      end
    end
  end
  return want, scale, n
end

local function inputs(heads, seq, lo, hi)
  local n = heads * seq * DIM
  return gen.f32(n, { lo = lo, hi = hi, name = "q", align = 4 }), gen.f32(n, { lo = lo, hi = hi, name = "k", align = 4 }),
         gen.f32(n, { lo = -1, hi = 1, name = "v", align = 4 })
end

local function check(q, k, v, heads, seq, what, hint)
  local s = shape("learner")
  local out = buf.f32(heads * seq * DIM, { name = "out", align = 4 })
  out:fill(-7.5)
  attn:launch(cfg(s, heads, seq), out, q, k, v, heads, seq)
  local want, scale = want_of(q, k, v, heads, seq)
  gradcheck.forward(out, want, { rtol = 1e-5, atol = 1e-7, scale = scale, shape = { heads, seq, DIM },
    what = "out", hint = hint or 2,
    context = ("%s, heads = %d, seq = %d, dim = 64 (out[head][query][d]), blocks of %d queries"):format(what, heads, seq, s.bq) })
end

local function random(heads, seq, lo, hi, what, hint)
  local q, k, v = inputs(heads, seq, lo, hi)
  check(q, k, v, heads, seq, ("%s, q and k in [%g, %g), v in [-1, 1)"):format(what, lo, hi), hint)
end

test("the rule: at most 48 KiB of shared memory, no register spills", function()
  local s = shape("learner")
  cuda.expect_resources(attn, { max_shared = 48 * 1024, no_spills = true }, { block = s.threads })
end)
test("seq = 1: one key, every weight is 1", function() random(1, 1, -1, 1, "one query") end)
test("seq = 7", function() random(1, 7, -1, 1, "a few queries") end)
test("seq = 65, 2 heads: a tile sticks out", function() random(2, 65, -1, 1, "one past a multiple of 64") end)
test("seq = 200, 3 heads", function() random(3, 200, -1.5, 1.5, "several tiles per head") end)
test("large scores: exp overflows unless the running maximum is subtracted", function()
  random(1, 90, -20, 20, "scores in the hundreds", 1)
end)
test("one key dominates, late in the sequence: the maximum jumps and the sums must be rescaled", function()
  local heads, seq, star = 2, 100, 77
  local q, k, v = inputs(heads, seq, 0.5, 1.5)
  for h = 0, heads - 1 do
    for i = h * seq * DIM, (h + 1) * seq * DIM - 1 do k[i] = k[i] - 1 end       -- k in [-0.5, 0.5)
    for d = 0, DIM - 1 do k[(h * seq + star) * DIM + d] = 4 end
  end
  check(q, k, v, heads, seq, ("q in [0.5, 1.5), k in [-0.5, 0.5) except key %d, all 4s: its score is ~32 above the rest, so out[h][i] ~ v[h][%d]"):format(star, star), 1)
end)
test("scores that rise along the keys: the maximum grows in every tile", function()
  local heads, seq = 1, 160
  local q, k, v = inputs(heads, seq, 0.5, 1.5)
  for j = 0, seq - 1 do
    for d = 0, DIM - 1 do k[j * DIM + d] = k[j * DIM + d] * 0.1 + j / 40 end
  end
  check(q, k, v, heads, seq, "q in [0.5, 1.5), k[j] about j / 40: the score grows by ~0.2 per key, 6 per tile of 32", 1)
end)

-- Timed: 16 heads of 4096 queries and keys, dim 64 (4 * 16 * 4096^2 * 64 = 68.7 GFLOP), fresh
-- inputs every repetition, against the reference kernel on the same inputs; every output
-- compared with the reference's.
local HEADS, SEQ = 16, 4096
test("speed: within 1.5x of the reference kernel", function()
  local ref = cuda.reference(decl)
  local s, rs = shape("learner"), shape("reference")
  local n = HEADS * SEQ * DIM
  local q, k, v = buf.f32(n, { name = "q" }), buf.f32(n, { name = "k" }), buf.f32(n, { name = "v" })
  local out, want = buf.f32(n, { name = "out" }), buf.f32(n, { name = "reference out" })
  cuda.bench("attention", {
    reps = 5, warmup = 1, flush_l2 = false,
    inputs = function(rep)
      q:random(seed + 3 * rep, -2, 2)
      k:random(seed + 3 * rep + 1, -2, 2)
      v:random(seed + 3 * rep + 2, -1, 1)
      return rep
    end,
    learner = function() return attn, cfg(s, HEADS, SEQ), out, q, k, v, HEADS, SEQ end,
    against = function() return ref, cfg(rs, HEADS, SEQ), want, q, k, v, HEADS, SEQ end,
    check = function()
      expect.buffer(out, want, { what = "out (16 heads x 4096 x 64)", rtol = 1e-3, atol = 1e-5 })
    end,
  })
  cuda.against_cublas_attention{ learner = function() return attn, cfg(s, HEADS, SEQ), out, q, k, v, HEADS, SEQ end,
                                 q = q, k = k, v = v, out = out, heads = HEADS, seq = SEQ, dim = DIM }
end)
