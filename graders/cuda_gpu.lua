-- cuda_gpu.lua: the real-GPU half of the `cuda` module (graders/cuda.lua uses it; grade.lua
-- does not require it directly). When a GPU and NVRTC are present, launches run there: the
-- learner's .cu is compiled by NVRTC for this GPU, buffers are copied in before each launch and
-- out after it. Otherwise everything runs on kdojo's simulator and timing is skipped with a note.
--
--   cuda.backend                        "gpu" or "simulator"; cuda.gpu = {name, cc, sms, ...} or nil
--   kernel:resources(cfg)               {registers, shared, local_bytes, spill_stores, spill_loads,
--                                        max_threads, blocks_per_sm, occupancy} (GPU; on the
--                                        simulator only shared)
--   cuda.expect_resources(kernel, limits, cfg)
--       limits: max_registers, max_shared (bytes), max_local, no_spills, min_occupancy (0..1)
--   cuda.bench(bar, spec)               a speed bar timed with CUDA events (see below)
local kd = kd
local G = {}

local ok, why = kd.gpu_open()
G.available, G.why = ok, why
if ok then G.info = kd.gpu_info() end

local function fail(message) error({ kdojo_failure = true, message = message }, 3) end

local function dims(v)
  if v == nil then return { 1, 1, 1 } end
  if type(v) == "number" then return { v, 1, 1 } end
  return { v[1] or v.x or 1, v[2] or v.y or 1, v[3] or v.z or 1 }
end

-- {grid = {x, y, z}, block = {x, y, z}, shared = bytes} from what grade.lua wrote.
function G.normalise(cfg)
  return { grid = dims(cfg.grid), block = dims(cfg.block), shared = cfg.shared or 0 }
end

local function threads(cfg) return cfg.block[1] * cfg.block[2] * cfg.block[3] end

---------------------------------------------------------------- resources

local function describe(name, r, nthreads)
  local parts = { ("%d registers/thread"):format(r.registers), ("%d B static shared"):format(r.shared) }
  if r.local_bytes > 0 then parts[#parts + 1] = ("%d B local/thread"):format(r.local_bytes) end
  if r.spill_stores + r.spill_loads == 0 then parts[#parts + 1] = "no spills"
  else parts[#parts + 1] = ("SPILLS %d B stored, %d B loaded"):format(r.spill_stores, r.spill_loads) end
  if r.occupancy then
    parts[#parts + 1] = ("occupancy %d%% at %d threads/block (%d blocks/SM)"):format(
      math.floor(r.occupancy * 100 + 0.5), nthreads, r.blocks_per_sm)
  end
  if r.nvrtc_seconds then
    parts[#parts + 1] = ("NVRTC %.1f ms%s"):format(r.nvrtc_seconds * 1e3, r.nvrtc_cached and " (the same file was compiled earlier: cached)" or "")
  end
  return ("GPU resources of %s: %s"):format(name, table.concat(parts, ", "))
end

local reported = setmetatable({}, { __mode = "k" })

-- The learner's kernels say once per check what they use, in the results.
local function report_resources(kernel, cfg)
  if kernel.side ~= "learner" or reported[kernel.gpu] then return end
  reported[kernel.gpu] = true
  local n = threads(cfg)
  local r = kd.gpu_resources(kernel.gpu, n, cfg.shared or 0)
  kd.report("note", describe(kernel.decl:match("([%w_]+)%s*%(") or kernel.decl, r, n))
end

function G.resources(kernel, cfg)
  if not kernel.gpu then return { shared = kd.cuda_shared_bytes(kernel.handle) } end
  local n, shared = 0, 0
  if cfg then cfg = G.normalise(cfg); n, shared = threads(cfg), cfg.shared end
  return kd.gpu_resources(kernel.gpu, n, shared)
end

function G.expect_resources(kernel, limits, cfg)
  cfg = cfg and G.normalise(cfg)
  local r = G.resources(kernel, cfg)
  local name = kernel.decl:match("([%w_]+)%s*%(") or "the kernel"
  if limits.max_shared and r.shared > limits.max_shared then
    fail(("%s uses %d bytes of static shared memory per block; at most %d are allowed"):format(name, r.shared, limits.max_shared))
  end
  if not kernel.gpu then return r end -- the rest is what ptxas decided: only a GPU build knows it
  if limits.max_registers and r.registers > limits.max_registers then
    fail(("%s uses %d registers per thread; at most %d are allowed"):format(name, r.registers, limits.max_registers))
  end
  if limits.no_spills and r.spill_stores + r.spill_loads > 0 then
    fail(("%s spills registers to local memory (%d bytes stored, %d loaded): fewer live values per thread"):format(
      name, r.spill_stores, r.spill_loads))
  end
  if limits.max_local and r.local_bytes > limits.max_local then
    fail(("%s uses %d bytes of local memory per thread; at most %d are allowed"):format(name, r.local_bytes, limits.max_local))
  end
  if limits.min_occupancy and r.occupancy and r.occupancy < limits.min_occupancy then
    fail(("%s reaches %d%% occupancy at %d threads per block; at least %d%% is expected"):format(
      name, math.floor(r.occupancy * 100), threads(cfg), math.floor(limits.min_occupancy * 100)))
  end
  return r
end

---------------------------------------------------------------- launching

-- A failed launch: on a fault, the same launch runs again on the simulator, where an
-- out-of-bounds access is caught with the thread and the index that made it.
local function launch_failed(kernel, cfg, kind, msg, ...)
  if kind == "fault" and not msg:match("cannot run more work") then
    kd.report("note", "the GPU stopped the kernel (" .. msg .. "); the same launch runs again on kdojo's simulator to name the thread and the index")
    kd.cuda_launch(kernel.handle, { grid = cfg.grid, block = cfg.block, shared = cfg.shared, race_check = false }, ...)
    fail("on the GPU: " .. msg .. " (the simulator did not reproduce it: an access past the end of a device allocation that a CPU buffer happens to allow?)")
  end
  fail("on the GPU: " .. msg)
end

-- cfg is normalised: grid and block are {x, y, z}.
function G.launch(kernel, cfg, ...)
  local t, kind, msg = kd.gpu_launch(kernel.gpu, cfg, ...)
  if not t then launch_failed(kernel, cfg, kind, msg, ...) end
  report_resources(kernel, cfg)
  return t
end

local function time_launch(kernel, cfg, flush, ...)
  local t, kind, msg = kd.gpu_time(kernel.gpu, cfg, flush, ...)
  if not t then launch_failed(kernel, cfg, kind, msg, ...) end
  return t
end

---------------------------------------------------------------- speed bars

local function median(xs)
  local s = {}
  for i, x in ipairs(xs) do s[i] = x end
  table.sort(s)
  local n = #s
  if n == 0 then return 0 end
  return n % 2 == 1 and s[(n + 1) // 2] or (s[n // 2] + s[n // 2 + 1]) / 2
end

-- cuda.bench(bar, spec) times launches on the GPU with CUDA events around each one:
--   spec.inputs(rep) -> ctx              fresh inputs every repetition (uploaded before the launch)
--   spec.learner(ctx) -> kernel, cfg, args...   the launch that is timed
--   spec.against(ctx) -> kernel, cfg, args...   a reference launch timed in the same run, or
--   spec.against = "copy"                a device-to-device copy moving spec.bytes (this GPU's
--                                         copy bandwidth, measured side by side)
--   spec.bytes (number or function(ctx)) bytes the kernel must move (for GB/s in the results)
--   spec.check(ctx)                      checks the learner's output after every repetition
--   spec.reps (15), spec.warmup (3), spec.flush_l2 (true: L2 is written over before each launch)
-- The verdict is the lesson bar's max_ratio against median(learner) / median(against), through
-- bench.compare (the two sides alternate which goes first). On the simulator nothing runs (the
-- sizes are a GPU's): the results say that timing needs a GPU, and the test passes.
function G.bench(bench, bar, spec)
  if not G.available then
    kd.report("note", ("bar '%s' not measured: timing needs a GPU (%s); correctness was checked on kdojo's simulator"):format(bar, G.why))
    return nil
  end
  local flush = spec.flush_l2 ~= false
  local bytes_of = function(ctx) return type(spec.bytes) == "function" and spec.bytes(ctx) or spec.bytes end
  local learner_times = {}
  local ctx_bytes
  local ratio = bench.compare(bar, {
    reps = spec.reps or 15,
    warmup = spec.warmup or 3,
    inputs = spec.inputs,
    timer = function(f, ctx) return f(ctx), nil end,
    learner = function(ctx)
      local r = table.pack(spec.learner(ctx))
      local t = time_launch(r[1], G.normalise(r[2]), flush, table.unpack(r, 3, r.n))
      learner_times[#learner_times + 1] = t
      ctx_bytes = bytes_of(ctx)
      return t
    end,
    against = function(ctx)
      if spec.against == "copy" then return kd.gpu_time_copy(bytes_of(ctx), flush) end
      local r = table.pack(spec.against(ctx))
      return time_launch(r[1], G.normalise(r[2]), flush, table.unpack(r, 3, r.n))
    end,
    check = spec.check and function(_, _, ctx) spec.check(ctx) end,
  })
  local ml = median(learner_times)
  if ctx_bytes and ml > 0 then
    kd.report("note", ("bar '%s': the kernel moves %.1f MB in %.1f us: %.0f GB/s%s"):format(bar, ctx_bytes / 1e6, ml * 1e6,
      ctx_bytes / ml / 1e9, spec.against == "copy" and ratio and ("; %.0f%% of this GPU's copy bandwidth in the same run"):format(100 / ratio) or ""))
  end
  return ratio
end

---------------------------------------------------------------- cuBLAS, for comparison

-- Shown, never graded: the learner's launch against cuBLAS doing the same work, on the same
-- inputs, timed alternately with CUDA events (median of spec.reps, default 5). cuBLAS is
-- loaded with dlopen; where it (or a GPU) is missing, a note says so.
--   cuda.against_cublas_sgemm{ learner = fn -> kernel, cfg, args..., a =, b =, c =, m =, n =, k = }
--       row-major c (m x n) = a (m x k) * b (k x n); reports the learner's time as a % of cuBLAS's
--   cuda.against_cublas_attention{ learner = fn -> kernel, cfg, args..., q =, k =, v =, out =,
--                                  heads =, seq =, dim = }
--       q, k, v, out: [heads][seq][dim] row-major floats; out = softmax(q k^T / sqrt(dim)) v,
--       not causal. The baseline is two strided-batched SGEMMs around a row-softmax kernel.
-- Every few thousandth element: the largest difference from cuBLAS's result, relative to the
-- largest magnitude there (shown, so a kernel that is fast and wrong does not look good).
local function sampled_error(got, want, n)
  local step = math.max(1, n // 4096)
  local worst, scale = 0, 1e-30
  for i = 0, n - 1, step do
    worst = math.max(worst, math.abs(got[i] - want[i]))
    scale = math.max(scale, math.abs(want[i]))
  end
  return worst / scale
end

local function cublas_compare(what, spec, baseline, describe)
  if not G.available then
    kd.report("note", ("%s: needs a GPU (%s)"):format(what, G.why))
    return nil
  end
  local ok, msg = kd.gpu_cublas_open()
  if not ok then
    kd.report("note", ("%s: cuBLAS is not available (%s)"):format(what, msg))
    return nil
  end
  local r = table.pack(spec.learner())
  local kernel, cfg = r[1], G.normalise(r[2])
  local mine, theirs = {}, {}
  for rep = 0, spec.reps or 5 do -- repetition 0 warms both up
    local t1 = time_launch(kernel, cfg, false, table.unpack(r, 3, r.n))
    local t2 = baseline()
    if rep > 0 then mine[#mine + 1], theirs[#theirs + 1] = t1, t2 end
  end
  describe(median(mine), median(theirs))
  return median(mine) / median(theirs)
end

function G.against_cublas_sgemm(spec)
  local m, n, k = spec.m, spec.n, spec.k
  local want = kd.buffer("f32", m * n, { name = "cuBLAS c" })
  return cublas_compare("against cuBLAS SGEMM", spec, function()
    return kd.gpu_cublas_sgemm_time(want, spec.a, spec.b, m, n, k)
  end, function(tl, tc)
    local flop = 2.0 * m * n * k
    kd.report("note", ("against cuBLAS SGEMM (%d x %d x %d, FP32, same inputs): your kernel %.3f ms (%.1f TFLOP/s), cuBLAS %.3f ms (%.1f TFLOP/s): %.0f%% of cuBLAS's speed; largest difference from cuBLAS's c %.1e of its largest value")
      :format(m, n, k, tl * 1e3, flop / tl / 1e12, tc * 1e3, flop / tc / 1e12, 100 * tc / tl, sampled_error(spec.c, want, m * n)))
  end)
end

function G.against_cublas_attention(spec)
  local count = spec.heads * spec.seq * spec.dim
  local want = kd.buffer("f32", count, { name = "cuBLAS out" })
  return cublas_compare("against cuBLAS SGEMM + softmax", spec, function()
    return kd.gpu_cublas_attention_time(want, spec.q, spec.k, spec.v, spec.heads, spec.seq, spec.dim)
  end, function(tl, tc)
    local flop = 4.0 * spec.heads * spec.seq * spec.seq * spec.dim
    local peak = kd.gpu_fp32_peak()
    kd.report("note", ("against attention from cuBLAS (two strided-batched SGEMMs and a softmax kernel; %d heads, sequence %d, dim %d, FP32): your kernel %.3f ms (%.1f TFLOP/s%s), cuBLAS + softmax %.3f ms (%.1f TFLOP/s): yours takes %.2fx its time; largest difference from its output %.1e of its largest value")
      :format(spec.heads, spec.seq, spec.dim, tl * 1e3, flop / tl / 1e12,
        peak > 0 and (", %.0f%% of this GPU's measured FP32 peak of %.1f TFLOP/s"):format(100 * flop / tl / peak, peak / 1e12) or "",
        tc * 1e3, flop / tc / 1e12, tl / tc, sampled_error(spec.out, want, count)))
  end)
end

return G
