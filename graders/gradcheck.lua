-- gradcheck.lua: numerical checks for the deep-learning lessons.
--
--   local gradcheck = require "gradcheck"
--
-- Two tools:
--
-- gradcheck.forward(got, want, opts)
--   Compares a learner's forward result with a reference computed independently (in Lua,
--   in double precision, or by a double-precision C reference in harness.c). Every element
--   must satisfy |got - want| <= atol + rtol * scale, where scale is |want| by default, or a
--   per-element magnitude given in opts.scale (for a dot product, sum |x_k w_k| is the honest
--   scale: float rounding error grows with it, not with the result). On failure the WORST
--   element is reported, with its index in C terms (out[2][5] when opts.shape = {rows, cols}),
--   expected, got, the error and the tolerance, and how many elements are out of tolerance.
--     opts: rtol (1e-5), atol (1e-7), scale (buffer or 0-based table), shape, what, hint,
--           context (a line saying what input was given)
--
-- gradcheck.check(spec)
--   Checks analytic gradients (the learner's backward pass) against central finite
--   differences computed in double precision:
--     numeric_i = (L(p + h e_i) - L(p - h e_i)) / (2h),   h = eps * max(1, |p_i|)
--   spec.params   list of { name = "w", value = <buffer>, grad = <buffer>, shape = {r, c} }
--                 value: where the gradient is taken (any float buffer; read as doubles)
--                 grad:  the learner's analytic gradient of the loss for that parameter
--                 (grad = false: an input of the loss that is not differentiated or checked)
--   spec.loss(p)  the scalar loss in double precision; p.<name> holds the parameter values
--                 (0-based Lua tables by default; f64 buffers with spec.buffers = true, so a
--                 C reference in harness.c can compute the loss)
--   spec.eps (1e-6), spec.rtol (1e-3), spec.floor (1e-3), spec.atol (0), spec.what, spec.hint
--   An element passes when |a - n| / max(|a|, |n|, floor * G, atol / rtol) <= rtol, where G
--   is the largest |numeric gradient| over all the checked parameters
--   (so an absolute error below atol always passes: for gradients that are 0 in exact
--   arithmetic, which float arithmetic can only approximate to its rounding noise).
--   The floor keeps elements whose true gradient is ~0 from demanding impossible relative
--   accuracy from float arithmetic.
--   Returns the numeric gradients (name -> 0-based table) for further use.
--
-- Failures are raised as kdojo test failures (not grader errors).

local kd = kd
local M = {}

local function failure(message, level)
  error({ kdojo_failure = true, message = message }, level or 3)
end

local function hint_suffix(hint)
  if hint then return (" (hint %d may help: press h, or run kdojo hint)"):format(hint) end
  return ""
end

local function fmt(v)
  if v ~= v then return "nan" end
  if v == math.huge then return "inf" end
  if v == -math.huge then return "-inf" end
  return ("%.9g"):format(v)
end
M.fmt = fmt

local function is_buffer(x)
  return type(x) == "userdata"
end

local function len(x)
  if is_buffer(x) then return #x end
  if x[0] ~= nil then return #x + 1 end
  return #x
end

-- Element i (0-based) of a buffer or a 0-based table.
local function at(x, i)
  return x[i]
end

-- "w[1][3]" for flat index 4 of a 3 x 2 ... shape; "w[4]" without a shape.
local function index_name(name, i, shape)
  if not shape or #shape <= 1 then return ("%s[%d]"):format(name, i) end
  local parts, rem = {}, i
  for d = #shape, 1, -1 do
    parts[d] = rem % shape[d]
    rem = rem // shape[d]
  end
  local s = name
  for d = 1, #shape do s = s .. ("[%d]"):format(parts[d]) end
  return s
end
M.index_name = index_name

-- A 0-based Lua table of doubles from a buffer, a 0-based table or a 1-based list.
function M.totable(x)
  local t = {}
  if is_buffer(x) then
    for i = 0, #x - 1 do t[i] = x[i] end
  elseif x[0] ~= nil then
    for i = 0, #x do t[i] = x[i] end
  else
    for i = 1, #x do t[i - 1] = x[i] end
  end
  return t
end

-- An f64 buffer holding the same values.
function M.f64(x, name)
  local n = len(x)
  local b = kd.buffer("f64", n, { name = name or "reference" })
  local zero_based = is_buffer(x) or x[0] ~= nil
  for i = 0, n - 1 do b[i] = zero_based and x[i] or x[i + 1] end
  return b
end

---------------------------------------------------------------- forward results

function M.forward(got, want, opts)
  opts = opts or {}
  local rtol, atol = opts.rtol or 1e-5, opts.atol or 1e-7
  local name = opts.what or (is_buffer(got) and got:name()) or "out"
  local n = len(got)
  if len(want) ~= n then
    error(("gradcheck.forward: %s has %d elements, the reference %d"):format(name, n, len(want)), 2)
  end
  local worst, worst_ratio, bad = nil, 0, 0
  local max_err = 0
  for i = 0, n - 1 do
    local g, w = at(got, i), at(want, i)
    local ratio
    if w ~= w then
      ratio = (g ~= g) and 0 or math.huge
    elseif g ~= g then
      ratio = math.huge
    elseif w == math.huge or w == -math.huge then
      ratio = (g == w) and 0 or math.huge
    else
      local err = math.abs(g - w)
      if err ~= err then err = math.huge end
      local scale = opts.scale and math.abs(at(opts.scale, i)) or math.abs(w)
      local tol = atol + rtol * scale
      ratio = err / tol
      if err > max_err then max_err = err end
    end
    if ratio > 1 then bad = bad + 1 end
    -- Among equally bad elements (all NaN, say) show the one with the largest expected value.
    if ratio > worst_ratio or (ratio > 1 and ratio == worst_ratio and math.abs(w) > math.abs(at(want, worst))) then
      worst, worst_ratio = i, ratio
    end
  end
  if bad == 0 then return true end
  local g, w = at(got, worst), at(want, worst)
  local scale = opts.scale and math.abs(at(opts.scale, worst)) or math.abs(w)
  local tol = atol + rtol * scale
  local scale_text = opts.scale and (" * %.3g (this element's scale)"):format(scale) or " * |expected|"
  local prefix = opts.context and (opts.context .. ": ") or ""
  local msg = ("%s%s: expected %s, got %s (error %.3g, allowed %g + %g%s = %.3g); %d of %d elements out of tolerance, the worst shown%s"):format(
    prefix, index_name(name, worst, opts.shape), fmt(w), fmt(g), math.abs(g - w), atol, rtol, scale_text, tol,
    bad, n, hint_suffix(opts.hint))
  failure(msg)
end

---------------------------------------------------------------- gradients

local function clone_params(params, as_buffers)
  local p = {}
  for _, prm in ipairs(params) do
    if as_buffers then
      p[prm.name] = M.f64(prm.value, prm.name)
    else
      p[prm.name] = M.totable(prm.value)
    end
  end
  return p
end

function M.numeric(spec)
  local eps = spec.eps or 1e-6
  local p = clone_params(spec.params, spec.buffers)
  local out = {}
  for _, prm in ipairs(spec.params) do
    if prm.grad ~= false then
      local v = p[prm.name]
      local n = len(prm.value)
      local g = {}
      for i = 0, n - 1 do
        local x0 = v[i]
        local h = eps * math.max(1, math.abs(x0))
        v[i] = x0 + h
        local lp = spec.loss(p)
        v[i] = x0 - h
        local lm = spec.loss(p)
        v[i] = x0
        -- (x0 + h) - (x0 - h) is not exactly 2h in floating point; divide by what was used.
        g[i] = (lp - lm) / ((x0 + h) - (x0 - h))
      end
      out[prm.name] = g
    end
  end
  return out
end

function M.check(spec)
  local rtol, floor = spec.rtol or 1e-3, spec.floor or 1e-3
  local numeric = M.numeric(spec)
  local worst, bad_of = nil, {}
  -- The floor is relative to the largest numeric gradient of ANY checked parameter: float
  -- rounding in a backward pass is proportional to the gradients' overall size, so a
  -- parameter whose exact gradient is nearly 0 (a saturated softmax, a row of two values
  -- after normalisation) is held to that absolute level, not to an impossible relative one.
  local big = 0
  for _, prm in ipairs(spec.params) do
    if prm.grad then
      local num = numeric[prm.name]
      for i = 0, len(prm.value) - 1 do big = math.max(big, math.abs(num[i])) end
    end
  end
  for _, prm in ipairs(spec.params) do
    if prm.grad then
      local num = numeric[prm.name]
      local n = len(prm.value)
      if len(prm.grad) ~= n then
        error(("gradcheck.check: gradient of %s has %d elements, the parameter %d"):format(prm.name, len(prm.grad), n), 2)
      end
      local lo = math.max(floor * big, (spec.atol or 0) / rtol, 1e-12)
      local bad = 0
      for i = 0, n - 1 do
        local a, nu = at(prm.grad, i), num[i]
        local rel
        if a ~= a or a == math.huge or a == -math.huge then
          rel = math.huge
        else
          rel = math.abs(a - nu) / math.max(math.abs(a), math.abs(nu), lo)
        end
        if rel > rtol then bad = bad + 1 end
        if not worst or rel > worst.rel then
          worst = { prm = prm, i = i, a = a, n = nu, rel = rel }
        end
      end
      bad_of[prm] = bad
    end
  end
  if worst and worst.rel > rtol then
    local gname = "d" .. worst.prm.name
    local prefix = spec.what and (spec.what .. ": ") or ""
    local bad_text = (" (%d of %d elements of %s fail)"):format(bad_of[worst.prm], len(worst.prm.value), gname)
    failure(("%sgradient check failed at %s: analytic %s, numeric %s (central difference in double), relative error %s > %g%s%s"):format(
      prefix, index_name(gname, worst.i, worst.prm.shape), fmt(worst.a), fmt(worst.n), fmt(worst.rel), rtol, bad_text,
      hint_suffix(spec.hint)))
  end
  return numeric
end

---------------------------------------------------------------- small helpers for graders

-- A seeded f32 buffer from a generator function f(i) -> value.
function M.filled(kind, n, f, name)
  local b = kd.buffer(kind, n, { name = name })
  for i = 0, n - 1 do b[i] = f(i) end
  return b
end

-- A scalar loss that exercises every output: sum_i w_i * y_i for fixed random weights w.
-- Using random upstream gradients (instead of sum(y)) makes a transposed or permuted
-- gradient visible. Returns the weights as a 0-based table.
function M.upstream(n, rng)
  local w = {}
  for i = 0, n - 1 do w[i] = rng and rng() or (math.random() * 2 - 1) end
  return w
end

function M.dot(y, w, n)
  local s = 0.0
  for i = 0, n - 1 do s = s + y[i] * w[i] end
  return s
end

return M
