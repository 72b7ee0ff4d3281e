local popcount64 = learner.fn "int popcount64(uint64_t x)"
local is_pow2 = learner.fn "bool is_pow2(uint64_t x)"
local next_pow2 = learner.fn "uint64_t next_pow2(uint64_t x)"
local get_bits = learner.fn "uint32_t get_bits(uint32_t word, int lo, int width)"
local set_bits = learner.fn "uint32_t set_bits(uint32_t word, int lo, int width, uint32_t value)"

-- Lua integers are 64-bit two's complement and >> is a logical shift, so a Lua integer
-- holds a uint64_t's bits exactly; math.ult compares them as unsigned.
local TOP = 1 << 63
local function hex(x) return ("0x%x"):format(x) end
local function hex32(x) return ("0x%08x"):format(x & 0xffffffff) end

local function model_popcount(x)
  local n = 0
  for i = 0, 63 do n = n + ((x >> i) & 1) end
  return n
end

local function model_next(x)
  if x == 0 then return 1 end
  if math.ult(TOP, x) then return 0 end
  local p = 1
  while math.ult(p, x) do p = p << 1 end
  return p
end

local function random64()
  return (gen.int(0, 0xffffffff) << 32) | gen.int(0, 0xffffffff)
end

---------------------------------------------------------------- popcount64

local function check_pop(x)
  expect(popcount64(x), ("popcount64(%s)"):format(hex(x))):eq(model_popcount(x), { hint = 1 })
end

test("popcount64: small values", function() check_pop(0); check_pop(1); check_pop(2); check_pop(3); check_pop(0xff) end)
test("popcount64: the high bits count too", function()
  check_pop(1 << 31); check_pop(1 << 32); check_pop(1 << 40); check_pop(TOP); check_pop(0xffffffff00000000)
end)
test("popcount64: all 64 bits set", function() check_pop(-1) end)
test("popcount64: patterns and random values", function()
  check_pop(0x5555555555555555); check_pop(0xaaaaaaaaaaaaaaaa); check_pop(0x8000000000000001)
  for _ = 1, 200 do check_pop(random64()) end
end)

---------------------------------------------------------------- is_pow2

local function check_pow2(x)
  local want = x ~= 0 and (x & (x - 1)) == 0
  expect(is_pow2(x), ("is_pow2(%s)"):format(hex(x))):eq(want, { hint = 1 })
end

test("is_pow2: 0 is not a power of two", function() check_pow2(0) end)
test("is_pow2: every power of two, 2^0 to 2^63", function()
  for k = 0, 63 do check_pow2(1 << k) end
end)
test("is_pow2: neighbours of powers of two are not", function()
  for k = 1, 63 do check_pow2((1 << k) + 1); check_pow2((1 << k) - 1) end
  check_pow2(-1); check_pow2(TOP | 1); check_pow2(6); check_pow2(12)
end)

---------------------------------------------------------------- next_pow2

local function check_next(x)
  local got, want = next_pow2(x), model_next(x)
  if got ~= want then
    fail(("next_pow2(%s): expected %s, got %s"):format(hex(x), hex(want), hex(got)), { hint = 2 })
  end
end

test("next_pow2: 0, 1, 2, 3", function() check_next(0); check_next(1); check_next(2); check_next(3) end)
test("next_pow2: exact powers of two stay", function()
  for k = 0, 63 do check_next(1 << k) end
end)
test("next_pow2: one above a power of two", function()
  for k = 1, 62 do check_next((1 << k) + 1) end
end)
test("next_pow2: values whose top set bit is above bit 32", function()
  check_next((1 << 32) + 1); check_next(0x0000000100000001); check_next(0x00f0000000000000 + 5)
  check_next(0x4000000000000001)
end)
test("next_pow2: above 2^63 the answer does not fit: 0", function()
  check_next(TOP + 1); check_next(-1); check_next(0xc000000000000000)
end)
test("next_pow2: random values", function()
  for _ = 1, 200 do check_next(random64() >> gen.int(0, 63)) end
end)

---------------------------------------------------------------- get_bits / set_bits

local function mask(width) return width == 32 and 0xffffffff or ((1 << width) - 1) end

local function check_get(word, lo, width)
  local want = (word >> lo) & mask(width)
  local got = get_bits(word, lo, width)
  if got ~= want then
    fail(("get_bits(%s, lo = %d, width = %d): expected %s, got %s"):format(hex32(word), lo, width, hex32(want), hex32(got)), { hint = 3 })
  end
end

local function check_set(word, lo, width, value)
  local m = mask(width) << lo
  local want = ((word & ~m) | ((value & mask(width)) << lo)) & 0xffffffff
  local got = set_bits(word, lo, width, value)
  if got ~= want then
    fail(("set_bits(%s, lo = %d, width = %d, value = %s): expected %s, got %s"):format(
      hex32(word), lo, width, hex32(value), hex32(want), hex32(got)), { hint = 3 })
  end
end

test("get_bits: a field in the middle", function()
  check_get(0x12345678, 4, 8); check_get(0x12345678, 8, 4); check_get(0xdeadbeef, 16, 16)
end)
test("get_bits: single bits at both ends", function()
  check_get(0x80000001, 0, 1); check_get(0x80000001, 31, 1); check_get(0x7ffffffe, 31, 1)
end)
test("get_bits: the whole word (width 32)", function()
  check_get(0xdeadbeef, 0, 32); check_get(0xffffffff, 0, 32)
end)
test("set_bits: a field in the middle, neighbours untouched", function()
  check_set(0xffffffff, 4, 8, 0); check_set(0, 4, 8, 0xab); check_set(0x12345678, 12, 4, 0xf)
end)
test("set_bits: a value wider than the field is cut to width bits", function()
  check_set(0, 4, 4, 0xff); check_set(0x12345678, 8, 8, 0xffffff00 | 0x3c); check_set(0, 0, 1, 2)
end)
test("set_bits: the top bit and the whole word", function()
  check_set(0, 31, 1, 1); check_set(0xffffffff, 31, 1, 0); check_set(0x12345678, 0, 32, 0xcafef00d)
end)
test("get_bits and set_bits: random fields", function()
  for _ = 1, 300 do
    local width = gen.int(1, 32)
    local lo = gen.int(0, 32 - width)
    local word, value = gen.int(0, 0xffffffff), gen.int(0, 0xffffffff)
    check_get(word, lo, width)
    check_set(word, lo, width, value)
  end
end)
