local cuda = require "cuda"
local qdecl = "void quantize_int8(signed char *q, float *scales, const float *x, int rows, int cols)"
local ddecl = "void dequantize_int8(float *x, const signed char *q, const float *scales, int rows, int cols)"
local quantize, dequantize = cuda.kernel(qdecl), cuda.kernel(ddecl)
local BLOCK, GUARD = 256, 64

local function f32(v) return (string.unpack("f", string.pack("f", v))) end

-- Round to nearest, ties to even (rintf in the default rounding mode).
local function rint(v)
  local f = math.floor(v)
  local d = v - f
  if d > 0.5 or (d == 0.5 and f % 2 ~= 0) then return f + 1 end
  return f
end

-- The exact scales and codes: scale = f32(amax / 127), code = rint(f32(x / scale)), clamped.
-- (The double quotient of two floats, rounded to float, is the float division's result.)
local function expected(x, rows, cols)
  local scales, codes, quot = {}, {}, {}
  for r = 0, rows - 1 do
    local amax = 0.0
    for j = 0, cols - 1 do amax = math.max(amax, math.abs(x[r * cols + j])) end
    local scale = f32(amax / 127)
    scales[r] = scale
    for j = 0, cols - 1 do
      local i = r * cols + j
      if scale == 0 then
        quot[i], codes[i] = 0, 0
      else
        quot[i] = x[i] / scale
        codes[i] = math.max(-127, math.min(127, rint(f32(quot[i]))))
      end
    end
  end
  return scales, codes, quot
end

local function show_row(x, r, cols)
  local parts = {}
  for j = 0, math.min(cols, 8) - 1 do parts[#parts + 1] = ("%.7g"):format(x[r * cols + j]) end
  return "{" .. table.concat(parts, ", ") .. (cols > 8 and ", ...}" or "}")
end

-- Runs quantize_int8 and checks the scales exactly and every code. With ties = "exact" every
-- code must be the expected one; otherwise a value whose exact quotient x / scale lies within
-- 4e-7 * |x / scale| of a half-way point may take either neighbour (a multiplication by
-- 127 / amax rounds differently there). The 64 values past the end of q and 8 past the end of
-- scales must stay as they were.
local function run(x, rows, cols, what, opts)
  opts = opts or {}
  local q = buf.i8(rows * cols + GUARD, { name = "q" })
  q:fill(99)
  local scales = buf.f32(rows + 8, { name = "scales", align = 4 })
  scales:fill(-7.5)
  quantize:launch({ grid = rows, block = BLOCK }, q, scales, x, rows, cols)
  local ws, wc, quot = expected(x, rows, cols)
  local context = ("%s, %d row%s of %d"):format(what, rows, rows == 1 and "" or "s", cols)
  for r = 0, rows + 7 do
    local want = r < rows and ws[r] or -7.5
    if scales[r] ~= want then
      fail(("%s: scales[%d]: expected %.9g, got %.9g%s"):format(context, r, want, scales[r],
        r < rows and (" (the largest |x| of row %d is %.9g; scale = amax / 127.0f)"):format(r, want * 127)
        or " (past the end of scales: it must stay untouched)"), { hint = 2 })
    end
  end
  local bad, first = 0, nil
  for i = 0, rows * cols + GUARD - 1 do
    local got = q[i]
    local ok
    if i >= rows * cols then
      ok = got == 99
    elseif got == wc[i] then
      ok = true
    elseif opts.ties ~= "exact" then
      local v = quot[i]
      local lo = math.floor(v)
      ok = math.abs(v - lo - 0.5) <= 4e-7 * math.abs(v) + 1e-12 and (got == lo or got == lo + 1)
    end
    if not ok then
      bad = bad + 1
      first = first or i
    end
  end
  if bad == 0 then return end
  local i = first
  local who = cuda.writer(q, i)
  who = who == nil and "" or who and ("; written last by " .. who) or "; no thread wrote it"
  if i >= rows * cols then
    fail(("%s: q[%d] is past the end of q (%d codes) and must stay 99, got %d%s; %d values differ"):format(
      context, i, rows * cols, q[i], who, bad), { hint = 1 })
  end
  local r = i // cols
  fail(("%s: q[%d] (row %d, column %d): x = %.9g, scale = %.9g, x / scale = %.9g: expected %d, got %d%s; %d of %d codes differ (row %d is %s)"):format(
    context, i, r, i % cols, x[i], ws[r], quot[i], wc[i], q[i], who, bad, rows * cols, r, show_row(x, r, cols)),
    { hint = opts.hint or 3 })
end

local function random(rows, cols, lo, hi)
  return gen.f32(rows * cols, { lo = lo, hi = hi, name = "x", align = 4 })
end

local function row_of(values)
  return buf.f32(values, { name = "x", align = 4 })
end

test("scale exactly 1 (max 127): ties round to even", function()
  run(row_of { 127, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 126.5, -126.5, 3.49, 3.51, 0, -127, 64.5 }, 1, 14,
    "x = {127, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 126.5, -126.5, ...}", { ties = "exact" })
end)
test("scale exactly 0.5 (max 63.5): ties at quarters", function()
  run(row_of { 0.25, 0.75, 1.25, -0.25, -0.75, 63.25, -63.5, 10.125, 31.75, -31.75 }, 1, 10,
    "x = {0.25, 0.75, 1.25, -0.25, -0.75, 63.25, -63.5, 10.125, 31.75, -31.75}", { ties = "exact" })
end)
test("the largest magnitude is negative", function()
  local x = random(1, 300, -1, 1)
  x[123] = -9
  run(x, 1, 300, "values in [-1, 1), x[123] = -9", { hint = 2 })
end)
test("a row of zeros next to a normal row", function()
  local x = random(2, 500, -3, 3)
  for j = 0, 499 do x[j] = 0 end
  run(x, 2, 500, "row 0 all zeros, row 1 in [-3, 3)", { hint = 3 })
end)
test("1 row of 1: the code is +-127", function() run(random(1, 1, -5, 5), 1, 1, "a value in [-5, 5)", { hint = 1 }) end)
test("1 row of 5: most threads have no element", function() run(random(1, 5, -5, 5), 1, 5, "values in [-5, 5)", { hint = 1 }) end)
test("4 rows of 256", function() run(random(4, 256, -2, 2), 4, 256, "values in [-2, 2)", { hint = 1 }) end)
test("3 rows of 1000", function() run(random(3, 1000, -100, 100), 3, 1000, "values in [-100, 100)", { hint = 1 }) end)
test("2 rows of 4099: several elements per thread, not a multiple of 256", function()
  run(random(2, 4099, -7, 7), 2, 4099, "values in [-7, 7)", { hint = 1 })
end)
test("rows of very different sizes: 1e-30, 0.002, 1, 1000, 1e30", function()
  local cols = 333
  local x = random(5, cols, -1, 1)
  local mags = { 1e-30, 0.002, 1, 1000, 1e30 }
  for r = 0, 4 do
    for j = 0, cols - 1 do x[r * cols + j] = x[r * cols + j] * mags[r + 1] end
  end
  run(x, 5, cols, "row r in [-m, m) for m = 1e-30, 0.002, 1, 1000, 1e30", { hint = 2 })
end)

test("dequantize: x = q * scale, exactly", function()
  local rows, cols = 3, 700
  local q = gen.i8(rows * cols, { lo = -127, hi = 127, name = "q" })
  local scales = buf.f32({ 0.013, 1.0, 7.25e-5 }, { name = "scales", align = 4 })
  local x = buf.f32(rows * cols + GUARD, { name = "x", align = 4 })
  x:fill(-7.5)
  dequantize:launch({ grid = rows, block = BLOCK }, x, q, scales, rows, cols)
  local want = buf.f32(rows * cols + GUARD)
  want:fill(-7.5)
  for i = 0, rows * cols - 1 do want[i] = f32(q[i] * scales[i // cols]) end
  cuda.expect(x, want, { what = "x", hint = 1,
    context = ("3 rows of 700 random codes, scales {0.013, 1, 7.25e-5} (from x[%d] on is past the end)"):format(rows * cols) })
end)
test("round trip: every value within half a step", function()
  local rows, cols = 4, 1500
  local x = random(rows, cols, -50, 50)
  local q = buf.i8(rows * cols, { name = "q" })
  local scales = buf.f32(rows, { name = "scales", align = 4 })
  local y = buf.f32(rows * cols, { name = "x'", align = 4 })
  quantize:launch({ grid = rows, block = BLOCK }, q, scales, x, rows, cols)
  dequantize:launch({ grid = rows, block = BLOCK }, y, q, scales, rows, cols)
  for i = 0, rows * cols - 1 do
    local s = scales[i // cols]
    local err = math.abs(x[i] - y[i])
    if not (err <= s * (0.5 + 1e-5)) then
      fail(("4 rows of 1500 in [-50, 50): x[%d] = %.9g came back as %.9g (code %d, scale %.9g): off by %.3g, more than half a step"):format(
        i, x[i], y[i], q[i], s, err), { hint = 3 })
    end
  end
end)

-- Timed: 16384 rows of 4096 floats (268 MB read, 67 MB of codes written), fresh inputs every
-- repetition, against the reference kernel on the same inputs; every output compared with the
-- reference's (scales exactly, codes within 1: a division and a multiplication by the
-- reciprocal may round a value at a half-way point differently).
local ROWS, COLS = 16384, 4096
test("speed: within 1.5x of the reference kernel", function()
  local ref = cuda.reference(qdecl)
  local n = ROWS * COLS
  local x = buf.f32(n, { name = "x" })
  local q, q2 = buf.i8(n, { name = "q" }), buf.i8(n, { name = "reference q" })
  local s, s2 = buf.f32(ROWS, { name = "scales" }), buf.f32(ROWS, { name = "reference scales" })
  cuda.bench("quantize", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      x:random(seed + rep, -10, 10)
      return rep
    end,
    learner = function() return quantize, { grid = ROWS, block = BLOCK }, q, s, x, ROWS, COLS end,
    against = function() return ref, { grid = ROWS, block = BLOCK }, q2, s2, x, ROWS, COLS end,
    bytes = 5 * n + 4 * ROWS,
    check = function()
      expect.buffer(s, s2, { what = "scales (16384 rows of 4096)" })
      expect.buffer(q, q2, { what = "q (16384 rows of 4096)", atol = 1 })
    end,
  })
end)
