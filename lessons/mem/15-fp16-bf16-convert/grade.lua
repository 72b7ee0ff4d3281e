local f16_to_f32 = learner.fn "void f16_to_f32(const uint16_t *in, float *out, long n)"
local f32_to_f16 = learner.fn "void f32_to_f16(const float *in, uint16_t *out, long n)"
local f32_to_bf16 = learner.fn "void f32_to_bf16(const float *in, uint16_t *out, long n)"
local bf16_to_f32 = learner.fn "void bf16_to_f32(const uint16_t *in, float *out, long n)"
local to_floats = learner.fn "void harness_bits_to_floats(const uint32_t *bits, float *f, long n)"
local to_bits = learner.fn "void harness_floats_to_bits(const float *f, uint32_t *bits, long n)"

---------------------------------------------------------------- the grader's own answers
-- Computed from the numbers' values with integer arithmetic, not with the bit tricks a C
-- solution uses.

local function float_bits_of_value(v) -- v exactly representable as a float
  return (string.unpack("<I4", string.pack("<f", v)))
end

-- Half bits -> float bits. NaNs: quiet bit set, payload moved to the top of the mantissa.
local function want_f16_to_f32(h)
  local sign, e, m = (h >> 15) << 31, (h >> 10) & 31, h & 0x3ff
  if e == 31 then
    if m == 0 then return sign | 0x7f800000 end
    return sign | 0x7fc00000 | (m << 13)
  end
  local v = e == 0 and m * 2.0 ^ -24 or (1024 + m) * 2.0 ^ (e - 25)
  return sign | float_bits_of_value(v)
end

-- Rounds M * 2^E to a multiple of 2^Q, ties to even; returns the multiple's count.
local function round_units(M, E, Q)
  local s = Q - E
  if s <= 0 then return M << -s end
  if s >= 40 then return 0 end -- M < 2^24: far below half a unit
  local r, rem, half = M >> s, M & ((1 << s) - 1), 1 << (s - 1)
  if rem > half or (rem == half and r & 1 == 1) then r = r + 1 end
  return r
end

-- Float bits -> a format with `mbits` mantissa bits and the given smallest exponent of a
-- unit (qmin) and infinity pattern; the same code serves half and bf16.
local function narrow(x, mbits, qmin, inf, quiet, nan_shift)
  local sign = (x >> 31) << (mbits + (inf == 0x7c00 and 5 or 8))
  local e, m = (x >> 23) & 255, x & 0x7fffff
  if e == 255 then
    if m == 0 then return sign | inf end
    return sign | inf | quiet | (m >> nan_shift)
  end
  local M = e == 0 and m or (m | 0x800000)
  if M == 0 then return sign end
  local E = (e == 0 and 1 or e) - 150 -- value = M * 2^E
  local top = E + 23 -- floor(log2(value)) for a normal float
  if e == 0 then top = E; local t = M; while t > 1 do t = t >> 1; top = top + 1 end end
  local Q = math.max(top - mbits, qmin)
  local r = round_units(M, E, Q)
  local bits = (Q - qmin) * (1 << mbits) + r -- a carry into the exponent is automatic
  if bits >= inf then bits = inf end
  return sign | bits
end

local function want_f32_to_f16(x) return narrow(x, 10, -24, 0x7c00, 0x200, 13) end
local function want_f32_to_bf16(x) return narrow(x, 7, -133, 0x7f80, 0x40, 16) end

---------------------------------------------------------------- checking

local function hex(v, digits) return ("0x%0" .. digits .. "x"):format(v) end

local function value_of_float_bits(u)
  return (string.unpack("<f", string.pack("<I4", u)))
end

-- Runs one conversion on a list of inputs and compares every output's bits.
local function check(kind, inputs, what, opts)
  local n = #inputs
  local narrowing = kind ~= "f16_to_f32" and kind ~= "bf16_to_f32"
  local got = buf.u32(math.max(n, 1), { name = "out bits" })
  if narrowing then
    local inb = buf.u32(inputs, { name = "in bits" })
    local fin = buf.f32(n, { name = "in" })
    to_floats(inb, fin, n)
    local out = buf.u16(n, { name = "out" }):fill(0xdead)
    if kind == "f32_to_f16" then f32_to_f16(fin, out, n) else f32_to_bf16(fin, out, n) end
    for i = 0, n - 1 do got[i] = out[i] end
  else
    local inb = buf.u16(inputs, { name = "in" })
    local out = buf.f32(n, { name = "out" }):fill(-12345)
    if kind == "f16_to_f32" then f16_to_f32(inb, out, n) else bf16_to_f32(inb, out, n) end
    to_bits(out, got, n)
  end
  local want_of = ({ f16_to_f32 = want_f16_to_f32, f32_to_f16 = want_f32_to_f16,
                     f32_to_bf16 = want_f32_to_bf16, bf16_to_f32 = function(b) return b << 16 end })[kind]
  for i = 0, n - 1 do
    local x, want = inputs[i + 1], want_of(inputs[i + 1])
    if got[i] ~= want then
      local msg
      if narrowing then
        msg = ("%s(%s = %.9g): expected %s, got %s"):format(kind, hex(x, 8), value_of_float_bits(x), hex(want, 4), hex(got[i], 4))
      else
        msg = ("%s(%s): expected %s (%.9g), got %s (%.9g)"):format(kind, hex(x, 4), hex(want, 8),
          value_of_float_bits(want), hex(got[i], 8), value_of_float_bits(got[i]))
      end
      fail(("%s, element %d: %s"):format(what, i, msg), opts)
    end
  end
end

local function range(lo, hi)
  local t = {}
  for v = lo, hi do t[#t + 1] = v end
  return t
end

---------------------------------------------------------------- tests

test("half to float: every one of the 65536 halves", function()
  check("f16_to_f32", range(0, 0xffff), "all halves", { hint = 1 })
end)

test("float to half: exact values stay exact", function()
  local xs = {}
  for h = 0, 0xffff do
    if (h >> 10) & 31 ~= 31 then xs[#xs + 1] = want_f16_to_f32(h) end
  end
  check("f32_to_f16", xs, "every finite half, as a float", { hint = 2 })
end)

test("float to half: zeros, infinities, NaNs", function()
  check("f32_to_f16", { 0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
    0x7f800001, 0x7fffffff, 0xff812345, 0x7fa00000 }, "special values", { hint = 3 })
end)

test("float to half: ties round to even", function()
  local xs = {}
  for h = 0, 0x7bfe do -- every pair of neighbouring finite positive halves
    local lo, hi = value_of_float_bits(want_f16_to_f32(h)), value_of_float_bits(want_f16_to_f32(h + 1))
    local mid = float_bits_of_value((lo + hi) / 2)
    xs[#xs + 1] = mid
    xs[#xs + 1] = mid | 0x80000000
  end
  check("f32_to_f16", xs, "midpoints between neighbouring halves", { hint = 2 })
end)

test("float to half: just either side of a tie", function()
  local xs = {}
  for h = 0, 0x7bfe, 7 do
    local lo, hi = value_of_float_bits(want_f16_to_f32(h)), value_of_float_bits(want_f16_to_f32(h + 1))
    local mid = float_bits_of_value((lo + hi) / 2)
    xs[#xs + 1] = mid - 1
    xs[#xs + 1] = mid + 1
  end
  check("f32_to_f16", xs, "one float step below and above a midpoint", { hint = 2 })
end)

test("float to half: overflow and the largest half", function()
  check("f32_to_f16", { 0x477fe000, 0x477fefff, 0x477ff000, 0x477ff001, 0x47800000, 0x7f7fffff,
    0xc77ff000, 0xc77fefff, 0x4b800000 }, "65504, 65519.99, 65520, 65536, FLT_MAX and negatives", { hint = 3 })
end)

test("float to half: subnormal halves and underflow", function()
  check("f32_to_f16", { 0x33800000, 0x33000000, 0x33000001, 0x32ffffff, 0x33c00000, 0x38800000,
    0x387fc000, 0x387fe000, 0x387fffff, 0x00000001, 0x007fffff, 0x80000001, 0xb3000001, 0x34200000 },
    "2^-24, 2^-25 (a tie), float subnormals, the edge of the normal range", { hint = 3 })
end)

test("float to half: random floats", function()
  local xs = {}
  for i = 1, 100000 do xs[i] = math.random(0, 0xffffffff) end
  check("f32_to_f16", xs, "random bit patterns")
end)

test("float to bf16: specials, ties and overflow", function()
  check("f32_to_bf16", { 0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001,
    0x7fffffff, 0xffff0001, 0x3f808000, 0x3f818000, 0x3f808001, 0x3f817fff, 0x7f7f8000, 0x7f7f7fff,
    0x7f7fffff, 0xff7f8000, 0x00008000, 0x00018000, 0x00000001, 0x007fffff, 0x3f800000 },
    "zeros, infinities, NaNs, ties, FLT_MAX, subnormals", { hint = 2 })
end)

test("float to bf16: random floats", function()
  local xs = {}
  for i = 1, 100000 do xs[i] = math.random(0, 0xffffffff) end
  check("f32_to_bf16", xs, "random bit patterns")
end)

test("bf16 to float: every one of the 65536 values", function()
  check("bf16_to_f32", range(0, 0xffff), "all bf16 values")
end)

test("n = 0 writes nothing", function()
  local out = buf.u16(1, { name = "out" }):fill(7)
  f32_to_f16(buf.f32(0, { name = "in" }), out, 0)
  f32_to_bf16(buf.f32(0, { name = "in" }), out, 0)
  expect(out[0], "out[0] after converting 0 floats"):eq(7)
end)
