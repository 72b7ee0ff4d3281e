-- kdojo.lua: the grading library every grade.lua runs on.
--
-- A grade.lua sees these globals (see docs/lesson-format.md for the full reference):
--   test(name, fn)                  register a test; tests run in order
--   learner.fn(decl), reference.fn(decl)
--                                   call C functions of the learner's file or the reference
--                                   solution by their declaration
--   buf.f32(n | list, opts) ...     typed buffers (0-based indexing, #b is the length)
--   gen.f32(n, opts) ...            seeded random buffers; gen.int, gen.float for scalars
--   expect(got, context)            :eq :near :ulp :is_true :is_false ; expect.buffer
--   fail(message, opts)             fail the current test with a message
--   bench.compare(bar, spec)        a speed bar measured side by side against a baseline
--   info(text)                      a line shown with the current test, passing or not
--   lesson, seed                    the lesson's metadata (bars) and this run's seed

local kd = kd
local K = {}

---------------------------------------------------------------- failures

-- A learner-facing failure travels as a table; anything else is a bug in the grader.
local function failure(message, detail)
  return { kdojo_failure = true, message = message, detail = detail }
end

local function hint_suffix(opts)
  if opts and opts.hint then return (" (hint %d may help: press h, or run kdojo hint)"):format(opts.hint) end
  return ""
end

local function fail(message, opts)
  error(failure(message .. hint_suffix(opts), opts and opts.detail), 2)
end

local function show(v)
  if math.type(v) == "float" then
    if v ~= v then return "nan" end
    return ("%.9g"):format(v)
  elseif type(v) == "string" then
    return ("%q"):format(v)
  end
  return tostring(v)
end
K.show = show

---------------------------------------------------------------- expectations

local Expect = {}
Expect.__index = Expect

local function expect(got, context)
  return setmetatable({ got = got, context = context }, Expect)
end

function Expect:_fail(what, opts)
  local prefix = self.context and (self.context .. ": ") or ""
  error(failure(prefix .. what .. hint_suffix(opts)), 3)
end

function Expect:eq(want, opts)
  if self.got ~= want then
    self:_fail(("expected %s, got %s"):format(show(want), show(self.got)), opts)
  end
  return self
end

function Expect:near(want, opts)
  opts = opts or {}
  local rtol, atol = opts.rtol or 1e-5, opts.atol or 1e-8
  local got = self.got
  if type(got) ~= "number" then
    self:_fail(("expected a number near %s, got %s"):format(show(want), show(got)), opts)
  end
  local ok = (got == want) or (got ~= got and want ~= want) or math.abs(got - want) <= atol + rtol * math.abs(want)
  if not ok then
    self:_fail(("expected %s (within rtol %g, atol %g), got %s"):format(show(want), rtol, atol, show(got)), opts)
  end
  return self
end

function Expect:ulp(want, max_ulp, kind, opts)
  local d = kd.ulp(self.got, want, kind or "f64")
  if d > (max_ulp or 0) then
    self:_fail(("expected %s, got %s (%g ulp apart, at most %d allowed)"):format(show(want), show(self.got), d, max_ulp or 0), opts)
  end
  return self
end

function Expect:is_true(opts)
  if not self.got then self:_fail("expected true, got " .. show(self.got), opts) end
  return self
end

function Expect:is_false(opts)
  if self.got then self:_fail("expected false, got " .. show(self.got), opts) end
  return self
end

-- expect.buffer(got, want, {rtol=, atol=, what="out", hint=}) compares element by element and
-- names the first difference in C terms: out[17].
local function expect_buffer(got, want, opts)
  opts = opts or {}
  local index, g, w, count = kd.compare(got, want, opts.rtol or 0, opts.atol or 0)
  if index then
    local name = opts.what or got:name()
    local tol = (opts.rtol or opts.atol) and (" (rtol %g, atol %g)"):format(opts.rtol or 0, opts.atol or 0) or ""
    error(failure(("%s[%d]: expected %s, got %s%s; %d of %d elements differ%s"):format(
      name, index, show(w), show(g), tol, count, #got, hint_suffix(opts))), 2)
  end
end

local expect_mt = { __call = function(_, got, context) return expect(got, context) end }
local expect_api = setmetatable({ buffer = expect_buffer }, expect_mt)

---------------------------------------------------------------- buffers and generators

local kinds = { "f32", "f64", "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "char", "bool" }

local buf = {}
for _, kind in ipairs(kinds) do
  buf[kind] = function(x, opts)
    if type(x) == "table" then
      local b = kd.buffer(kind, #x, opts)
      if #x > 0 then b:set(x) end
      return b
    end
    return kd.buffer(kind, x, opts)
  end
end
-- buf.str("text") is a NUL-terminated char buffer.
function buf.str(s, opts)
  local b = kd.buffer("char", #s + 1, opts)
  return b:set_string(s)
end

local current_test = 0
local seed_counter = 0
local infos = {}

-- info(text): shown with the current test whether it passes or fails (measurements, charts).
local function info(text)
  infos[#infos + 1] = tostring(text)
end

local function derived_seed()
  seed_counter = seed_counter + 1
  return (kd.seed * 1000003 + current_test * 7919 + seed_counter) % 9007199254740991
end

local gen = { seed = derived_seed }
for _, kind in ipairs(kinds) do
  gen[kind] = function(n, opts)
    opts = opts or {}
    local b = kd.buffer(kind, n, opts)
    return b:random(opts.seed or derived_seed(), opts.lo, opts.hi)
  end
end
function gen.int(lo, hi) return math.random(lo, hi) end
function gen.float(lo, hi) return lo + (hi - lo) * math.random() end

---------------------------------------------------------------- learner and reference

local function side(name)
  return { fn = function(decl) return kd.fn(name, decl) end }
end

---------------------------------------------------------------- timing

local bench = {}

local function median(xs)
  local s = {}
  for i, x in ipairs(xs) do s[i] = x end
  table.sort(s)
  local n = #s
  if n % 2 == 1 then return s[(n + 1) // 2] end
  return (s[n // 2] + s[n // 2 + 1]) / 2
end
bench.median = median

local function timed(f, ctx)
  local t0 = kd.clock()
  local r = f(ctx)
  return kd.clock() - t0, r
end

-- bench.compare(bar, spec) times spec.learner against spec.against, side by side:
--   spec.inputs(rep) -> ctx   fresh inputs for every repetition (nothing can be memoised)
--   spec.learner(ctx), spec.against(ctx) -> result   what is timed
--   spec.check(got, want, ctx)   every timed output is checked (raise with expect/fail)
--   spec.reps (default 9), spec.warmup (default 1)
-- The two sides alternate which goes first; the verdict is median(learner) / median(against)
-- compared with lesson.bars[bar].max_ratio.
-- Under `kdojo check --sanitize` instrumented code is several times slower: each side runs once,
-- its output is still checked, and the bar is not judged (nor reported as a timing).
function bench.compare(bar_name, spec)
  local bar = kd.lesson.bars[bar_name]
  if not bar then error(("bench.compare: lesson.lua has no bar named '%s'"):format(bar_name), 2) end
  local reps, warmup = spec.reps or 9, spec.warmup or 1
  if kd.quick_timing then reps, warmup = 1, 0 end -- kdojo verify's mutants: outputs checked, time not
  if kd.sanitize then
    local ctx = spec.inputs and spec.inputs(1) or 1
    local got, want = spec.learner(ctx), spec.against(ctx)
    if spec.check then spec.check(got, want, ctx) end
    info(("speed bar '%s' not judged under --sanitize=%s (instrumented code runs slower)"):format(bar_name, kd.sanitize))
    return 1, 0, 0
  end
  local timed = spec.timer or timed -- timer(f, ctx) -> seconds, result: cuda.bench times on the GPU
  local tl, ta = {}, {}
  -- kdojo holds a machine-wide timing lock for the whole check of a lesson with bars.
  for rep = 1, warmup + reps do
    local ctx = spec.inputs and spec.inputs(rep) or rep
    local dl, da, got, want
    if rep % 2 == 1 then
      dl, got = timed(spec.learner, ctx)
      da, want = timed(spec.against, ctx)
    else
      da, want = timed(spec.against, ctx)
      dl, got = timed(spec.learner, ctx)
    end
    if spec.check then spec.check(got, want, ctx) end
    if rep > warmup then tl[#tl + 1], ta[#ta + 1] = dl, da end
  end
  local ml, ma = median(tl), median(ta)
  local ratio = ml / math.max(ma, 1e-12)
  local pass = ratio <= bar.max_ratio
  kd.report("timing", current_test - 1, bar_name, ml, ma, ratio, bar.max_ratio, reps, pass and 1 or 0, bar.against)
  if not pass then
    fail(("too slow: %.2fx the time of the %s (median of %d runs: %.3g ms vs %.3g ms); the bar is %.2fx"):format(
      ratio, bar.against, reps, ml * 1e3, ma * 1e3, bar.max_ratio), spec)
  end
  return ratio, ml, ma
end

---------------------------------------------------------------- running

local function first_line(s)
  return (tostring(s):match("^[^\n]*"))
end

local function grader_error(e)
  if type(e) == "table" then return e end
  return kd.traceback(tostring(e))
end

-- thousands(1234567) -> "1,234,567": counts in messages, readable at a glance.
local function thousands(n)
  local s = tostring(n)
  local out = s:reverse():gsub("(%d%d%d)", "%1,"):reverse()
  return (out:gsub("^(-?),", "%1"))
end

function K.run(source, chunkname)
  local tests = {}
  local env = setmetatable({
    test = function(name, fn)
      if type(name) ~= "string" or type(fn) ~= "function" then
        error("test(name, function) expects a name and a function", 2)
      end
      tests[#tests + 1] = { name = name, fn = fn }
    end,
    learner = side("learner"),
    reference = side("reference"),
    buf = buf,
    gen = gen,
    expect = expect_api,
    fail = fail,
    info = info,
    bench = bench,
    lesson = kd.lesson,
    seed = kd.seed,
    show = show,
    thousands = thousands,
    kd = kd,
  }, { __index = _G })

  local chunk, err = load(source, chunkname, "t", env)
  local ok = chunk ~= nil
  if ok then ok, err = xpcall(chunk, grader_error) end
  if not ok then
    local msg = type(err) == "table" and err.message or tostring(err)
    kd.report("plan", 1, "(loading grade.lua)")
    kd.report("begin", 0, "(loading grade.lua)")
    kd.report("end", 0, "error", first_line(msg), msg)
    kd.report("done", 1)
    return
  end

  if kd.only_test then
    local only = {}
    for _, t in ipairs(tests) do
      if t.name == kd.only_test then only[1] = t end
    end
    if #only == 0 then
      local names = {}
      for i, t in ipairs(tests) do names[i] = "'" .. t.name .. "'" end
      kd.report("plan", 1, kd.only_test)
      kd.report("begin", 0, kd.only_test)
      kd.report("end", 0, "fail", ("this lesson has no test named '%s'; its tests are %s"):format(
        kd.only_test, table.concat(names, ", ")), "")
      kd.report("done", 1)
      return
    end
    tests = only
  end

  local names = {}
  for i, t in ipairs(tests) do names[i] = (t.name:gsub("[\r\n]", " ")) end
  kd.report("plan", #tests, table.concat(names, "\n"))
  for i, t in ipairs(tests) do
    current_test, seed_counter, infos = i, 0, {}
    math.randomseed(kd.seed + i)
    kd.alloc_failure(true) -- a failed allocation is reported with the test that made it
    kd.report("begin", i - 1, t.name)
    local tok, terr = xpcall(t.fn, grader_error)
    local status, message, detail = "pass", "", ""
    if not tok then
      if type(terr) == "table" and terr.kdojo_failure then
        status, message, detail = "fail", tostring(terr.message), tostring(terr.detail or "")
      else
        local text = type(terr) == "table" and tostring(terr.message) or tostring(terr)
        status, message, detail = "error", first_line(text), text
      end
      local failed_alloc = kd.alloc_failure()
      if failed_alloc then
        message = message .. ("; note: an allocation of %d bytes failed (memory limit reached)"):format(failed_alloc)
      end
    end
    if #infos > 0 then
      local text = table.concat(infos, "\n")
      message = message ~= "" and (message .. "\n" .. text) or text
    end
    kd.flush_output()
    kd.report("end", i - 1, status, message, detail)
  end
  kd.report("done", #tests)
end

K.bench = bench
return K
