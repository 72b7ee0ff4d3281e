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

-- gpu: the real-GPU backend, when this machine has a GPU and NVRTC (graders/cuda_gpu.lua)
local gpu = require "cuda_gpu"
if gpu.available then M.backend, M.gpu = "gpu", gpu.info end

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
  return setmetatable({ handle = kd.cuda_kernel(side, decl), decl = decl, side = side,
                        gpu = gpu.available and kd.gpu_kernel(side, decl) or nil }, Kernel) -- gpu
end

function M.reference(decl) return M.kernel(decl, { side = "reference" }) end

-- Which thread last changed each element of the small buffers of the last launches: the
-- simulator records it; a GPU backend leaves this empty.
local writers = setmetatable({}, { __mode = "k" })
-- With count_reads = true in a launch: how often one block read one element of each input
-- buffer (the simulator counts loads; a GPU backend leaves this empty).
local reads = setmetatable({}, { __mode = "k" })

function Kernel:launch(cfg, ...)
  local grid, block = dims(cfg.grid, "grid"), dims(cfg.block, "block")
  if self.gpu then return gpu.launch(self, { grid = grid, block = block, shared = cfg.shared or 0 }, ...) end -- gpu
  local w, r = kd.cuda_launch(self.handle, { grid = grid, block = block, shared = cfg.shared or 0,
                                             race_check = cfg.race_check, count_reads = cfg.count_reads }, ...)
  local args = table.pack(...)
  for arg, ids in pairs(w or {}) do
    writers[args[arg]] = { ids = ids, grid = grid, block = block }
  end
  for arg, count in pairs(r or {}) do
    reads[args[arg]] = { count = count, grid = grid, block = block }
  end
end

local function xyz(i, d)
  return ("(%d,%d,%d)"):format(i % d[1], (i // d[1]) % d[2], i // (d[1] * d[2]))
end

-- cuda.writer(buffer, i): "thread (x,y,z) of block (x,y,z)" that last changed element i in the
-- last launch, false when no thread changed it, nil when not recorded.
function M.writer(b, i)
  local w = writers[b]
  if not w then return nil end
  local id = w.ids[i]
  if not id then return false end
  return ("thread %s of block %s"):format(xyz(id % 1024, w.block), xyz(id // 1024, w.grid))
end

function M.launch(kernel, cfg, ...) return kernel:launch(cfg, ...) end

-- kernel:static_shared() is the bytes of static __shared__ arrays in the kernel's file (the
-- simulator knows it exactly; puzzles use it to check a shared-memory budget).
function Kernel:static_shared() return gpu.resources(self).shared end -- gpu: cuFuncGetAttribute there

function M.constant(name, side) return kd.cuda_constant(side or "learner", name) end

-- cuda.expect_one_read(a, "a", opts): a puzzle rule. After a launch with count_reads = true,
-- fails when some block read one element of input buffer a more than once (the block should
-- read it once into shared memory and share it from there). Passes when nothing was counted.
function M.expect_one_read(b, what, opts)
  local r = reads[b]
  if not r or r.count.most <= 1 then return end
  local c = r.count
  local hint = opts and opts.hint and (" (hint %d may help: press h, or run kdojo hint)"):format(opts.hint) or ""
  fail(("the rule is one global read of each input element per block, but block %s read %s[%d] %d times "
    .. "(the last time in thread %s): read it once into shared memory and use the shared copy%s"):format(
    xyz(c.block, r.grid), what or b:name(), c.element, c.most, xyz(c.thread, r.block), hint))
end

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

-- cuda.expect(got, want, {what = "out", context = "the input", width = w, hint = n, atol = x})
-- compares two buffers
-- and, when they differ, fails naming the first wrong elements and the thread that wrote each
-- last (or that none did); with width, small outputs are also drawn as grids with wrong cells
-- marked.
function M.expect(got, want, opts)
  opts = opts or {}
  local first, g1, w1, count = kd.compare(got, want, opts.rtol or 0, opts.atol or 0)
  if not first then return end
  local what, width = opts.what or got:name(), opts.width
  local function where(i)
    if width then return ("%s[%d] (row %d, column %d)"):format(what, i, i // width, i % width) end
    return ("%s[%d]"):format(what, i)
  end
  local function who(i)
    local w = M.writer(got, i)
    if w == nil then return "" end
    return w and ("; written last by " .. w) or "; no thread wrote it"
  end
  local hint = opts.hint and (" (hint %d may help: press h, or run kdojo hint)"):format(opts.hint) or ""
  local lines = { ("%s%s: expected %s, got %s%s; %d of %d elements differ%s"):format(
    opts.context and (opts.context .. ": ") or "", where(first), show(w1), show(g1), who(first), count, #got, hint) }
  if #got <= 4096 and count > 1 then
    local shown = 0
    for i = first + 1, #got - 1 do
      local g, w = got[i], want[i]
      local same = g == w or (g ~= g and w ~= w) or (opts.atol and math.abs(g - w) <= opts.atol)
      if not same then
        shown = shown + 1
        if shown > 4 then lines[#lines + 1] = "  ..."; break end
        lines[#lines + 1] = ("  %s: expected %s, got %s%s"):format(where(i), show(w), show(g), who(i))
      end
    end
  end
  if width and #got <= 256 then
    local bad = function(i)
      local g, w = got[i], want[i]
      return not (g == w or (g ~= g and w ~= w) or (opts.atol and math.abs(g - w) <= opts.atol))
    end
    lines[#lines + 1] = "expected:\n" .. M.grid_text(want, width)
    lines[#lines + 1] = "got (* marks wrong cells):\n" .. M.grid_text(got, width, { mark = bad })
  end
  fail(table.concat(lines, "\n"))
end

-- cuda.expect_grid(got, want, width, what, opts): cuda.expect with a width.
function M.expect_grid(got, want, width, what, opts)
  local name, context = what:match("^(%S+) %((.*)%)$")
  local o = { what = name or what, context = context, width = width }
  for k, v in pairs(opts or {}) do o[k] = v end
  return M.expect(got, want, o)
end

-- gpu: what a kernel uses, budgets, and speed bars timed with CUDA events (graders/cuda_gpu.lua)
function Kernel:resources(cfg) return gpu.resources(self, cfg) end
M.expect_resources = gpu.expect_resources
function M.bench(bar, spec) return gpu.bench(require("kdojo").bench, bar, spec) end
M.against_cublas_sgemm = gpu.against_cublas_sgemm
M.against_cublas_attention = gpu.against_cublas_attention

return M
