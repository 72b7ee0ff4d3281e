local shout = learner.fn "void shout(char *s)"
local shout_lines = learner.fn "void harness_shout_lines(char *text, int n_lines, int line_len)"
local reference_lines = reference.fn "void harness_shout_lines(char *text, int n_lines, int line_len)"

-- What shout must produce, computed here byte by byte: only 'a'..'z' change.
local function upper(s)
  return (s:gsub("[a-z]", function(c) return string.char(c:byte() - 32) end))
end

local function show_char(b)
  if b >= 32 and b < 127 then return ("'%s' (%d)"):format(string.char(b), b) end
  return ("byte %d"):format(b)
end

-- Runs shout on a copy of text and reports the first wrong byte, if any.
local function check(text, opts)
  local s = buf.str(text, { name = "s", align = 1 })
  shout(s)
  local got, want = s:string(), upper(text)
  if got == want then return end
  local i = 1
  while i <= #want and got:byte(i) == want:byte(i) do i = i + 1 end
  local shown = #text <= 40 and ("%q"):format(text) or ("a %d-character string"):format(#text)
  local g = got:byte(i)
  fail(("shout(%s): expected %q, got %q; first difference at s[%d]: expected %s, got %s"):format(
    shown, #want <= 40 and want or want:sub(1, 40) .. "...", #got <= 40 and got or got:sub(1, 40) .. "...",
    i - 1, show_char(want:byte(i)), g and show_char(g) or "the end of the string"), opts)
end

test("a word", function() check("banana", { hint = 1 }) end)
test("the empty string", function() check("") end)
test("one letter: a", function() check("a", { hint = 2 }) end)
test("one letter: z", function() check("z", { hint = 2 }) end)
test("neighbours of the letters stay as they are", function()
  -- '`' and '{' sit just below 'a' and just above 'z'; '@' and '[' around 'A'..'Z'.
  check("`az{ @AZ[", { hint = 2 })
end)
test("digits, punctuation and capitals are unchanged", function() check("Hello, World! 0123456789 ~_-") end)
test("bytes above 127 (UTF-8) are unchanged", function() check("caf\xc3\xa9 na\xc3\xafve") end)

test("stops at the terminating NUL", function()
  -- "abc", a NUL, then "def": the bytes after the NUL are not part of the string.
  local s = buf.char({ 97, 98, 99, 0, 100, 101, 102 }, { name = "s", align = 1 })
  shout(s)
  local want = { 65, 66, 67, 0, 100, 101, 102 }
  for i = 0, 6 do
    if s[i] ~= want[i + 1] then
      fail(("shout on the bytes \"abc\\0def\": s[%d]: expected %s, got %s (only the bytes before the NUL belong to the string)"):format(
        i, show_char(want[i + 1] & 0xff), show_char(s[i] & 0xff)))
    end
  end
end)

test("random lines", function()
  for _ = 1, 30 do
    local n = gen.int(0, 300)
    local t = {}
    for k = 1, n do t[k] = string.char(gen.int(32, 126)) end
    check(table.concat(t))
  end
end)

test("speed: 2 MiB of 2047-character lines", function()
  local line_len = 2047
  local n_lines = (2 * 1024 * 1024) // (line_len + 1)
  local size = n_lines * (line_len + 1)
  local mine = buf.char(size, { name = "text", align = 1 })
  local theirs = buf.char(size, { name = "reference text", align = 1 })
  bench.compare("shout", {
    reps = 7,
    inputs = function(rep)
      mine:random(seed + rep, 32, 126)
      for i = 1, n_lines do mine[i * (line_len + 1) - 1] = 0 end
      theirs = mine:copy("reference text")
    end,
    learner = function() shout_lines(mine, n_lines, line_len) end,
    against = function() reference_lines(theirs, n_lines, line_len) end,
    check = function() expect.buffer(mine, theirs, { what = "text" }) end,
  })
end)
