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
        local s = math.type(v) == "float" and (v == math.floor(v) and ("%d"):format(math.floor(v)) or ("%.3g"):format(v)) or tostring(v)
        cells[#cells + 1] = ("%6s%s"):format(s, opts and opts.mark and opts.mark(i) and "*" or " ")
      end
    end
    rows[#rows + 1] = table.concat(cells)
  end
  return table.concat(rows, "\n")
end

return M
