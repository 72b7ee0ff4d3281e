local build_cycle = learner.fn "void build_cycle(uint64_t *next, long n, long spacing, uint64_t seed)"
local chase_ns = learner.fn "double chase_ns(const uint64_t *next, long steps)"
local cycle_len = learner.fn "long harness_cycle_len(const uint64_t *next, long n, long spacing)"
local near = learner.fn "long harness_near(const uint64_t *next, long n, long spacing)"
local same = learner.fn "long harness_same(const uint64_t *a, const uint64_t *b, long n, long spacing)"
local grader_chase = learner.fn "double harness_chase_ns(const uint64_t *next, long steps)"

-- The learner's figure must be within a factor of FACTOR of the grader's, after ATOL ns of
-- slack for timer and loop overhead. Wide on purpose: on a loaded machine the same chase
-- measured twice in a row can differ by half; a broken measurement (a deleted loop, a
-- sequential cycle, microseconds for nanoseconds) is off by far more.
local FACTOR, ATOL = 2.0, 1.0

local function check_cycle(n, spacing, seed_value, what)
  local next = buf.u64(n * spacing, { name = "next" }):fill(0xdeadbeef)
  build_cycle(next, n, spacing, seed_value)
  local len = cycle_len(next, n, spacing)
  local where = ("%s (n = %d, spacing = %d)"):format(what, n, spacing)
  if len < 0 then
    local i = -1 - len
    fail(("%s: next[%d] = %d is not the index of a slot (a multiple of %d below %d)")
      :format(where, i, next[i], spacing, n * spacing), { hint = 2 })
  elseif len > n then
    fail(("%s: following next from element 0 never returns to 0: the slots do not form a permutation"):format(where), { hint = 2 })
  elseif len < n then
    fail(("%s: the cycle through slot 0 has only %d slots; it must visit all %d"):format(where, len, n), { hint = 2 })
  end
  return next
end

test("build_cycle: one cycle through every slot", function()
  for _, n in ipairs { 1, 2, 3, 4, 10, 17, 1000, 65537 } do
    check_cycle(n, 1, seed + n, "build_cycle")
    check_cycle(n, 8, seed + n, "build_cycle")
  end
  check_cycle(101, 3, seed, "build_cycle")
end)

test("build_cycle: the order is random", function()
  local n = 1 << 20
  local a = check_cycle(n, 1, seed, "build_cycle")
  local close = near(a, n, 1)
  if close > n // 100 then
    fail(("build_cycle (n = 2^20): %d of %d slots point within 2 slots of themselves; a random cycle has about 5. "
      .. "The prefetcher follows such a pattern, and the chase would measure bandwidth, not latency"):format(close, n), { hint = 1 })
  end
  local b = check_cycle(n, 1, seed + 1, "build_cycle with another seed")
  local s = same(a, b, n, 1)
  if s > n // 10 then
    fail(("build_cycle (n = 2^20): seeds %d and %d give the same successor in %d of %d slots; derive the order from the seed")
      :format(seed, seed + 1, s, n), { hint = 2 })
  end
end)

local sizes = {
  { label = "16 KiB", bytes = 16 << 10, steps = 10000000, where = "L1" },
  { label = "256 KiB", bytes = 256 << 10, steps = 5000000, where = "L2" },
  { label = "8 MiB", bytes = 8 << 20, steps = 400000, where = "L3" },
  { label = "512 MiB", bytes = 512 << 20, steps = 200000, where = "DRAM" },
}

test("latency at 16 KiB, 256 KiB, 8 MiB and 512 MiB", function()
  local rows, bad = {}, nil
  for _, s in ipairs(sizes) do
    local n = s.bytes // 64 -- one slot per 64-byte line
    local next = check_cycle(n, 8, seed + 7, "build_cycle")
    grader_chase(next, math.min(n, s.steps)) -- warm up: bring the array into the caches it fits in
    local mine, theirs = math.huge, math.huge
    for rep = 1, 5 do -- alternate, keep the best of each: the least disturbed run
      local m, t, wall
      local function mine_timed()
        local t0 = kd.clock()
        m = chase_ns(next, s.steps)
        wall = (kd.clock() - t0) * 1e9 / s.steps
      end
      if rep % 2 == 1 then mine_timed(); t = grader_chase(next, s.steps)
      else t = grader_chase(next, s.steps); mine_timed() end
      if m ~= m or m <= 0.05 then
        fail(("chase_ns at %s returned %g ns per load; did the compiler remove a loop whose result is never used?")
          :format(s.label, m), { hint = 3 })
      end
      if wall < m / FACTOR - ATOL then
        fail(("chase_ns at %s reported %.2f ns per load, but the whole call took only %.2f ns per step: it cannot have done %d loads")
          :format(s.label, m, wall, s.steps), { hint = 3 })
      end
      mine, theirs = math.min(mine, m), math.min(theirs, t)
    end
    rows[#rows + 1] = ("  %-8s (%-4s)  yours %7.2f ns   grader %7.2f ns"):format(s.label, s.where, mine, theirs)
    if not bad and (mine + ATOL < theirs / FACTOR or mine - ATOL > theirs * FACTOR) then
      bad = ("at %s your chase_ns measured %.2f ns per load and the grader %.2f ns; they must agree within a factor of %g (plus %g ns)")
        :format(s.label, mine, theirs, FACTOR, ATOL)
    end
    next:free()
  end
  info("latency of one dependent load, one 64-byte line per slot (best of 5 each):")
  for _, r in ipairs(rows) do info(r) end
  if bad then fail(bad, { hint = 3 }) end
end)
