local cuda = require "cuda"
local decl = "void scan_rows(float *out, const float *in, int rows, int cols)"
local scan = cuda.kernel(decl)
local BLOCK = 256

-- Small integers: every partial sum is exact in float, whatever the order of the additions.
local function check(rows, cols)
  local n = rows * cols
  local x = buf.f32(math.max(n, 1), { name = "in", align = 4 })
  for i = 0, n - 1 do x[i] = gen.int(-8, 8) end
  local out = buf.f32(n + 64, { name = "out", align = 4 })
  out:fill(-7.5)
  scan:launch({ grid = rows, block = BLOCK }, out, x, rows, cols)
  local want = buf.f32(n + 64)
  want:fill(-7.5)
  for r = 0, rows - 1 do
    local s = 0
    for j = 0, cols - 1 do
      s = s + x[r * cols + j]
      want[r * cols + j] = s
    end
  end
  cuda.expect(out, want, { what = "out", hint = 2,
    context = ("%d rows of %d integers (out[r * %d + j] = in[r][0] + ... + in[r][j]; from %d on is past the end)"):format(
      rows, cols, cols, n) })
end

test("the rule: at most 48 KiB of shared memory, no register spills", function()
  cuda.expect_resources(scan, { max_shared = 48 * 1024, no_spills = true }, { block = BLOCK })
end)
test("1 row of 1", function() check(1, 1) end)
test("1 row of 5: fewer elements than threads", function() check(1, 5) end)
test("3 rows of 256", function() check(3, 256) end)
test("2 rows of 1024", function() check(2, 1024) end)
test("2 rows of 1025: one element past a power of two", function() check(2, 1025) end)
test("4 rows of 3001: several chunks of a long row", function() check(4, 3001) end)
test("64 rows of 100", function() check(64, 100) end)
test("3 rows of 0: nothing to write", function() check(3, 0) end)

-- Timed: 16384 rows of 2048 floats (128 MB read, 128 MB written), fresh inputs every
-- repetition, against the reference kernel on the same inputs; every output is compared
-- with the reference's (within float rounding: the additions may be ordered differently).
local ROWS, COLS = 16384, 2048
test("speed: within 1.5x of the reference kernel", function()
  local ref = cuda.reference(decl)
  local n = ROWS * COLS
  local x = buf.f32(n, { name = "in" })
  local out, want = buf.f32(n, { name = "out" }), buf.f32(n, { name = "reference out" })
  cuda.bench("scan", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      x:random(seed + rep, -1, 1)
      return rep
    end,
    learner = function() return scan, { grid = ROWS, block = BLOCK }, out, x, ROWS, COLS end,
    against = function() return ref, { grid = ROWS, block = BLOCK }, want, x, ROWS, COLS end,
    bytes = 2 * 4 * n,
    check = function()
      expect.buffer(out, want, { what = "out (16384 rows of 2048)", rtol = 1e-4, atol = 1e-3 })
    end,
  })
end)
