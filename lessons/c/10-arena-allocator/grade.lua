local arena_init = learner.fn "void arena_init(struct arena *a, void *mem, size_t cap)"
local arena_alloc = learner.fn "void *arena_alloc(struct arena *a, size_t size, size_t align)"
local arena_alloc_array = learner.fn "void *arena_alloc_array(struct arena *a, size_t count, size_t elem_size, size_t align)"
local arena_mark = learner.fn "size_t arena_mark(const struct arena *a)"
local arena_reset = learner.fn "void arena_reset(struct arena *a, size_t mark)"
local addr = learner.fn "size_t harness_addr(const void *p)"
local fill = learner.fn "void harness_fill(void *p, size_t n, int value)"

local SIZE_MAX = -1 -- passed to a size_t parameter, -1 is SIZE_MAX

-- An arena over cap bytes. The memory ends against a guard page, so a block that runs
-- past it crashes when the tests write to it. Its start is wherever that puts it: its
-- address modulo 64 is (-cap) mod 64, so the cap chooses how the base is aligned.
local function new_arena(cap)
  local a = buf.u64(3, { name = "arena" }) -- struct arena: base, cap, used
  local mem = buf.u8(cap, { name = "mem", align = 1 })
  arena_init(a, mem, cap)
  local st = { a = a, mem = mem, base = addr(mem), cap = cap, used = 0, log = {} }
  st.what = ("an arena over %d bytes whose base address is %s"):format(cap,
    st.base % 64 == 0 and "a multiple of 64" or ("%d past a multiple of 64"):format(st.base % 64))
  return st
end

local function show_ptr(st, p)
  if p == nil then return "NULL" end
  local d = p - st.base
  if d >= 0 and d <= st.cap then return ("base + %d"):format(d) end
  return ("an address %d bytes from base, outside the arena"):format(d)
end

local function history(st)
  if #st.log == 0 then return "" end
  local n = #st.log
  local t = {}
  for i = math.max(1, n - 5), n do t[#t + 1] = st.log[i] end
  return (" after %s%s"):format(n > 6 and "..., " or "", table.concat(t, ", "))
end

-- The model: the lowest multiple of align at or after base + used, if size bytes fit there.
local function model(st, size, align)
  local nxt = st.base + st.used
  local pad = (-nxt) & (align - 1)
  local left = st.cap - st.used
  if pad > left or size > left - pad then return nil end
  return nxt + pad, pad
end

local function alloc(st, size, align, hint)
  local want, pad = model(st, size, align)
  local p = arena_alloc(st.a, size, align)
  local got = p ~= nil and addr(p) or nil
  local call = ("arena_alloc(a, %d, %d)"):format(size, align)
  if got ~= want then
    local why = ""
    if want and got == nil then why = ": the block fits"
    elseif want == nil then why = (": only %d bytes are left, and %d are needed with the padding"):format(st.cap - st.used, size + ((-(st.base + st.used)) & (align - 1)))
    elseif got % align ~= 0 then why = (": that address is %d past a multiple of %d"):format(got % align, align)
    elseif want and got > want then why = (": base + %d is the lowest multiple of %d after the %d bytes used"):format(want - st.base, align, st.used) end
    fail(("%s, %s%s: expected %s, got %s%s"):format(call, st.what, history(st), show_ptr(st, want), show_ptr(st, got), why), { hint = hint })
  end
  st.log[#st.log + 1] = call .. (want and "" or " = NULL")
  if want then
    st.used = st.used + pad + size
    fill(p, size, #st.log & 0xff)
  end
  return got
end

test("the first block starts at the base", function()
  local st = new_arena(64)
  alloc(st, 10, 1, 1)
end)

test("blocks with alignment 1 are packed one after another", function()
  local st = new_arena(64)
  alloc(st, 3, 1, 1); alloc(st, 5, 1, 1); alloc(st, 1, 1, 1); alloc(st, 7, 1, 1)
end)

test("aligned blocks on an aligned base", function()
  local st = new_arena(4096)
  alloc(st, 1, 1, 2); alloc(st, 8, 8, 2); alloc(st, 4, 4, 2); alloc(st, 1, 1, 2)
  alloc(st, 16, 16, 2); alloc(st, 3, 64, 2); alloc(st, 2, 2, 2); alloc(st, 100, 32, 2)
end)

test("alignment is of the address, not of the offset", function()
  for _, cap in ipairs({ 4099, 4101, 4127, 4097 }) do
    local st = new_arena(cap) -- the base is 61, 59, 33 and 63 bytes past a multiple of 64
    alloc(st, 8, 8, 2); alloc(st, 1, 1, 2); alloc(st, 16, 16, 2); alloc(st, 2, 2, 2)
    alloc(st, 4, 4, 2); alloc(st, 64, 64, 2); alloc(st, 8, 8, 2)
  end
end)

test("a block that does not fit gives NULL and changes nothing", function()
  local st = new_arena(100)
  alloc(st, 60, 1, 3); alloc(st, 50, 1, 3); alloc(st, 40, 1, 3); alloc(st, 1, 1, 3)
end)

test("padding counts toward the space used", function()
  local st = new_arena(16)
  alloc(st, 1, 1, 2); alloc(st, 8, 8, 2); alloc(st, 1, 1, 2)
  st = new_arena(16)
  alloc(st, 1, 1, 2); alloc(st, 9, 8, 2); alloc(st, 15, 1, 2)
  st = new_arena(4096)
  alloc(st, 1, 1, 2); alloc(st, 1, 4096, 2)
end)

test("an arena fills exactly", function()
  local st = new_arena(4096)
  for _ = 1, 4096 do alloc(st, 1, 1, 3) end
  alloc(st, 1, 1, 3)
  st = new_arena(4096)
  for _ = 1, 512 do alloc(st, 8, 8, 3) end
  alloc(st, 1, 1, 3)
end)

test("huge sizes give NULL instead of wrapping around", function()
  local st = new_arena(4096)
  alloc(st, 100, 1, 3)
  local function huge(size, align, shown)
    local p = arena_alloc(st.a, size, align)
    if p ~= nil then
      fail(("arena_alloc(a, %s, %d), %s after using %d bytes: expected NULL, got %s. used + padding + size wrapped around past SIZE_MAX and looked small; compare size with the bytes left instead"):format(
        shown, align, st.what, st.used, show_ptr(st, addr(p))), { hint = 3 })
    end
  end
  huge(SIZE_MAX, 1, "SIZE_MAX")
  huge(SIZE_MAX - 2, 8, "SIZE_MAX - 2")
  huge(-100, 1, "SIZE_MAX - 99")
  alloc(st, 10, 8, 3) -- and the arena still works, where it was
end)

test("arrays", function()
  local st = new_arena(4096)
  local function array(count, size, align)
    local want = model(st, count * size, align)
    local p = arena_alloc_array(st.a, count, size, align)
    local got = p ~= nil and addr(p) or nil
    if got ~= want then
      fail(("arena_alloc_array(a, %d, %d, %d), %s%s: expected %s, got %s"):format(count, size, align, st.what, history(st),
        show_ptr(st, want), show_ptr(st, got)), { hint = 3 })
    end
    st.log[#st.log + 1] = ("arena_alloc_array(a, %d, %d, %d)"):format(count, size, align)
    st.used = got and (got - st.base + count * size) or st.used
  end
  array(10, 4, 4); array(3, 24, 8); array(1000, 1000, 1); array(7, 1, 1); array(5, 8, 16)
end)

test("arrays whose size overflows give NULL", function()
  local st = new_arena(4096)
  alloc(st, 8, 8, 3)
  local function over(count, size, shown)
    local p = arena_alloc_array(st.a, count, size, 8)
    if p ~= nil then
      fail(("arena_alloc_array(a, %s, %d, 8), %s: expected NULL, got %s. count * elem_size is more than SIZE_MAX and wrapped around to %d; check count > SIZE_MAX / elem_size first"):format(
        shown, size, st.what, show_ptr(st, addr(p)), count * size), { hint = 3 })
    end
  end
  over((1 << 62) + 1, 8, "2^62 + 1")
  over((1 << 32) + 1, 1 << 32, "2^32 + 1")
  over(1 << 63, 2, "2^63")
  over((1 << 61) + 3, 16, "2^61 + 3")
  alloc(st, 8, 8, 3)
end)

test("mark and reset", function()
  local st = new_arena(4096)
  alloc(st, 5, 1, 1)
  local m = arena_mark(st.a)
  local saved = st.used
  local a1, a2, a3 = alloc(st, 100, 8, 1), alloc(st, 7, 1, 1), alloc(st, 32, 32, 1)
  arena_reset(st.a, m)
  st.used = saved
  st.log[#st.log + 1] = "arena_reset(a, the mark taken after the first block)"
  local b1, b2, b3 = alloc(st, 100, 8, 1), alloc(st, 7, 1, 1), alloc(st, 32, 32, 1)
  if a1 ~= b1 or a2 ~= b2 or a3 ~= b3 then fail("after the reset the same blocks should come back at the same addresses") end
  -- A reset to the very first mark frees everything.
  local st2 = new_arena(256)
  local m0 = arena_mark(st2.a)
  for _ = 1, 4 do
    for _ = 1, 8 do alloc(st2, 32, 1, 1) end
    alloc(st2, 1, 1, 1)
    arena_reset(st2.a, m0)
    st2.used = 0
    st2.log[#st2.log + 1] = "arena_reset(a, the mark of the empty arena)"
  end
end)

test("random blocks on bases of every alignment", function()
  for _ = 1, 60 do
    local st = new_arena(gen.int(200, 5000))
    local nulls = 0
    while nulls < 3 do
      local align = 1 << gen.int(0, 7)
      if alloc(st, gen.int(1, 200), align, 2) == nil then nulls = nulls + 1 end
    end
  end
end)
