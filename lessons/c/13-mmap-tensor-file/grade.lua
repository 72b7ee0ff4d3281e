local tensor_open = learner.fn "int tensor_open(const char *path, struct tensor_file *t)"
local tensor_close = learner.fn "void tensor_close(struct tensor_file *t)"
local write_file = learner.fn "int harness_write_file(const char *path, const char *header, long long hlen, long long data_bytes, int dtype)"
local info = learner.fn "void harness_info(const struct tensor_file *t, long long *out)"
local check_data = learner.fn "long long harness_check_data(const struct tensor_file *t, int dtype, long long count)"
local mapped_from = learner.fn "int harness_mapped_from(const struct tensor_file *t, const char *name)"
local count_fds = learner.fn "int harness_count_fds(void)"
local count_maps = learner.fn "int harness_count_maps(void)"

local F32, F64, I32, I8 = 0, 1, 2, 3
local ESIZE = { [0] = 4, 8, 4, 1 }
local DNAME = { [0] = "f32", "f64", "i32", "i8" }

local function header(dtype, dims, opts)
  opts = opts or {}
  local h = string.pack("<c4I4I4I4", opts.magic or "KDT1", dtype, opts.ndim or #dims, 0)
  for _, d in ipairs(dims) do h = h .. string.pack("<I8", d) end
  local offset = (#h + 63) // 64 * 64
  return h .. string.rep("\0", offset - #h), offset
end

local function shape(dims)
  local t = {}
  for i, d in ipairs(dims) do t[i] = d < 0 and ("%u"):format(d) or tostring(d) end
  return "{" .. table.concat(t, ", ") .. "}"
end

local made = 0
local function make(hdr, data_bytes, dtype)
  made = made + 1
  local path = ("tensor-%d.kdt"):format(made)
  if write_file(path, hdr, #hdr, data_bytes, dtype) ~= 0 then
    fail(("the tests could not create %s: are descriptors left open?"):format(path))
  end
  return path
end

local function new_t() return buf.u64(14, { name = "t" }) end -- struct tensor_file, 112 bytes

-- A valid file of the given dtype and dims: opens, checks every field and every element.
local function valid(dtype, dims)
  local count = 1
  for _, d in ipairs(dims) do count = count * d end
  local hdr, offset = header(dtype, dims)
  local path = make(hdr, count * ESIZE[dtype], dtype)
  local what = ("a %s tensor of shape %s (%d bytes of header, data at offset %d)"):format(DNAME[dtype], shape(dims), #hdr, offset)
  local t = new_t()
  local rc = tensor_open(path, t)
  if rc ~= 0 then fail(("tensor_open of %s returned %d, expected 0"):format(what, rc), { hint = 1 }) end
  local o = buf.i64(14, { name = "info" })
  info(t, o)
  if o[0] == 0 or o[4] == 0 then fail(("tensor_open of %s returned 0 but left t->map or t->data NULL"):format(what), { hint = 1 }) end
  expect(o[1], ("tensor_open of %s: t->map_size (the file's size)"):format(what)):eq(offset + count * ESIZE[dtype])
  expect(o[2], ("tensor_open of %s: t->dtype"):format(what)):eq(dtype)
  expect(o[3], ("tensor_open of %s: t->ndim"):format(what)):eq(#dims)
  for i, d in ipairs(dims) do expect(o[5 + i], ("tensor_open of %s: t->dims[%d]"):format(what, i - 1)):eq(d) end
  expect(o[5], ("tensor_open of %s: t->count"):format(what)):eq(count, { hint = 2 })
  if o[4] - o[0] ~= offset then
    fail(("tensor_open of %s: t->data is t->map + %d; the data starts at offset %d, the header rounded up to a multiple of 64"):format(what, o[4] - o[0], offset), { hint = 1 })
  end
  local bad = check_data(t, dtype, count)
  if bad >= 0 then fail(("tensor_open of %s: element %d of t->data is not the file's"):format(what, bad)) end
  return t, path, what
end

test("a 1-D float tensor", function() tensor_close((valid(F32, { 10 }))) end)
test("tensors of every dtype and up to 8 dimensions", function()
  tensor_close((valid(F64, { 2, 3, 4 })))
  tensor_close((valid(I32, { 7, 1, 13 })))
  tensor_close((valid(I8, { 3, 5 })))
  tensor_close((valid(F32, { 2, 2, 2, 2, 2, 2, 2, 3 })))
  tensor_close((valid(I8, { 1000003 })))
end)

test("the data is used in place, not copied", function()
  local t, path, what = valid(F32, { 512, 512 })
  local r = mapped_from(t, path)
  tensor_close(t)
  if r ~= 1 then
    fail(("tensor_open of %s: t->data points into memory that is not a mapping of %s (per /proc/self/maps): the data was copied. Map the file with mmap and point t->data into the mapping"):format(what, path), { hint = 1 })
  end
end)

test("an empty tensor", function() tensor_close((valid(F32, { 0, 5 }))) end)

-- A file that tensor_open must refuse, with nothing left open or mapped.
local function invalid(hdr, data_bytes, dtype, what, hint)
  local path = make(hdr, data_bytes, dtype)
  local t = new_t()
  local fds, maps = count_fds(), count_maps()
  local rc = tensor_open(path, t)
  if rc ~= -1 then
    if rc == 0 then tensor_close(t) end
    fail(("tensor_open of %s returned %d, expected -1"):format(what, rc), { hint = hint })
  end
  local fds2, maps2 = count_fds(), count_maps()
  if fds2 > fds then fail(("tensor_open of %s returned -1 but left a file descriptor open"):format(what), { hint = 3 }) end
  if maps2 > maps then fail(("tensor_open of %s returned -1 but left the file mapped (munmap it)"):format(what), { hint = 3 }) end
end

test("a file that does not exist", function()
  local t = new_t()
  expect(tensor_open("no-such-tensor.kdt", t), "tensor_open of a file that does not exist"):eq(-1)
end)

test("files too short for a header", function()
  invalid("", 0, F32, "an empty file (mmap of 0 bytes fails)", 3)
  invalid("KDT1\0\0", 0, F32, "a 6-byte file", 3)
  local hdr = header(F32, { 4, 4, 4 })
  invalid(hdr:sub(1, 30), 0, F32, "a file cut off inside its dims (30 bytes, ndim 3 needs 40)", 3)
end)

test("a wrong magic, dtype or ndim", function()
  invalid(header(F32, { 4 }, { magic = "KDT2" }), 16, F32, "a file starting with KDT2", 2)
  invalid(header(F32, { 4 }, { magic = "\0\0\0\0" }), 16, F32, "a file starting with four zero bytes", 2)
  invalid(header(4, { 4 }), 16, F32, "dtype 4 (only 0 .. 3 exist)", 2)
  invalid(header(0xFFFFFFFF, { 4 }), 16, F32, "dtype 0xFFFFFFFF", 2)
  invalid(header(F32, {}, { ndim = 0 }), 0, F32, "ndim 0", 2)
  invalid(header(F32, { 1, 1, 1, 1, 1, 1, 1, 1, 1 }), 4, F32, "ndim 9 (at most 8)", 2)
  invalid(header(F32, { 4 }, { ndim = 0x40000000 }), 16, F32, "ndim 2^30 (16 + 8 x ndim overflows 32 bits)", 2)
end)

test("data that runs past the end of the file", function()
  local hdr = header(F32, { 10, 10 })
  invalid(hdr, 399, F32, "a f32 tensor of shape {10, 10} with 399 data bytes (400 needed)", 2)
  invalid(hdr, 0, F32, "a f32 tensor of shape {10, 10} with no data", 2)
  invalid(header(F64, { 3 }):sub(1, 40), 0, F64, "a f64 tensor of shape {3} cut off in its padding", 2)
end)

test("shapes whose size overflows 64 bits", function()
  local function over(dtype, dims, why)
    invalid(header(dtype, dims), 64, dtype, ("a %s tensor of shape %s (%s) with 64 data bytes"):format(DNAME[dtype], shape(dims), why), 2)
  end
  over(F32, { 1 << 32, 1 << 32, 2 }, "the element count is 2^65, which wraps to 0")
  over(F32, { 1 << 62 }, "2^62 elements of 4 bytes are 2^64 bytes, which wraps to 0")
  over(I8, { 1 << 31, 1 << 31, 4 }, "2^64 elements, which wraps to 0")
  over(F64, { 3, 0x5555555555555556 }, "the count wraps to 2")
  over(F32, { -1 }, "2^64 - 1 elements")
end)

test("tensor_close releases the mapping", function()
  local hdr = header(F32, { 256 })
  local path = make(hdr, 1024, F32)
  local t = new_t()
  local fds, maps = count_fds(), count_maps()
  for _ = 1, 300 do
    if tensor_open(path, t) ~= 0 then fail("tensor_open of a valid f32 tensor of shape {256} returned nonzero", { hint = 1 }) end
    tensor_close(t)
  end
  local fds2, maps2 = count_fds(), count_maps()
  if fds2 > fds then fail(("after 300 tensor_open / tensor_close pairs, %d more file descriptors are open"):format(fds2 - fds), { hint = 3 }) end
  if maps2 > maps then fail(("after 300 tensor_open / tensor_close pairs, %d more mappings exist: tensor_close must munmap"):format(maps2 - maps), { hint = 3 }) end
end)
