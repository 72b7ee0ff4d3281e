local new = learner.fn "struct bpe *bpe_new(const int *merges, int nmerges)"
local encode = learner.fn "int bpe_encode(const struct bpe *t, const char *text, int len, int *out)"
local decode = learner.fn "int bpe_decode(const struct bpe *t, const int *ids, int n, char *out)"
local free_t = learner.fn "void bpe_free(struct bpe *t)"
local ref_new = reference.fn "struct bpe *bpe_new(const int *merges, int nmerges)"
local ref_encode = reference.fn "int bpe_encode(const struct bpe *t, const char *text, int len, int *out)"

-- The encoding rule, in Lua: lowest rank first, all its occurrences left to right.
local function lua_encode(merges, s)
  local rank = {}
  for r = #merges, 1, -1 do rank[merges[r][1] * 65536 + merges[r][2]] = r - 1 end
  local t = { s:byte(1, -1) }
  while true do
    local best
    for i = 1, #t - 1 do
      local r = rank[t[i] * 65536 + t[i + 1]]
      if r and (not best or r < best) then best = r end
    end
    if not best then return t end
    local a, b, out, i = merges[best + 1][1], merges[best + 1][2], {}, 1
    while i <= #t do
      if i < #t and t[i] == a and t[i + 1] == b then out[#out + 1] = 256 + best; i = i + 2
      else out[#out + 1] = t[i]; i = i + 1 end
    end
    t = out
  end
end

-- Trains merges on a corpus (most frequent adjacent pair; ties: the smaller pair).
local function train(corpus, nmerges)
  local t, merges = { corpus:byte(1, -1) }, {}
  for r = 0, nmerges - 1 do
    local count, best, bc = {}, nil, 0
    for i = 1, #t - 1 do
      local k = t[i] * 65536 + t[i + 1]
      local c = (count[k] or 0) + 1
      count[k] = c
      if c > bc or (c == bc and k < best) then best, bc = k, c end
    end
    if not best or bc < 2 then break end
    local a, b = best // 65536, best % 65536
    merges[#merges + 1] = { a, b }
    local out, i = {}, 1
    while i <= #t do
      if i < #t and t[i] == a and t[i + 1] == b then out[#out + 1] = 256 + r; i = i + 2
      else out[#out + 1] = t[i]; i = i + 1 end
    end
    t = out
  end
  return merges
end

local WORDS = { "the", "model", "token", "cache", "attention", "batch", "café", "naïve", "über", "日本語", "東京",
  "kernel", "memory", "🙂", "déjà", "vu", "serve", "request", "latency", "throughput", "the", "a", "of", "and", "to" }
local function text(nwords)
  local w = {}
  for i = 1, nwords do w[i] = WORDS[math.random(#WORDS)] end
  return table.concat(w, " ")
end

local function merge_buf(merges)
  local b = buf.i32(math.max(1, 2 * #merges), { name = "merges" })
  for r, m in ipairs(merges) do b[2 * r - 2], b[2 * r - 1] = m[1], m[2] end
  return b
end

local function text_buf(s)
  local b = buf.char(#s, { name = "text" })
  for i = 1, #s do b[i - 1] = s:byte(i) end
  return b
end

-- Printable ASCII as is, every other byte as \xHH, so any byte string prints safely.
local function show_bytes(s)
  local more = #s > 40
  if more then s = s:sub(1, 40) end
  s = s:gsub('[^ -~]', function(c) return ("\\x%02X"):format(c:byte()) end):gsub('"', '\\"')
  return '"' .. s .. (more and '..."' or '"')
end

local function list(t, n)
  local out = {}
  for i = 1, math.min(#t, n or 20) do out[i] = tostring(t[i]) end
  if #t > (n or 20) then out[#out + 1] = ("... (%d tokens)"):format(#t) end
  return "[" .. table.concat(out, " ") .. "]"
end

-- Encodes s with the learner's tokenizer and compares with the rule.
local function check_encode(tok, merges, s, what, hint)
  local out = buf.i32(math.max(#s, 1), { name = "out" }):fill(-1)
  local n = encode(tok, text_buf(s), #s, out)
  local want = lua_encode(merges, s)
  local got = {}
  for i = 1, math.max(0, math.min(n, #s)) do got[i] = out[i - 1] end
  local ctx = ("%s: bpe_encode(%s)"):format(what, show_bytes(s))
  if n ~= #want or list(got, 1e9) ~= list(want, 1e9) then
    local first = 1
    while got[first] == want[first] do first = first + 1 end
    fail(("%s: expected %s, got %s (first difference at token %d)"):format(ctx, list(want), n >= 0 and list(got) or tostring(n), first - 1), { hint = hint })
  end
  return got
end

local function with(merges, f)
  local tok = new(merge_buf(merges), #merges)
  if tok == nil then fail("bpe_new returned NULL") end
  f(tok)
  free_t(tok)
end

test("no merges: the tokens are the bytes", function()
  with({}, function(tok) check_encode(tok, {}, "hello", "no merges", 1) end)
end)

local ABC = { { 97, 98 }, { 256, 99 }, { 97, 97 } }   -- ab -> 256, (ab)c -> 257, aa -> 258
test("merges build on earlier merges", function()
  with(ABC, function(tok)
    check_encode(tok, ABC, "abcab", "merges ab, (ab)c, aa", 2)
    check_encode(tok, ABC, "", "merges ab, (ab)c, aa", 2)
  end)
end)
test("overlapping pairs merge left to right", function()
  with(ABC, function(tok)
    check_encode(tok, ABC, "aaa", "merges ab, (ab)c, aa", 2)
    check_encode(tok, ABC, "aaaa", "merges ab, (ab)c, aa", 2)
    check_encode(tok, ABC, "aaab", "merges ab, (ab)c, aa", 2)
  end)
end)
test("the lowest rank goes first, wherever it is", function()
  local m = { { 98, 99 }, { 97, 98 } }                  -- bc first, then ab
  with(m, function(tok) check_encode(tok, m, "abc", "merges bc, ab", 2) end)
end)
test("bytes above 127 (UTF-8)", function()
  local m = { { 0xC3, 0xA9 }, { 0x63, 0x61 }, { 256 + 1, 0x66 }, { 258, 256 } }  -- é, ca, caf, café
  with(m, function(tok) check_encode(tok, m, "café é", "merges for café", 1) end)
end)

test("decode: tokens back to bytes", function()
  with(ABC, function(tok)
    local ids = buf.i32({ 257, 258, 98, 256 }, { name = "ids" })
    local out = buf.char(8, { name = "out" })
    expect(decode(tok, ids, 4, out), "bpe_decode([257 258 98 256]) with merges ab, (ab)c, aa: bytes written"):eq(8, { hint = 3 })
    expect(out:string(8), "bpe_decode([257 258 98 256])"):eq("abcaabab", { hint = 3 })
    local bad = buf.i32({ 97, 259 }, { name = "ids" })
    expect(decode(tok, bad, 2, buf.char(8, { name = "out" })), "bpe_decode([97 259]) with only 3 merges"):eq(-1, { hint = 3 })
  end)
end)

test("trained merges: encode text and decode it back", function()
  local corpus = text(600)
  local merges = train(corpus, 200)
  with(merges, function(tok)
    for k = 1, 5 do
      local s = text(40)
      local ids = check_encode(tok, merges, s, ("%d merges trained on %d bytes"):format(#merges, #corpus), 2)
      local idb = buf.i32(math.max(#ids, 1), { name = "ids" })
      for i, v in ipairs(ids) do idb[i - 1] = v end
      local out = buf.char(math.max(#s, 1), { name = "out" })
      local n = decode(tok, idb, #ids, out)
      expect(n, "decode(encode(text)): bytes"):eq(#s, { hint = 3 })
      expect(out:string(#s), "decode(encode(text))"):eq(s, { hint = 3 })
      if k == 1 then info(("%d merges: %.2f bytes per token on held-out text"):format(#merges, #s / #ids)) end
    end
  end)
end)

test("random bytes, every value 0..255", function()
  local corpus = {}
  for i = 1, 3000 do corpus[i] = string.char(math.random(0, 255) & (math.random() < 0.5 and 0xF1 or 0xFF)) end
  corpus = table.concat(corpus)
  local merges = train(corpus, 100)
  with(merges, function(tok)
    for _ = 1, 5 do
      local s = {}
      for i = 1, 300 do s[i] = string.char(math.random(0, 255) & 0xF1) end
      check_encode(tok, merges, table.concat(s), ("%d merges over random bytes"):format(#merges), 1)
    end
  end)
end)

test("a long text: 40,000 bytes, 800 merges", function()
  local corpus = text(2500)
  local merges = train(corpus, 800)
  local s = text(5000):sub(1, 40000)
  local mb = merge_buf(merges)
  local tok, rtok = new(mb, #merges), ref_new(mb, #merges)
  if tok == nil then fail("bpe_new returned NULL") end
  local out, want = buf.i32(#s, { name = "out" }), buf.i32(#s, { name = "expected" })
  local tb = text_buf(s)
  local n = encode(tok, tb, #s, out)
  local rn = ref_encode(rtok, tb, #s, want)
  expect(n, ("%d bytes, %d merges: number of tokens"):format(#s, #merges)):eq(rn, { hint = 2 })
  expect.buffer(out, want, { what = "out", hint = 2 })
  free_t(tok)
end)

test("bpe_free releases everything", function()
  local bytes = learner.fn "long long harness_leak(void)" ()
  if bytes > 4096 then fail(("a tokenizer with 2,000 merges left %d bytes allocated after bpe_free"):format(bytes)) end
end)
