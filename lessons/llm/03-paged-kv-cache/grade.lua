local new = learner.fn "struct paged *pg_new(int num_blocks, int block_size, int dim)"
local create = learner.fn "int pg_create(struct paged *p)"
local append = learner.fn "int pg_append(struct paged *p, int seq, const float *kv)"
local fork = learner.fn "int pg_fork(struct paged *p, int seq)"
local free_seq = learner.fn "void pg_free_seq(struct paged *p, int seq)"
local read = learner.fn "int pg_read(const struct paged *p, int seq, int pos, float *out)"
local block_table = learner.fn "int pg_block_table(const struct paged *p, int seq, int *table)"
local free_blocks = learner.fn "int pg_free_blocks(const struct paged *p)"
local destroy = learner.fn "void pg_destroy(struct paged *p)"
local leak = learner.fn "long long harness_leak(void)"

-- A model of the cache in Lua: abstract block ids with reference counts, and each
-- sequence's tokens. The learner's physical block ids are free to differ; what must match
-- is the structure: which (sequence, block index) pairs share a block.
local function world(num_blocks, bs, dim)
  local p = new(num_blocks, bs, dim)
  if p == nil then fail("pg_new returned NULL") end
  local W = { p = p, nb = num_blocks, bs = bs, dim = dim, free = num_blocks, ref = {}, next_block = 0, seqs = {}, log = {} }
  local out = buf.f32(dim, { name = "out" })
  local tbl = buf.i32(num_blocks + 1, { name = "table" })

  local function note(s) W.log[#W.log + 1] = s; if #W.log > 6 then table.remove(W.log, 1) end end
  local function ctx() return ("pool of %d blocks of %d tokens; ... %s"):format(num_blocks, bs, table.concat(W.log, ", ")) end
  local function alloc()
    if W.free == 0 then return nil end
    W.free = W.free - 1
    W.next_block = W.next_block + 1
    W.ref[W.next_block] = 1
    return W.next_block
  end
  local function release(b)
    W.ref[b] = W.ref[b] - 1
    if W.ref[b] == 0 then W.ref[b] = nil; W.free = W.free + 1 end
  end
  local function new_id(id, what)
    if math.type(id) ~= "integer" or id < 0 then fail(("%s: %s returned %s, not a sequence id"):format(ctx(), what, tostring(id))) end
    if W.seqs[id] then fail(("%s: %s returned id %d, which belongs to a live sequence"):format(ctx(), what, id)) end
  end

  function W.create()
    local id = create(p)
    new_id(id, "pg_create")
    W.seqs[id] = { tokens = {}, blocks = {} }
    note(("pg_create() = %d"):format(id))
    return id
  end

  function W.append(id, values)
    local s = W.seqs[id]
    local kv = buf.f32(values, { name = "kv" })
    local need, want = nil, 0
    local off = #s.tokens % bs
    if off == 0 then
      need = alloc()
      if not need then want = -1 end
    elseif W.ref[s.blocks[#s.blocks]] > 1 then
      need = alloc()
      if not need then want = -1 end
    end
    local got = append(p, id, kv)
    note(("pg_append(%d) at position %d"):format(id, #s.tokens))
    expect(got, ctx() .. ": pg_append returned"):eq(want, { hint = want == -1 and 3 or 1 })
    if want == -1 then return -1 end
    if off == 0 then
      s.blocks[#s.blocks + 1] = need
    elseif need then
      release(s.blocks[#s.blocks])
      s.blocks[#s.blocks] = need
    end
    s.tokens[#s.tokens + 1] = values
    return 0
  end

  function W.fork(id)
    local c = fork(p, id)
    new_id(c, ("pg_fork(%d)"):format(id))
    local s = W.seqs[id]
    local t = { tokens = {}, blocks = {} }
    for i, v in ipairs(s.tokens) do t.tokens[i] = v end
    for i, b in ipairs(s.blocks) do t.blocks[i] = b; W.ref[b] = W.ref[b] + 1 end
    W.seqs[c] = t
    note(("pg_fork(%d) = %d"):format(id, c))
    return c
  end

  function W.free_seq(id)
    for _, b in ipairs(W.seqs[id].blocks) do release(b) end
    W.seqs[id] = nil
    free_seq(p, id)
    note(("pg_free_seq(%d)"):format(id))
  end

  -- Every invariant: free count, table lengths, sharing structure, contents.
  function W.check(hint, contents)
    expect(free_blocks(p), ctx() .. ": pg_free_blocks()"):eq(W.free, { hint = hint })
    local l2m, m2l = {}, {}
    for id, s in pairs(W.seqs) do
      local n = block_table(p, id, tbl)
      expect(n, ("%s: sequence %d holds %d tokens; pg_block_table returned"):format(ctx(), id, #s.tokens)):eq(#s.blocks, { hint = hint })
      for i = 1, n do
        local lb, mb = tbl[i - 1], s.blocks[i]
        if lb < 0 or lb >= num_blocks then
          fail(("%s: sequence %d, block %d is physical block %d, outside the pool"):format(ctx(), id, i - 1, lb))
        end
        if l2m[lb] and l2m[lb].b ~= mb then
          fail(("%s: physical block %d is used by sequence %d (block %d) and sequence %d (block %d), which must not share it"):format(
            ctx(), lb, id, i - 1, l2m[lb].id, l2m[lb].i), { hint = 2 })
        end
        if m2l[mb] and m2l[mb].b ~= lb then
          fail(("%s: sequence %d block %d is physical block %d, but sequence %d block %d is physical block %d; they should be one shared block"):format(
            ctx(), id, i - 1, lb, m2l[mb].id, m2l[mb].i, m2l[mb].b), { hint = 2 })
        end
        l2m[lb] = { b = mb, id = id, i = i - 1 }
        m2l[mb] = { b = lb, id = id, i = i - 1 }
      end
      if contents ~= false then
        for pos, v in ipairs(s.tokens) do
          expect(read(p, id, pos - 1, out), ("%s: pg_read(%d, %d)"):format(ctx(), id, pos - 1)):eq(0)
          for j = 1, dim do
            expect(out[j - 1], ("%s: sequence %d, token %d, value %d"):format(ctx(), id, pos - 1, j - 1)):eq(v[j], { hint = hint })
          end
        end
      end
    end
  end

  function W.done() destroy(p) end

  -- A first sanity check, before anything is stored: two new sequences get different ids.
  local a = W.create()
  local b = W.create()
  W.free_seq(a)
  W.free_seq(b)
  W.log = {}
  return W
end

local counter = 0
local function kv(dim)
  counter = counter + 1
  local v = {}
  for j = 1, dim do v[j] = counter + j / 8 end
  return v
end

test("one sequence across several blocks", function()
  local W = world(8, 4, 3)
  local a = W.create()
  for _ = 1, 10 do W.append(a, kv(3)); W.check(1) end
  W.done()
end)

test("two sequences never share a block they both write", function()
  local W = world(8, 4, 2)
  local a, b = W.create(), W.create()
  for _ = 1, 6 do W.append(a, kv(2)); W.append(b, kv(2)); W.check(1) end
  W.done()
end)

test("fork shares every block; nothing is copied", function()
  local W = world(8, 4, 2)
  local a = W.create()
  for _ = 1, 6 do W.append(a, kv(2)) end
  W.fork(a)
  W.check(2)
  W.done()
end)

test("copy on write: appending to a shared, partly full block", function()
  local W = world(8, 4, 2)
  local a = W.create()
  for _ = 1, 6 do W.append(a, kv(2)) end
  local b = W.fork(a)
  W.append(b, kv(2)); W.check(2)     -- b copies its last block; the first stays shared
  W.append(a, kv(2)); W.check(2)     -- a's last block is its own now: written in place
  W.append(b, kv(2)); W.append(b, kv(2)); W.check(2)
  W.done()
end)

test("fork at a block boundary: a new block, no copy", function()
  local W = world(8, 4, 2)
  local a = W.create()
  for _ = 1, 8 do W.append(a, kv(2)) end
  local b = W.fork(a)
  W.append(b, kv(2)); W.append(a, kv(2)); W.check(2)
  W.done()
end)

test("many forks of one prompt (parallel sampling)", function()
  local W = world(16, 4, 2)
  local a = W.create()
  for _ = 1, 7 do W.append(a, kv(2)) end
  local kids = {}
  for k = 1, 5 do kids[k] = W.fork(a) end
  W.check(2)
  for k = 1, 5 do W.append(kids[k], kv(2)); W.check(2) end
  W.append(a, kv(2)); W.check(2)
  W.done()
end)

test("out of blocks: -1 and nothing changes", function()
  local W = world(3, 2, 1)
  local a = W.create()
  for _ = 1, 6 do W.append(a, kv(1)) end
  expect(W.append(a, kv(1)), "pool full: append"):eq(-1)
  W.check(3)
  W.done()
  -- Copy on write needs a block too.
  local V = world(2, 4, 1)
  local x = V.create()
  V.append(x, kv(1)); V.append(x, kv(1))
  local y = V.fork(x)
  V.append(y, kv(1)); V.check(3)                -- uses the last free block for the copy
  local z = V.fork(x)
  expect(V.append(z, kv(1)), "no free block for a copy: append"):eq(-1)
  V.check(3)
  V.done()
end)

test("freeing: shared blocks live until their last owner goes", function()
  local W = world(8, 4, 2)
  local a = W.create()
  for _ = 1, 9 do W.append(a, kv(2)) end
  local b = W.fork(a)
  W.append(b, kv(2))
  W.free_seq(a); W.check(3)
  W.append(b, kv(2)); W.check(3)
  W.free_seq(b); W.check(3)
  local c = W.create()                           -- the freed blocks are reused
  for _ = 1, 32 do W.append(c, kv(2)) end
  W.check(3)
  W.done()
end)

test("beam search: 3,000 random creates, appends, forks and frees", function()
  local W = world(48, 4, 2)
  local live = {}
  for step = 1, 3000 do
    local r = math.random()
    if #live == 0 or (r < 0.05 and #live < 12) then
      live[#live + 1] = W.create()
    elseif r < 0.15 and #live < 12 then
      live[#live + 1] = W.fork(live[math.random(#live)])
    elseif r < 0.22 then
      local k = math.random(#live)
      W.free_seq(live[k])
      table.remove(live, k)
    else
      local id = live[math.random(#live)]
      if W.append(id, kv(2)) == -1 and #live > 0 then          -- full: free the longest-lived
        W.free_seq(live[1]); table.remove(live, 1)
      end
    end
    W.check(2, step % 10 == 0)
  end
  W.check(2, true)
  W.done()
end)

test("pg_destroy releases everything", function()
  local bytes = leak()
  if bytes == -2 then fail("pg_create returned the same id twice (or a negative one)") end
  if bytes > 4096 then fail(("a destroyed cache (256 blocks, 16 sequences) left %d bytes allocated"):format(bytes)) end
end)
