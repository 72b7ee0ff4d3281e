local stride_sum = learner.fn "long long stride_sum(const int *a, long n, long stride)"
local lines_touched = learner.fn "long lines_touched(long n, long stride)"
local plain_sum = learner.fn "long long harness_stride_sum(const int *a, long n, long stride)"
local count_lines = learner.fn "long harness_lines(long n, long stride)"

local function check_sum(a, n, stride, what, opts)
  expect(stride_sum(a, n, stride), ("stride_sum of %s (n = %d, stride = %d)"):format(what, n, stride))
    :eq(plain_sum(a, n, stride), opts)
end

-- Distinct lines touched, counted the slow way.
local function brute_lines(n, stride)
  local seen, count = {}, 0
  for i = 0, n - 1, stride do
    local line = i // 16
    if not seen[line] then seen[line], count = true, count + 1 end
  end
  return count
end

test("stride_sum: n = 0 and n = 1", function()
  expect(stride_sum(buf.i32(0, { name = "a" }), 0, 4), "stride_sum of no ints"):eq(0)
  expect(stride_sum(buf.i32({ -42 }, { name = "a" }), 1, 4), "stride_sum of {-42}, stride 4"):eq(-42)
end)
test("stride_sum: stride 1 reads everything", function()
  check_sum(buf.i32({ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, { name = "a" }), 10, 1, "{1, ..., 10}")
end)
test("stride_sum: the last index read is the last below n", function()
  local a = buf.i32({ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, { name = "a" })
  check_sum(a, 10, 3, "{1, ..., 10}") -- a[0] + a[3] + a[6] + a[9]
  check_sum(a, 9, 3, "the first 9 of {1, ..., 10}")
  check_sum(a, 10, 9, "{1, ..., 10}")
  check_sum(a, 10, 10, "{1, ..., 10}")
  check_sum(a, 10, 1000, "{1, ..., 10}")
end)
test("stride_sum: totals beyond the range of int", function()
  local a = buf.i32(1000, { name = "a" }):fill(2000000000)
  check_sum(a, 1000, 7, "ints all 2e9")
  a:fill(-2147483648)
  check_sum(a, 1000, 1, "ints all -2^31")
end)
test("stride_sum: random arrays and strides", function()
  for _ = 1, 20 do
    local n = gen.int(1, 50000)
    local a = gen.i32(n, { lo = -1000000, hi = 1000000, name = "a" })
    check_sum(a, n, gen.int(1, 300), "random ints")
  end
end)

test("lines_touched: small cases against a count of every read", function()
  for _, n in ipairs { 0, 1, 2, 15, 16, 17, 31, 32, 33, 47, 100, 1000, 4097 } do
    for _, stride in ipairs { 1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 20, 31, 32, 33, 40, 63, 64, 65, 1000 } do
      expect(lines_touched(n, stride), ("lines_touched(%d, %d)"):format(n, stride)):eq(brute_lines(n, stride), { hint = 2 })
    end
  end
end)
test("lines_touched: every stride from 1 to 40 on sizes near a line boundary", function()
  for n = 1, 100 do
    for stride = 1, 40 do
      expect(lines_touched(n, stride), ("lines_touched(%d, %d)"):format(n, stride)):eq(brute_lines(n, stride), { hint = 3 })
    end
  end
end)
test("lines_touched: 2^27 ints", function()
  local n = 1 << 27
  for _, stride in ipairs { 1, 3, 7, 15, 16, 17, 100, 1024, 99991 } do
    expect(lines_touched(n, stride), ("lines_touched(2^27, %d)"):format(stride)):eq(count_lines(n, stride), { hint = 2 })
  end
end)

-- The sweep: the same 512 MiB array read at growing strides. The time tracks the lines.
test("the stride sweep on 512 MiB", function()
  local n = 128 * 1024 * 1024
  local a = buf.i32(n, { name = "a" }):random(seed, -1000, 1000)
  local rows, worst = {}, 0
  for _, stride in ipairs { 1, 2, 4, 8, 16, 32, 64, 128, 256 } do
    local want = plain_sum(a, n, stride)
    local times = {}
    for rep = 1, 3 do
      local t0 = kd.clock()
      local got = stride_sum(a, n, stride)
      times[rep] = kd.clock() - t0
      expect(got, ("stride_sum of 512 MiB of random ints, stride %d"):format(stride)):eq(want)
    end
    local t = bench.median(times)
    local lines = lines_touched(n, stride)
    rows[#rows + 1] = { stride = stride, reads = (n - 1) // stride + 1, lines = lines, t = t }
    if t > worst then worst = t end
  end
  info("stride sweep, 512 MiB of ints (median of 3 each):")
  info("  stride       reads        lines      time  ns/line")
  for _, r in ipairs(rows) do
    info(("  %6d  %10d  %11d  %6.1f ms  %5.2f  %s"):format(r.stride, r.reads, r.lines, r.t * 1e3,
      r.t * 1e9 / r.lines, string.rep("#", math.max(1, math.floor(30 * r.t / worst + 0.5)))))
  end
end)
