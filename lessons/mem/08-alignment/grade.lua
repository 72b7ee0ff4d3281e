local align_up = learner.fn "uintptr_t align_up(uintptr_t x, size_t align)"
local alloc = learner.fn "void *aligned_alloc_pow2(size_t size, size_t align)"
local release = learner.fn "void aligned_free_pow2(void *p)"
local load_le32 = learner.fn "uint32_t load_le32(const void *p)"
local load_be64 = learner.fn "uint64_t load_be64(const void *p)"
local sum_le32 = learner.fn "uint64_t sum_le32(const void *p, long n)"
local addr = learner.fn "uint64_t harness_addr(const void *p)"
local fill = learner.fn "void harness_fill(void *p, size_t size, int tag)"
local first_bad = learner.fn "long long harness_check(const void *p, size_t size, int tag)"

test("align_up", function()
  local cases = {
    { 0, 1, 0 }, { 5, 1, 5 }, { 0, 64, 0 }, { 1, 64, 64 }, { 63, 64, 64 }, { 64, 64, 64 },
    { 65, 64, 128 }, { 4095, 4096, 4096 }, { 4097, 4096, 8192 }, { 12345, 8, 12352 },
    { 0x7fff0001, 0x10000, 0x7fff0000 + 0x10000 }, { 0x123456789abc, 0x1000, 0x12345678a000 },
    { 1 << 40, 1 << 30, 1 << 40 },
  }
  for _, c in ipairs(cases) do
    expect(align_up(c[1], c[2]), ("align_up(%d, %d)"):format(c[1], c[2])):eq(c[3], { hint = 1 })
  end
end)

local function check_block(p, size, align, what, tag)
  if p == nil then fail(("aligned_alloc_pow2(%d, %d) returned NULL (%s)"):format(size, align, what), { hint = 2 }) end
  local a = addr(p)
  if a % align ~= 0 then
    fail(("aligned_alloc_pow2(%d, %d) returned address 0x%x, which is %d bytes past a multiple of %d (%s)")
      :format(size, align, a, a % align, align, what), { hint = 2 })
  end
  fill(p, size, tag)
end

test("aligned_alloc_pow2: every power of two from 1 to 65536", function()
  local blocks = {}
  local tag = 0
  for _, size in ipairs { 1, 3, 24, 100, 4096, 100003 } do
    local align = 1
    while align <= 65536 do
      local p = alloc(size, align)
      tag = tag + 1
      check_block(p, size, align, "fresh block", tag)
      blocks[#blocks + 1] = { p = p, size = size, align = align, tag = tag }
      align = align * 2
    end
  end
  -- every block filled with its own pattern: any overlap or short block shows now
  for _, b in ipairs(blocks) do
    local bad = first_bad(b.p, b.size, b.tag)
    if bad >= 0 then
      fail(("the block from aligned_alloc_pow2(%d, %d) lost its contents at byte %d: it overlaps another block or is shorter than asked")
        :format(b.size, b.align, bad), { hint = 2 })
    end
  end
  for _, b in ipairs(blocks) do release(b.p) end
end)

test("aligned_alloc_pow2: an alignment that is not a power of two gives NULL", function()
  for _, align in ipairs { 0, 3, 12, 24, 48, 100, 4095 } do
    local p = alloc(64, align)
    if p ~= nil then
      release(p)
      fail(("aligned_alloc_pow2(64, %d) should return NULL: %d is not a power of two"):format(align, align), { hint = 1 })
    end
  end
end)

test("aligned_alloc_pow2: a size that would overflow gives NULL", function()
  for _, k in ipairs { 1, 10, 100 } do
    local p = alloc(-k, 64) -- SIZE_MAX - k + 1
    if p ~= nil then
      fail(("aligned_alloc_pow2(SIZE_MAX - %d, 64) should return NULL; the size plus your padding wrapped around to a small number")
        :format(k - 1), { hint = 3 })
    end
  end
end)

test("aligned_free_pow2: NULL is allowed", function() release(nil) end)

test("aligned_free_pow2 after many mixed allocations", function()
  local live = {}
  for i = 1, 3000 do
    local size, align = gen.int(1, 5000), 1 << gen.int(0, 12)
    local p = alloc(size, align)
    check_block(p, size, align, "mixed allocations", i)
    live[#live + 1] = { p = p, size = size, tag = i }
    if #live > 50 then
      local b = table.remove(live, gen.int(1, #live))
      local bad = first_bad(b.p, b.size, b.tag)
      if bad >= 0 then fail(("a block of %d bytes lost its contents at byte %d"):format(b.size, bad), { hint = 2 }) end
      release(b.p)
    end
  end
  for _, b in ipairs(live) do release(b.p) end
end)

local function bytes(t) return buf.u8(t, { name = "bytes" }) end

test("load_le32 at every offset", function()
  local b = bytes { 0x01, 0x02, 0x03, 0x04, 0x85, 0x86, 0x87, 0x88, 0xff, 0x00, 0x7f }
  for k = 0, 7 do
    local want = b[k] | b[k + 1] << 8 | b[k + 2] << 16 | b[k + 3] << 24
    expect(load_le32(b:ptr(k)), ("load_le32(bytes + %d), bytes %02x %02x %02x %02x"):format(k, b[k], b[k + 1], b[k + 2], b[k + 3]))
      :eq(want, { hint = 1 })
  end
end)

test("load_be64 at every offset", function()
  local b = bytes { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe }
  for k = 0, 8 do
    local want = 0
    for i = 0, 7 do want = want << 8 | b[k + i] end
    expect(load_be64(b:ptr(k)), ("load_be64(bytes + %d): the bytes in order, most significant first"):format(k))
      :eq(want, { hint = 1 })
  end
end)

test("sum_le32 at every offset, ending at the last byte", function()
  for k = 0, 7 do
    for _, n in ipairs { 0, 1, 2, 7, 1000 } do
      -- the buffer ends exactly after the last value: reading past it faults
      local b = gen.u8(k + 4 * n, { name = ("bytes (values start at + %d)"):format(k) })
      local want = 0
      for i = 0, n - 1 do
        local j = k + 4 * i
        want = want + (b[j] | b[j + 1] << 8 | b[j + 2] << 16 | b[j + 3] << 24)
      end
      expect(sum_le32(b:ptr(k), n), ("sum_le32(bytes + %d, %d)"):format(k, n)):eq(want)
    end
  end
end)

-- Last: if the blocks are never freed, this leaves the memory limit exhausted.
test("aligned_free_pow2 gives the memory back (3 GiB in 1 MiB blocks)", function()
  for i = 1, 3072 do
    local p = alloc(1024 * 1024 + 1, 4096)
    if p == nil then
      fail(("aligned_alloc_pow2(1 MiB + 1, 4096) returned NULL after %d blocks had been allocated and freed: aligned_free_pow2 does not return them to malloc")
        :format(i - 1), { hint = 3 })
    end
    fill(p, 64, i)
    release(p)
  end
end)
