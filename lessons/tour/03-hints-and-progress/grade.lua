local midpoint = learner.fn "int midpoint(int a, int b)"

local INT_MAX, INT_MIN = 2147483647, -2147483648

-- The exact answer: Lua integers are 64-bit and // is floor division.
local function want(a, b) return (a + b) // 2 end

local function name(v)
  if v == INT_MAX then return "INT_MAX" end
  if v == INT_MIN then return "INT_MIN" end
  if v == INT_MAX - 1 then return "INT_MAX - 1" end
  if v == INT_MIN + 1 then return "INT_MIN + 1" end
  return tostring(v)
end

-- Which hint fits a wrong answer: off by one is rounding (hint 2); anything else where a
-- sum or difference leaves the int range is overflow (hint 1).
local function fits(v) return v >= INT_MIN and v <= INT_MAX end

local function hint_for(a, b, got)
  local w = want(a, b)
  if got == w + 1 or got == w - 1 then return 2 end
  if not (fits(a + b) and fits(b - a) and fits(a - b)) then return 1 end
  return nil
end

local function check(a, b)
  local got = midpoint(a, b)
  local w = want(a, b)
  if got ~= w then
    expect(got, ("midpoint(%s, %s)"):format(name(a), name(b))):eq(w, { hint = hint_for(a, b, got) })
  end
end

test("small positive numbers", function()
  check(2, 8); check(0, 0); check(7, 7); check(10, 4)
end)

test("an odd sum rounds down", function()
  check(1, 2); check(2, 1); check(0, 1); check(100, 201)
end)

test("negative numbers", function()
  check(-2, -8); check(-10, 4); check(-7, -7)
end)

test("a negative odd sum rounds down, not toward zero", function()
  check(-3, 0); check(0, -3); check(-1, -2); check(-5, 2); check(-1, 0)
end)

test("large values: the sum overflows an int", function()
  check(INT_MAX, INT_MAX); check(INT_MAX, INT_MAX - 1); check(INT_MAX - 1, INT_MAX)
  check(INT_MIN, INT_MIN); check(INT_MIN, INT_MIN + 1); check(INT_MIN + 1, INT_MIN)
end)

test("opposite extremes: the difference overflows an int", function()
  -- b - a overflows here, so a + (b - a) / 2 is not a way out.
  check(INT_MIN, INT_MAX); check(INT_MAX, INT_MIN); check(INT_MIN, 1); check(INT_MAX, -1)
  check(INT_MAX, INT_MIN + 1)
end)

test("random pairs", function()
  for _ = 1, 2000 do
    check(gen.int(INT_MIN, INT_MAX), gen.int(INT_MIN, INT_MAX))
  end
  for _ = 1, 500 do
    check(gen.int(-1000, 1000), gen.int(-1000, 1000))
  end
end)
