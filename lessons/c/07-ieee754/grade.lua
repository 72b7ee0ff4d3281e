local decompose = learner.fn "void f32_decompose(float x, int *sign, int *biased_exp, uint32_t *fraction)"
local next_up = learner.fn "float f32_next_up(float x)"
local ulp_distance = learner.fn "long long f32_ulp_distance(float a, float b)"

-- Floats from and to their bit patterns, through string.pack (exact).
local function f32(b) return (string.unpack("<f", string.pack("<I4", b))) end
local function bits(x) return (string.unpack("<I4", string.pack("<f", x))) end

local MIN_SUB, MAX_SUB, MIN_NORMAL = f32(0x00000001), f32(0x007fffff), f32(0x00800000)
local FLT_MAX, INF, NAN = f32(0x7f7fffff), f32(0x7f800000), f32(0x7fc00000)

-- How a float is shown in messages: its value and its bits.
local function show_f(x)
  local b = bits(x)
  local v
  if x ~= x then v = "nan" elseif x == INF then v = "inf" elseif x == -INF then v = "-inf"
  elseif b == 0x80000000 then v = "-0.0" else v = ("%.9g"):format(x) end
  return ("%s (bits 0x%08x)"):format(v, b)
end

---------------------------------------------------------------- decompose

local function check_dec(x, s, e, f)
  local sign, exp, frac = buf.i32(1, { name = "sign" }), buf.i32(1, { name = "biased_exp" }), buf.u32(1, { name = "fraction" })
  sign[0], exp[0], frac[0] = -7, -7, 0xdeadbeef
  decompose(x, sign, exp, frac)
  if sign[0] ~= s or exp[0] ~= e or frac[0] ~= f then
    fail(("f32_decompose(%s): expected sign %d, biased_exp %d, fraction 0x%06x; got sign %d, biased_exp %d, fraction 0x%x"):format(
      show_f(x), s, e, f, sign[0], exp[0], frac[0]), { hint = 1 })
  end
end

test("decompose: 1.0, -2.5 and 0.1", function()
  check_dec(1.0, 0, 127, 0); check_dec(-2.5, 1, 128, 0x200000); check_dec(f32(0x3dcccccd), 0, 123, 0x4ccccd)
end)
test("decompose: +0.0 and -0.0", function() check_dec(0.0, 0, 0, 0); check_dec(-0.0, 1, 0, 0) end)
test("decompose: subnormals", function() check_dec(MIN_SUB, 0, 0, 1); check_dec(-MAX_SUB, 1, 0, 0x7fffff) end)
test("decompose: the largest float, infinities and NaN", function()
  check_dec(FLT_MAX, 0, 254, 0x7fffff); check_dec(INF, 0, 255, 0); check_dec(-INF, 1, 255, 0); check_dec(NAN, 0, 255, 0x400000)
end)

---------------------------------------------------------------- next_up

local function model_next(x)
  local b = bits(x)
  if x ~= x or b == 0x7f800000 then return x end
  if b == 0x80000000 then return MIN_SUB end
  if b >> 31 == 1 then return f32(b - 1) end
  return f32(b + 1)
end

local function check_next(x)
  local got, want = next_up(x), model_next(x)
  if bits(got) ~= bits(want) and not (got ~= got and want ~= want) then
    fail(("f32_next_up(%s): expected %s, got %s"):format(show_f(x), show_f(want), show_f(got)), { hint = 2 })
  end
end

test("next_up: 1.0 and -1.0", function() check_next(1.0); check_next(-1.0); check_next(0.1); check_next(-3.75) end)
test("next_up: from +0.0 and -0.0 to the smallest subnormal", function() check_next(0.0); check_next(-0.0) end)
test("next_up: from -(smallest subnormal) to -0.0", function() check_next(-MIN_SUB) end)
test("next_up: across the subnormal / normal boundary", function()
  check_next(MAX_SUB); check_next(-MIN_NORMAL); check_next(MIN_SUB)
end)
test("next_up: across a power of two", function()
  check_next(f32(0x3fffffff)); check_next(-2.0); check_next(f32(0x3f7fffff))
end)
test("next_up: the largest float, infinities and NaN", function()
  check_next(FLT_MAX); check_next(INF); check_next(-INF); check_next(-FLT_MAX); check_next(NAN)
end)
test("next_up: random floats of every magnitude and sign", function()
  for _ = 1, 500 do
    local b = gen.int(0, 0xffffffff)
    if (b >> 23) & 0xff ~= 0xff then check_next(f32(b)) end
  end
end)

---------------------------------------------------------------- ulp distance

local function key(x)
  local b = bits(x)
  if b >> 31 == 1 then return -(b & 0x7fffffff) end
  return b
end

local function check_ulp(a, b)
  local want = (a ~= a or b ~= b) and -1 or math.abs(key(a) - key(b))
  local got = ulp_distance(a, b)
  expect(got, ("f32_ulp_distance(%s, %s)"):format(show_f(a), show_f(b))):eq(want, { hint = 3 })
end

test("ulp distance: equal floats, neighbours, +0.0 and -0.0", function()
  check_ulp(1.0, 1.0); check_ulp(1.0, f32(0x3f800001)); check_ulp(f32(0x3f800001), 1.0)
  check_ulp(0.0, -0.0); check_ulp(-0.0, 0.0)
end)
test("ulp distance: across a power of two", function()
  check_ulp(1.0, 2.0); check_ulp(f32(0x3f7fffff), f32(0x40000001))
end)
test("ulp distance: across zero", function()
  check_ulp(-MIN_SUB, MIN_SUB); check_ulp(-1.0, 1.0); check_ulp(1.0, -MIN_SUB)
end)
test("ulp distance: the whole range, which needs more than 32 bits", function()
  check_ulp(-INF, INF); check_ulp(-FLT_MAX, FLT_MAX); check_ulp(FLT_MAX, INF)
end)
test("ulp distance: NaN gives -1", function() check_ulp(NAN, 1.0); check_ulp(0.0, NAN); check_ulp(NAN, NAN) end)
test("ulp distance: random pairs", function()
  for _ = 1, 300 do
    local a, b = gen.int(0, 0xffffffff), gen.int(0, 0xffffffff)
    if (a >> 23) & 0xff ~= 0xff and (b >> 23) & 0xff ~= 0xff then check_ulp(f32(a), f32(b)) end
  end
end)
