local swap = learner.fn "void swap(int *a, int *b)"
local swap_bytes = learner.fn "void swap_bytes(void *a, void *b, size_t size)"
local minmax = learner.fn "void minmax(const int *a, int n, int *lo, int *hi)"

local INT_MAX, INT_MIN = 2147483647, -2147483648

local function list(t)
  local s = {}
  for i, v in ipairs(t) do s[i] = tostring(v) end
  return "{" .. table.concat(s, ", ") .. "}"
end

---------------------------------------------------------------- swap

local function check_swap(xv, yv)
  local x, y = buf.i32({ xv }, { name = "x", align = 4 }), buf.i32({ yv }, { name = "y", align = 4 })
  swap(x, y)
  if x[0] ~= yv or y[0] ~= xv then
    fail(("swap(&x, &y) with x = %d, y = %d: expected x = %d, y = %d, got x = %d, y = %d"):format(
      xv, yv, yv, xv, x[0], y[0]), { hint = 1 })
  end
end

test("swap two ints", function() check_swap(3, 7) end)
test("swap negatives and the extremes", function()
  check_swap(-5, 12); check_swap(INT_MIN, INT_MAX); check_swap(0, -1)
end)
test("swap equal values", function() check_swap(42, 42) end)

test("swap an int with itself", function()
  -- swap(&x, &x) is legal and must leave x alone; the XOR trick turns x into 0.
  local x = buf.i32({ 1234 }, { name = "x", align = 4 })
  swap(x, x)
  expect(x[0], "swap(&x, &x) with x = 1234 (both pointers to the same int), then x"):eq(1234)
end)

test("swap two elements of an array, touching no others", function()
  local a = buf.i32({ 10, 11, 12, 13, 14 }, { name = "a", align = 1 })
  swap(a:ptr(1), a:ptr(3))
  local want = buf.i32({ 10, 13, 12, 11, 14 })
  expect.buffer(a, want, { what = "a, after swap(&a[1], &a[3]) on {10, 11, 12, 13, 14}, then a", hint = 1 })
end)

---------------------------------------------------------------- swap_bytes

local function check_bytes(size, what)
  -- Each buffer is exactly size bytes, so touching byte size crashes and is reported.
  local a, b = gen.u8(size, { lo = 0, hi = 255, name = "a", align = 1 }), gen.u8(size, { lo = 0, hi = 255, name = "b", align = 1 })
  local a0, b0 = a:copy("old a"), b:copy("old b")
  swap_bytes(a, b, size)
  expect.buffer(a, b0, { what = ("a, after swap_bytes(a, b, %d) (%s): a"):format(size, what), hint = 2 })
  expect.buffer(b, a0, { what = ("b, after swap_bytes(a, b, %d) (%s): b"):format(size, what), hint = 2 })
end

test("swap_bytes of 0 bytes touches nothing", function()
  local a, b = buf.u8(0, { name = "a", align = 1 }), buf.u8(0, { name = "b", align = 1 })
  swap_bytes(a, b, 0)
end)
test("swap_bytes of 1 byte", function() check_bytes(1, "one byte") end)
test("swap_bytes of 4 and 8 bytes", function() check_bytes(4, "an int's size"); check_bytes(8, "a double's size") end)
test("swap_bytes of odd sizes", function()
  check_bytes(3, "three bytes"); check_bytes(13, "a prime"); check_bytes(1021, "a prime")
end)
test("swap_bytes of 100000 bytes", function() check_bytes(100000, "a large object") end)

test("swap_bytes of two doubles", function()
  local x, y = buf.f64({ 1.5 }, { name = "x", align = 8 }), buf.f64({ -2.25 }, { name = "y", align = 8 })
  swap_bytes(x, y, 8)
  if x[0] ~= -2.25 or y[0] ~= 1.5 then
    fail(("swap_bytes(&x, &y, sizeof(double)) with x = 1.5, y = -2.25: got x = %s, y = %s"):format(
      show(x[0]), show(y[0])), { hint = 2 })
  end
end)

test("swap_bytes of an object with itself", function()
  local a = gen.u8(16, { name = "a", align = 1 })
  local a0 = a:copy("old a")
  swap_bytes(a, a, 16)
  expect.buffer(a, a0, { what = "a, after swap_bytes(a, a, 16) (the same object twice): a" })
end)

test("swap_bytes inside one array, touching nothing else", function()
  local a = buf.u8({ 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { name = "a", align = 1 })
  swap_bytes(a:ptr(1), a:ptr(5), 3)
  expect.buffer(a, buf.u8({ 1, 6, 7, 8, 5, 2, 3, 4, 9 }),
    { what = "a, after swap_bytes(&a[1], &a[5], 3) on bytes {1, 2, ..., 9}: a", hint = 2 })
end)

---------------------------------------------------------------- minmax

local function check_minmax(values, what)
  local a = buf.i32(values, { name = "a", align = 1 })
  -- lo and hi hold garbage before the call, as uninitialised variables would.
  local lo, hi = buf.i32({ 123456 }, { name = "lo", align = 4 }), buf.i32({ -123456 }, { name = "hi", align = 4 })
  minmax(a, #values, lo, hi)
  local mn, mx = math.huge, -math.huge
  for _, v in ipairs(values) do mn, mx = math.min(mn, v), math.max(mx, v) end
  local shown = #values <= 8 and list(values) or what
  if lo[0] ~= mn or hi[0] ~= mx then
    fail(("minmax(%s, %d, &lo, &hi): expected lo = %d, hi = %d, got lo = %d, hi = %d"):format(
      shown, #values, mn, mx, lo[0], hi[0]), { hint = 3 })
  end
end

test("minmax of one element", function() check_minmax({ 7 }); check_minmax({ -7 }) end)
test("minmax of a few ints", function() check_minmax({ 4, 9, 1, 7 }) end)
test("minmax when every value is negative", function() check_minmax({ -8, -3, -12, -5 }) end)
test("minmax when every value is positive", function() check_minmax({ 8, 3, 12, 5 }) end)
test("minmax with the extremes at the ends", function()
  check_minmax({ 50, 20, 30, 10 }); check_minmax({ 10, 30, 20, 50 }); check_minmax({ INT_MIN, 0, INT_MAX })
  check_minmax({ INT_MAX, INT_MIN })
end)
test("minmax of random arrays", function()
  for _ = 1, 20 do
    local n = gen.int(1, 3000)
    local t = gen.i32(n, { lo = INT_MIN, hi = INT_MAX }):totable()
    check_minmax(t, ("%d random ints"):format(n))
  end
end)
