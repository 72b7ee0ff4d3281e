local cuda = require "cuda"
local decl = "void spmv_csr(float *y, const int *rowptr, const int *cols, const float *vals, const float *x, int rows)"
local spmv = cuda.kernel(decl)

-- The launch from the file's exported constants (side = "learner" or "reference").
local function shape(side)
  local t, rpb = cuda.constant("threads", side), cuda.constant("rows_per_block", side)
  if t < 1 or t > 1024 or rpb < 1 then
    fail(("threads = %d, rows_per_block = %d: threads must be 1 to 1024, rows_per_block 1 or more"):format(t, rpb))
  end
  return { threads = t, rpb = rpb }
end

local function cfg(s, rows) return { grid = (rows + s.rpb - 1) // s.rpb, block = s.threads } end

local U = 2.0 ^ -24   -- float's unit roundoff

-- A CSR matrix from a list of rows, each a list of column indices; values and x are random.
local function csr(row_cols, ncols)
  local rows, nnz = #row_cols, 0
  for _, r in ipairs(row_cols) do nnz = nnz + #r end
  local rowptr = buf.i32(rows + 1, { name = "rowptr", align = 4 })
  local cols = buf.i32(math.max(nnz, 1), { name = "cols", align = 4 })
  local vals = gen.f32(math.max(nnz, 1), { lo = -2, hi = 2, name = "vals", align = 4 })
  local x = gen.f32(ncols, { lo = -2, hi = 2, name = "x", align = 4 })
  local e = 0
  for i, r in ipairs(row_cols) do
    rowptr[i - 1] = e
    for _, c in ipairs(r) do cols[e] = c; e = e + 1 end
  end
  rowptr[rows] = e
  return { rows = rows, ncols = ncols, nnz = nnz, rowptr = rowptr, cols = cols, vals = vals, x = x }
end

local function count(n, what) return ("%d %s%s"):format(n, what, n == 1 and "" or "s") end

-- y[r] within (n + 1) u sum |vals * x| of the sum in double: what any order of float
-- additions can lose. An empty row must give exactly 0.
local function check(A, what)
  local s = shape("learner")
  local y = buf.f32(A.rows + 64, { name = "y", align = 4 })
  y:fill(-7.5)
  spmv:launch(cfg(s, A.rows), y, A.rowptr, A.cols, A.vals, A.x, A.rows)
  local context = ("%s: %s, %s, %s"):format(what, count(A.rows, "row"), count(A.ncols, "column"), count(A.nnz, "nonzero"))
  local bad, first = 0, nil
  for r = 0, A.rows - 1 do
    local want, mag = 0.0, 0.0
    for j = A.rowptr[r], A.rowptr[r + 1] - 1 do
      local t = A.vals[j] * A.x[A.cols[j]]
      want, mag = want + t, mag + math.abs(t)
    end
    local n = A.rowptr[r + 1] - A.rowptr[r]
    local tol = (n + 1) * U * mag
    local got = y[r]
    if not (math.abs(got - want) <= tol) then
      bad = bad + 1
      first = first or { r = r, n = n, want = want, got = got, tol = tol }
    end
  end
  if first then
    local w = cuda.writer(y, first.r)
    local who = w == nil and "" or (w and ("; written last by " .. w) or "; no thread wrote it")
    fail(("%s: y[%d] (row %d, %s): expected %.9g (within %.3g), got %.9g%s; %d of %d rows are wrong"):format(
      context, first.r, first.r, count(first.n, "nonzero"), first.want, first.tol, first.got, who, bad, A.rows),
      { hint = first.n > 32 and 2 or 3 })
  end
  for i = A.rows, A.rows + 63 do
    if y[i] ~= -7.5 then
      fail(("%s: y[%d] is past the last row (y has %d elements) but was changed to %.9g"):format(context, i, A.rows, y[i]))
    end
  end
end

-- n distinct random columns below ncols, in random order.
local function some_cols(n, ncols)
  local pick, out = {}, {}
  while #out < n do
    local c = gen.int(0, ncols - 1)
    if not pick[c] then pick[c] = true; out[#out + 1] = c end
  end
  return out
end

local function range(lo, hi)
  local t = {}
  for c = lo, hi do t[#t + 1] = c end
  return t
end

test("1 x 1, one nonzero", function() check(csr({ { 0 } }, 1), "one nonzero") end)
test("every row empty: y is 0", function() check(csr({ {}, {}, {}, {}, {} }, 3), "no nonzeros") end)
test("37 rows, some empty, the others 1 to 5 nonzeros", function()
  local rows = {}
  for i = 1, 37 do rows[i] = gen.int(1, 10) <= 3 and {} or some_cols(gen.int(1, 5), 50) end
  check(csr(rows, 50), "short rows, about 30% empty")
end)
test("rows of 31, 32, 33, 64 and 65 nonzeros", function()
  check(csr({ some_cols(31, 100), some_cols(32, 100), some_cols(33, 100), some_cols(64, 100), some_cols(65, 100) }, 100),
    "rows around multiples of 32")
end)
test("a row of 1000 nonzeros among short ones", function()
  local rows = {}
  for i = 1, 20 do rows[i] = some_cols(gen.int(0, 4), 1200) end
  rows[8] = some_cols(1000, 1200)
  check(csr(rows, 1200), "row 7 has 1000 nonzeros, the others 0 to 4")
end)
test("a single dense row among empty ones", function()
  local rows = {}
  for i = 1, 21 do rows[i] = {} end
  rows[15] = range(0, 499)
  check(csr(rows, 500), "row 14 has all 500 columns, every other row is empty")
end)
test("random sparsity: 300 x 200, 0 to 25 nonzeros per row", function()
  local rows = {}
  for i = 1, 300 do rows[i] = some_cols(gen.int(0, 25), 200) end
  check(csr(rows, 200), "random rows, columns in random order")
end)

-- Timed: 2^19 rows of 128 nonzeros each (64 M: 256 MB of values, 256 MB of column indices),
-- in 8 runs of 16 consecutive columns within a band of 8192 columns from the diagonal, the
-- structure a mesh gives. The structure is built once (on a GPU only: the simulator times
-- nothing); values and x change every repetition. Every y is compared with the reference's.
local ROWS, RUNS, RUN, BAND = 1 << 19, 8, 16, 8192
local PER_ROW, NCOLS = RUNS * RUN, ROWS + BAND

local M
local function build()
  local nnz = ROWS * PER_ROW
  local A = {
    rowptr = buf.i32(ROWS + 1, { name = "rowptr" }), cols = buf.i32(nnz, { name = "cols" }),
    vals = buf.f32(nnz, { name = "vals" }), x = buf.f32(NCOLS, { name = "x" }),
    y = buf.f32(ROWS, { name = "y" }), want = buf.f32(ROWS, { name = "reference y" }),
  }
  for i = 0, ROWS do A.rowptr[i] = i * PER_ROW end
  local chunk, t = 2048, {}
  for r0 = 0, ROWS - 1, chunk do
    local e = 0
    for i = r0, r0 + chunk - 1 do
      for j = 0, RUNS - 1 do
        local s = i + j * (BAND // RUNS) + math.random(0, BAND // RUNS - RUN)
        for q = 0, RUN - 1 do e = e + 1; t[e] = s + q end
      end
    end
    A.cols:set(t, r0 * PER_ROW)
  end
  return A
end

test("speed: within 1.5x of the reference kernel", function()
  local ref = cuda.reference(decl)
  local s, rs = shape("learner"), shape("reference")
  cuda.bench("spmv", {
    reps = 9, warmup = 2,
    inputs = function(rep)
      M = M or build()
      M.vals:random(seed + 2 * rep, -1, 1)
      M.x:random(seed + 2 * rep + 1, -1, 1)
      return rep
    end,
    learner = function() return spmv, cfg(s, ROWS), M.y, M.rowptr, M.cols, M.vals, M.x, ROWS end,
    against = function() return ref, cfg(rs, ROWS), M.want, M.rowptr, M.cols, M.vals, M.x, ROWS end,
    bytes = 8 * ROWS * PER_ROW + 4 * (ROWS + 1) + 4 * ROWS + 4 * NCOLS,
    check = function()
      expect.buffer(M.y, M.want, { what = "y (2^19 rows of 128 nonzeros)", rtol = 1e-4, atol = 1e-3 })
    end,
  })
end)
