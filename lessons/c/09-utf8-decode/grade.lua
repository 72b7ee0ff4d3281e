local decode_one = learner.fn "int utf8_decode_one(const unsigned char *s, size_t n, uint32_t *cp)"
local decode = learner.fn "long utf8_decode(const unsigned char *s, size_t n, uint32_t *out, size_t *err)"

local function hex(bytes, limit)
  local t = {}
  for i, b in ipairs(bytes) do
    if limit and i > limit then t[#t + 1] = ("... (%d bytes)"):format(#bytes); break end
    t[#t + 1] = ("%02X"):format(b)
  end
  return "{" .. table.concat(t, " ") .. "}"
end

local function U(cp) return ("U+%04X"):format(cp) end

-- The encoder and decoder the tests trust (Lua, independent of the C code).
local function encode(cp)
  if cp < 0x80 then return { cp } end
  if cp < 0x800 then return { 0xC0 | (cp >> 6), 0x80 | (cp & 0x3F) } end
  if cp < 0x10000 then return { 0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F) } end
  return { 0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3F), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F) }
end

-- Decodes the sequence starting at bytes[i] (1-based); returns length, code point or 0.
local function model_one(bytes, i)
  local n = #bytes - i + 1
  local b = bytes[i]
  if b < 0x80 then return 1, b end
  local len, c, min
  if b & 0xE0 == 0xC0 then len, c, min = 2, b & 0x1F, 0x80
  elseif b & 0xF0 == 0xE0 then len, c, min = 3, b & 0x0F, 0x800
  elseif b & 0xF8 == 0xF0 then len, c, min = 4, b & 0x07, 0x10000
  else return 0 end
  if n < len then return 0 end
  for k = 1, len - 1 do
    local x = bytes[i + k]
    if x & 0xC0 ~= 0x80 then return 0 end
    c = (c << 6) | (x & 0x3F)
  end
  if c < min or c > 0x10FFFF or (c >= 0xD800 and c <= 0xDFFF) then return 0 end
  return len, c
end

-- Code points of a valid byte list, or nil and the 0-based offset of the first error.
local function model(bytes)
  local cps, i = {}, 1
  while i <= #bytes do
    local len, c = model_one(bytes, i)
    if len == 0 then return nil, i - 1 end
    cps[#cps + 1] = c
    i = i + len
  end
  return cps
end

local function bytes_of(str)
  local t = {}
  for i = 1, #str do t[i] = str:byte(i) end
  return t
end

---------------------------------------------------------------- utf8_decode_one

-- bytes fill a buffer exactly, so reading one byte past them crashes and is reported.
local function one(bytes, n, what)
  n = n or #bytes
  local s = buf.u8(bytes, { name = "s" })
  local cp = buf.u32({ 0xDEAD }, { name = "cp" })
  local len = decode_one(s, n, cp)
  return len, cp[0], ("utf8_decode_one(%s, %d, &cp)%s"):format(hex(bytes), n, what and (" (" .. what .. ")") or "")
end

local function valid(cp, hint)
  local bytes = encode(cp)
  local len, got, call = one(bytes, nil, U(cp))
  expect(len, call .. ", the length returned"):eq(#bytes, { hint = hint })
  if got ~= cp then fail(("%s: expected cp = %s, got %s"):format(call, U(cp), U(got)), { hint = hint }) end
end

local function invalid(bytes, what, hint, n)
  local len, _, call = one(bytes, n)
  if len ~= 0 then
    fail(("%s: this is not valid UTF-8 (%s), so expected 0; got %d"):format(call, what, len), { hint = hint })
  end
end

test("decode_one: ASCII", function() valid(0x41, 1); valid(0x00, 1); valid(0x7F, 1) end)
test("decode_one: two bytes, at both ends of their range", function() valid(0x80, 1); valid(0xE9, 1); valid(0x7FF, 1) end)
test("decode_one: three bytes, at both ends and around the surrogates", function()
  valid(0x800, 1); valid(0x20AC, 1); valid(0xD7FF, 1); valid(0xE000, 1); valid(0xFFFD, 1); valid(0xFFFF, 1)
end)
test("decode_one: four bytes, up to U+10FFFF", function() valid(0x10000, 1); valid(0x1F600, 1); valid(0x10FFFF, 1) end)

test("decode_one: decodes only the first sequence", function()
  local len, got, call = one({ 0xC3, 0xA9, 0x41 })
  expect(len, call .. ", the length returned"):eq(2, { hint = 1 })
  if got ~= 0xE9 then fail(("%s: expected cp = U+00E9, got %s"):format(call, U(got)), { hint = 1 }) end
end)

test("decode_one: a continuation byte cannot start a sequence", function()
  invalid({ 0x80 }, "10xxxxxx is a continuation byte", 1); invalid({ 0xBF, 0x80 }, "10xxxxxx is a continuation byte", 1)
end)
test("decode_one: a missing continuation byte", function()
  invalid({ 0xC3, 0x28 }, "0x28 is not 10xxxxxx", 1)
  invalid({ 0xE2, 0x28, 0xA1 }, "0x28 is not 10xxxxxx", 1)
  invalid({ 0xE2, 0x82, 0x28 }, "the third byte 0x28 is not 10xxxxxx", 1)
  invalid({ 0xF0, 0x9F, 0x98, 0x41 }, "the fourth byte 0x41 is not 10xxxxxx", 1)
  invalid({ 0xE2, 0xC3, 0xA9 }, "a new lead byte where a continuation should be", 1)
end)
test("decode_one: overlong encodings", function()
  invalid({ 0xC0, 0x80 }, "U+0000 written in two bytes", 2)
  invalid({ 0xC1, 0xBF }, "U+007F written in two bytes", 2)
  invalid({ 0xE0, 0x80, 0x80 }, "U+0000 written in three bytes", 2)
  invalid({ 0xE0, 0x9F, 0xBF }, "U+07FF written in three bytes", 2)
  invalid({ 0xF0, 0x80, 0x80, 0x80 }, "U+0000 written in four bytes", 2)
  invalid({ 0xF0, 0x8F, 0xBF, 0xBF }, "U+FFFF written in four bytes", 2)
end)
test("decode_one: UTF-16 surrogates", function()
  invalid({ 0xED, 0xA0, 0x80 }, "U+D800, a surrogate", 2)
  invalid({ 0xED, 0xAD, 0xBF }, "U+DB7F, a surrogate", 2)
  invalid({ 0xED, 0xBF, 0xBF }, "U+DFFF, a surrogate", 2)
end)
test("decode_one: beyond U+10FFFF", function()
  invalid({ 0xF4, 0x90, 0x80, 0x80 }, "U+110000", 2)
  invalid({ 0xF5, 0x80, 0x80, 0x80 }, "F5 would start a code point above U+13FFFF", 2)
  invalid({ 0xF7, 0xBF, 0xBF, 0xBF }, "U+1FFFFF", 2)
  invalid({ 0xF8, 0x88, 0x80, 0x80, 0x80 }, "F8 would start a five-byte sequence", 2)
  invalid({ 0xFF }, "FF is never in UTF-8", 2)
end)
test("decode_one: truncated at the end of the buffer", function()
  -- Each buffer ends right after these bytes: reading on for the missing bytes crashes.
  invalid({ 0xC3 }, "the second byte is missing", 3)
  invalid({ 0xE2, 0x82 }, "the third byte is missing", 3)
  invalid({ 0xF0, 0x9F, 0x98 }, "the fourth byte is missing", 3)
end)
test("decode_one: n is the end, even when more bytes follow", function()
  invalid({ 0xE2, 0x82, 0xAC }, "n = 2 ends the input inside the sequence", 3, 2)
  invalid({ 0xF0, 0x9F, 0x98, 0x80 }, "n = 1 ends the input inside the sequence", 3, 1)
end)

---------------------------------------------------------------- utf8_decode

local function check_decode(bytes, what)
  local n = #bytes
  local s = buf.u8(bytes, { name = "s" })
  local out = buf.u32(n, { name = "out" })
  local err = buf.u64({ 987654321 }, { name = "err" })
  local got = decode(s, n, out, err)
  local want, offset = model(bytes)
  local call = ("utf8_decode(%s, %d, out, &err)"):format(what or hex(bytes, 24), n)
  if want then
    if got ~= #want then
      if got == -1 then
        fail(("%s: the input is valid UTF-8 with %d code points, but it returned -1 with err = %d"):format(call, #want, err[0]), { hint = 3 })
      end
      fail(("%s: expected %d code points, got %d"):format(call, #want, got), { hint = 3 })
    end
    for k = 1, #want do
      if out[k - 1] ~= want[k] then
        fail(("%s: out[%d]: expected %s, got %s"):format(call, k - 1, U(want[k]), U(out[k - 1])), { hint = 1 })
      end
    end
  else
    if got ~= -1 then
      fail(("%s: the first invalid sequence starts at byte %d (%s), so expected -1; got %d"):format(
        call, offset, hex({ table.unpack(bytes, offset + 1, math.min(offset + 4, n)) }), got), { hint = 3 })
    end
    if err[0] ~= offset then
      fail(("%s: returned -1, but err = %d; the first invalid sequence starts at byte %d"):format(call, err[0], offset), { hint = 3 })
    end
  end
end

local function text(cps)
  local t = {}
  for _, cp in ipairs(cps) do for _, b in ipairs(encode(cp)) do t[#t + 1] = b end end
  return t
end

-- A random code point: ASCII, two, three or four bytes, never a surrogate.
local function random_cp()
  local k = gen.int(1, 4)
  if k == 1 then return gen.int(0, 0x7F) end
  if k == 2 then return gen.int(0x80, 0x7FF) end
  if k == 3 then
    local c = gen.int(0x800, 0xFFFF - 0x800)
    if c >= 0xD800 then c = c + 0x800 end
    return c
  end
  return gen.int(0x10000, 0x10FFFF)
end

local function random_text(count)
  local cps = {}
  for k = 1, count do cps[k] = random_cp() end
  return text(cps)
end

test("decode: empty input", function() check_decode({}, "an empty input") end)
test("decode: ASCII", function() check_decode(bytes_of("hello, world")) end)
test("decode: a NUL byte is a character, not the end", function() check_decode({ 0x61, 0x00, 0x62 }) end)
test("decode: one character of each length", function()
  check_decode(text({ 0x68, 0xE9, 0x20AC, 0x1D11E, 0x21 }))
  check_decode(text({ 0x10FFFF, 0x7FF, 0x800, 0x7F, 0x10000 }))
end)
test("decode: the offset of the first invalid sequence", function()
  check_decode({ 0x61, 0x62, 0x63, 0x80 })
  check_decode({ 0x68, 0xC3, 0xA9, 0xA9, 0x41 })
  check_decode({ 0x6F, 0x6B, 0xC0, 0x80 })
  check_decode({ 0x78, 0xED, 0xA0, 0x80, 0x79 })
  check_decode({ 0xF4, 0x90, 0x80, 0x80 })
  check_decode({ 0x41, 0xE2, 0x28, 0xA1 })
  check_decode({ 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0x41 })
end)
test("decode: truncated at the very end", function()
  check_decode({ 0x61, 0x62, 0x63, 0xE2, 0x82 })
  check_decode({ 0xC3, 0xA9, 0xF0, 0x9F, 0x98 })
  check_decode({ 0xC3 })
end)
test("decode: 200 random valid texts", function()
  for _ = 1, 200 do
    local t = random_text(gen.int(1, 300))
    check_decode(t, ("%d bytes of random valid text"):format(#t))
  end
end)
test("decode: 300 random texts with one byte changed", function()
  for _ = 1, 300 do
    local t = random_text(gen.int(1, 100))
    local at = gen.int(1, #t)
    local old = t[at]
    t[at] = gen.int(0, 255)
    check_decode(t, ("%d bytes of random text, byte %d changed from %02X to %02X"):format(#t, at - 1, old, t[at]))
  end
end)
test("decode: 200 random texts cut off at a random byte", function()
  for _ = 1, 200 do
    local t = random_text(gen.int(1, 60))
    local cut = { table.unpack(t, 1, gen.int(1, #t)) }
    check_decode(cut, ("the first %d of %d bytes of a random valid text"):format(#cut, #t))
  end
end)
test("decode: a megabyte of text", function()
  local t = random_text(400000)
  check_decode(t, ("%d bytes of random valid text"):format(#t))
end)
