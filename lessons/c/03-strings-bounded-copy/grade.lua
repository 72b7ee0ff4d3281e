local bounded_copy = learner.fn "size_t bounded_copy(char *dst, const char *src, size_t size)"
local bounded_append = learner.fn "size_t bounded_append(char *dst, const char *src, size_t size)"

-- A C-literal view of some bytes: "ab\0XX". Long ones are cut around position `at`.
local function literal(bytes, at)
  local first, last = 1, #bytes
  if #bytes > 48 then
    first = math.max(1, (at or 1) - 20)
    last = math.min(#bytes, first + 47)
  end
  local out = {}
  for i = first, last do
    local b = bytes:byte(i)
    if b == 0 then out[#out + 1] = "\\0"
    elseif b == 34 or b == 92 then out[#out + 1] = "\\" .. string.char(b)
    elseif b >= 32 and b < 127 then out[#out + 1] = string.char(b)
    else out[#out + 1] = ("\\x%02x"):format(b) end
  end
  return (first > 1 and "..." or "") .. '"' .. table.concat(out) .. '"' .. (last < #bytes and "..." or "")
end

local function src_text(s)
  if #s > 40 then return ("a %d-character string"):format(#s) end
  return literal(s)
end

-- The bytes of a char buffer, NULs included.
local function contents(b)
  local t = {}
  for i = 0, #b - 1 do t[#t + 1] = string.char(b[i] & 0xff) end
  return table.concat(t)
end

-- dst is exactly `size` bytes, filled with 'X' and then, for append, with `init`.
local function make_dst(size, init)
  local dst = buf.char(size, { name = "dst", align = 1 }):fill(88)
  if init then
    for i = 1, #init do dst[i - 1] = init:byte(i) end
  end
  return dst
end

local function compare_dst(dst, want, call, hint)
  local got = contents(dst)
  if got == want then return end
  local i = 1
  while got:byte(i) == want:byte(i) do i = i + 1 end
  fail(("%s: dst: expected %s, got %s; first difference at dst[%d]"):format(call, literal(want, i), literal(got, i), i - 1),
    { hint = hint })
end

-- What bounded_copy must leave in an X-filled dst of `size` bytes.
local function model_copy(before, src, size)
  if size == 0 then return before end
  local n = math.min(#src, size - 1)
  return src:sub(1, n) .. "\0" .. before:sub(n + 2)
end

local function check_copy(src, size, note)
  local s = buf.str(src, { name = "src", align = 1 })
  local dst = make_dst(size)
  local before = contents(dst)
  local ret = bounded_copy(dst, s, size)
  local call = ("bounded_copy(dst, %s, %d) with dst of %d byte%s%s"):format(src_text(src), size, size, size == 1 and "" or "s", note or "")
  compare_dst(dst, model_copy(before, src, size), call, 1)
  expect(ret, call .. ": return value"):eq(#src, { hint = 3 })
end

local function check_append(init, src, size, note)
  local s = buf.str(src, { name = "src", align = 1 })
  local dst = make_dst(size, init)
  local before = contents(dst)
  local len = before:find("\0", 1, true)
  len = len and len - 1 or size
  local want, want_ret
  if len == size then
    want, want_ret = before, size + #src
  else
    want = before:sub(1, len) .. model_copy(before:sub(len + 1), src, size - len)
    want_ret = len + #src
  end
  local ret = bounded_append(dst, s, size)
  local call = ("bounded_append(dst = %s, %s, %d)%s"):format(literal(before), src_text(src), size, note or "")
  compare_dst(dst, want, call, 2)
  expect(ret, call .. ": return value"):eq(want_ret, { hint = 3 })
end

---------------------------------------------------------------- bounded_copy

test("copy: a string that fits", function() check_copy("hello", 16) end)
test("copy: the empty string", function() check_copy("", 8) end)
test("copy: an exact fit (length size - 1)", function() check_copy("abcdefg", 8) end)
test("copy: one character too long is truncated", function() check_copy("abcdefgh", 8) end)
test("copy: truncated hard, the full length is returned", function() check_copy("the quick brown fox jumps over the lazy dog", 10) end)
test("copy: size 1 leaves the empty string", function() check_copy("abc", 1) end)
test("copy: size 0 writes nothing", function()
  -- dst has no bytes at all here: any write to it is reported.
  check_copy("abc", 0, " (no room even for the NUL)")
end)
test("copy: a long source", function()
  local t = {}
  for i = 1, 100000 do t[i] = string.char(97 + (i * 7) % 26) end
  check_copy(table.concat(t), 100)
  check_copy(table.concat(t), 100001)
end)
test("copy: random strings and sizes", function()
  for _ = 1, 50 do
    local n = gen.int(0, 60)
    local t = {}
    for i = 1, n do t[i] = string.char(gen.int(33, 126)) end
    check_copy(table.concat(t), gen.int(0, 70))
  end
end)

---------------------------------------------------------------- bounded_append

test("append: room for all of it", function() check_append("foo\0", "bar", 16) end)
test("append: to the empty string", function() check_append("\0", "bar", 8) end)
test("append: the empty string", function() check_append("foo\0", "", 8) end)
test("append: an exact fit", function() check_append("foo\0", "bar", 7) end)
test("append: truncated", function() check_append("foo\0", "barbaz", 7) end)
test("append: dst already full", function() check_append("abcdefg\0", "xyz", 8) end)
test("append: no NUL within size: nothing is written", function()
  -- dst holds 8 bytes and none is a NUL: strlen(dst) would read past the buffer.
  check_append("abcdefgh", "xyz", 8, " (dst has no NUL within its 8 bytes)")
end)
test("append: size 0 writes nothing", function() check_append("", "abc", 0, " (dst has no bytes)") end)
test("append: repeated appends build a string", function()
  local dst = make_dst(12, "\0")
  local parts, built = { "ab", "cde", "fghi", "jklmn" }, ""
  for _, p in ipairs(parts) do
    local s = buf.str(p, { name = "src", align = 1 })
    local ret = bounded_append(dst, s, 12)
    local want_ret = #built + #p
    expect(ret, ("appending %q to %q in 12 bytes: return value"):format(p, built)):eq(want_ret, { hint = 3 })
    built = (built .. p):sub(1, 11)
  end
  local got = dst:string()
  expect(got, 'after appending "ab", "cde", "fghi", "jklmn" to "" in 12 bytes, dst'):eq("abcdefghijk", { hint = 2 })
end)
test("append: random strings and sizes", function()
  for _ = 1, 50 do
    local size = gen.int(1, 40)
    local dl = gen.int(0, size - 1)
    local t = {}
    for i = 1, dl do t[i] = string.char(gen.int(33, 126)) end
    local u = {}
    for i = 1, gen.int(0, 40) do u[i] = string.char(gen.int(33, 126)) end
    check_append(table.concat(t) .. "\0", table.concat(u), size)
  end
end)
