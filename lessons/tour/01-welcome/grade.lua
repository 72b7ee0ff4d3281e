local sum = learner.fn "long long sum(const int *a, int n)"

test("an empty array sums to 0", function()
  expect(sum(buf.i32(0), 0), "sum of {}"):eq(0)
end)

test("one element", function()
  expect(sum(buf.i32 { 7 }, 1), "sum of {7}"):eq(7)
end)

test("small array", function()
  expect(sum(buf.i32 { 1, 2, 3, 4 }, 4), "sum of {1, 2, 3, 4}"):eq(10)
end)

test("negative numbers", function()
  expect(sum(buf.i32 { -5, 3, -8 }, 3), "sum of {-5, 3, -8}"):eq(-10, { hint = 1 })
end)

test("uses exactly n elements", function()
  -- Only the first 3 of these 5 belong to the call: reading past n is a bug.
  local a = buf.i32 { 1, 1, 1, 100, 100 }
  expect(sum(a, 3), "sum of the first 3 of {1, 1, 1, 100, 100}"):eq(3, { hint = 1 })
end)

test("does not overflow an int", function()
  local n = 1000
  local a = buf.i32(n):fill(2000000000)
  expect(sum(a, n), "sum of 1000 copies of 2000000000"):eq(2000000000 * n, { hint = 2 })
end)

test("random arrays", function()
  for _ = 1, 20 do
    local n = gen.int(1, 5000)
    local a = gen.i32(n, { lo = -1000000, hi = 1000000 })
    expect(sum(a, n), ("sum of %d random ints"):format(n)):eq(a:sum())
  end
end)
