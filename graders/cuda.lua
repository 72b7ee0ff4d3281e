-- cuda.lua: launching CUDA kernels from grade.lua. `local cuda = require "cuda"`.
--
--   local map = cuda.kernel "void map(float *out, const float *a, int size)"
--   cuda.launch(map, { grid = 1, block = 4 }, out, a, 4)      -- or map:launch(cfg, ...)
--   cfg.grid, cfg.block   a number (x) or a list {x, y, z}; missing dimensions are 1
--   cfg.shared            bytes of dynamic shared memory (extern __shared__), default 0
--   cfg.race_check        default true: run the launch under two thread orders and fail
--                         with a "race" message when the results differ
--   cuda.constant "TPB"   the value of `const int TPB = ...;` in the learner's file
--
-- Buffers (buf.f32 ...) pass as device pointers; the kernel writes them in place. On the
-- simulator they are the same memory; a GPU backend copies them in and out around each
-- launch, so the same grade.lua runs on both. cuda.backend says which one runs.
local kd = kd
local M = { backend = "simulator" }

local Kernel = {}
Kernel.__index = Kernel

local function show(v)
  if math.type(v) == "float" then
    if v ~= v then return "nan" end
    return ("%.9g"):format(v)
  end
  return tostring(v)
end

-- A learner-facing failure, as kdojo.lua's fail() raises it.
local function fail(message) error({ kdojo_failure = true, message = message }, 3) end

local function dims(v, what)
  if v == nil then return { 1, 1, 1 } end
  if type(v) == "number" then return { v, 1, 1 } end
  if type(v) ~= "table" then error(("cuda.launch: %s must be a number or {x, y, z}"):format(what), 3) end
  return { v[1] or v.x or 1, v[2] or v.y or 1, v[3] or v.z or 1 }
end

-- cuda.kernel(declaration [, {side = "reference"}]) binds a __global__ function by its declaration
-- (written without __global__).
function M.kernel(decl, opts)
  local side = opts and opts.side or "learner"
  return setmetatable({ handle = kd.cuda_kernel(side, decl), decl = decl, side = side }, Kernel)
end

function M.reference(decl) return M.kernel(decl, { side = "reference" }) end

function Kernel:launch(cfg, ...)
  kd.cuda_launch(self.handle, {
    grid = dims(cfg.grid, "grid"),
    block = dims(cfg.block, "block"),
    shared = cfg.shared or 0,
    race_check = cfg.race_check,
  }, ...)
end

function M.launch(kernel, cfg, ...) return kernel:launch(cfg, ...) end

-- kernel:static_shared() is the bytes of static __shared__ arrays in the kernel's file (the
-- simulator knows it exactly; puzzles use it to check a shared-memory budget).
function Kernel:static_shared() return kd.cuda_shared_bytes(self.handle) end

function M.constant(name, side) return kd.cuda_constant(side or "learner", name) end

-- cuda.grid_text(buf, width, {mark = function(i) end}) draws a small output as rows of cells,
-- marking the cells for which mark(i) is true with *; for messages about 2D outputs.
function M.grid_text(b, width, opts)
  local rows, n = {}, #b
  for r = 0, (n + width - 1) // width - 1 do
    local cells = {}
    for c = 0, width - 1 do
      local i = r * width + c
      if i < n then
        local v = b[i]
        local s = (v ~= v) and "nan" or (math.type(v) == "float" and (v == math.floor(v) and math.abs(v) < 1e9 and ("%d"):format(math.floor(v)) or ("%.3g"):format(v)) or tostring(v))
        cells[#cells + 1] = ("%6s%s"):format(s, opts and opts.mark and opts.mark(i) and "*" or " ")
      end
    end
    rows[#rows + 1] = table.concat(cells)
  end
  return table.concat(rows, "\n")
end

-- cuda.expect_grid(got, want, width, what, opts) compares two buffers laid out as rows of
-- `width` and, when they differ, fails with both grids drawn and the wrong cells marked.
function M.expect_grid(got, want, width, what, opts)
  local bad, first = {}, nil
  for i = 0, #want - 1 do
    local g, w = got[i], want[i]
    if not (g == w or (g ~= g and w ~= w) or (opts and opts.atol and math.abs(g - w) <= opts.atol)) then
      bad[i] = true
      first = first or i
    end
  end
  if not first then return end
  local row, col = first // width, first % width
  local hint = opts and opts.hint and (" (hint %d may help: press h, or run kdojo hint)"):format(opts.hint) or ""
  local mark = { mark = function(i) return bad[i] end }
  fail(("%s[%d] (row %d, column %d): expected %s, got %s%s\nexpected:\n%s\ngot (* marks wrong cells):\n%s"):format(
    what, first, row, col, show(want[first]), show(got[first]), hint,
    M.grid_text(want, width), M.grid_text(got, width, mark)))
end

return M
