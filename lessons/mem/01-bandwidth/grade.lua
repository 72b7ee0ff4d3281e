local sum_bytes = learner.fn "uint64_t sum_bytes(const uint8_t *a, long n)"
local memcpy_pass = learner.fn "int harness_memcpy_pass(const uint8_t *a, long n)"
local plain_sum = learner.fn "uint64_t harness_sum(const uint8_t *a, long n)"

local function check(a, n, what, opts)
  expect(sum_bytes(a, n), ("sum of %s (n = %d)"):format(what, n)):eq(plain_sum(a, n), opts)
end

test("n = 0", function() expect(sum_bytes(buf.u8(0, { name = "a" }), 0), "sum of no bytes"):eq(0) end)
test("a few bytes", function() check(buf.u8({ 1, 2, 3, 250, 255 }, { name = "a" }), 5, "{1, 2, 3, 250, 255}") end)
test("all 0xff: no byte is taken as negative, no lane overflows", function()
  for _, n in ipairs { 8, 1000, 4096, 100003 } do
    check(buf.u8(n, { name = "a" }):fill(255), n, "bytes all 255", { hint = 3 })
  end
end)
test("every length from 1 to 40", function()
  local a = gen.u8(40, { name = "a" })
  for n = 1, 40 do check(a, n, "the first n random bytes", { hint = 3 }) end
end)
test("start not on an 8-byte boundary", function()
  local a = gen.u8(5000, { name = "a" })
  for off = 1, 7 do
    local got = sum_bytes(a:ptr(off), 4999 - off)
    expect(got, ("sum of %d bytes starting at a + %d"):format(4999 - off, off)):eq(plain_sum(a:ptr(off), 4999 - off), { hint = 3 })
  end
end)
test("random lengths", function()
  for _ = 1, 10 do
    local n = gen.int(1, 300000)
    check(gen.u8(n, { name = "a" }), n, "random bytes")
  end
end)

local function gbps(bytes, seconds) return bytes / seconds / 1e9 end

test("speed: 1 GiB", function()
  local n = 1 << 30
  local a = gen.u8(n, { name = "a" })
  local want = plain_sum(a, n)
  local got
  local tl, tm = {}, {}
  local ok, err = pcall(bench.compare, "sum", {
    reps = 5,
    inputs = function(rep)
      -- change a few bytes so that no two repetitions sum the same data
      for _ = 1, 64 do
        local p = math.random(0, n - 1)
        local v = math.random(0, 255)
        want = want - a[p] + v
        a[p] = v
      end
    end,
    learner = function()
      local t0 = kd.clock()
      got = sum_bytes(a, n)
      tl[#tl + 1] = kd.clock() - t0
    end,
    against = function()
      local t0 = kd.clock()
      memcpy_pass(a, n)
      tm[#tm + 1] = kd.clock() - t0
    end,
    check = function() expect(got, "sum of 1 GiB of random bytes"):eq(want) end,
  })
  local too_slow = not ok and type(err) == "table" and tostring(err.message):match("^too slow")
  if not ok and not too_slow then error(err, 0) end
  table.remove(tl, 1) -- the warm-up repetition
  table.remove(tm, 1)
  local ml, mm = bench.median(tl), bench.median(tm)
  kd.report("note", ("bandwidth on this machine, 1 GiB, median of %d: your sum_bytes %.1f GB/s; memcpy %.1f GB/s (%.0f%% of it)")
    :format(#tl, gbps(n, ml), gbps(n, mm), 100 * mm / ml))
  if not ok then error(err, 0) end
end)
