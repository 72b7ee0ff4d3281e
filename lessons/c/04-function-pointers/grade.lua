local cmp_int = learner.fn "int harness_cmp_int(int x, int y)"
local cmp_word = learner.fn "int harness_cmp_word(const char *x, const char *y)"
local sort_ints = learner.fn "void harness_sort_ints(int *a, int n)"
local sort_words = learner.fn "int harness_sort_words(const char *text, char *out, int out_size)"
local has_op = learner.fn "int harness_has_op(const char *name)"
local apply = learner.fn "long long harness_apply(const char *name, long long a, long long b)"

local INT_MAX, INT_MIN = 2147483647, -2147483648

local function sign(v) return v < 0 and -1 or (v > 0 and 1 or 0) end
local function sign_word(s) return s < 0 and "negative" or (s > 0 and "positive" or "0") end
local function name(v)
  if v == INT_MAX then return "INT_MAX" elseif v == INT_MIN then return "INT_MIN" end
  return tostring(v)
end

---------------------------------------------------------------- cmp_int

local function check_cmp(x, y)
  local want = sign(x - y)
  local got = cmp_int(x, y)
  if sign(got) ~= want then
    fail(("cmp_int(&x, &y) with x = %s, y = %s: expected a %s result, got %d"):format(
      name(x), name(y), sign_word(want), got), { hint = 1 })
  end
end

test("cmp_int: less, equal, greater", function()
  check_cmp(1, 2); check_cmp(2, 1); check_cmp(5, 5); check_cmp(-3, 3); check_cmp(3, -3); check_cmp(0, 0)
end)

test("cmp_int: extremes, where x - y overflows", function()
  check_cmp(INT_MIN, 1); check_cmp(1, INT_MIN); check_cmp(INT_MAX, -1); check_cmp(-1, INT_MAX)
  check_cmp(INT_MIN, INT_MAX); check_cmp(INT_MAX, INT_MIN); check_cmp(INT_MIN, INT_MIN)
end)

local function check_sort(values, what)
  local a = buf.i32(values, { name = "a", align = 4 })
  sort_ints(a, #values)
  local sorted = {}
  for i, v in ipairs(values) do sorted[i] = v end
  table.sort(sorted)
  expect.buffer(a, buf.i32(sorted), { what = ("qsort(a, %d, sizeof(int), cmp_int) on %s: a"):format(#values, what), hint = 1 })
end

test("qsort with cmp_int: small arrays", function()
  check_sort({}, "an empty array"); check_sort({ 7 }, "one int"); check_sort({ 3, 1, 2 }, "{3, 1, 2}")
  check_sort({ 5, -1, 5, 0, -1, 5 }, "{5, -1, 5, 0, -1, 5}")
end)

test("qsort with cmp_int: random arrays over the whole int range", function()
  for _ = 1, 10 do
    local n = gen.int(2, 2000)
    check_sort(gen.i32(n, { lo = INT_MIN, hi = INT_MAX }):totable(), ("%d random ints"):format(n))
  end
  check_sort({ INT_MAX, 0, INT_MIN, -1, 1, INT_MIN, INT_MAX }, "{INT_MAX, 0, INT_MIN, -1, 1, INT_MIN, INT_MAX}")
end)

---------------------------------------------------------------- cmp_word

local function check_word(x, y)
  local want
  if #x ~= #y then want = #x < #y and -1 or 1
  else want = x < y and -1 or (x > y and 1 or 0) end
  local got = cmp_word(x, y)
  if sign(got) ~= want then
    fail(("cmp_word(&x, &y) with x = %q, y = %q: expected a %s result, got %d"):format(
      x, y, sign_word(want), got), { hint = 2 })
  end
end

test("cmp_word: shorter words first", function()
  check_word("fig", "pear"); check_word("pear", "fig"); check_word("a", "zz"); check_word("", "a")
end)
test("cmp_word: equal lengths in alphabetical order", function()
  check_word("fig", "pea"); check_word("pea", "fig"); check_word("kiwi", "kiwi"); check_word("abcd", "abce")
end)

local function by_length(words)
  local t = {}
  for i, w in ipairs(words) do t[i] = w end
  table.sort(t, function(x, y) if #x ~= #y then return #x < #y end return x < y end)
  return t
end

local function check_words(words)
  local text = table.concat(words, " ")
  local out = buf.char(#text + 1, { name = "out", align = 1 })
  local n = sort_words(text, out, #out)
  expect(n, "number of words"):eq(#words)
  local want, got = by_length(words), {}
  for w in out:string():gmatch("%S+") do got[#got + 1] = w end
  local shown = #words <= 8 and ("{%s}"):format(table.concat(words, ", ")) or ("%d words"):format(#words)
  for i = 1, #want do
    if got[i] ~= want[i] then
      local from = math.max(1, i - 2)
      local function window(t) return table.concat(t, " ", from, math.min(#t, i + 2)) end
      fail(("qsort of the char pointers to %s with cmp_word: word %d: expected %q, got %q (around it, expected \"%s\", got \"%s\")"):format(
        shown, i - 1, want[i], tostring(got[i]), window(want), window(got)), { hint = 2 })
    end
  end
end

test("qsort with cmp_word: an array of strings", function()
  check_words({ "pear", "fig", "banana", "kiwi", "apple", "date", "plum" })
end)
test("qsort with cmp_word: random words", function()
  for _ = 1, 10 do
    local words = {}
    for i = 1, gen.int(1, 300) do
      local t = {}
      for k = 1, gen.int(1, 8) do t[k] = string.char(gen.int(97, 100)) end
      words[i] = table.concat(t)
    end
    check_words(words)
  end
end)

---------------------------------------------------------------- find_op

local ops = {
  add = function(a, b) return a + b end,
  sub = function(a, b) return a - b end,
  mul = function(a, b) return a * b end,
  min = function(a, b) return math.min(a, b) end,
  max = function(a, b) return math.max(a, b) end,
}
local pairs_to_try = { { 7, 3 }, { 3, 7 }, { -5, 2 }, { 0, -9 }, { 1000000000000, -3 }, { -4, -4 } }

for _, op in ipairs({ "add", "sub", "mul", "min", "max" }) do
  test(("find_op(%q)"):format(op), function()
    if has_op(op) == 0 then fail(("find_op(%q) returned NULL; expected a function"):format(op), { hint = 3 }) end
    for _, p in ipairs(pairs_to_try) do
      local a, b = p[1], p[2]
      expect(apply(op, a, b), ("find_op(%q)(%d, %d)"):format(op, a, b)):eq(ops[op](a, b), { hint = 3 })
    end
  end)
end

test("find_op: unknown names give NULL", function()
  for _, bad in ipairs({ "", "ad", "addx", "ADD", "add ", "div", "mi", "maximum" }) do
    if has_op(bad) ~= 0 then
      fail(("find_op(%q) returned a function; expected NULL (only the exact names are known)"):format(bad), { hint = 3 })
    end
  end
end)
