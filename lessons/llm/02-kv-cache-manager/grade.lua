local replay = learner.fn "long long harness_replay(const int *op, const long long *key, const int *tokens, int n, long long capacity, int *res, long long *used, long long *evicted, long long evicted_cap)"
local SERVE = "long long harness_serve(const long long *req_key, const int *req_tokens, int nreq, long long capacity, int inflight, long long *rec, long long *evicted, long long evicted_cap)"
local serve, ref_serve = learner.fn(SERVE), reference.fn(SERVE)
local leak = learner.fn "long long harness_leak(int n)"

local LOOKUP, INSERT, PIN, UNPIN = 0, 1, 2, 3
local OPNAME = { [0] = "kv_lookup", "kv_insert", "kv_pin", "kv_unpin" }

---------------------------------------------------------------- a model, in Lua

-- An LRU list in a Lua table, O(entries) per operation: the rule of the README, written
-- as plainly as possible. Entries: { key, tokens, pins }, least recently used first.
local function model(capacity)
  local m = { cap = capacity, used = 0, pinned = 0, order = {} }
  local function find(key)
    for i, e in ipairs(m.order) do if e.key == key then return i end end
  end
  function m.lookup(key)
    local i = find(key)
    if not i then return 0 end
    table.insert(m.order, table.remove(m.order, i))
    return 1
  end
  function m.insert(key, tokens)
    if tokens > m.cap - m.pinned then return -1, {} end
    local ev, i = {}, 1
    while m.used + tokens > m.cap do
      local e = m.order[i]
      if e.pins == 0 then
        ev[#ev + 1] = e.key
        m.used = m.used - e.tokens
        table.remove(m.order, i)
      else
        i = i + 1
      end
    end
    m.order[#m.order + 1] = { key = key, tokens = tokens, pins = 0 }
    m.used = m.used + tokens
    return #ev, ev
  end
  function m.pin(key)
    local e = m.order[find(key)]
    e.pins = e.pins + 1
    if e.pins == 1 then m.pinned = m.pinned + e.tokens end
  end
  function m.unpin(key)
    local e = m.order[find(key)]
    e.pins = e.pins - 1
    if e.pins == 0 then m.pinned = m.pinned - e.tokens end
  end
  return m
end

local function describe(ops, upto)
  local parts = {}
  for i = math.max(1, upto - 7), upto do
    local o = ops[i]
    parts[#parts + 1] = o[1] == INSERT and ("%s(%d, %d tokens)"):format(OPNAME[o[1]], o[2], o[3]) or ("%s(%d)"):format(OPNAME[o[1]], o[2])
  end
  return (upto > 8 and "..., " or "") .. table.concat(parts, ", ")
end

-- Replays explicit operations on the learner's cache and checks every result against the
-- model: return values, evicted keys (in order) and kv_used after each operation.
local function check_ops(ops, capacity, hint)
  local n = #ops
  local op, key, tok = buf.i32(n, { name = "op" }), buf.i64(n, { name = "key" }), buf.i32(n, { name = "tokens" })
  for i, o in ipairs(ops) do op[i - 1], key[i - 1], tok[i - 1] = o[1], o[2], o[3] or 0 end
  local res, used = buf.i32(n, { name = "res" }), buf.i64(n, { name = "used" })
  local evicted = buf.i64(n + 1, { name = "evicted" })
  local ne = replay(op, key, tok, n, capacity, res, used, evicted, n + 1)
  if ne == -1 then fail("kv_new returned NULL") end
  if ne == -2 then fail("kv_insert reported more evicted keys than there were entries", { hint = 2 }) end
  local m, at = model(capacity), 0
  for i, o in ipairs(ops) do
    local want, ev = 0, {}
    if o[1] == LOOKUP then want = m.lookup(o[2])
    elseif o[1] == INSERT then want, ev = m.insert(o[2], o[3])
    elseif o[1] == PIN then m.pin(o[2])
    else m.unpin(o[2]) end
    local ctx = ("capacity %d; %s"):format(capacity, describe(ops, i))
    expect(res[i - 1], ctx .. ": the last call returned"):eq(want, { hint = hint })
    for j, k in ipairs(ev) do
      expect(evicted[at + j - 1], ("%s: evicted key %d of %d (least recently used first)"):format(ctx, j, #ev)):eq(k, { hint = hint })
    end
    if want > 0 and o[1] == INSERT then at = at + want end
    expect(used[i - 1], ctx .. ": kv_used() after it"):eq(m.used, { hint = hint })
  end
end

-- The serving traces run only once the small tests pass: a cache that answers wrongly
-- (a miss for a cached key, say) can corrupt its own memory over a long trace.
local failed_basic
local function basic(name, f)
  test(name, function()
    failed_basic = failed_basic or name
    local mine = failed_basic == name
    f()
    if mine then failed_basic = nil end
  end)
end
local function needs_basics()
  if failed_basic then
    fail(("not run until the test '%s' passes (a cache that answers wrongly can corrupt itself on a long trace)"):format(failed_basic))
  end
end

local function L(k) return { LOOKUP, k } end
local function I(k, t) return { INSERT, k, t } end
local function P(k) return { PIN, k } end
local function U(k) return { UNPIN, k } end

basic("hits, misses and the least recently used", function()
  check_ops({ L(1), I(1, 1), I(2, 1), I(3, 1), L(1), I(4, 1), L(2), L(1), L(3), L(4) }, 3, 1)
end)
basic("a lookup makes an entry the most recently used", function()
  check_ops({ I(1, 1), I(2, 1), I(3, 1), L(1), L(2), I(4, 1), L(3), L(1) }, 3, 1)
end)
basic("entries of different sizes: evict until it fits", function()
  check_ops({ I(10, 4), I(11, 3), I(12, 3), I(13, 6), L(10), L(11), L(12), L(13), I(14, 1) }, 10, 1)
end)
basic("an entry larger than the whole cache is refused (-1)", function()
  check_ops({ I(1, 4), I(2, 11), L(1), I(3, 10), L(1) }, 10, 2)
end)
basic("pinned entries are never evicted", function()
  check_ops({ I(1, 1), I(2, 1), I(3, 1), P(1), I(4, 1), L(1), L(2), I(5, 1), L(1) }, 3, 2)
end)
basic("an insert that cannot fit evicts nothing", function()
  check_ops({ I(1, 5), I(2, 3), P(1), I(3, 6), L(2), U(1), I(3, 6), L(1), L(2) }, 10, 2)
end)
basic("pins nest; unpinned entries can be evicted again", function()
  check_ops({ I(1, 2), I(2, 2), P(1), P(1), U(1), I(3, 2), L(1), U(1), I(4, 2), L(1) }, 4, 2)
end)
basic("an empty cache, and capacity 0", function()
  check_ops({ L(5), I(5, 1), L(5) }, 0, 2)
  check_ops({ I(7, 0), L(7) }, 0, 2)
end)

---------------------------------------------------------------- serving traces

-- Zipf-distributed sessions (popular conversations come back often), each with a fixed size.
local function zipf_requests(nreq, nsessions, s, min_tok, max_tok)
  local cdf, total = {}, 0
  for k = 1, nsessions do total = total + 1 / k ^ s; cdf[k] = total end
  local size = {}
  local keys, toks = buf.i64(nreq, { name = "req_key" }), buf.i32(nreq, { name = "req_tokens" })
  for r = 0, nreq - 1 do
    local u, lo, hi = math.random() * total, 1, nsessions
    while lo < hi do
      local mid = (lo + hi) // 2
      if cdf[mid] < u then lo = mid + 1 else hi = mid end
    end
    size[lo] = size[lo] or math.random(min_tok, max_tok)
    keys[r], toks[r] = lo * 7919, size[lo]
  end
  return keys, toks
end

local function run_serve(fn, keys, toks, nreq, capacity, inflight)
  local rec = buf.i64(4 * 4 * nreq, { name = "rec" }):fill(-7)
  local evicted = buf.i64(nreq + 1, { name = "evicted" })
  local nops = fn(keys, toks, nreq, capacity, inflight, rec, evicted, nreq + 1)
  return nops, rec, evicted
end

local function hit_rate(rec, nops)
  local hits, looks = 0, 0
  for i = 0, nops - 1 do
    if rec[4 * i] == LOOKUP then looks, hits = looks + 1, hits + rec[4 * i + 2] end
  end
  return hits / looks
end

-- The learner's run against the reference's, operation by operation.
local function against_reference(nreq, nsessions, capacity, inflight, what, min_tok, max_tok)
  needs_basics()
  local keys, toks = zipf_requests(nreq, nsessions, 1.0, min_tok or 16, max_tok or 2048)
  local nops, rec = run_serve(serve, keys, toks, nreq, capacity, inflight)
  if nops == -1 then fail("kv_new returned NULL") end
  if nops == -2 then fail(what .. ": kv_insert reported more evicted keys than there were entries", { hint = 2 }) end
  local rnops, rrec = run_serve(ref_serve, keys, toks, nreq, capacity, inflight)
  local idx = kd.compare(rec, rrec, 0, 0)
  if idx then
    local i = idx // 4
    local field = ({ [0] = "operation", "key", "result", "kv_used() after it" })[idx % 4]
    fail(("%s: operation %d, %s(%d): %s expected %d, got %d (the first difference from the reference)"):format(
      what, i, OPNAME[rrec[4 * i]] or "?", rrec[4 * i + 1], field, rrec[idx], rec[idx]), { hint = 2 })
  end
  expect(nops, what .. ": number of operations"):eq(rnops)
  for i = 0, nops - 1 do
    if rec[4 * i + 3] > capacity then fail(("%s: after operation %d kv_used() is %d, over the capacity %d"):format(what, i, rec[4 * i + 3], capacity)) end
  end
  info(("%s: hit rate %.1f%% (the reference: %.1f%%)"):format(what, 100 * hit_rate(rec, nops), 100 * hit_rate(rrec, rnops)))
end

test("serving: 20,000 requests over 2,000 sessions", function()
  against_reference(20000, 2000, 200000, 8, "20,000 requests, 2,000 sessions, 200,000 tokens, 8 in flight")
end)
test("serving: a small cache with many requests in flight", function()
  against_reference(20000, 500, 20000, 16, "20,000 requests, 500 sessions, 20,000 tokens, 16 in flight")
end)
test("serving: 300,000 requests over 100,000 sessions (needs O(1) operations)", function()
  -- Sessions of 8 to 64 tokens: about 55,000 entries fit, so a linear search per operation
  -- would cost tens of billions of steps.
  against_reference(300000, 100000, 2000000, 32, "300,000 requests, 100,000 sessions of 8-64 tokens, 2,000,000 tokens, 32 in flight", 8, 64)
end)

test("kv_free releases everything", function()
  local bytes = leak(20000)
  -- A few hundred bytes of allocator bookkeeping can move; a real leak is 10,000 entries' worth.
  if bytes > 4096 then fail(("a cache that held 10,000 entries (20,000 inserted) left %d bytes allocated after kv_free"):format(bytes)) end
end)
