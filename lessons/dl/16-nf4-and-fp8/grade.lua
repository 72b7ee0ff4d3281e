local gradcheck = require "gradcheck"
local encode = learner.fn "uint8_t fp8_e4m3_encode(float x)"
local decode = learner.fn "float fp8_e4m3_decode(uint8_t b)"
local nf4_quantize = learner.fn "void nf4_quantize(const float *x, int n, uint8_t *packed, float *absmax)"
local nf4_dequantize = learner.fn "void nf4_dequantize(const uint8_t *packed, const float *absmax, int n, float *x)"

local function f32(v) return string.unpack("f", string.pack("f", v)) end
local function hex(c) return ("0x%02X"):format(c) end

---------------------------------------------------------------- FP8 E4M3 reference

-- value[c] for every code; NaN for 0x7F and 0xFF.
local VALUE = {}
for c = 0, 255 do
  local e, m = (c >> 3) & 15, c & 7
  local v
  if e == 15 and m == 7 then v = 0 / 0
  elseif e == 0 then v = m / 8 * 2.0 ^ -6
  else v = (1 + m / 8) * 2.0 ^ (e - 7) end
  if c >= 128 then v = -v end
  VALUE[c] = v
end

-- The code for x: nearest finite value, ties to the even code, saturating at +-448.
local function ref_encode(x)
  if x ~= x then return 0x7F end
  local neg = x < 0 or (x == 0 and 1 / x < 0)
  local a = math.abs(x)
  local best, bd = 0, math.huge
  for c = 0, 0x7E do
    local d = math.abs(VALUE[c] - a)
    if d < bd or (d == bd and c % 2 == 0) then best, bd = c, d end
  end
  if a >= 448 then best = 0x7E end
  return neg and (best | 0x80) or best
end

local function check_encode(x, what, hint)
  local got, want = encode(x), ref_encode(x)
  if got ~= want then
    fail(("fp8_e4m3_encode(%s)%s: expected %s (%s), got %s (%s)"):format(gradcheck.fmt(x), what and (" [" .. what .. "]") or "",
      hex(want), gradcheck.fmt(VALUE[want]), hex(got), gradcheck.fmt(VALUE[got] or 0 / 0)), { hint = hint })
  end
end

test("fp8 decode: all 256 codes", function()
  for c = 0, 255 do
    local got, want = decode(c), VALUE[c]
    local ctx = ("fp8_e4m3_decode(%s)"):format(hex(c))
    if want ~= want then
      expect(got ~= got, ctx .. " is NaN"):is_true({ hint = 1 })
    else
      expect(got, ctx):eq(want, { hint = 1 })
      if want == 0 then expect(1 / got, ctx .. ": the sign of zero (1 / value)"):eq(1 / want, { hint = 1 }) end
    end
  end
end)

test("fp8 encode: known values", function()
  for _, x in ipairs { 1.0, -1.0, 0.0, 2 ^ -6, 2 ^ -9, 448, -448, 0.3, 3.14159, 100, 240, 2 ^ -7 * 1.5 } do
    check_encode(x, nil, 2)
  end
  check_encode(-0.0, "negative zero keeps its sign", 2)
end)

test("fp8 encode: ties go to the even code", function()
  check_encode(1.0625, "halfway between 1 and 1.125", 2)
  check_encode(1.1875, "halfway between 1.125 and 1.25", 2)
  check_encode(15.5, "halfway between 15 and 16: carries into the next binade", 2)
  check_encode(2 ^ -10, "half the smallest subnormal", 2)
  check_encode(3 * 2 ^ -10, "halfway between the first two subnormals", 2)
  check_encode(-0.0146484375, "halfway between two negative subnormals", 2)
end)

test("fp8 encode: saturation, infinities and NaN", function()
  for _, x in ipairs { 449, 463.9, 464, 480, 1e6, 3.4e38, math.huge, -math.huge, -500 } do
    check_encode(x, "beyond 448", 2)
  end
  expect(encode(0 / 0), "fp8_e4m3_encode(NaN)"):eq(0x7F, { hint = 2 })
end)

test("fp8 encode: every midpoint, and just either side of it", function()
  for c = 0, 0x7D do
    local lo, hi = VALUE[c], VALUE[c + 1]
    local mid = (lo + hi) / 2
    for _, s in ipairs { 1, -1 } do
      check_encode(s * mid, ("midpoint of %s and %s"):format(hex(c), hex(c + 1)), 3)
      check_encode(s * f32(mid * (1 - 2 ^ -20)), ("just below the midpoint of %s and %s"):format(hex(c), hex(c + 1)), 3)
      check_encode(s * f32(mid * (1 + 2 ^ -20)), ("just above the midpoint of %s and %s"):format(hex(c), hex(c + 1)), 3)
      check_encode(s * lo, ("exactly %s"):format(hex(c)), 3)
    end
  end
end)

test("fp8 encode: random values from 2^-12 to 2^9", function()
  for _ = 1, 2000 do
    local x = f32((gen.int(0, 1) == 0 and -1 or 1) * 2 ^ gen.float(-12, 9))
    check_encode(x, nil, 3)
  end
end)

---------------------------------------------------------------- NF4

local CB = {
  -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
  -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
  0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
  0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
}
for i = 1, 16 do CB[i - 1] = f32(CB[i]) end
CB[16] = nil

-- Expected absmax per block and code per element (the nearest code to x / absmax).
local function ref_nf4(x, n)
  local amax, codes = {}, {}
  for b0 = 0, n - 1, 64 do
    local a = 0.0
    for i = b0, math.min(b0 + 63, n - 1) do a = math.max(a, math.abs(x[i])) end
    amax[b0 // 64] = a
    for i = b0, math.min(b0 + 63, n - 1) do
      local code = 7
      if a ~= 0 then
        local v = f32(x[i] / a)
        local bd = math.huge
        for k = 0, 15 do
          local d = f32(math.abs(f32(v - CB[k])))
          if d < bd then code, bd = k, d end
        end
      end
      codes[i] = code
    end
  end
  return amax, codes
end

local function nf4_run(x, n, context, hint)
  local nb = (n + 63) // 64
  local packed = buf.u8((n + 1) // 2, { name = "packed" }):fill(0xFF)
  local amax = buf.f32(nb, { name = "absmax" }):fill(0 / 0)
  nf4_quantize(x, n, packed, amax)
  local X = gradcheck.totable(x)
  local wa, wc = ref_nf4(X, n)
  expect.buffer(amax, gradcheck.f64(wa), { what = ("absmax (%s)"):format(context), hint = 3 })
  for i = 0, n - 1 do
    local byte = packed[i // 2]
    local code = (i % 2 == 0) and (byte >> 4) or (byte & 15)
    if code ~= wc[i] then
      -- Accept a different code only when it is as near as the expected one, within 1e-6
      -- (a near-tie decided differently by another, equally valid, distance computation).
      local v = X[i] / wa[i // 64]
      if math.abs(v - CB[code]) > math.abs(v - CB[wc[i]]) + 1e-6 then
        fail(("%s: element %d (x = %s, x / absmax = %s): expected code %d (%s), got %d (%s) in the %s nibble of packed[%d] = %s"):format(
          context, i, gradcheck.fmt(X[i]), gradcheck.fmt(v), wc[i], gradcheck.fmt(CB[wc[i]]), code, gradcheck.fmt(CB[code]),
          i % 2 == 0 and "high" or "low", i // 2, hex(byte)), { hint = hint or 3 })
      end
    end
  end
  if n % 2 == 1 then
    expect(packed[n // 2] & 15, ("%s: the unused low nibble of the last byte, packed[%d]"):format(context, n // 2)):eq(0, { hint = 3 })
  end
  return packed, amax
end

test("nf4: known codes", function()
  local list = { 1, -1, 0, 0.5, -0.5, 0.7, 0.09, -0.2 }
  local x = buf.f32(list, { name = "x" })
  local packed = nf4_run(x, #list, "x = [1 -1 0 0.5 -0.5 0.7 0.09 -0.2]")
  -- codes 15 0 7 12 2 14 8 5 (0.5 is nearer 0.4407 than 0.5626)
  expect.buffer(packed, buf.u8({ 0xF0, 0x7C, 0x2E, 0x85 }), { what = "packed (x = [1 -1 0 0.5 -0.5 0.7 0.09 -0.2])", hint = 3 })
end)

test("nf4: a block of zeros, a block with one value", function()
  local x = buf.f32(128, { name = "x" })
  x[64 + 10] = -3
  local packed, amax = nf4_run(x, 128, "block 0 all zeros; block 1 zeros and one -3")
  expect(amax[0], "absmax[0] of a block of zeros"):eq(0, { hint = 3 })
  expect(packed[0], "packed[0] of a block of zeros (codes 7 and 7)"):eq(0x77, { hint = 3 })
end)

test("nf4: odd lengths and partial blocks", function()
  for _, n in ipairs { 1, 3, 63, 64, 65, 127, 129 } do
    nf4_run(gen.f32(n, { lo = -2, hi = 2, name = "x" }), n, ("n = %d, x in [-2, 2)"):format(n))
  end
end)

test("nf4: every block has its own scale", function()
  local n = 256
  local x = gen.f32(n, { lo = -1, hi = 1, name = "x" })
  for i = 64, 127 do x[i] = x[i] * 1000 end
  for i = 128, 191 do x[i] = x[i] * 0.001 end
  nf4_run(x, n, "4 blocks with ranges 1, 1000, 0.001, 1")
end)

test("nf4: 4096 normally distributed weights", function()
  local n = 4096
  local x = buf.f32(n, { name = "x" })
  for i = 0, n - 1 do
    local u1, u2 = math.random(), math.random()
    x[i] = 0.02 * math.sqrt(-2 * math.log(1 - u1)) * math.cos(2 * math.pi * u2)
  end
  nf4_run(x, n, "4096 weights drawn from N(0, 0.02^2)")
end)

test("nf4 dequantize: NF4[code] * absmax", function()
  local n = 131
  local x = gen.f32(n, { lo = -5, hi = 5, name = "x" })
  local X = gradcheck.totable(x)
  local wa, wc = ref_nf4(X, n)
  local packed = buf.u8((n + 1) // 2, { name = "packed" })
  for i = 0, n - 1 do packed[i // 2] = packed[i // 2] | ((i % 2 == 0) and (wc[i] << 4) or wc[i]) end
  local amax = gradcheck.f64(wa)
  local absmax = buf.f32(#amax, { name = "absmax" })
  for b = 0, #amax - 1 do absmax[b] = amax[b] end
  local out = buf.f32(n, { name = "x'" }):fill(0 / 0)
  nf4_dequantize(packed, absmax, n, out)
  local want = {}
  for i = 0, n - 1 do want[i] = f32(CB[wc[i]] * wa[i // 64]) end
  expect.buffer(out, gradcheck.f64(want), { what = "x' (n = 131: three blocks, the last of 3)", hint = 3 })
end)
