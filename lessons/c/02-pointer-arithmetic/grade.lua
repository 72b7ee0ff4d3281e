local find_last = learner.fn "int *find_last(int *begin, int *end, int value)"
local reverse_range = learner.fn "void reverse_range(int *begin, int *end)"
local sum_strided = learner.fn "long long sum_strided(const int *p, long n, long stride)"
local index_of = learner.fn "long harness_index(const int *base, const int *p)"

local function list(t)
  if #t > 12 then return ("%d ints"):format(#t) end
  local s = {}
  for i, v in ipairs(t) do s[i] = tostring(v) end
  return "{" .. table.concat(s, ", ") .. "}"
end

---------------------------------------------------------------- find_last

-- a is the whole buffer; the range is [first, last) in element indices.
local function check_find(values, first, last, value, hint)
  local a = buf.i32(values, { name = "a", align = 4 })
  local want
  for k = last - 1, first, -1 do
    if values[k + 1] == value then want = k; break end
  end
  want = want or last
  local got = find_last(a:ptr(first), a:ptr(last), value)
  local call = ("find_last(&a[%d], &a[%d], %d) on a = %s"):format(first, last, value, list(values))
  if got == nil then fail(call .. (": expected &a[%d], got NULL"):format(want), { hint = hint }) end
  local k = index_of(a, got)
  if k ~= want then
    local what = want == last and (" (end: %d is not in the range)"):format(value) or ""
    fail(call .. (": expected &a[%d]%s, got &a[%d]"):format(want, what, k), { hint = hint })
  end
end

test("find_last: the only match", function() check_find({ 4, 8, 15, 16 }, 0, 4, 15, 1) end)
test("find_last: the last of several matches", function() check_find({ 7, 1, 7, 2, 7, 3 }, 0, 6, 7, 1) end)
test("find_last: a match in the first element", function() check_find({ 9, 1, 2, 3 }, 0, 4, 9, 1) end)
test("find_last: a match in the last element", function() check_find({ 1, 2, 3, 9 }, 0, 4, 9, 1) end)
test("find_last: no match returns end", function() check_find({ 1, 2, 3, 4, 5 }, 0, 5, 6, 1) end)
test("find_last: an empty range returns end", function()
  -- begin == end == one past the last element of a: nothing may be read.
  check_find({ 5, 5, 5 }, 3, 3, 5, 1)
end)
test("find_last: only [begin, end) is searched", function()
  -- Matches outside the range, on both sides, must be ignored.
  check_find({ 3, 1, 2, 1, 3 }, 1, 4, 3, 1)
  check_find({ 3, 1, 3, 1, 3 }, 1, 4, 3, 1)
end)
test("find_last: random ranges", function()
  for _ = 1, 30 do
    local n = gen.int(1, 200)
    local t = gen.i32(n, { lo = 0, hi = 9 }):totable()
    local first = gen.int(0, n)
    check_find(t, first, gen.int(first, n), gen.int(0, 10), 1)
  end
end)

---------------------------------------------------------------- reverse_range

local function check_reverse(values, first, last)
  local a = buf.i32(values, { name = "a", align = 4 })
  reverse_range(a:ptr(first), a:ptr(last))
  local want = buf.i32(#values, { name = "expected" })
  for k = 0, #values - 1 do
    local src = (k >= first and k < last) and (first + last - 1 - k) or k
    want[k] = values[src + 1]
  end
  expect.buffer(a, want, { what = ("after reverse_range(&a[%d], &a[%d]) on a = %s: a"):format(first, last, list(values)), hint = 2 })
end

test("reverse_range: an empty range", function()
  check_reverse({ 1, 2, 3 }, 0, 0); check_reverse({ 1, 2, 3 }, 3, 3)
end)
test("reverse_range: one element", function() check_reverse({ 42 }, 0, 1) end)
test("reverse_range: two elements", function() check_reverse({ 1, 2 }, 0, 2) end)
test("reverse_range: an odd count", function() check_reverse({ 1, 2, 3, 4, 5, 6, 7 }, 0, 7) end)
test("reverse_range: an even count", function() check_reverse({ 1, 2, 3, 4, 5, 6 }, 0, 6) end)
test("reverse_range: the middle of an array", function() check_reverse({ 1, 2, 3, 4, 5, 6, 7, 8 }, 2, 7) end)
test("reverse_range: random lengths", function()
  for _ = 1, 20 do
    local n = gen.int(0, 1000)
    check_reverse(gen.i32(n, { lo = -1000, hi = 1000 }):totable(), 0, n)
  end
  check_reverse(gen.i32(997, { lo = -1000, hi = 1000 }):totable(), 0, 997)
end)

---------------------------------------------------------------- sum_strided

-- The buffer holds exactly the elements the call may touch: the first element the walk
-- reads is at `start`, the furthest is at an end of the buffer.
local function check_strided(n, stride, opts)
  opts = opts or {}
  local span = n == 0 and 0 or (n - 1) * math.abs(stride) + 1
  local a = gen.i32(math.max(span, 1), { lo = opts.lo or -1000, hi = opts.hi or 1000, name = "a", align = 4 })
  local start = stride < 0 and span - 1 or 0
  if n == 0 then start = 0 end
  local want = 0
  for k = 0, n - 1 do want = want + a[start + k * stride] end
  local got = sum_strided(a:ptr(start), n, stride)
  expect(got, ("sum_strided(&a[%d], n = %d, stride = %d) with a of %d int%s"):format(start, n, stride, #a, #a == 1 and "" or "s")):eq(want, { hint = 3 })
end

test("sum_strided: stride 1", function() check_strided(10, 1) end)
test("sum_strided: n = 0 and n = 1", function() check_strided(0, 1); check_strided(0, 5); check_strided(1, 1); check_strided(1, 7) end)
test("sum_strided: stride 3, and a prime stride", function() check_strided(10, 3); check_strided(31, 13) end)
test("sum_strided: negative strides walk backward", function() check_strided(10, -1); check_strided(17, -4) end)
test("sum_strided: stride 0 adds the same element n times", function() check_strided(5, 0) end)
test("sum_strided: the total overflows an int", function()
  check_strided(1000, 2, { lo = 2000000000, hi = 2147483647 })
end)
