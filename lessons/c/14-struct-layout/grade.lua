local layout = learner.fn "size_t layout(const char *types, size_t *offsets, size_t *align)"
local packed = learner.fn "size_t layout_packed_order(const char *types, char *out)"
local real_types = learner.fn "const char *harness_real_types(int k)"
local real = learner.fn "size_t harness_real(int k, size_t *off)"

local SIZE = { c = 1, h = 2, i = 4, f = 4, l = 8, d = 8, p = 8 }
local NAME = { c = "char", h = "short", i = "int", f = "float", l = "long", d = "double", p = "void *" }

-- The members of a valid type string: { letter, count, text }.
local function members(types)
  local t = {}
  for letter, digits in types:gmatch("(%a)(%d*)") do
    t[#t + 1] = { letter, digits == "" and 1 or tonumber(digits), letter .. digits }
  end
  return t
end

local function model(types)
  local off, maxa, offs = 0, 1, {}
  for k, m in ipairs(members(types)) do
    local a = SIZE[m[1]]
    off = (off + a - 1) // a * a
    offs[k] = off
    off = off + a * m[2]
    maxa = math.max(maxa, a)
  end
  return (off + maxa - 1) // maxa * maxa, offs, maxa
end

-- How the struct reads in C, for messages: struct { char m0; int m1; }.
local function cdecl(types)
  local parts = {}
  for k, m in ipairs(members(types)) do
    local name = m[1] == "p" and "*m" .. (k - 1) or "m" .. (k - 1)
    parts[k] = ("%s %s%s;"):format(m[1] == "p" and "void" or NAME[m[1]], name, m[3]:sub(2) ~= "" and ("[" .. m[3]:sub(2) .. "]") or "")
  end
  local s = "struct { " .. table.concat(parts, " ") .. " }"
  if #s > 90 then s = ("a struct of %d members"):format(#parts) end
  return s
end

local function check_layout(types, want_size, want_offs, want_align, source, hint)
  local n = #members(types)
  local offs = buf.u64(math.max(n, 1), { name = "offsets" }):fill(999)
  local al = buf.u64({ 999 }, { name = "align" })
  local size = layout(types, offs, al)
  local what = ("layout(\"%s\") (%s%s)"):format(types, cdecl(types), source or "")
  for k = 1, n do
    if offs[k - 1] ~= want_offs[k] then
      fail(("%s: offsets[%d] (member %s): expected %d, got %d"):format(what, k - 1, members(types)[k][3], want_offs[k], offs[k - 1]), { hint = hint or 1 })
    end
  end
  expect(size, what .. ", sizeof"):eq(want_size, { hint = hint or 2 })
  expect(al[0], what .. ", *align"):eq(want_align, { hint = 2 })
end

local function check(types, hint)
  local size, offs, a = model(types)
  check_layout(types, size, offs, a, nil, hint)
end

test("one member", function() check("i"); check("c"); check("d") end)
test("padding between members", function() check("ci", 1); check("cd", 1); check("hcd", 1); check("cchi", 1) end)
test("padding at the end", function() check("dc", 2); check("ic", 2); check("hc", 2); check("lhhc", 2) end)
test("arrays", function() check("c3i"); check("c16d"); check("hc5"); check("d1"); check("i10c"); check("c7") end)
test("every type", function() check("chifldp"); check("pdlfihc") end)

test("the same as the C compiler", function()
  for k = 0, 7 do
    local types = kd.string(real_types(k))
    local off = buf.u64(8, { name = "real offsets" })
    local size = real(k, off)
    local want = {}
    for i = 1, #members(types) do want[i] = off[i - 1] end
    local _, _, align = model(types)
    check_layout(types, size, want, align, ", sizeof and offsetof from the C compiler")
  end
end)

local function invalid(types, why)
  local offs = buf.u64(64, { name = "offsets" })
  local al = buf.u64(1, { name = "align" })
  local size = layout(types, offs, al)
  if size ~= 0 then fail(("layout(\"%s\"): %s, so expected 0; got %d"):format(types, why, size), { hint = 3 }) end
  local out = buf.char(#types + 1, { name = "out" })
  size = packed(types, out)
  if size ~= 0 then fail(("layout_packed_order(\"%s\"): %s, so expected 0; got %d"):format(types, why, size), { hint = 3 }) end
end

test("invalid type strings give 0", function()
  invalid("", "a struct needs a member")
  invalid("x", "x is not a type letter")
  invalid("ciq", "q is not a type letter")
  invalid("c0", "an array of 0 elements is not allowed")
  invalid("d2305843009213693952", "2^61 doubles are 2^64 bytes, more than a size_t holds")
  invalid("c18446744073709551617", "the count 2^64 + 1 does not fit in a size_t (it wraps to 1)")
  invalid("c9223372036854775807c9223372036854775807c9", "the sizes add up to more than a size_t holds")
end)

-- A random valid type string of n members.
local LETTERS = { "c", "h", "i", "f", "l", "d", "p" }
local function random_types(n)
  local t = {}
  for k = 1, n do
    local s = LETTERS[gen.int(1, #LETTERS)]
    if gen.int(1, 4) == 1 then s = s .. gen.int(1, 20) end
    t[k] = s
  end
  return table.concat(t)
end

test("random structs", function()
  for _ = 1, 200 do check(random_types(gen.int(1, 12))) end
end)

local function stable_pack(types)
  local out = {}
  for _, a in ipairs({ 8, 4, 2, 1 }) do
    for _, m in ipairs(members(types)) do if SIZE[m[1]] == a then out[#out + 1] = m[3] end end
  end
  return table.concat(out)
end

local function check_packed(types, hint)
  local want = stable_pack(types)
  local want_size = model(want)
  local out = buf.char(#types + 1, { name = "out" })
  local size = packed(types, out)
  local got = out:string()
  local what = ("layout_packed_order(\"%s\") (sizeof %d in this order)"):format(types, (model(types)))
  if got ~= want then
    fail(("%s: expected out = \"%s\", got \"%s\""):format(what, want, got), { hint = hint or 3 })
  end
  expect(size, what .. ", the new sizeof"):eq(want_size, { hint = hint or 3 })
end

test("packing: two chars and two doubles", function() check_packed("cdcd") end)
test("packing: equal alignments keep their order", function()
  check_packed("cidh"); check_packed("ifc"); check_packed("fi"); check_packed("pld")
end)
test("packing: arrays move with their count", function() check_packed("c3d"); check_packed("h5c2i10") end)
test("packing: already packed", function() check_packed("dic"); check_packed("c") end)
test("packing: random structs", function()
  for _ = 1, 200 do check_packed(random_types(gen.int(1, 12))) end
end)
